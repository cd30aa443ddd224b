import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Passage embeddings for dense retrieval, one per passage, tagged with the
 * model that made it (a new model re-embeds in the background). Stored in a
 * form that needs no extension: little-endian float32 bytes on SQLite (what
 * sqlite-vec reads), `real[]` on PostgreSQL (cast to pgvector's `vector` at
 * search time). A passage's deletion removes its embedding.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("passage_embeddings")
    .addColumn("passage_id", "text", (c) =>
      c.primaryKey().notNull().references("passages.id").onDelete("cascade"),
    )
    .addColumn("knowledge_base_id", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("dimensions", "integer", (c) => c.notNull())
    .addColumn("embedding", isPostgres(db) ? sql`real[]` : "blob", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("passage_embeddings_kb_model")
    .on("passage_embeddings")
    .columns(["knowledge_base_id", "model"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("passage_embeddings").execute();
}
