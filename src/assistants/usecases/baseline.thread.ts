/**
 * The worker thread's side of `runBaselineOffLoop`: runs the baselines it is
 * sent (kinds that need no port), one at a time, and answers each with its
 * text, or with the error a user would see (code and parameters), or with a
 * failure's name. Loaded only as a thread's entry.
 */
import { parentPort } from "node:worker_threads";
import { AppError } from "../../shared/errors.js";
import type { TaskThreadMessage } from "../../shared/task-thread.js";
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

const port = parentPort;
if (port) {
  const answer = (message: TaskThreadMessage<BaselineThreadAnswer>) => port.postMessage(message);
  port.on(
    "message",
    ({ id, request }: { id: number; request: BaselineThreadRequest }) =>
      void runBaseline(request.useCase, { values: request.values }).then(
        (text) => answer({ id, answer: { text } }),
        (error: unknown) =>
          answer({
            id,
            answer:
              error instanceof AppError
                ? { error: { code: error.code, params: error.params } }
                : { failed: error instanceof Error ? error.name : "Error" },
          }),
      ),
  );
  answer({ ready: true });
}
