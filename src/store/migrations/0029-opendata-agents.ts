import { type Kysely, sql } from "kysely";
import { fillAgentKind, OPEN_DATA_ROW } from "./0026-observatory.js";

/**
 * The open data's rows (a subject, a model, its hosting and a data class)
 * withhold the ones behind fewer agents than the charter's threshold. Their
 * agents were counted by scanning the journal's records at each download
 * of a public address; they are now:
 *
 * - kept like the observatory's other distinct counts, one mask per agent,
 *   row and year in `usage_agent_years` (kind `row`), filled here from the
 *   records kept (the masks are OR-ed, so a journal that 0026 filled with
 *   this kind already is left as it was);
 * - counted from those masks a few keys at a time, and kept per month in
 *   `opendata_agents` (`opendata_months` says when, and whether the month
 *   was over then: a finished month is counted once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await fillAgentKind(db, "row", OPEN_DATA_ROW, sql`1 = 1`);
  await db.schema
    .createTable("opendata_agents")
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("agents", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("opendata_agents_pk", ["month", "key"] as never[])
    .execute();
  await db.schema
    .createTable("opendata_months")
    .addColumn("month", "text", (c) => c.primaryKey().notNull())
    .addColumn("counted_at", "text", (c) => c.notNull())
    .addColumn("final", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("opendata_months").execute();
  await db.schema.dropTable("opendata_agents").execute();
  await sql`delete from usage_agent_years where kind = 'row'`.execute(db);
}
