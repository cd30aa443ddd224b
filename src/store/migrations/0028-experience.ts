import type { Kysely } from "kysely";

/**
 * Capitalising experience: « retours d'expérience » filed by agents about a
 * use case or an assistant (`subject_kind`, `subject_id`): what worked, what
 * did not, the minutes a use saves them; curated (published or set aside) by
 * referents and administrators. And proposals to change the charter or a
 * knowledge base, answered by administrators. Free texts are scanned before
 * they are stored: none holds personal data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("experience_reports")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("subject_kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("direction_id", "text", (c) => c.references("directions.id").onDelete("set null"))
    .addColumn("worked", "text", (c) => c.notNull())
    .addColumn("did_not_work", "text", (c) => c.notNull())
    .addColumn("minutes_saved", "double precision")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("curated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("curated_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("experience_reports_subject")
    .on("experience_reports")
    .columns(["subject_kind", "subject_id", "status"])
    .execute();
  await db.schema
    .createIndex("experience_reports_author")
    .on("experience_reports")
    .column("author_id")
    .execute();
  await db.schema
    .createTable("proposals")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("target_base_id", "text", (c) =>
      c.references("knowledge_bases.id").onDelete("set null"),
    )
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("answered_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("proposals_author").on("proposals").column("author_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("proposals").execute();
  await db.schema.dropTable("experience_reports").execute();
}
