import { type Equivalents, equivalents } from "./equivalents.js";
import { estimateRequestImpact, type RequestImpact } from "./estimator.js";
import type { ImpactEstimateRequest } from "./impact.schema.js";

export type ImpactEstimate = RequestImpact & { equivalents: Equivalents };

/**
 * A validated estimate request → the estimator's result with its everyday
 * equivalents: the one shape of `POST /api/impact/estimate` and of
 * `beffroi impact estimate --json`. A missing total count means a dense model.
 */
export function estimateWithEquivalents(request: ImpactEstimateRequest): ImpactEstimate {
  const impact = estimateRequestImpact({
    ...request,
    totalParameters: request.totalParameters ?? request.activeParameters,
  });
  return { ...impact, equivalents: equivalents(impact) };
}
