import type { Kysely } from "kysely";

/**
 * Personal data in knowledge bases: each base says what to do with a
 * document in which the guard finds personal data (`index` as is,
 * `pseudonymise`, or `quarantine` until a referent reviews it); each
 * document keeps what was found (class, counts per type, never a value),
 * what was done, and who released it from quarantine; each passage keeps the
 * counts per type found in it.
 *
 * Existing bases get `index`: their documents were indexed as is, and stay
 * so (nothing disappears from search after an upgrade); the quality audit
 * scans their passages and shows what it finds. New bases default to
 * `quarantine` (set by the service, not by this default).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite adds a single column per ALTER TABLE.
  await db.schema
    .alterTable("knowledge_bases")
    .addColumn("personal_data", "text", (c) => c.notNull().defaultTo("index"))
    .execute();
  for (const column of [
    /** public, personal or sensitive; null: never scanned (ingested before this migration). */
    "personal_data_class",
    /** JSON object: occurrences per entity type, e.g. {"EMAIL":2}. */
    "personal_data_types",
    /** What ingestion did: index, pseudonymise or quarantine. */
    "personal_data_action",
    /** Quarantined documents only: JSON list of the passages concerned (ordinal, section, page, counts, masked excerpt). */
    "personal_data_findings",
    /** A referent's release from quarantine: index or pseudonymise. */
    "released_as",
    "released_by",
    "released_at",
  ]) {
    await db.schema.alterTable("documents").addColumn(column, "text").execute();
  }
  /** JSON object of occurrences per entity type found in the passage; null when none (or never scanned). */
  await db.schema.alterTable("passages").addColumn("personal_data", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("passages").dropColumn("personal_data").execute();
  for (const column of [
    "released_at",
    "released_by",
    "released_as",
    "personal_data_findings",
    "personal_data_action",
    "personal_data_types",
    "personal_data_class",
  ]) {
    await db.schema.alterTable("documents").dropColumn(column).execute();
  }
  await db.schema.alterTable("knowledge_bases").dropColumn("personal_data").execute();
}
