import { setImmediate as nextTurn } from "node:timers/promises";
import type {
  Database,
  DocumentTable,
  IngestionJobTable,
  LexicalIndex,
  PassageTable,
} from "../store/index.js";

/** Passages written per statement when a document is stored. */
const PASSAGES_PER_BATCH = 100;

export type PassageWithDocument = PassageTable & {
  file_name: string;
  /** The file name as readers are shown it; null: not scanned. */
  shown_file_name?: string | null;
  title: string | null;
  knowledge_base_name: string;
};

/** The only place that speaks SQL about documents, their contents, passages and ingestion jobs. */
export class DocumentsRepository {
  constructor(
    private readonly db: Database,
    private readonly index: LexicalIndex,
  ) {}

  byId(id: string): Promise<DocumentTable | undefined> {
    return this.db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();
  }

  byFile(knowledgeBaseId: string, fileName: string): Promise<DocumentTable | undefined> {
    return this.db
      .selectFrom("documents")
      .selectAll()
      .where("knowledge_base_id", "=", knowledgeBaseId)
      .where("file_name", "=", fileName)
      .executeTakeFirst();
  }

  list(knowledgeBaseId: string): Promise<DocumentTable[]> {
    return this.db
      .selectFrom("documents")
      .selectAll()
      .where("knowledge_base_id", "=", knowledgeBaseId)
      .orderBy("file_name")
      .execute();
  }

  /**
   * Records a file to ingest: the document row (new, or reset to queued), its
   * bytes and a job, in one transaction. Existing passages stay searchable
   * until the job replaces them.
   */
  async enqueue(document: DocumentTable, bytes: Uint8Array, job: IngestionJobTable): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { id, ...fields } = document;
      await trx
        .insertInto("documents")
        .values(document)
        .onConflict((oc) => oc.column("id").doUpdateSet(fields))
        .execute();
      await trx
        .insertInto("document_contents")
        .values({ document_id: id, bytes })
        .onConflict((oc) => oc.column("document_id").doUpdateSet({ bytes }))
        .execute();
      await trx
        .deleteFrom("ingestion_jobs")
        .where("document_id", "=", id)
        .where("status", "=", "queued")
        .execute();
      await trx.insertInto("ingestion_jobs").values(job).execute();
    });
  }

  /** Records a file refused before any job (unknown type, too large): failed, with no content kept. */
  /** Documents held in quarantine, and those released from it: when each came and was released. */
  async quarantineReview(): Promise<{ createdAt: string; releasedAt: string | null }[]> {
    const rows = await this.db
      .selectFrom("documents")
      .select(["created_at", "released_at"])
      .where((eb) => eb.or([eb("status", "=", "quarantined"), eb("released_at", "is not", null)]))
      .execute();
    return rows.map((row) => ({ createdAt: row.created_at, releasedAt: row.released_at ?? null }));
  }

  async recordRejected(document: DocumentTable): Promise<void> {
    const { id, ...fields } = document;
    await this.db
      .insertInto("documents")
      .values(document)
      .onConflict((oc) => oc.column("id").doUpdateSet(fields))
      .execute();
  }

  async content(documentId: string): Promise<Uint8Array | undefined> {
    const row = await this.db
      .selectFrom("document_contents")
      .select("bytes")
      .where("document_id", "=", documentId)
      .executeTakeFirst();
    return row ? new Uint8Array(row.bytes) : undefined;
  }

  /**
   * Replaces a document's passages, updates the document and closes its job,
   * all in one transaction: a process killed half-way leaves the previous
   * state whole, and the job is taken again once its lease expires.
   */
  async completeIngestion(
    documentId: string,
    jobId: string,
    passages: (PassageTable & { termList: string[] })[],
    changes: Partial<DocumentTable>,
    at: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.index.removeDocument(trx, documentId);
      await trx.deleteFrom("passages").where("document_id", "=", documentId).execute();
      // A batch of passages at a time, the event loop given back between batches: SQLite answers
      // synchronously, and a document of thousands of passages would hold the loop throughout.
      for (let start = 0; start < passages.length; start += PASSAGES_PER_BATCH) {
        const batch = passages.slice(start, start + PASSAGES_PER_BATCH);
        await trx
          .insertInto("passages")
          .values(batch.map(({ termList: _, ...row }) => row))
          .execute();
        await this.index.add(
          trx,
          batch.map((passage) => ({
            id: passage.id,
            knowledgeBaseId: passage.knowledge_base_id,
            terms: passage.termList,
          })),
        );
        await nextTurn();
      }
      await trx
        .updateTable("documents")
        .set({ ...changes, updated_at: at })
        .where("id", "=", documentId)
        .execute();
      await trx
        .updateTable("ingestion_jobs")
        .set({ status: "done", updated_at: at })
        .where("id", "=", jobId)
        .execute();
    });
  }

  /** Marks a document failed (its old passages, if any, are dropped: they no longer match the file). */
  async failIngestion(
    documentId: string,
    jobId: string,
    failureCode: string,
    at: string,
  ): Promise<void> {
    await this.withoutPassages(documentId, jobId, "failed", at, {
      status: "failed",
      failure_code: failureCode,
      personal_data_class: null,
      personal_data_types: null,
      personal_data_action: null,
      personal_data_findings: null,
    });
  }

  /**
   * Quarantines a document: its passages (those of an earlier version too)
   * leave the lexical index and the table, so nothing of it can be searched,
   * embedded or cited; its bytes stay for a referent to release it. The
   * findings (types, counts, masked excerpts) are kept on the document.
   */
  async quarantine(
    documentId: string,
    jobId: string,
    changes: Partial<DocumentTable>,
    at: string,
  ): Promise<void> {
    await this.withoutPassages(documentId, jobId, "done", at, {
      ...changes,
      status: "quarantined",
      failure_code: null,
    });
  }

  /** Drops a document's passages, sets its new state and ends its job, in one transaction. */
  private async withoutPassages(
    documentId: string,
    jobId: string,
    jobStatus: "done" | "failed",
    at: string,
    changes: Partial<DocumentTable>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.index.removeDocument(trx, documentId);
      await trx.deleteFrom("passages").where("document_id", "=", documentId).execute();
      await trx
        .updateTable("documents")
        .set({ ...changes, passage_count: 0, word_count: 0, updated_at: at })
        .where("id", "=", documentId)
        .execute();
      await trx
        .updateTable("ingestion_jobs")
        .set({ status: jobStatus, updated_at: at })
        .where("id", "=", jobId)
        .execute();
    });
  }

  /**
   * Queues documents again from their kept bytes (a release from quarantine,
   * a base's personal-data setting changed), with `changes` applied to each
   * in the same transaction. Documents with no bytes kept (refused at upload)
   * are left alone. Returns the ids queued.
   */
  async requeueDocuments(
    documentIds: string[],
    changes: Partial<DocumentTable>,
    job: (documentId: string) => IngestionJobTable,
  ): Promise<string[]> {
    if (documentIds.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const queued: string[] = [];
      // A few hundred at a time: both dialects cap the parameters of one statement.
      for (let start = 0; start < documentIds.length; start += 500) {
        const withContent = (
          await trx
            .selectFrom("document_contents")
            .select("document_id")
            .where("document_id", "in", documentIds.slice(start, start + 500))
            .execute()
        ).map((row) => row.document_id);
        if (withContent.length === 0) continue;
        await trx
          .deleteFrom("ingestion_jobs")
          .where("document_id", "in", withContent)
          .where("status", "=", "queued")
          .execute();
        await trx.insertInto("ingestion_jobs").values(withContent.map(job)).execute();
        await trx
          .updateTable("documents")
          .set({ ...changes, status: "queued" })
          .where("id", "in", withContent)
          .execute();
        queued.push(...withContent);
      }
      return queued;
    });
  }

  /** The base's personal-data setting, as stored. */
  async personalDataSetting(knowledgeBaseId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("knowledge_bases")
      .select("personal_data")
      .where("id", "=", knowledgeBaseId)
      .executeTakeFirst();
    return row?.personal_data;
  }

  async markProcessing(documentId: string, at: string): Promise<void> {
    await this.db
      .updateTable("documents")
      .set({ status: "processing", updated_at: at })
      .where("id", "=", documentId)
      .execute();
  }

  /** Puts a job back in the queue after an unexpected error. */
  async requeue(jobId: string, at: string): Promise<void> {
    await this.db
      .updateTable("ingestion_jobs")
      .set({ status: "queued", lease_owner: null, lease_expires_at: null, updated_at: at })
      .where("id", "=", jobId)
      .execute();
  }

  /** Extends a running job's lease, only while this worker still holds it. */
  async renewLease(jobId: string, owner: string, until: string): Promise<boolean> {
    const result = await this.db
      .updateTable("ingestion_jobs")
      .set({ lease_expires_at: until })
      .where("id", "=", jobId)
      .where("lease_owner", "=", owner)
      .where("status", "=", "running")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Jobs not finished yet (queued or running), optionally for some documents only. */
  async unfinishedJobs(documentIds?: string[]): Promise<number> {
    let query = this.db
      .selectFrom("ingestion_jobs")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("status", "in", ["queued", "running"]);
    if (documentIds) {
      if (documentIds.length === 0) return 0;
      query = query.where("document_id", "in", documentIds);
    }
    return Number((await query.executeTakeFirstOrThrow()).count);
  }

  async passages(ids: string[]): Promise<PassageWithDocument[]> {
    if (ids.length === 0) return [];
    return this.withDocument().where("p.id", "in", ids).execute();
  }

  passagesOfDocument(documentId: string): Promise<PassageWithDocument[]> {
    return this.withDocument()
      .where("p.document_id", "=", documentId)
      .orderBy("p.ordinal")
      .execute();
  }

  private withDocument() {
    return this.db
      .selectFrom("passages as p")
      .innerJoin("documents as d", "d.id", "p.document_id")
      .innerJoin("knowledge_bases as kb", "kb.id", "p.knowledge_base_id")
      .selectAll("p")
      .select(["d.file_name", "d.shown_file_name", "d.title", "kb.name as knowledge_base_name"]);
  }

  passagesOfBase(knowledgeBaseId: string): Promise<PassageWithDocument[]> {
    return this.withDocument()
      .where("p.knowledge_base_id", "=", knowledgeBaseId)
      .orderBy("d.file_name")
      .orderBy("p.ordinal")
      .execute();
  }

  /** Deletes documents and what hangs on them, unindexing their passages first. */
  async delete(documentIds: string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const id of documentIds) await this.index.removeDocument(trx, id);
      if (documentIds.length > 0)
        await trx.deleteFrom("documents").where("id", "in", documentIds).execute();
    });
  }
}
