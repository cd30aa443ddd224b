import type { Kysely } from "kysely";

/**
 * The usage charter: every version an administrator saved (the YAML as
 * written, who, when, what changed), each agent's acceptance of a version,
 * and the validation of AI-assisted answers (who, when: the evidence that a
 * published text was reviewed by a person).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("charters")
    .addColumn("version", "integer", (c) => c.primaryKey().notNull())
    .addColumn("yaml", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    /** JSON list of the top-level keys that differ from the previous version. */
    .addColumn("changes", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("charter_acceptances")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().references("charters.version"))
    .addColumn("accepted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("charter_acceptances_pk", ["user_id", "version"])
    .execute();

  await db.schema
    .alterTable("messages")
    .addColumn("validated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.alterTable("messages").addColumn("validated_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("messages").dropColumn("validated_at").execute();
  await db.schema.alterTable("messages").dropColumn("validated_by").execute();
  await db.schema.dropTable("charter_acceptances").execute();
  await db.schema.dropTable("charters").execute();
}
