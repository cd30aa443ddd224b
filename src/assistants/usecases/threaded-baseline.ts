import { AppError, appError } from "../../shared/errors.js";
import { startThread } from "../../shared/thread-entry.js";
import { type BaselineInput, runBaseline } from "./baseline.js";
import type { BaselineThreadAnswer, BaselineThreadData } from "./baseline.thread.js";
import type { UseCase } from "./usecase.schema.js";

export interface BaselineThreadSettings {
  /** Longest a baseline may take; past it, its thread is stopped (`usecase_baseline_timeout`). */
  timeoutMs: number;
  /** The thread's heap, in megabytes. */
  memoryMb: number;
}

export const DEFAULT_BASELINE_THREAD: BaselineThreadSettings = { timeoutMs: 15_000, memoryMb: 256 };

/** Kinds whose work is the text's own (linting, extracting, summarising): run off the event loop. */
const THREADED = new Set<UseCase["baseline"]["kind"]>([
  "template",
  "plain-language",
  "minutes",
  "extractive-summary",
  "checklist",
]);

/**
 * Runs a use case's baseline for a request. The kinds that work through
 * the text (a 50,000-character lint, the minutes of a 200,000-character
 * transcript: a hundred milliseconds and more) run in a thread of their own,
 * started for the run and stopped after it or at the time budget, so the
 * server's event loop never holds them; `search` and `watch`, whose work is
 * their port's (the database, already asynchronous), run here.
 */
export async function runBaselineOffLoop(
  useCase: UseCase,
  input: BaselineInput,
  settings: BaselineThreadSettings = DEFAULT_BASELINE_THREAD,
): Promise<string> {
  if (!THREADED.has(useCase.baseline.kind)) return runBaseline(useCase, input);
  return baselineInThread({ useCase, values: input.values }, settings);
}

function baselineInThread(
  data: BaselineThreadData,
  settings: BaselineThreadSettings,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const worker = startThread(import.meta.url, "baseline.thread", {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(appError("usecase_baseline_timeout"))),
      settings.timeoutMs,
    );
    worker.on("message", (answer: BaselineThreadAnswer) =>
      settle(() => {
        if ("text" in answer) resolve(answer.text);
        else if ("error" in answer) reject(new AppError(answer.error.code, answer.error.params));
        else reject(new Error(`baseline thread: ${answer.failed}`));
      }),
    );
    // Always listened to: an unheard `error` event would take the whole process down.
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`baseline thread exited with ${code}`))),
    );
  });
}
