import { sql } from "kysely";
import * as sqliteVec from "sqlite-vec";
import type { Store } from "./database.js";

/** Whether this store can search embeddings, and if not, why (a message key under `dense.`). */
export type VectorSupport =
  | { available: true; engine: string }
  | {
      available: false;
      reason: "sqlite_vec_missing" | "pgvector_not_installed" | "pgvector_not_enabled";
    };

export interface VectorHit {
  passageId: string;
  /** Cosine similarity, from -1 to 1. */
  similarity: number;
}

export interface PassageToEmbed {
  id: string;
  knowledgeBaseId: string;
  title: string | null;
  fileName: string;
  section: string;
  text: string;
}

export interface EmbeddingRow {
  passageId: string;
  knowledgeBaseId: string;
  vector: Float32Array;
}

/**
 * Embeddings of passages and exact nearest-neighbour search by cosine
 * distance: sqlite-vec's `vec_distance_cosine` on SQLite, pgvector's `<=>` on
 * PostgreSQL. Exact search scans the bases searched, which stays fast at the
 * size of a collectivité's bases (see docs/benchmarks.md).
 */
export interface VectorIndex {
  /** Checked once, then remembered. */
  support(): Promise<VectorSupport>;
  /** Passages with no embedding from `model`, oldest documents first. */
  missing(model: string, limit: number): Promise<PassageToEmbed[]>;
  /** Stores embeddings (replacing another model's). */
  put(model: string, rows: EmbeddingRow[]): Promise<void>;
  search(
    knowledgeBaseIds: string[],
    model: string,
    vector: Float32Array,
    limit: number,
  ): Promise<VectorHit[]>;
  /** Passages embedded by `model`, and passages in all. */
  coverage(model: string): Promise<{ embedded: number; passages: number }>;
}

const toBytes = (vector: Float32Array) =>
  Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);

abstract class BaseVectorIndex implements VectorIndex {
  private checked: Promise<VectorSupport> | undefined;

  constructor(protected readonly store: Store) {}

  support(): Promise<VectorSupport> {
    this.checked ??= this.detect();
    return this.checked;
  }

  protected abstract detect(): Promise<VectorSupport>;
  protected abstract encode(vector: Float32Array): Uint8Array | number[];
  abstract search(
    knowledgeBaseIds: string[],
    model: string,
    vector: Float32Array,
    limit: number,
  ): Promise<VectorHit[]>;

  async missing(model: string, limit: number): Promise<PassageToEmbed[]> {
    const rows = await this.store.db
      .selectFrom("passages as p")
      .innerJoin("documents as d", "d.id", "p.document_id")
      .leftJoin("passage_embeddings as e", (join) =>
        join.onRef("e.passage_id", "=", "p.id").on("e.model", "=", model),
      )
      .where("e.passage_id", "is", null)
      .select(["p.id", "p.knowledge_base_id", "p.section_path", "p.text", "d.title", "d.file_name"])
      .orderBy("d.created_at")
      .orderBy("p.document_id")
      .orderBy("p.ordinal")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      knowledgeBaseId: row.knowledge_base_id,
      title: row.title,
      fileName: row.file_name,
      section: row.section_path,
      text: row.text,
    }));
  }

  async put(model: string, rows: EmbeddingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.store.db.transaction().execute(async (trx) => {
      // A passage may have been deleted (its document replaced) while it was being embedded.
      const existing = new Set(
        (
          await trx
            .selectFrom("passages")
            .select("id")
            .where(
              "id",
              "in",
              rows.map((row) => row.passageId),
            )
            .execute()
        ).map((row) => row.id),
      );
      const values = rows
        .filter((row) => existing.has(row.passageId))
        .map((row) => ({
          passage_id: row.passageId,
          knowledge_base_id: row.knowledgeBaseId,
          model,
          dimensions: row.vector.length,
          embedding: this.encode(row.vector),
        }));
      if (values.length === 0) return;
      await trx
        .insertInto("passage_embeddings")
        .values(values)
        .onConflict((conflict) =>
          conflict.column("passage_id").doUpdateSet((eb) => ({
            model: eb.ref("excluded.model"),
            dimensions: eb.ref("excluded.dimensions"),
            embedding: eb.ref("excluded.embedding"),
          })),
        )
        .execute();
    });
  }

  async coverage(model: string): Promise<{ embedded: number; passages: number }> {
    const count = async (query: Promise<{ count: string | number | bigint }>) =>
      Number((await query).count);
    const [embedded, passages] = await Promise.all([
      count(
        this.store.db
          .selectFrom("passage_embeddings")
          .where("model", "=", model)
          .select((eb) => eb.fn.countAll().as("count"))
          .executeTakeFirstOrThrow(),
      ),
      count(
        this.store.db
          .selectFrom("passages")
          .select((eb) => eb.fn.countAll().as("count"))
          .executeTakeFirstOrThrow(),
      ),
    ]);
    return { embedded, passages };
  }
}

class SqliteVectorIndex extends BaseVectorIndex {
  protected async detect(): Promise<VectorSupport> {
    try {
      if (!this.store.sqlite) throw new Error("no SQLite connection");
      sqliteVec.load(this.store.sqlite);
      const { rows } = await sql<{ version: string }>`select vec_version() as version`.execute(
        this.store.db,
      );
      return { available: true, engine: `sqlite-vec ${rows[0]?.version ?? "?"}` };
    } catch {
      return { available: false, reason: "sqlite_vec_missing" };
    }
  }

  protected encode(vector: Float32Array): Uint8Array {
    return toBytes(vector);
  }

  async search(
    knowledgeBaseIds: string[],
    model: string,
    vector: Float32Array,
    limit: number,
  ): Promise<VectorHit[]> {
    if (knowledgeBaseIds.length === 0) return [];
    const { rows } = await sql<{ id: string; distance: number }>`
      select passage_id as id, vec_distance_cosine(embedding, ${toBytes(vector)}) as distance
      from passage_embeddings
      where model = ${model} and dimensions = ${vector.length}
        and knowledge_base_id in (${sql.join(knowledgeBaseIds)})
      order by distance limit ${limit}`.execute(this.store.db);
    return rows.map((row) => ({ passageId: row.id, similarity: 1 - Number(row.distance) }));
  }
}

class PgVectorIndex extends BaseVectorIndex {
  /** The schema pgvector was created in: its type and operator are named through it. */
  private schema = "public";

  protected async detect(): Promise<VectorSupport> {
    const db = this.store.db;
    const installed = async () =>
      (
        await sql<{ schema: string; version: string }>`
          select n.nspname as schema, e.extversion as version
          from pg_extension e join pg_namespace n on n.oid = e.extnamespace
          where e.extname = 'vector'`.execute(db)
      ).rows[0];
    let extension = await installed();
    if (!extension) {
      const { rows } = await sql<{ name: string }>`
        select name from pg_available_extensions where name = 'vector'`.execute(db);
      if (rows.length === 0) return { available: false, reason: "pgvector_not_installed" };
      try {
        await sql`create extension if not exists vector schema public`.execute(db);
      } catch {
        // Creating an extension needs rights Beffroi's role may not have; another instance may have raced us.
      }
      extension = await installed();
      if (!extension) return { available: false, reason: "pgvector_not_enabled" };
    }
    this.schema = extension.schema;
    return { available: true, engine: `pgvector ${extension.version}` };
  }

  protected encode(vector: Float32Array): number[] {
    return Array.from(vector);
  }

  async search(
    knowledgeBaseIds: string[],
    model: string,
    vector: Float32Array,
    limit: number,
  ): Promise<VectorHit[]> {
    if (knowledgeBaseIds.length === 0) return [];
    const type = sql.id(this.schema, "vector");
    const literal = `[${Array.from(vector).join(",")}]`;
    const { rows } = await sql<{ id: string; distance: number }>`
      select passage_id as id,
        embedding::${type} operator(${sql.raw(`${quoteIdent(this.schema)}.<=>`)}) ${literal}::${type} as distance
      from passage_embeddings
      where model = ${model} and dimensions = ${vector.length}
        and knowledge_base_id in (${sql.join(knowledgeBaseIds)})
      order by distance limit ${limit}`.execute(this.store.db);
    return rows.map((row) => ({ passageId: row.id, similarity: 1 - Number(row.distance) }));
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function vectorIndex(store: Store): VectorIndex {
  return store.dialect === "postgres" ? new PgVectorIndex(store) : new SqliteVectorIndex(store);
}
