import { estimateRequestImpact, type Quantity, type RequestImpact } from "./estimator.js";
import { isKnownZone } from "./mixes.js";

/** What a registered model declares (the providers' `Model`: billions, exact or a range). */
export interface ModelParameters {
  activeParameters?: Quantity | undefined;
  totalParameters?: Quantity | undefined;
}

/** Where it runs (the providers' `ProviderDefinition`: `country`, `pue`, `wue`). */
export interface Datacenter {
  /** ISO 3166-1 alpha-3 hosting country, used as the electricity-mix zone. */
  country: string;
  pue?: Quantity | undefined;
  wue?: Quantity | undefined;
}

/** What one generation consumed. */
export interface GenerationUsage {
  outputTokens: number;
  /** Measured duration of the model call, in seconds; unknown: leave out. */
  latencySeconds?: number | undefined;
}

/** What may be missing to estimate: parameter counts, the datacenter's PUE, a known electricity mix. */
export const MISSING_IMPACT_INPUTS = ["parameters", "pue", "zone"] as const;
export type MissingImpactInput = (typeof MISSING_IMPACT_INPUTS)[number];

export type ModelImpactOutcome =
  | { status: "estimated"; impact: RequestImpact }
  | { status: "unavailable"; missing: MissingImpactInput[] };

/**
 * What an estimate of this model's answers would lack (nothing: they are
 * estimated). The one rule, for the account stage and for the registry's
 * administrators, who are told what to fill in before any answer.
 */
export function missingImpactInputs(
  model: ModelParameters,
  datacenter: Datacenter,
): MissingImpactInput[] {
  const missing: MissingImpactInput[] = [];
  if (model.activeParameters === undefined) missing.push("parameters");
  if (datacenter.pue === undefined) missing.push("pue");
  if (!isKnownZone(datacenter.country)) missing.push("zone");
  return missing;
}

/**
 * One model call's impact from what the registry declares. Never throws for
 * what a provider may leave out: says instead what is missing, so the caller
 * records "not estimated" rather than a made-up figure. A model with only
 * its active count is taken as dense (total = active).
 */
export function estimateModelImpact(
  model: ModelParameters,
  datacenter: Datacenter,
  usage: GenerationUsage,
): ModelImpactOutcome {
  const active = model.activeParameters;
  const pue = datacenter.pue;
  const missing = missingImpactInputs(model, datacenter);
  if (active === undefined || pue === undefined || missing.length > 0)
    return { status: "unavailable", missing };
  return {
    status: "estimated",
    impact: estimateRequestImpact({
      activeParameters: active,
      totalParameters: model.totalParameters ?? active,
      outputTokens: usage.outputTokens,
      latencySeconds: usage.latencySeconds,
      pue,
      wue: datacenter.wue,
      zone: datacenter.country,
    }),
  };
}
