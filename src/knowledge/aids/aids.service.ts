import { auditActor, type RecordAudit } from "../../observatory/index.js";
import type { Clock } from "../../shared/clock.js";
import { appError } from "../../shared/errors.js";
import { TimeSlices } from "../../shared/time-slices.js";
import type { AidSchemeTable } from "../../store/index.js";
import type { DocumentsRepository } from "../documents.repository.js";
import type { Actor, Document, KnowledgeBase, KnowledgeService } from "../knowledge.service.js";
import { aidDocument } from "./aid-document.js";
import { type AidFileLimits, type AidScheme, fileTooLarge, readAidFile } from "./aid-file.js";
import type { AidSchemeRow, AidsRepository } from "./aids.repository.js";
import { type AidCondition, StoredConditionsSchema } from "./aids.schema.js";
import { describeCondition } from "./conditions.js";

/** Schemes whose documents are submitted, then recorded, at a time. */
const BATCH = 20;

export interface AidImportReport {
  knowledgeBaseId: string;
  /** Schemes in the file. */
  schemes: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Schemes no longer in the file, removed with their documents (only when replacing). */
  removed: number;
  /** Schemes no longer in the file, kept because the import did not replace. */
  kept: number;
  /** Schemes whose document was refused at once (it stays failed; the scheme is recorded). */
  failed: { schemeId: string; code: string; message: string }[];
}

export interface AidSchemeView {
  id: string;
  documentId: string;
  documentStatus: Document["status"];
  title: string;
  institution: string;
  institutionType: string;
  amount: number | null;
  unit: string | null;
  periodicity: string | null;
  link: string | null;
  conditions: {
    /** Structured conditions as imported, each with its French label. */
    general: { label: string; condition: AidCondition }[];
    /** Conditions written as sentences: to check, never evaluated. */
    text: string[];
  };
  importedAt: string;
}

export interface AidSchemePage {
  items: AidSchemeView[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Aid schemes of a knowledge base: a JSONL file (aides-jeunes format) is read
 * and checked whole, then each new or changed scheme becomes a Markdown
 * document of the base, submitted through the ordinary ingestion path
 * (personal-data scan, quarantine, search, citations), and its row is
 * recorded with its document. Access is the base's: those who manage it
 * import, its readers list.
 */
export class AidsService {
  constructor(
    private readonly deps: {
      knowledge: KnowledgeService;
      aids: AidsRepository;
      documents: DocumentsRepository;
      clock: Clock;
      limits: AidFileLimits;
      audit?: RecordAudit;
    },
  ) {}

  /** What one file may hold (bytes, lines), as the CLI and the API enforce it. */
  limits(): AidFileLimits {
    return this.deps.limits;
  }

  /**
   * Imports a file into a base. Nothing is written before the whole file is
   * read and valid: a malformed file is refused with its line and field, and
   * the schemes already imported stay as they are. New schemes are added,
   * changed ones updated, unchanged ones left alone; schemes no longer in the
   * file are removed (with their documents) only when `replace` is asked.
   */
  async import(
    actor: Actor,
    knowledgeBaseId: string,
    file: { bytes: Uint8Array; oversized?: boolean },
    options: { replace?: boolean } = {},
  ): Promise<AidImportReport> {
    const { aids, knowledge, documents, clock, limits } = this.deps;
    await this.manageable(actor, knowledgeBaseId);
    if (file.oversized) throw fileTooLarge(limits);
    const schemes = await readAidFile(file.bytes, limits);
    const existing = new Map((await aids.all(knowledgeBaseId)).map((row) => [row.scheme_id, row]));
    const changed = schemes.filter((scheme) => {
      const row = existing.get(scheme.id);
      return !row || row.digest !== scheme.digest || row.document_status === "failed";
    });
    const report: AidImportReport = {
      knowledgeBaseId,
      schemes: schemes.length,
      added: changed.filter((scheme) => !existing.has(scheme.id)).length,
      updated: changed.filter((scheme) => existing.has(scheme.id)).length,
      unchanged: schemes.length - changed.length,
      removed: 0,
      kept: 0,
      failed: [],
    };
    const now = clock.now().toISOString();
    const slices = new TimeSlices();
    // The documents first, then the rows that point at them: a process stopped in between
    // leaves documents without a scheme, which the next import of the file records.
    for (let start = 0; start < changed.length; start += BATCH) {
      const batch = changed.slice(start, start + BATCH);
      const results = await knowledge.submit(actor, knowledgeBaseId, batch.map(aidDocument));
      const rows: AidSchemeTable[] = [];
      for (const [index, scheme] of batch.entries()) {
        const result = results[index];
        if (!result) continue;
        rows.push(schemeRow(knowledgeBaseId, scheme, result.documentId, now));
        if (result.failure) report.failed.push({ schemeId: scheme.id, ...result.failure });
      }
      await aids.upsert(rows);
      await slices.pause();
    }
    const inFile = new Set(schemes.map((scheme) => scheme.id));
    const absent = [...existing.values()].filter((row) => !inFile.has(row.scheme_id));
    if (options.replace) {
      // Deleting a document deletes its scheme (foreign key), and unindexes its passages.
      await documents.delete(absent.map((row) => row.document_id));
      report.removed = absent.length;
    } else report.kept = absent.length;
    // Counts and document ids only: never a scheme's title or text.
    await this.deps.audit?.({
      action: "aid-schemes.imported",
      target: knowledgeBaseId,
      actor: auditActor(actor),
      details: {
        schemes: report.schemes,
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
        removed: report.removed,
        kept: report.kept,
        replace: options.replace === true,
        removedDocuments: options.replace ? absent.map((row) => row.document_id) : [],
      },
    });
    return report;
  }

  /** A page of a base's schemes. Readers see those whose document is searchable, titled as ingested. */
  async list(
    actor: Actor,
    knowledgeBaseId: string,
    page: { limit: number; offset: number },
  ): Promise<AidSchemePage> {
    const base = await this.deps.knowledge.get(actor, knowledgeBaseId);
    const { rows, total } = await this.deps.aids.page(knowledgeBaseId, {
      readyOnly: !base.canManage,
      ...page,
    });
    return {
      items: rows.map((row) => presentScheme(row, base.canManage ? "manager" : "reader")),
      total,
      ...page,
    };
  }

  /** How the documents of a base's schemes stand (the CLI's summary after an import). */
  async documentStates(
    actor: Actor,
    knowledgeBaseId: string,
  ): Promise<Record<Document["status"], number>> {
    await this.manageable(actor, knowledgeBaseId);
    const states = { queued: 0, processing: 0, ready: 0, quarantined: 0, failed: 0 };
    for (const row of await this.deps.aids.all(knowledgeBaseId)) {
      const status = row.document_status as Document["status"];
      if (status in states) states[status] += 1;
    }
    return states;
  }

  /** Throws unless the actor manages the base: not found when they may not read it, forbidden else. */
  async manageable(actor: Actor, knowledgeBaseId: string): Promise<KnowledgeBase> {
    const base = await this.deps.knowledge.get(actor, knowledgeBaseId);
    if (!base.canManage) throw appError("forbidden");
    return base;
  }
}

function schemeRow(
  knowledgeBaseId: string,
  scheme: AidScheme,
  documentId: string,
  importedAt: string,
): AidSchemeTable {
  return {
    knowledge_base_id: knowledgeBaseId,
    scheme_id: scheme.id,
    document_id: documentId,
    title: scheme.title,
    institution: scheme.institution,
    institution_type: scheme.institutionType,
    amount: scheme.amount,
    unit: scheme.unit,
    periodicity: scheme.periodicity,
    link: scheme.link,
    conditions: JSON.stringify(scheme.conditions),
    digest: scheme.digest,
    imported_at: importedAt,
  };
}

/**
 * A scheme as the API shows it. A reader is shown the title its document
 * was given at ingestion (pseudonymised where the base pseudonymises), as
 * search and citations show it.
 */
function presentScheme(row: AidSchemeRow, view: "manager" | "reader"): AidSchemeView {
  const conditions = StoredConditionsSchema.parse(JSON.parse(row.conditions));
  return {
    id: row.scheme_id,
    documentId: row.document_id,
    documentStatus: row.document_status as Document["status"],
    title: view === "reader" ? (row.document_title ?? row.title) : row.title,
    institution: row.institution,
    institutionType: row.institution_type,
    amount: row.amount === null ? null : Number(row.amount),
    unit: row.unit,
    periodicity: row.periodicity,
    link: row.link,
    conditions: {
      general: conditions.general.map((condition) => ({
        label: describeCondition(condition),
        condition,
      })),
      text: conditions.text,
    },
    importedAt: row.imported_at,
  };
}
