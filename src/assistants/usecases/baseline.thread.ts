/**
 * The worker thread's side of `runBaselineOffLoop`: runs the baselines it is
 * sent (kinds that need no port), one at a time, and answers each with its
 * text, or with the error a user would see (code and parameters), or with a
 * failure's name. Loaded only as a thread's entry.
 */
import { AppError } from "../../shared/errors.js";
import { answerTasks } from "../../shared/task-thread.js";
import { runBaseline } from "./baseline.js";
import type { UseCase } from "./usecase.schema.js";

export interface BaselineThreadRequest {
  useCase: UseCase;
  values: unknown;
}

export type BaselineThreadAnswer =
  | { text: string }
  | { error: { code: AppError["code"]; params: AppError["params"] } }
  | { failed: string };

answerTasks<BaselineThreadRequest, BaselineThreadAnswer>(
  async (request) => ({ text: await runBaseline(request.useCase, { values: request.values }) }),
  (error) =>
    error instanceof AppError
      ? { error: { code: error.code, params: error.params } }
      : { failed: error instanceof Error ? error.name : "Error" },
);
