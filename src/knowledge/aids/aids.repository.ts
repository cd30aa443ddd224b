import type { AidSchemeTable, Database } from "../../store/index.js";

/** Rows written per statement: both dialects cap the parameters of one statement. */
const ROWS_PER_STATEMENT = 50;

export type AidSchemeRow = AidSchemeTable & {
  /** The scheme's document, as ingestion left it. */
  document_status: string;
  document_title: string | null;
};

/** The only place that speaks SQL about aid schemes. */
export class AidsRepository {
  constructor(private readonly db: Database) {}

  /** Every scheme of a base with its document's state, for an import to compare against. */
  async all(knowledgeBaseId: string): Promise<AidSchemeRow[]> {
    return this.withDocument().where("a.knowledge_base_id", "=", knowledgeBaseId).execute();
  }

  /** A page of a base's schemes by id; `readyOnly`: only those whose document can be searched. */
  async page(
    knowledgeBaseId: string,
    options: { readyOnly: boolean; limit: number; offset: number },
  ): Promise<{ rows: AidSchemeRow[]; total: number }> {
    let rows = this.withDocument().where("a.knowledge_base_id", "=", knowledgeBaseId);
    let count = this.db
      .selectFrom("aid_schemes as a")
      .innerJoin("documents as d", "d.id", "a.document_id")
      .select((eb) => eb.fn.countAll().as("total"))
      .where("a.knowledge_base_id", "=", knowledgeBaseId);
    if (options.readyOnly) {
      rows = rows.where("d.status", "=", "ready");
      count = count.where("d.status", "=", "ready");
    }
    return {
      rows: await rows.orderBy("a.scheme_id").limit(options.limit).offset(options.offset).execute(),
      total: Number((await count.executeTakeFirstOrThrow()).total),
    };
  }

  /** The schemes of a base whose documents are among `documentIds` and searchable. */
  async byDocuments(knowledgeBaseId: string, documentIds: string[]): Promise<AidSchemeRow[]> {
    if (documentIds.length === 0) return [];
    const rows: AidSchemeRow[] = [];
    // PostgreSQL and SQLite cap the parameters of one statement.
    for (let start = 0; start < documentIds.length; start += 500) {
      rows.push(
        ...(await this.withDocument()
          .where("a.knowledge_base_id", "=", knowledgeBaseId)
          .where("a.document_id", "in", documentIds.slice(start, start + 500))
          .where("d.status", "=", "ready")
          .execute()),
      );
    }
    return rows;
  }

  /** Up to `limit` searchable schemes of a base, by id. */
  async ready(knowledgeBaseId: string, limit: number): Promise<AidSchemeRow[]> {
    return this.withDocument()
      .where("a.knowledge_base_id", "=", knowledgeBaseId)
      .where("d.status", "=", "ready")
      .orderBy("a.scheme_id")
      .limit(limit)
      .execute();
  }

  /** Adds schemes, or updates those of the same base and id, in one transaction. */
  async upsert(rows: AidSchemeTable[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        await trx
          .insertInto("aid_schemes")
          .values(rows.slice(start, start + ROWS_PER_STATEMENT))
          .onConflict((oc) =>
            oc.columns(["knowledge_base_id", "scheme_id"]).doUpdateSet((eb) => ({
              document_id: eb.ref("excluded.document_id"),
              title: eb.ref("excluded.title"),
              institution: eb.ref("excluded.institution"),
              institution_type: eb.ref("excluded.institution_type"),
              amount: eb.ref("excluded.amount"),
              unit: eb.ref("excluded.unit"),
              periodicity: eb.ref("excluded.periodicity"),
              link: eb.ref("excluded.link"),
              conditions: eb.ref("excluded.conditions"),
              digest: eb.ref("excluded.digest"),
              imported_at: eb.ref("excluded.imported_at"),
            })),
          )
          .execute();
      }
    });
  }

  private withDocument() {
    return this.db
      .selectFrom("aid_schemes as a")
      .innerJoin("documents as d", "d.id", "a.document_id")
      .selectAll("a")
      .select(["d.status as document_status", "d.title as document_title"]);
  }
}
