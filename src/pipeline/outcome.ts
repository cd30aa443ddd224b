import { AppError } from "../shared/errors.js";
import type { Turn } from "./turn.js";

/** A turn's decisions as callers see them (stage, rule, outcome, reason; no timestamps). */
export const publicDecisions = (turn: Turn) =>
  turn.decisions.map(({ stage, rule, outcome, reason }) => ({ stage, rule, outcome, reason }));

/**
 * Failures a client acts on in its own way, kept as they are rather than
 * folded into `turn_failed`: no model to answer (try again later, or accept
 * quoted passages), a model that stopped mid-answer, a setting no model takes.
 */
const SURFACED: ReadonlySet<string> = new Set([
  "model_unavailable",
  "model_interrupted",
  "parameter_not_supported",
  "quota_degraded",
]);

/** The error a turn that did not complete maps to: its denial's sentence, in French, with its decisions. */
export function turnError(turn: Turn): AppError {
  const denial = [...turn.decisions].reverse().find((decision) => decision.outcome === "deny");
  if (denial?.rule === "generate.failed" && turn.signal?.aborted) {
    return new AppError("request_cancelled");
  }
  const failure = turn.failure;
  if (failure && SURFACED.has(failure.code)) {
    return new AppError(failure.code, failure.params, publicDecisions(turn), failure.headers);
  }
  // Refused by the charter or a guard (403), or failed on the way (502): the same sentence.
  return new AppError(
    turn.status === "failed" ? "turn_failed" : "turn_denied",
    { reason: denial?.reason ?? "" },
    publicDecisions(turn),
  );
}
