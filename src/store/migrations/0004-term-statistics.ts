import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * PostgreSQL's lexical index keeps its statistics up to date as it changes,
 * as FTS5 does on SQLite: each term's passage count, and the number of
 * passages and of terms over them. Counting them from the postings at each
 * question took seconds at 100,000 passages (docs/benchmarks.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema
    .createTable("term_statistics")
    .addColumn("term", "text", (c) => c.primaryKey().notNull())
    .addColumn("df", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("passage_statistics")
    .addColumn("id", "integer", (c) => c.primaryKey().notNull().check(sql`id = 1`))
    .addColumn("passages", "bigint", (c) => c.notNull())
    .addColumn("terms", "bigint", (c) => c.notNull())
    .execute();
  await sql`insert into term_statistics (term, df) select term, count(*) from passage_terms group by term`.execute(
    db,
  );
  await sql`insert into passage_statistics (id, passages, terms) select 1, count(*), coalesce(sum(term_count), 0) from passages`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema.dropTable("passage_statistics").execute();
  await db.schema.dropTable("term_statistics").execute();
}
