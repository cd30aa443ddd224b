import { setImmediate as nextTurn } from "node:timers/promises";
import { type DataClass, stricterClass } from "../guard/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import type { Log } from "../shared/log.js";
import { TimeSlices } from "../shared/time-slices.js";
import {
  claimJob,
  type Database,
  type Dialect,
  type IngestionJobTable,
  type PassageTable,
} from "../store/index.js";
import { type ChunkOptions, DEFAULT_CHUNKING, sentences } from "./chunker.js";
import type { DenseRetrieval } from "./dense.js";
import type { DocumentsRepository } from "./documents.repository.js";
import { DocumentRejected, type ParseLimits } from "./parsers/index.js";
import {
  addCounts,
  countsJson,
  countTypes,
  DEFAULT_PERSONAL_DATA_SETTING,
  type FoundEntity,
  hasCounts,
  isReleaseAction,
  isSetting,
  maskEntities,
  maskedExcerpt,
  type PersonalDataAction,
  type PersonalDataGuard,
  type PersonalDataScanResult,
  personalDataAction,
  type QuarantinedPassage,
  readNames,
  type TypeCounts,
} from "./personal-data.js";
import type { DocumentReader } from "./read-document.js";
import { passageTerms } from "./terms.js";
import { sharedReader } from "./threaded-reader.js";

/** The document's first real sentence: the first of a paragraph of at least eight words (not a label line). */
function leadSentence(text: string): string {
  const paragraph = text.split(/\n+/).find((line) => line.split(/\s+/).length >= 8) ?? "";
  return sentences(paragraph)[0] ?? "";
}

/** A job taken this many times without finishing (the process died each time) fails the document. */
const MAX_ATTEMPTS = 3;

/** How long a document may take to read, and how much heap its reading thread may use, unless told. */
const DEFAULT_READING = { timeoutMs: 60_000, memoryMb: 1024 };

export interface WorkerSettings {
  leaseMs: number;
  pollMs: number;
  limits: ParseLimits;
  chunking?: ChunkOptions;
  /** A document's reading (parse, chunk) in its thread: time budget and heap. */
  reading?: { timeoutMs: number; memoryMb: number };
}

/**
 * Runs ingestion jobs from the database, one at a time, in this process. A job
 * is claimed with a lease that the worker renews while it works; if the
 * process dies, the lease runs out and any instance takes the job again. The
 * document's passages are replaced in one transaction, so a job done twice
 * leaves no duplicate and a job interrupted leaves the previous state whole.
 * Documents are read (parsed, chunked) in a worker thread under a time budget;
 * what stays on this thread (database, scan, index terms) gives the event loop
 * back every few milliseconds, so a backlog of jobs never stalls requests.
 */
export class IngestionWorker {
  private readonly owner: string;
  private readonly reader: DocumentReader;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly log: Log | undefined;

  constructor(
    private readonly deps: {
      db: Database;
      dialect: Dialect;
      documents: DocumentsRepository;
      clock: Clock;
      ids: Ids;
      settings: WorkerSettings;
      /** When dense retrieval is on, new passages are embedded between jobs. */
      dense?: DenseRetrieval;
      /**
       * The personal-data guard: every passage is scanned and the base's
       * setting applied. Without it (a bare worker in a test) documents are
       * indexed as is and recorded as not scanned.
       */
      personalData?: PersonalDataGuard;
      log?: Log;
      /** Where documents are read: the process's reading thread (`sharedReader`) unless given. */
      reader?: DocumentReader;
    },
  ) {
    this.owner = `worker-${deps.ids.id()}`;
    this.log = deps.log;
    this.reader =
      deps.reader ??
      sharedReader({
        limits: deps.settings.limits,
        chunking: deps.settings.chunking ?? DEFAULT_CHUNKING,
        ...(deps.settings.reading ?? DEFAULT_READING),
      });
  }

  /** Takes and processes one job; false when there was none to take. */
  async runOnce(): Promise<boolean> {
    const { db, dialect, clock, settings } = this.deps;
    const job = await claimJob(db, dialect, this.owner, clock.now(), settings.leaseMs);
    if (!job) return false;
    await this.process(job);
    return true;
  }

  /**
   * Processes jobs until none is left to take, embedding new passages a batch
   * at a time between jobs when dense retrieval is on (the CLI's `ingest`,
   * tests, and each of the background worker's rounds). Returns the jobs done.
   */
  async drain(): Promise<number> {
    let count = 0;
    for (;;) {
      if (await this.runOnce()) count += 1;
      else if (!this.deps.dense || (await this.deps.dense.embedMissing(1)) === 0) break;
      // On SQLite every query answers synchronously: without a turn given back here, a backlog
      // would run from one job to the next without the loop ever serving a request.
      await nextTurn();
    }
    return count;
  }

  /** Polls for jobs in the background until `stop()`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Resolves when a background round ends, having found nothing left to take
   * (or failed): the server waits for it at start to print what must not
   * scroll away under the ingestion's logs.
   */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Wakes the worker now (jobs were just queued). */
  kick(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((error: Error) =>
          this.log?.error(
            { err: { name: error.name, stack: error.stack } },
            "ingestion-worker-failed",
          ),
        )
        .finally(() => {
          this.running = undefined;
          for (const resolve of this.idleWaiters.splice(0)) resolve();
          if (!this.stopped) this.schedule(this.deps.settings.pollMs);
        });
    }, delay);
    this.timer.unref();
  }

  private async process(job: IngestionJobTable): Promise<void> {
    const { documents, clock, settings } = this.deps;
    const log = this.log;
    const at = () => clock.now().toISOString();
    const document = await documents.byId(job.document_id);
    if (!document) return;
    if (job.attempts > MAX_ATTEMPTS) {
      await documents.failIngestion(document.id, job.id, "processing_failed", at());
      log?.warn({ documentId: document.id, attempts: job.attempts }, "document-failed");
      return;
    }
    const heartbeat = setInterval(
      () => {
        const until = new Date(clock.now().getTime() + settings.leaseMs).toISOString();
        documents.renewLease(job.id, this.owner, until).catch(() => {});
      },
      Math.max(50, Math.floor(settings.leaseMs / 3)),
    );
    heartbeat.unref();
    const slices = new TimeSlices();
    try {
      await documents.markProcessing(document.id, at());
      const bytes = await documents.content(document.id);
      if (!bytes) throw new DocumentRejected("corrupt_file", "content missing");
      await slices.pause();
      const parsed = await this.reader.read(bytes, document.file_name);
      const { mediaType, chunks } = parsed;
      const parsedTitle =
        parsed.title ?? document.file_name.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
      const setting = await documents.personalDataSetting(document.knowledge_base_id);
      const release = document.released_as ?? null;
      const scan = this.deps.personalData
        ? await scanDocument(
            this.deps.personalData,
            parsedTitle,
            chunks,
            document.file_name,
            slices,
          )
        : null;
      const action: PersonalDataAction = scan
        ? personalDataAction({
            setting: isSetting(setting) ? setting : DEFAULT_PERSONAL_DATA_SETTING,
            release: isReleaseAction(release) ? release : null,
            dataClass: scan.dataClass,
          })
        : "index";
      const summary = {
        personal_data_class: scan?.dataClass ?? null,
        personal_data_types: scan ? countsJson(scan.types) : null,
        personal_data_action: scan ? action : null,
      };
      if (scan && action === "quarantine") {
        await documents.quarantine(
          document.id,
          job.id,
          {
            ...summary,
            personal_data_findings: JSON.stringify(scan.quarantined()),
            title: maskEntities(parsedTitle, scan.title.entities),
            shown_file_name: maskEntities(document.file_name, scan.fileName.entities),
            media_type: mediaType,
            page_count: parsed.pageCount,
            ingested_at: at(),
          },
          at(),
        );
        log?.info(
          { documentId: document.id, dataClass: scan.dataClass, types: scan.types },
          "document-quarantined",
        );
        return;
      }
      // Pseudonymised: title, headings and text alike, one numbering for the whole document.
      const rewrite = scan && action === "pseudonymise" ? scan.pseudonymised() : null;
      const title = rewrite ? rewrite(parsedTitle) : parsedTitle;
      const passages: (PassageTable & { termList: string[] })[] = [];
      for (const [ordinal, piece] of chunks.entries()) {
        const text = rewrite ? rewrite(piece.text) : piece.text;
        const sectionPath = rewrite ? piece.sectionPath.map(rewrite) : piece.sectionPath;
        const lead = ordinal === 0 ? leadSentence(text) : "";
        const termList = passageTerms(title, sectionPath, text, lead);
        passages.push({
          id: this.deps.ids.id(),
          document_id: document.id,
          knowledge_base_id: document.knowledge_base_id,
          ordinal,
          text,
          section_path: sectionPath.join(" > "),
          page: piece.page,
          word_count: piece.wordCount,
          terms: termList.join(" "),
          term_count: termList.length,
          personal_data: scan ? countsJson(scan.passageTypes(ordinal)) : null,
          termList,
        });
        await slices.pause();
      }
      await documents.completeIngestion(
        document.id,
        job.id,
        passages,
        {
          status: "ready",
          failure_code: null,
          title,
          media_type: mediaType,
          page_count: parsed.pageCount,
          passage_count: passages.length,
          word_count: passages.reduce((sum, passage) => sum + passage.word_count, 0),
          ingested_at: at(),
          ...summary,
          personal_data_findings: null,
          shown_file_name: rewrite ? rewrite(document.file_name) : document.file_name,
        },
        at(),
      );
      log?.info(
        {
          documentId: document.id,
          passages: passages.length,
          ...(scan && { dataClass: scan.dataClass, personalData: action }),
        },
        "document-ingested",
      );
    } catch (error) {
      if (error instanceof DocumentRejected) {
        // Failed for good, the job closed with it: a document whose reading was stopped is never
        // taken again, by this instance or another.
        await documents.failIngestion(document.id, job.id, error.code, at());
        const fields = { documentId: document.id, code: error.code };
        if (error.code === "parse_timeout" || error.code === "parse_crashed")
          log?.warn(fields, "document-rejected");
        else log?.info(fields, "document-rejected");
      } else {
        // Unexpected: leave the job to be taken again (it fails for good after MAX_ATTEMPTS).
        await documents.requeue(job.id, at());
        log?.error(
          {
            documentId: document.id,
            err: { name: (error as Error).name, stack: (error as Error).stack },
          },
          "document-ingestion-error",
        );
      }
    } finally {
      clearInterval(heartbeat);
    }
  }
}

/** A document's scan: every part once (title, each heading, each passage), the values never kept. */
interface DocumentScan {
  dataClass: DataClass;
  /** Occurrences per type over the title and every passage (its headings included). */
  types: TypeCounts;
  title: PersonalDataScanResult;
  /** The file name, read as words and against the values found in the document. */
  fileName: PersonalDataScanResult;
  passageTypes(ordinal: number): TypeCounts;
  /** The passages that hold personal data, masked: what a quarantined document keeps. */
  quarantined(): QuarantinedPassage[];
  /** Rewrites a part scanned here with placeholders (one pseudonymiser for the document). */
  pseudonymised(): (text: string) => string;
}

/**
 * Scans a document's title, headings and passages with the guard. A scan
 * that fails throws `scan_failed`: the document is failed, never indexed in
 * clear (fail closed).
 */
async function scanDocument(
  guard: PersonalDataGuard,
  title: string,
  chunks: { text: string; sectionPath: string[]; page: number | null }[],
  fileName: string,
  slices: TimeSlices,
): Promise<DocumentScan> {
  const results = new Map<string, PersonalDataScanResult>();
  const scanPart = async (text: string): Promise<PersonalDataScanResult> => {
    let result = results.get(text);
    if (!result) {
      try {
        result = await guard.scan(text);
      } catch (error) {
        throw new DocumentRejected("scan_failed", (error as Error).name);
      }
      results.set(text, result);
      // A short text is scanned in one piece, without a turn given back: many in a row would not.
      await slices.pause();
    }
    return result;
  };
  const titleScan = await scanPart(title);
  let dataClass: DataClass = titleScan.dataClass;
  const types = countTypes(titleScan.entities);
  const perPassage: { types: TypeCounts; text: PersonalDataScanResult }[] = [];
  for (const piece of chunks) {
    const text = await scanPart(piece.text);
    const counts = countTypes(text.entities);
    dataClass = stricterClass(dataClass, text.dataClass);
    for (const heading of piece.sectionPath) {
      const found = await scanPart(heading);
      dataClass = stricterClass(dataClass, found.dataClass);
      addCounts(counts, countTypes(found.entities));
    }
    addCounts(types, counts);
    perPassage.push({ types: counts, text });
  }
  // The title and the file name again, against the values found anywhere in the document.
  const names = await readNames(scanPart, { title, fileName }, results);
  results.set(title, names.title);
  results.set(fileName, names.fileName);
  dataClass = stricterClass(dataClass, names.fileName.dataClass);
  addCounts(types, names.counts);
  return {
    dataClass,
    types,
    title: names.title,
    fileName: names.fileName,
    passageTypes: (ordinal) => perPassage[ordinal]?.types ?? {},
    quarantined: () =>
      chunks.flatMap((piece, ordinal) => {
        const found = perPassage[ordinal];
        if (!found || !hasCounts(found.types)) return [];
        const mask = (part: string) => maskEntities(part, results.get(part)?.entities ?? []);
        return [
          {
            ordinal,
            section: piece.sectionPath.map(mask).join(" > "),
            page: piece.page,
            types: found.types,
            excerpt: maskedExcerpt(piece.text, found.text.entities),
          },
        ];
      }),
    pseudonymised: () => {
      const replace = guard.pseudonymiser();
      const done = new Map<string, string>();
      return (text: string) => {
        let out = done.get(text);
        if (out === undefined) {
          const entities: readonly FoundEntity[] = results.get(text)?.entities ?? [];
          out = entities.length > 0 ? replace(text, entities) : text;
          done.set(text, out);
        }
        return out;
      };
    },
  };
}
