import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Knowledge bases, their readers, documents (with their source bytes, so that
 * any instance can resume a job), passages, ingestion jobs, and the lexical
 * index: FTS5 over the analysed terms on SQLite, a postings table on
 * PostgreSQL (BM25 computed in SQL from it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable("knowledge_bases")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("owner_direction_id", "text", (c) => c.notNull().references("directions.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("knowledge_base_readers")
    .addColumn("knowledge_base_id", "text", (c) =>
      c.notNull().references("knowledge_bases.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("knowledge_base_readers_pk", ["knowledge_base_id", "kind", "value"])
    .execute();

  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("knowledge_base_id", "text", (c) =>
      c.notNull().references("knowledge_bases.id").onDelete("cascade"),
    )
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("media_type", "text")
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("failure_code", "text")
    .addColumn("page_count", "integer")
    .addColumn("passage_count", "integer", (c) => c.notNull())
    .addColumn("word_count", "integer", (c) => c.notNull())
    .addColumn("uploaded_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("ingested_at", "text")
    .addUniqueConstraint("documents_file", ["knowledge_base_id", "file_name"])
    .execute();

  await db.schema
    .createTable("document_contents")
    .addColumn("document_id", "text", (c) =>
      c.primaryKey().notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("bytes", postgres ? sql`bytea` : "blob", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("passages")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("document_id", "text", (c) =>
      c.notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("knowledge_base_id", "text", (c) => c.notNull())
    .addColumn("ordinal", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("section_path", "text", (c) => c.notNull())
    .addColumn("page", "integer")
    .addColumn("word_count", "integer", (c) => c.notNull())
    .addColumn("terms", "text", (c) => c.notNull())
    .addColumn("term_count", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("passages_document").on("passages").column("document_id").execute();
  await db.schema.createIndex("passages_kb").on("passages").column("knowledge_base_id").execute();

  await db.schema
    .createTable("ingestion_jobs")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("document_id", "text", (c) =>
      c.notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ingestion_jobs_status")
    .on("ingestion_jobs")
    .columns(["status", "created_at"])
    .execute();

  if (postgres) {
    await db.schema
      .createTable("passage_terms")
      .addColumn("term", "text", (c) => c.notNull())
      .addColumn("knowledge_base_id", "text", (c) => c.notNull())
      .addColumn("passage_id", "text", (c) =>
        c.notNull().references("passages.id").onDelete("cascade"),
      )
      .addColumn("tf", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("passage_terms_pk", ["term", "knowledge_base_id", "passage_id"])
      .execute();
    await db.schema
      .createIndex("passage_terms_passage")
      .on("passage_terms")
      .column("passage_id")
      .execute();
  } else {
    await sql`create virtual table passages_fts using fts5(terms, content='passages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0 tokenchars ''_''')`.execute(
      db,
    );
    await sql`create virtual table passages_vocab using fts5vocab(passages_fts, 'row')`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await db.schema.dropTable("passage_terms").execute();
  else {
    await sql`drop table passages_vocab`.execute(db);
    await sql`drop table passages_fts`.execute(db);
  }
  for (const table of [
    "ingestion_jobs",
    "passages",
    "document_contents",
    "documents",
    "knowledge_base_readers",
    "knowledge_bases",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
