import type { Database, KnowledgeBaseTable } from "../store/index.js";

export interface Reader {
  kind: "direction" | "role" | "everyone";
  value: string;
}

export type KnowledgeBaseRow = KnowledgeBaseTable & {
  owner_direction_path: string;
  readers: (Reader & { direction_path: string | null })[];
  document_count: number;
  passage_count: number;
};

/** The only place that speaks SQL about knowledge bases and their readers. */
export class KnowledgeBasesRepository {
  constructor(private readonly db: Database) {}

  async list(): Promise<KnowledgeBaseRow[]> {
    const bases = await this.db
      .selectFrom("knowledge_bases as kb")
      .innerJoin("directions as d", "d.id", "kb.owner_direction_id")
      .selectAll("kb")
      .select("d.path as owner_direction_path")
      .select((eb) => [
        eb
          .selectFrom("documents")
          .select((s) => s.fn.countAll<number>().as("n"))
          .whereRef("documents.knowledge_base_id", "=", "kb.id")
          .as("document_count"),
        eb
          .selectFrom("documents")
          .select((s) => s.fn.coalesce(s.fn.sum<number>("passage_count"), s.lit(0)).as("n"))
          .whereRef("documents.knowledge_base_id", "=", "kb.id")
          .as("passage_count"),
      ])
      .orderBy("kb.name")
      .execute();
    const readers = await this.db
      .selectFrom("knowledge_base_readers as r")
      .leftJoin("directions as d", (join) =>
        join.onRef("d.id", "=", "r.value").on("r.kind", "=", "direction"),
      )
      .select(["r.knowledge_base_id", "r.kind", "r.value", "d.path as direction_path"])
      .orderBy("r.kind")
      .orderBy("r.value")
      .execute();
    return bases.map((base) => ({
      ...base,
      document_count: Number(base.document_count ?? 0),
      passage_count: Number(base.passage_count ?? 0),
      readers: readers
        .filter((reader) => reader.knowledge_base_id === base.id)
        .map((reader) => ({
          kind: reader.kind as Reader["kind"],
          value: reader.value,
          direction_path: reader.direction_path,
        })),
    }));
  }

  async byId(id: string): Promise<KnowledgeBaseRow | undefined> {
    return (await this.list()).find((base) => base.id === id);
  }

  async byName(name: string): Promise<KnowledgeBaseRow | undefined> {
    return (await this.list()).find((base) => base.name === name);
  }

  async insert(row: KnowledgeBaseTable, readers: Reader[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("knowledge_bases").values(row).execute();
      if (readers.length > 0) {
        await trx
          .insertInto("knowledge_base_readers")
          .values(readers.map((reader) => ({ knowledge_base_id: row.id, ...reader })))
          .execute();
      }
    });
  }

  async update(
    id: string,
    changes: Partial<Omit<KnowledgeBaseTable, "id">>,
    readers?: Reader[],
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (Object.keys(changes).length > 0) {
        await trx.updateTable("knowledge_bases").set(changes).where("id", "=", id).execute();
      }
      if (readers) {
        await trx
          .deleteFrom("knowledge_base_readers")
          .where("knowledge_base_id", "=", id)
          .execute();
        if (readers.length > 0) {
          await trx
            .insertInto("knowledge_base_readers")
            .values(readers.map((reader) => ({ knowledge_base_id: id, ...reader })))
            .execute();
        }
      }
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("knowledge_bases").where("id", "=", id).execute();
  }
}
