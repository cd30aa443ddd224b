import type { Kysely } from "kysely";

/**
 * Document watch ("veille documentaire"): the feeds and pages a collectivité
 * watches, and what was new in them. A source is checked when `next_check_at`
 * has passed (claimed by one `UPDATE`, so one instance checks it); its last
 * outcome is a stable code, never the content. A page keeps the fingerprints
 * of its paragraphs (`fingerprints`, JSON) to tell what is new at the next
 * reading. Items are unique per source and key (the feed's id or link,
 * hashed), and deleted with their source or once older than the retention.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("watch_sources")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("direction_id", "text", (c) => c.references("directions.id").onDelete("set null"))
    .addColumn("interval_minutes", "integer", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("next_check_at", "text", (c) => c.notNull())
    .addColumn("checked_at", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("status_detail", "text")
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("etag", "text")
    .addColumn("last_modified", "text")
    .addColumn("fingerprints", "text")
    .execute();
  await db.schema
    .createIndex("watch_sources_next_check")
    .on("watch_sources")
    .columns(["enabled", "next_check_at"])
    .execute();
  await db.schema
    .createTable("watch_items")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("source_id", "text", (c) =>
      c.notNull().references("watch_sources.id").onDelete("cascade"),
    )
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("published_at", "text")
    .addColumn("found_at", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addUniqueConstraint("watch_items_source_key", ["source_id", "key"])
    .execute();
  await db.schema
    .createIndex("watch_items_found_at")
    .on("watch_items")
    .columns(["found_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("watch_items").execute();
  await db.schema.dropTable("watch_sources").execute();
}
