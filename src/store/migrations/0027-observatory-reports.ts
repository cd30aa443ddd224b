import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The observatory's monthly reports, generated once a month is over and
 * kept: figures only (counts, sums, names of assistants, use cases and
 * models), never a person's name or a text. One row per month: an instance
 * claims it by inserting it (`claim`, `claimed_until`); another may take it
 * over only once the claim has lapsed without a report (`generated_at` null).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("observatory_reports")
    .addColumn("month", "text", (c) => c.primaryKey().notNull())
    .addColumn("claim", "text", (c) => c.notNull())
    .addColumn("claimed_until", "text", (c) => c.notNull())
    .addColumn("generated_at", "text")
    .addColumn("html", "text")
    .addColumn("pdf", isPostgres(db) ? sql`bytea` : "blob")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("observatory_reports").execute();
}
