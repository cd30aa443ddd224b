/**
 * The worker thread's side of `baselineInThread`: runs one baseline (a kind
 * that needs no port) and answers with its text, or with the error a user
 * would see (code and parameters), or with a failure's name. Loaded only as a
 * thread's entry.
 */
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../../shared/errors.js";
import { runBaseline } from "./baseline.js";
import type { UseCase } from "./usecase.schema.js";

export interface BaselineThreadData {
  useCase: UseCase;
  values: unknown;
}

export type BaselineThreadAnswer =
  | { text: string }
  | { error: { code: AppError["code"]; params: AppError["params"] } }
  | { failed: string };

const port = parentPort;
if (port) {
  const { useCase, values } = workerData as BaselineThreadData;
  const answer = (message: BaselineThreadAnswer) => port.postMessage(message);
  runBaseline(useCase, { values }).then(
    (text) => answer({ text }),
    (error: unknown) =>
      answer(
        error instanceof AppError
          ? { error: { code: error.code, params: error.params } }
          : { failed: error instanceof Error ? error.name : "Error" },
      ),
  );
}
