import { AppError, appError } from "../../shared/errors.js";
import { processThread } from "../../shared/task-thread.js";
import { type BaselineInput, runBaseline } from "./baseline.js";
import type { BaselineThreadAnswer, BaselineThreadRequest } from "./baseline.thread.js";
import type { UseCase } from "./usecase.schema.js";

export interface BaselineThreadSettings {
  /** Longest a baseline may take; past it, its thread is stopped (`usecase_baseline_timeout`). */
  timeoutMs: number;
  /** The thread's heap, in megabytes. */
  memoryMb: number;
}

export const DEFAULT_BASELINE_THREAD: BaselineThreadSettings = { timeoutMs: 15_000, memoryMb: 256 };

/** A thread left idle this long is stopped. */
const IDLE_MS = 30_000;

/** Kinds whose work is the text's own (linting, extracting, summarising): run off the event loop. */
const THREADED = new Set<UseCase["baseline"]["kind"]>([
  "template",
  "plain-language",
  "minutes",
  "extractive-summary",
  "checklist",
]);

/** The process's baseline thread for these settings, started on first use and kept while used. */
const threadFor = (settings: BaselineThreadSettings) =>
  processThread<BaselineThreadRequest, BaselineThreadAnswer>(import.meta.url, "baseline.thread", {
    ...settings,
    idleMs: IDLE_MS,
    timeout: () => appError("usecase_baseline_timeout"),
    crashed: (reason) => new Error(`baseline thread crashed: ${reason}`),
  });

/**
 * Runs a use case's baseline for a request. The kinds that work through
 * the text (a 50,000-character lint, the minutes of a 200,000-character
 * transcript: a hundred milliseconds and more) run in the process's baseline
 * thread, one at a time, under a time budget past which the thread is
 * stopped, so the server's event loop never holds them; `search` and
 * `watch`, whose work is their port's (the database, already asynchronous),
 * run here.
 */
export async function runBaselineOffLoop(
  useCase: UseCase,
  input: BaselineInput,
  settings: BaselineThreadSettings = DEFAULT_BASELINE_THREAD,
): Promise<string> {
  if (!THREADED.has(useCase.baseline.kind)) return runBaseline(useCase, input);
  const answer = await threadFor(settings).run({ useCase, values: input.values });
  if ("text" in answer) return answer.text;
  if ("error" in answer) throw new AppError(answer.error.code, answer.error.params);
  throw new Error(`baseline thread: ${answer.failed}`);
}
