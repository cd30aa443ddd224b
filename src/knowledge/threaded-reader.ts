import type { Worker } from "node:worker_threads";
import { startThread } from "../shared/thread-entry.js";
import type { ChunkOptions } from "./chunker.js";
import { DocumentRejected, type ParseLimits } from "./parsers/index.js";
import type { DocumentReader, ReadDocument } from "./read-document.js";
import type { ReaderAnswer, ReaderThreadData, ReadRequest } from "./reader.thread.js";

export interface ThreadedReaderSettings {
  limits: ParseLimits;
  chunking: ChunkOptions;
  /** Longest one document may take to read; past it the thread is stopped (`parse_timeout`). */
  timeoutMs: number;
  /** The thread's heap, in megabytes; a document that needs more kills the thread only (`parse_crashed`). */
  memoryMb: number;
}

/** A thread that does not answer this long after it was started is broken, not busy. */
const STARTUP_TIMEOUT_MS = 30_000;
/** A thread left idle this long is stopped (pdf.js and a document's leftovers hold memory). */
const IDLE_MS = 30_000;

interface Pending {
  id: number;
  resolve(read: ReadDocument): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  pending?: Pending;
}

/**
 * Reads documents (parse, then chunk) in a worker thread, one at a time, so that the event
 * loop serving requests never runs a parser. The thread is started on first use and kept while
 * documents keep coming. A document that runs past its budget has the thread terminated, the one
 * way to stop a parser caught in crafted input, and fails `parse_timeout`; a thread that dies on
 * a document (its heap full, say) fails it `parse_crashed`. The next document gets a new thread.
 * A thread that cannot start at all is the installation's fault, not the document's: that is a
 * plain error, and the job is taken again. See `sharedReader` for the one a process uses.
 */
export class ThreadedReader implements DocumentReader {
  private thread: Thread | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | undefined;
  private lastId = 0;

  constructor(private readonly settings: ThreadedReaderSettings) {}

  read(bytes: Uint8Array, fileName: string): Promise<ReadDocument> {
    const turn = this.queue.then(() => this.readNow(bytes, fileName));
    this.queue = turn.catch(() => {});
    return turn;
  }

  /** Stops the thread now; a document being read is not failed for it (its job is taken again). */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const thread = this.thread;
    this.thread = undefined;
    if (!thread) return;
    const pending = thread.pending;
    thread.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error("reader thread closed"));
    }
    await thread.worker.terminate();
  }

  private async readNow(bytes: Uint8Array, fileName: string): Promise<ReadDocument> {
    clearTimeout(this.idle);
    const thread = this.thread ?? this.start();
    await thread.ready;
    thread.worker.ref();
    try {
      return await new Promise<ReadDocument>((resolve, reject) => {
        const id = ++this.lastId;
        const timer = setTimeout(() => {
          this.stop(thread, new DocumentRejected("parse_timeout", `${this.settings.timeoutMs} ms`));
        }, this.settings.timeoutMs);
        thread.pending = { id, resolve, reject, timer };
        thread.worker.postMessage({ id, bytes, fileName } satisfies ReadRequest);
      });
    } finally {
      if (this.thread === thread) {
        // Idle, the thread must not keep a finished command (`ingest`) from exiting.
        thread.worker.unref();
        this.idle = setTimeout(() => void this.close(), IDLE_MS);
        this.idle.unref();
      }
    }
  }

  private start(): Thread {
    const worker = spawn(
      { limits: this.settings.limits, chunking: this.settings.chunking },
      this.settings.memoryMb,
    );
    let started: () => void = () => {};
    let failed: (error: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    const thread: Thread = { worker, ready };
    this.thread = thread;
    const startup = setTimeout(() => {
      failed(new Error("reader thread did not start"));
      void this.discard(thread);
    }, STARTUP_TIMEOUT_MS);
    startup.unref();
    worker.on("message", (answer: ReaderAnswer) => {
      if ("ready" in answer) {
        clearTimeout(startup);
        started();
        return;
      }
      const pending = thread.pending;
      if (!pending || pending.id !== answer.id) return;
      clearTimeout(pending.timer);
      thread.pending = undefined;
      if ("read" in answer) pending.resolve(answer.read);
      else if ("rejected" in answer)
        pending.reject(new DocumentRejected(answer.rejected.code, answer.rejected.detail));
      else pending.reject(new Error(`reader thread: ${answer.failed.name}`));
    });
    // Always listened to: an unheard `error` event would take the whole process down.
    worker.on("error", (error: Error & { code?: string }) => {
      clearTimeout(startup);
      failed(error);
      this.stop(thread, new DocumentRejected("parse_crashed", error.code ?? error.name));
    });
    worker.on("exit", (code) => {
      clearTimeout(startup);
      failed(new Error(`reader thread exited with ${code} before it started`));
      this.stop(thread, new DocumentRejected("parse_crashed", `exit ${code}`));
    });
    return thread;
  }

  /** Fails the document being read, if any, and lets the thread go. */
  private stop(thread: Thread, reason: DocumentRejected): void {
    const pending = thread.pending;
    thread.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(reason);
    }
    void this.discard(thread);
  }

  private async discard(thread: Thread): Promise<void> {
    if (this.thread === thread) this.thread = undefined;
    await thread.worker.terminate();
  }
}

/** Starts the reader thread (its entry beside this module, see `startThread`). */
function spawn(data: ReaderThreadData, memoryMb: number): Worker {
  return startThread(import.meta.url, "reader.thread", {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
}

const shared = new Map<string, ThreadedReader>();

/**
 * The process's reader for these settings: one thread for every ingestion worker of the process
 * (a server runs one; tests and commands make many), started on the first document and stopped
 * once idle, so that no worker has a thread of its own to start and stop.
 */
export function sharedReader(settings: ThreadedReaderSettings): ThreadedReader {
  const key = JSON.stringify(settings);
  let reader = shared.get(key);
  if (!reader) {
    reader = new ThreadedReader(settings);
    shared.set(key, reader);
  }
  return reader;
}
