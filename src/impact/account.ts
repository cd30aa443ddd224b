import type { EstimateImpact, Turn, TurnImpact } from "../pipeline/index.js";
import { equivalents } from "./equivalents.js";
import { extractiveImpact, type Quantity, type RequestImpact } from "./estimator.js";
import { estimateModelImpact } from "./model.js";

/** What the registry says of the model that answered and of its datacenter. */
export interface AnsweringModel {
  activeParameters?: Quantity | undefined;
  totalParameters?: Quantity | undefined;
  country: string;
  pue?: Quantity | undefined;
  wue?: Quantity | undefined;
}

const turnImpact = (impact: RequestImpact): TurnImpact => ({
  method: impact.method,
  energyKwh: impact.energy,
  gwpKgCo2e: impact.gwp.total,
  adpeKgSbEq: impact.adpe.total,
  peMj: impact.pe.total,
  waterL: impact.water.usage,
  ledBulbMinutes: equivalents(impact).ledBulbMinutes,
});

/**
 * The account stage's port: the EcoLogits estimate of the model call that
 * wrote the answer (its output tokens, its measured duration), or the
 * extractive answer's (a search: zero).
 */
export function impactOfTurn(
  modelOf: (ref: string) => Promise<AnsweringModel | undefined>,
): EstimateImpact {
  return async (turn: Turn) => {
    const output = turn.output;
    if (!output) return undefined;
    if (output.mode === "extractive" || !output.model) {
      return { impact: turnImpact(extractiveImpact()) };
    }
    const model = await modelOf(output.model.ref);
    if (!model) return { missing: ["parameters"] };
    const { upstreamStartedAt: started, upstreamEndedAt: ended } = turn;
    const outcome = estimateModelImpact(model, model, {
      outputTokens: output.usage?.completionTokens ?? 0,
      latencySeconds:
        started !== undefined && ended !== undefined ? (ended - started) / 1000 : undefined,
    });
    return outcome.status === "estimated"
      ? { impact: turnImpact(outcome.impact) }
      : { missing: outcome.missing };
  };
}
