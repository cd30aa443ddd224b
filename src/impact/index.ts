// The impact domain's door. Its routes stay with its module (module.ts): exported here they would
// pull in the HTTP layer and, through it, the observatory, which imports this door (a cycle that
// breaks whichever of them loads first).
export { type AnsweringModel, impactOfTurn } from "./account.js";
export { datacenterOf, type LocalDatacenter, type ProviderSite } from "./datacenter.js";
export {
  type Equivalents,
  equivalents,
  equivalentsOf,
  LED_BULB_WATTS,
  STREAMING_GCO2_PER_HOUR,
} from "./equivalents.js";
export {
  ECOLOGITS,
  estimateRequestImpact,
  extractiveImpact,
  type ImpactCriterion,
  type ImpactMethod,
  type Quantity,
  type Range,
  type RequestImpact,
  type RequestImpactInput,
} from "./estimator.js";
export {
  EquivalentsSchema,
  type ImpactEstimateRequest,
  ImpactEstimateResponseSchema,
  ImpactEstimateSchema,
  RangeSchema,
} from "./impact.schema.js";
export { estimateWithEquivalents, type ImpactEstimate } from "./impact.service.js";
export {
  ELECTRICITY_MIXES,
  type ElectricityMix,
  electricityMix,
  isKnownZone,
  KNOWN_ZONES,
  METHOD_PROVIDER_DATACENTERS,
} from "./mixes.js";
export {
  type Datacenter,
  estimateModelImpact,
  type GenerationUsage,
  MISSING_IMPACT_INPUTS,
  type MissingImpactInput,
  type ModelImpactOutcome,
  type ModelParameters,
  missingImpactInputs,
} from "./model.js";
export { QuotaRepository, type QuotaUsage } from "./quota.repository.js";
export { monthOf, nextMonth, QuotaService } from "./quota.service.js";
