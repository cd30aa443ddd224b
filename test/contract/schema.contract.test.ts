import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { pendingMigrations, type Store } from "../../src/store/index.js";
import { freshStore, postgresSkip } from "../support/stores.js";

/**
 * The documented differences: the lexical index (FTS5 on SQLite, postings and
 * their statistics on PostgreSQL) and the search over conversations (FTS5
 * tables on SQLite, GIN indexes on PostgreSQL: `store/conversation-search.ts`).
 */
const DIALECT_SPECIFIC =
  /^(passages_fts|passages_vocab|passage_terms|term_statistics|passage_statistics|messages_search|conversation_titles_search)/;

/** Tables and their columns as each dialect reports them, so the two can be compared. */
async function columns(store: Store): Promise<Record<string, string[]>> {
  const current =
    store.dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]
          ?.schema
      : undefined;
  const tables = await store.db.introspection.getTables();
  return Object.fromEntries(
    tables
      .filter(
        (table) =>
          table.schema === current &&
          !table.name.startsWith("beffroi_migrations") &&
          !DIALECT_SPECIFIC.test(table.name),
      )
      .map((table) => [
        table.name,
        table.columns.map((column) => `${column.name}${column.isNullable ? "?" : ""}`).sort(),
      ])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

describe("one schema for both stores", async () => {
  const skip = await postgresSkip("postgres");
  let sqlite: Awaited<ReturnType<typeof freshStore>>;
  let postgres: Awaited<ReturnType<typeof freshStore>> | undefined;
  before(async () => {
    sqlite = await freshStore("sqlite");
    if (!skip) postgres = await freshStore("postgres");
  });
  after(async () => {
    await sqlite?.cleanup();
    await postgres?.cleanup();
  });

  it("has no pending migration once migrated", async () => {
    assert.deepEqual(await pendingMigrations(sqlite.store), []);
  });

  it("gives SQLite and PostgreSQL the same tables, columns and nullability", { skip }, async () => {
    const left = await columns(sqlite.store);
    const right = await columns((postgres as { store: Store }).store);
    assert.ok(Object.keys(left).includes("users"));
    assert.deepEqual(left, right);
  });

  it("enforces foreign keys on SQLite too", async () => {
    await assert.rejects(
      sql`insert into user_roles (user_id, role) values ('nobody', 'agent')`.execute(
        sqlite.store.db,
      ),
      /FOREIGN KEY/,
    );
  });
});
