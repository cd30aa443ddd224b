import { createHash } from "node:crypto";
import type { DataClass } from "../guard/index.js";
import { t } from "../i18n/index.js";
import type { DirectionsService, Principal } from "../identity/index.js";
import { auditActor, type RecordAudit } from "../observatory/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { AppError, appError } from "../shared/errors.js";
import { type DocumentTable, isUniqueViolation } from "../store/index.js";
import { canManage, canRead } from "./access.js";
import { type AuditReport, auditBase } from "./audit.js";
import type { DocumentsRepository, PassageWithDocument } from "./documents.repository.js";
import type {
  KnowledgeBaseRow,
  KnowledgeBasesRepository,
  Reader,
} from "./knowledge-bases.repository.js";
import { DocumentRejected, type ParseLimits, sniff } from "./parsers/index.js";
import {
  DEFAULT_PERSONAL_DATA_SETTING,
  isSetting,
  type PersonalDataAction,
  type PersonalDataGuard,
  type PersonalDataSetting,
  parseCounts,
  parseQuarantinedPassages,
  type QuarantinedPassage,
  type ReleaseAction,
  shownFileName,
  type TypeCounts,
} from "./personal-data.js";

/** Who acts: a principal, or the local CLI, which has the administrator's rights. */
export type Actor = Principal | "cli";

export interface KnowledgeBase {
  id: string;
  name: string;
  description: string;
  ownerDirection: { id: string; path: string };
  readers: { kind: string; value: string; label: string }[];
  /** What ingestion does with a document holding personal data. */
  personalData: PersonalDataSetting;
  documentCount: number;
  passageCount: number;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Document {
  id: string;
  knowledgeBaseId: string;
  fileName: string;
  title: string | null;
  mediaType: string | null;
  sha256: string;
  sizeBytes: number;
  status: "queued" | "processing" | "ready" | "quarantined" | "failed";
  failure: { code: string; message: string } | null;
  pageCount: number | null;
  passageCount: number;
  wordCount: number;
  createdAt: string;
  updatedAt: string;
  ingestedAt: string | null;
  /** What the scan found at ingestion (types and counts, never a value); null: not scanned. */
  personalData: { dataClass: DataClass; types: TypeCounts; action: PersonalDataAction } | null;
  /** A referent's release from quarantine. */
  release: { as: ReleaseAction; by: string; at: string } | null;
}

/** A quarantined document, for the referent who reviews it. */
export interface QuarantinedDocument extends Document {
  /** The passages holding personal data, each value replaced by its type in the excerpt. */
  passages: QuarantinedPassage[];
  uploadedBy: string | null;
}

export interface IncomingFile {
  fileName: string;
  bytes: Uint8Array;
  /** The upload was cut at the size limit: refuse it as too large. */
  oversized?: boolean;
}

export interface SubmitResult {
  fileName: string;
  documentId: string;
  /** queued: a job will (re)index it; unchanged: same bytes as already indexed; failed: refused at once. */
  status: "queued" | "unchanged" | "failed";
  failure: { code: string; message: string } | null;
}

const failureOf = (code: string | null, limits?: ParseLimits) =>
  code
    ? {
        code,
        message: t(`knowledge.rejected.${code}` as "knowledge.rejected.corrupt_file", {
          limit: Math.round((limits?.maxFileBytes ?? 0) / 1024 / 1024),
        }),
      }
    : null;

/**
 * A document as the API shows it. Those who manage its base see its file
 * name as uploaded; a reader sees it as ingestion left it (pseudonymised or
 * masked as the text is; none when it was never scanned), since a name can
 * say what the text's quarantine or pseudonymisation hides.
 */
export function presentDocument(
  row: DocumentTable,
  limits?: ParseLimits,
  view: "manager" | "reader" = "manager",
): Document {
  return {
    id: row.id,
    knowledgeBaseId: row.knowledge_base_id,
    fileName: view === "manager" ? row.file_name : shownFileName(row.shown_file_name),
    title: row.title,
    mediaType: row.media_type,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    status: row.status as Document["status"],
    failure: failureOf(row.failure_code, limits),
    pageCount: row.page_count,
    passageCount: Number(row.passage_count),
    wordCount: Number(row.word_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ingestedAt: row.ingested_at,
    personalData: row.personal_data_class
      ? {
          dataClass: row.personal_data_class as DataClass,
          types: parseCounts(row.personal_data_types),
          action: (row.personal_data_action ?? "index") as PersonalDataAction,
        }
      : null,
    release:
      row.released_as && row.released_at
        ? {
            as: row.released_as as ReleaseAction,
            by: row.released_by ?? "cli",
            at: row.released_at,
          }
        : null,
  };
}

export interface PassageView {
  id: string;
  documentId: string;
  knowledgeBaseId: string;
  knowledgeBaseName: string;
  fileName: string;
  title: string;
  section: string;
  page: number | null;
  ordinal: number;
  text: string;
}

/** A passage is read, never managed: its document's name is always the one readers are shown. */
const presentPassage = (passage: PassageWithDocument): PassageView => ({
  id: passage.id,
  documentId: passage.document_id,
  knowledgeBaseId: passage.knowledge_base_id,
  knowledgeBaseName: passage.knowledge_base_name,
  fileName: shownFileName(passage.shown_file_name),
  title: passage.title ?? shownFileName(passage.shown_file_name),
  section: passage.section_path,
  page: passage.page,
  ordinal: passage.ordinal,
  text: passage.text,
});

/** Whether the actor sees a base's documents as one who manages it, or as a reader. */
const viewOf = (actor: Actor, base: KnowledgeBaseRow): "manager" | "reader" =>
  actor === "cli" || canManage(actor, base) ? "manager" : "reader";

/** Readers as the audit log keeps them: kind and value (a direction id, a role), in a stable order. */
const readersOf = (readers: readonly Reader[]): { kind: string; value: string }[] =>
  readers
    .map((reader) => ({ kind: reader.kind, value: reader.value }))
    .sort((a, b) => {
      const left = `${a.kind}\u0000${a.value}`;
      const right = `${b.kind}\u0000${b.value}`;
      return left < right ? -1 : left > right ? 1 : 0;
    })
    .filter(
      (reader, index, all) =>
        index === 0 ||
        all[index - 1]?.kind !== reader.kind ||
        all[index - 1]?.value !== reader.value,
    );

const readerLabel = (reader: KnowledgeBaseRow["readers"][number]) =>
  reader.kind === "everyone"
    ? t("knowledge.reader.everyone")
    : reader.kind === "role"
      ? t("knowledge.reader.role", { role: reader.value })
      : (reader.direction_path ?? reader.value);

/** Knowledge bases and their documents: who reads and manages them, and what goes in. */
export class KnowledgeService {
  constructor(
    private readonly deps: {
      bases: KnowledgeBasesRepository;
      documents: DocumentsRepository;
      directions: DirectionsService;
      clock: Clock;
      ids: Ids;
      limits: ParseLimits;
      /** Wakes the ingestion worker when jobs are queued. */
      onQueued?: () => void;
      /** The personal-data guard: the audit masks excerpts with it and reports what it finds. */
      personalData?: PersonalDataGuard;
      /** The audit log of administrative actions: bases created and deleted, readers, personal-data setting, releases. */
      audit?: RecordAudit;
    },
  ) {}

  private present(base: KnowledgeBaseRow, actor: Actor): KnowledgeBase {
    return {
      id: base.id,
      name: base.name,
      description: base.description,
      ownerDirection: { id: base.owner_direction_id, path: base.owner_direction_path },
      readers: base.readers.map((reader) => ({
        kind: reader.kind,
        value: reader.value,
        label: readerLabel(reader),
      })),
      personalData: isSetting(base.personal_data)
        ? base.personal_data
        : DEFAULT_PERSONAL_DATA_SETTING,
      documentCount: base.document_count,
      passageCount: base.passage_count,
      canManage: actor === "cli" || canManage(actor, base),
      createdAt: base.created_at,
      updatedAt: base.updated_at,
    };
  }

  /** The largest file a base takes, in bytes (larger ones are refused by name). */
  maxFileBytes(): number {
    return this.deps.limits.maxFileBytes;
  }

  /** The bases the actor may read. */
  async list(actor: Actor): Promise<KnowledgeBase[]> {
    const bases = await this.deps.bases.list();
    return bases
      .filter((base) => actor === "cli" || canRead(actor, base))
      .map((base) => this.present(base, actor));
  }

  /** Ids of the bases the actor may read: the only bases retrieval ever searches. */
  async readableIds(actor: Actor): Promise<string[]> {
    return (await this.list(actor)).map((base) => base.id);
  }

  /** A base the actor may read; one they may not read is "not found", so its existence is not revealed. */
  async get(actor: Actor, id: string): Promise<KnowledgeBase> {
    return this.present(await this.readable(actor, id), actor);
  }

  async findByName(actor: Actor, name: string): Promise<KnowledgeBase> {
    const base = await this.deps.bases.byName(name.trim());
    if (!base || (actor !== "cli" && !canRead(actor, base)))
      throw appError("knowledge_base_not_found", { name });
    return this.present(base, actor);
  }

  async create(
    actor: Actor,
    input: {
      name: string;
      description: string;
      ownerDirectionId?: string;
      readers: Reader[];
      /** Quarantine when not given (see DEFAULT_PERSONAL_DATA_SETTING). */
      personalData?: PersonalDataSetting;
    },
  ): Promise<KnowledgeBase> {
    const ownerId =
      input.ownerDirectionId ?? (actor === "cli" ? undefined : (actor.directionId ?? undefined));
    if (!ownerId) throw appError("owner_direction_required");
    const owner = await this.deps.directions.get(ownerId);
    if (actor !== "cli" && !canManage(actor, { owner_direction_path: owner.path }))
      throw appError("forbidden");
    await this.checkReaders(input.readers);
    const now = this.deps.clock.now().toISOString();
    const id = this.deps.ids.id();
    try {
      await this.deps.bases.insert(
        {
          id,
          name: input.name,
          description: input.description,
          owner_direction_id: owner.id,
          personal_data: input.personalData ?? DEFAULT_PERSONAL_DATA_SETTING,
          created_at: now,
          updated_at: now,
        },
        input.readers,
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw appError("knowledge_base_exists", { name: input.name });
      throw error;
    }
    await this.deps.audit?.({
      action: "knowledge-base.created",
      target: id,
      actor: auditActor(actor),
      details: {
        ownerDirectionId: owner.id,
        readers: readersOf(input.readers),
        personalData: input.personalData ?? DEFAULT_PERSONAL_DATA_SETTING,
      },
    });
    return this.get(actor, id);
  }

  async update(
    actor: Actor,
    id: string,
    changes: {
      name?: string;
      description?: string;
      readers?: Reader[];
      personalData?: PersonalDataSetting;
    },
  ): Promise<KnowledgeBase> {
    const base = await this.manageable(actor, id);
    if (changes.readers) await this.checkReaders(changes.readers);
    const settingChanged =
      changes.personalData !== undefined && changes.personalData !== base.personal_data;
    try {
      await this.deps.bases.update(
        id,
        {
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.description !== undefined && { description: changes.description }),
          ...(settingChanged && { personal_data: changes.personalData }),
          updated_at: this.deps.clock.now().toISOString(),
        },
        changes.readers,
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw appError("knowledge_base_exists", { name: changes.name ?? "" });
      throw error;
    }
    // The new setting applies to every document, not only to the next ones: all are ingested again.
    const requeued = settingChanged
      ? await this.requeue((await this.deps.documents.list(id)).map((d) => d.id))
      : 0;
    const readersBefore = readersOf(base.readers);
    const readersAfter = changes.readers && readersOf(changes.readers);
    if (readersAfter && JSON.stringify(readersAfter) !== JSON.stringify(readersBefore)) {
      await this.deps.audit?.({
        action: "knowledge-base.readers-changed",
        target: id,
        actor: auditActor(actor),
        details: { before: readersBefore, after: readersAfter },
      });
    }
    if (settingChanged) {
      await this.deps.audit?.({
        action: "knowledge-base.personal-data-changed",
        target: id,
        actor: auditActor(actor),
        details: {
          from: base.personal_data ?? DEFAULT_PERSONAL_DATA_SETTING,
          to: changes.personalData ?? null,
          documentsRequeued: requeued,
        },
      });
    }
    return this.get(actor, id);
  }

  /** Documents of a base held in quarantine, with what was found in them (masked), for a referent to review. */
  async quarantined(actor: Actor, knowledgeBaseId: string): Promise<QuarantinedDocument[]> {
    await this.manageable(actor, knowledgeBaseId);
    return (await this.deps.documents.list(knowledgeBaseId))
      .filter((row) => row.status === "quarantined")
      .map((row) => ({
        ...presentDocument(row, this.deps.limits),
        passages: parseQuarantinedPassages(row.personal_data_findings),
        uploadedBy: row.uploaded_by,
      }));
  }

  /**
   * Releases a quarantined document: it is ingested again from its kept
   * bytes, indexed as is or pseudonymised as the referent decides, and the
   * decision (who, when, how) stays on the document. A new version of the
   * file clears it.
   */
  async release(
    actor: Actor,
    knowledgeBaseId: string,
    documentId: string,
    as: ReleaseAction,
  ): Promise<Document> {
    await this.manageable(actor, knowledgeBaseId);
    const row = await this.deps.documents.byId(documentId);
    if (!row || row.knowledge_base_id !== knowledgeBaseId) throw appError("document_not_found");
    if (row.status !== "quarantined") throw new AppError("document_not_quarantined");
    await this.requeue([documentId], {
      released_as: as,
      released_by: actor === "cli" ? "cli" : actor.userId,
      released_at: this.deps.clock.now().toISOString(),
    });
    await this.deps.audit?.({
      action: "document.released",
      target: documentId,
      actor: auditActor(actor),
      details: { knowledgeBaseId, as },
    });
    return this.document(actor, knowledgeBaseId, documentId);
  }

  /** Queues documents again from their kept bytes; returns how many. */
  private async requeue(documentIds: string[], changes: Partial<DocumentTable> = {}) {
    const now = this.deps.clock.now().toISOString();
    const queued = await this.deps.documents.requeueDocuments(
      documentIds,
      { ...changes, updated_at: now },
      (documentId) => ({
        id: this.deps.ids.id(),
        document_id: documentId,
        status: "queued",
        attempts: 0,
        lease_owner: null,
        lease_expires_at: null,
        created_at: now,
        updated_at: now,
      }),
    );
    if (queued.length > 0) this.deps.onQueued?.();
    return queued.length;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.manageable(actor, id);
    const documents = await this.deps.documents.list(id);
    await this.deps.documents.delete(documents.map((document) => document.id));
    await this.deps.bases.delete(id);
    await this.deps.audit?.({
      action: "knowledge-base.deleted",
      target: id,
      actor: auditActor(actor),
      details: { documents: documents.length },
    });
  }

  async documents(actor: Actor, knowledgeBaseId: string): Promise<Document[]> {
    const base = await this.readable(actor, knowledgeBaseId);
    return (await this.deps.documents.list(knowledgeBaseId)).map((row) =>
      presentDocument(row, this.deps.limits, viewOf(actor, base)),
    );
  }

  async document(actor: Actor, knowledgeBaseId: string, documentId: string): Promise<Document> {
    const base = await this.readable(actor, knowledgeBaseId);
    const row = await this.deps.documents.byId(documentId);
    if (!row || row.knowledge_base_id !== knowledgeBaseId) throw appError("document_not_found");
    return presentDocument(row, this.deps.limits, viewOf(actor, base));
  }

  /**
   * The quality audit of a base, for those who manage it and for auditors
   * (the DPO). `scanPersonalData` is where the personal-data guard plugs in.
   */
  async audit(actor: Actor, id: string): Promise<AuditReport> {
    const base = await this.readable(actor, id);
    if (actor !== "cli" && !canManage(actor, base) && !actor.roles.includes("auditor"))
      throw appError("forbidden");
    // An auditor who does not manage the base reads file names as its readers do.
    const named = <Row extends { file_name: string; shown_file_name?: string | null }>(
      row: Row,
    ): Row =>
      viewOf(actor, base) === "manager"
        ? row
        : { ...row, file_name: shownFileName(row.shown_file_name) };
    return auditBase({
      knowledgeBaseId: id,
      documents: (await this.deps.documents.list(id)).map(named),
      passages: (await this.deps.documents.passagesOfBase(id)).map(named),
      now: this.deps.clock.now(),
      ...(this.deps.personalData && { scanPersonalData: this.deps.personalData.scan }),
    });
  }

  /** One passage with its document, for a citation link; only in a base the actor may read. */
  async passage(actor: Actor, passageId: string): Promise<PassageView> {
    const [passage] = await this.deps.documents.passages([passageId]);
    if (!passage) throw appError("passage_not_found");
    await this.readable(actor, passage.knowledge_base_id).catch(() => {
      throw appError("passage_not_found");
    });
    return presentPassage(passage);
  }

  /** A document's passages in order, to show a cited passage in its context. */
  async documentPassages(
    actor: Actor,
    knowledgeBaseId: string,
    documentId: string,
  ): Promise<PassageView[]> {
    await this.document(actor, knowledgeBaseId, documentId);
    return (await this.deps.documents.passagesOfDocument(documentId)).map(presentPassage);
  }

  async removeDocument(actor: Actor, knowledgeBaseId: string, documentId: string): Promise<void> {
    await this.manageable(actor, knowledgeBaseId);
    const row = await this.deps.documents.byId(documentId);
    if (!row || row.knowledge_base_id !== knowledgeBaseId) throw appError("document_not_found");
    await this.deps.documents.delete([documentId]);
    // Who removed which document, and whether it was held: never its name or text.
    await this.deps.audit?.({
      action: "document.deleted",
      target: documentId,
      actor: auditActor(actor),
      details: { knowledgeBaseId, status: row.status },
    });
  }

  /**
   * Takes a batch of files for a base. Each file is handled on its own: one
   * refused file never spoils the others. The type is checked by magic bytes
   * here so that an unsupported file is refused at once; parsing happens in
   * the ingestion job.
   */
  async submit(
    actor: Actor,
    knowledgeBaseId: string,
    files: IncomingFile[],
  ): Promise<SubmitResult[]> {
    await this.manageable(actor, knowledgeBaseId);
    const results: SubmitResult[] = [];
    for (const file of files) results.push(await this.submitOne(actor, knowledgeBaseId, file));
    if (results.some((result) => result.status === "queued")) this.deps.onQueued?.();
    return results;
  }

  private async submitOne(
    actor: Actor,
    knowledgeBaseId: string,
    file: IncomingFile,
  ): Promise<SubmitResult> {
    const { clock, ids, documents, limits } = this.deps;
    const now = clock.now().toISOString();
    const fileName =
      file.fileName.replace(/\\/g, "/").replace(/^\/+/, "").slice(0, 500) || "sans-nom";
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    const existing = await documents.byFile(knowledgeBaseId, fileName);
    if (existing && existing.sha256 === sha256 && existing.status !== "failed") {
      return { fileName, documentId: existing.id, status: "unchanged", failure: null };
    }
    const id = existing?.id ?? ids.id();
    const base: DocumentTable = {
      id,
      knowledge_base_id: knowledgeBaseId,
      file_name: fileName,
      title: existing?.title ?? null,
      media_type: null,
      sha256,
      size_bytes: file.bytes.byteLength,
      status: "queued",
      failure_code: null,
      page_count: existing?.page_count ?? null,
      passage_count: existing?.passage_count ?? 0,
      word_count: existing?.word_count ?? 0,
      uploaded_by: actor === "cli" ? null : actor.userId,
      created_at: existing?.created_at ?? now,
      updated_at: now,
      ingested_at: existing?.ingested_at ?? null,
      // A referent's release was for the bytes they reviewed: a new version is scanned afresh.
      ...(existing &&
        existing.sha256 !== sha256 && { released_as: null, released_by: null, released_at: null }),
    };
    let failure: string | null = null;
    if (file.oversized || file.bytes.byteLength > limits.maxFileBytes) failure = "too_large";
    else {
      try {
        base.media_type = sniff(file.bytes, fileName);
      } catch (error) {
        if (!(error instanceof DocumentRejected)) throw error;
        failure = error.code;
      }
    }
    if (failure) {
      if (existing) await documents.delete([existing.id]);
      await documents.recordRejected({
        ...base,
        status: "failed",
        failure_code: failure,
        passage_count: 0,
        word_count: 0,
      });
      return { fileName, documentId: id, status: "failed", failure: failureOf(failure, limits) };
    }
    await documents.enqueue(base, file.bytes, {
      id: ids.id(),
      document_id: id,
      status: "queued",
      attempts: 0,
      lease_owner: null,
      lease_expires_at: null,
      created_at: now,
      updated_at: now,
    });
    return { fileName, documentId: id, status: "queued", failure: null };
  }

  private async readable(actor: Actor, id: string): Promise<KnowledgeBaseRow> {
    const base = await this.deps.bases.byId(id);
    if (!base || (actor !== "cli" && !canRead(actor, base)))
      throw appError("knowledge_base_not_found", { name: id });
    return base;
  }

  private async manageable(actor: Actor, id: string): Promise<KnowledgeBaseRow> {
    const base = await this.readable(actor, id);
    if (actor !== "cli" && !canManage(actor, base)) throw appError("forbidden");
    return base;
  }

  private async checkReaders(readers: Reader[]): Promise<void> {
    for (const reader of readers) {
      if (reader.kind === "direction") await this.deps.directions.get(reader.value);
    }
  }
}
