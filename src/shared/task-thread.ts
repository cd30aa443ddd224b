import { parentPort, type Worker } from "node:worker_threads";
import { startThread } from "./thread-entry.js";

/** What a task thread posts: ready once loaded, then one answer per request, by id. */
export type TaskThreadMessage<A> = { ready: true } | { id: number; answer: A };

interface Pending<A> {
  id: number;
  resolve(answer: A): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One worker thread that runs requests one at a time, kept between them:
 * started on the first request (loading a thread's code costs far more than
 * most requests), stopped once idle for `idleMs`. A request past its
 * `timeoutMs` has the thread terminated — the one way to stop code caught in
 * crafted input — and fails with `timeout()`; a thread that dies fails its
 * request with `crashed()`. The next request gets a new thread. The thread's
 * side posts `{ ready: true }` once loaded, then `{ id, answer }` per
 * `{ id, request }` it receives.
 */
export class TaskThread<R, A> {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private pending: Pending<A> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | undefined;
  private lastId = 0;

  constructor(
    private readonly settings: {
      start: () => Worker;
      timeoutMs: number;
      idleMs: number;
      timeout: () => Error;
      crashed: (reason: string) => Error;
    },
  ) {}

  run(request: R): Promise<A> {
    const turn = this.queue.then(() => this.runNow(request));
    this.queue = turn.catch(() => {});
    return turn;
  }

  async close(): Promise<void> {
    clearTimeout(this.idle);
    await this.stop(new Error("task thread closed"));
  }

  private async runNow(request: R): Promise<A> {
    clearTimeout(this.idle);
    if (!this.worker) this.spawn();
    const worker = this.worker as Worker;
    await this.ready;
    worker.ref();
    try {
      return await new Promise<A>((resolve, reject) => {
        const id = ++this.lastId;
        const timer = setTimeout(
          () => void this.stop(this.settings.timeout()),
          this.settings.timeoutMs,
        );
        this.pending = { id, resolve, reject, timer };
        worker.postMessage({ id, request });
      });
    } finally {
      if (this.worker === worker) {
        worker.unref();
        this.idle = setTimeout(() => void this.close(), this.settings.idleMs);
        this.idle.unref();
      }
    }
  }

  private spawn(): void {
    const worker = this.settings.start();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on("message", (message: TaskThreadMessage<A>) => {
        if ("ready" in message) return resolve();
        const pending = this.pending;
        if (!pending || pending.id !== message.id) return;
        clearTimeout(pending.timer);
        this.pending = undefined;
        pending.resolve(message.answer);
      });
      // Always listened to: an unheard `error` event would take the whole process down.
      worker.on("error", (error: Error & { code?: string }) => {
        reject(error);
        void this.stop(this.settings.crashed(error.code ?? error.name), worker);
      });
      worker.on("exit", (code) => {
        reject(new Error(`task thread exited with ${code} before it started`));
        void this.stop(this.settings.crashed(`exit ${code}`), worker);
      });
    });
    this.ready.catch(() => {});
  }

  /** Fails the request in progress, if any, and lets the thread go. */
  private async stop(reason: Error, worker = this.worker): Promise<void> {
    if (!worker || worker !== this.worker) return;
    this.worker = undefined;
    this.ready = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(reason);
    }
    await worker.terminate();
  }
}

/** What a process-wide task thread is given: its budgets, and the errors it fails with. */
export interface ProcessThreadSettings {
  timeoutMs: number;
  /** The thread's heap, in megabytes. */
  memoryMb: number;
  idleMs: number;
  timeout: () => Error;
  crashed: (reason: string) => Error;
}

const processThreads = new Map<string, TaskThread<unknown, unknown>>();

/**
 * The process's task thread on the module `entry` beside `from` (a module's
 * `import.meta.url`, see `startThread`) for these budgets: one for every
 * caller, started on the first request, stopped once idle.
 */
export function processThread<R, A>(
  from: string,
  entry: string,
  settings: ProcessThreadSettings,
): TaskThread<R, A> {
  const key = JSON.stringify([from, entry, settings.timeoutMs, settings.memoryMb, settings.idleMs]);
  let thread = processThreads.get(key) as TaskThread<R, A> | undefined;
  if (!thread) {
    thread = new TaskThread<R, A>({
      start: () =>
        startThread(from, entry, { resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb } }),
      timeoutMs: settings.timeoutMs,
      idleMs: settings.idleMs,
      timeout: settings.timeout,
      crashed: settings.crashed,
    });
    processThreads.set(key, thread as TaskThread<unknown, unknown>);
  }
  return thread;
}

/**
 * The thread's side, in its entry module: answers each `{ id, request }`
 * with what `work` gives, or what `failure` makes of its error (thrown or
 * rejected), one at a time; says it is ready once loaded. Does nothing
 * outside a worker thread.
 */
export function answerTasks<R, A>(
  work: (request: R) => A | Promise<A>,
  failure: (error: unknown) => A,
): void {
  const port = parentPort;
  if (!port) return;
  const post = (message: TaskThreadMessage<A>) => port.postMessage(message);
  port.on(
    "message",
    ({ id, request }: { id: number; request: R }) =>
      void new Promise<A>((resolve) => resolve(work(request))).then(
        (answer) => post({ id, answer }),
        (error: unknown) => post({ id, answer: failure(error) }),
      ),
  );
  post({ ready: true });
}
