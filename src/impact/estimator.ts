import { appError } from "../shared/errors.js";
import { electricityMix } from "./mixes.js";

/** A value known only within bounds (min ≤ max). */
export interface Range {
  min: number;
  max: number;
}

/** A number, or a range when the value is not published exactly (parameter counts, PUE…). */
export type Quantity = number | Range;

/** The published constants of the EcoLogits 0.9.x method (../shared/design/IMPACT.md). */
export const ECOLOGITS = {
  /** Energy per output token on one GPU, Wh: α·exp(β·B)·P_active + γ. */
  energy: {
    alpha: 1.1665273170451914e-6,
    beta: -0.011205921025579175,
    gamma: 4.052928146734005e-5,
  },
  /** Generation time per output token, s: α·P_active + β·B + γ. */
  latency: {
    alpha: 0.0006785088094353663,
    beta: 0.0003119310311688259,
    gamma: 0.019473717579473387,
  },
  batchSize: 64,
  quantizationBits: 16,
  gpuMemoryGb: 80,
  /** Memory overhead on top of the weights. */
  memoryOverhead: 1.2,
  gpuEmbodied: { gwp: 164, adpe: 5.1e-3, pe: 1828 },
  serverGpus: 8,
  serverPowerKw: 1.2,
  /** A server's embodied impacts without its GPUs. */
  serverEmbodied: { gwp: 5700, adpe: 0.37, pe: 70000 },
  /** Hardware lifetime: 3 years, in seconds. */
  lifetimeSeconds: 94_608_000,
} as const;

export interface RequestImpactInput {
  /** Billions of parameters active per token. */
  activeParameters: Quantity;
  /** Billions of parameters in all (a dense model: the same as active). */
  totalParameters: Quantity;
  /** Output tokens (reasoning tokens included when the provider counts them). */
  outputTokens: number;
  /** Measured request duration in seconds; unknown: +∞ (the modelled time is used). */
  latencySeconds?: number;
  /** Datacenter power usage effectiveness. */
  pue: Quantity;
  /** On-site water usage effectiveness, L/kWh; unknown: only the off-site water is counted. */
  wue?: Quantity;
  /** Electricity-mix zone, ISO 3166-1 alpha-3 (see mixes.ts). */
  zone: string;
}

/** One impact criterion: its usage part (electricity), its embodied part (hardware), their sum. */
export interface ImpactCriterion {
  usage: Range;
  embodied: Range;
  total: Range;
}

export type ImpactMethod = "ecologits-0.9" | "extractive";

/** A request's estimated impacts; every figure is a range (min = max when nothing was a range). */
export interface RequestImpact {
  method: ImpactMethod;
  /** Electricity-mix zone; null when no model ran. */
  zone: string | null;
  /** Electricity drawn, kWh (usage only). */
  energy: Range;
  /** Global warming potential, kgCO2e. */
  gwp: ImpactCriterion;
  /** Abiotic depletion potential (elements), kgSbeq. */
  adpe: ImpactCriterion;
  /** Primary energy, MJ. */
  pe: ImpactCriterion;
  /** Water consumed, L (usage only: the method models no embodied water). */
  water: {
    usage: Range;
    /** False when the datacenter's WUE was unknown: only the electricity's off-site water is counted. */
    onSiteCounted: boolean;
  };
  /** GPUs the model needs to fit in memory (1, 2, 4, 8…). */
  gpus: Range;
  /** Generation time the hardware is allocated for, s: min(modelled, measured latency). */
  generationSeconds: Range;
}

interface Point {
  energy: number;
  gpus: number;
  seconds: number;
  usage: { gwp: number; adpe: number; pe: number };
  embodied: { gwp: number; adpe: number; pe: number };
  water: number;
}

const low = (value: Quantity): number => (typeof value === "number" ? value : value.min);
const high = (value: Quantity): number => (typeof value === "number" ? value : value.max);

/**
 * One request's impacts by the EcoLogits 0.9.x method: once with every
 * minimum (parameters, PUE, WUE), once with every maximum. Pure: throws
 * `impact_zone_unknown` for a zone without a published mix, and
 * `impact_input_invalid` for a value out of bounds.
 */
export function estimateRequestImpact(input: RequestImpactInput): RequestImpact {
  check(input);
  const zone = input.zone;
  const atMin = point(input, low);
  const atMax = point(input, high);
  const span = (pick: (p: Point) => number): Range => {
    const a = pick(atMin);
    const b = pick(atMax);
    return { min: Math.min(a, b), max: Math.max(a, b) };
  };
  const criterion = (name: "gwp" | "adpe" | "pe"): ImpactCriterion => ({
    usage: span((p) => p.usage[name]),
    embodied: span((p) => p.embodied[name]),
    total: span((p) => p.usage[name] + p.embodied[name]),
  });
  return {
    method: "ecologits-0.9",
    zone,
    energy: span((p) => p.energy),
    gwp: criterion("gwp"),
    adpe: criterion("adpe"),
    pe: criterion("pe"),
    water: { usage: span((p) => p.water), onSiteCounted: input.wue !== undefined },
    gpus: span((p) => p.gpus),
    generationSeconds: span((p) => p.seconds),
  };
}

/** The formulas for one set of values (all minimums or all maximums). */
function point(input: RequestImpactInput, at: (value: Quantity) => number): Point {
  const c = ECOLOGITS;
  const mix = electricityMix(input.zone);
  const active = at(input.activeParameters);
  const total = at(input.totalParameters);
  const pue = at(input.pue);
  const wue = input.wue === undefined ? 0 : at(input.wue);
  const tokens = input.outputTokens;

  // 1. GPU energy, kWh.
  const whPerToken =
    c.energy.alpha * Math.exp(c.energy.beta * c.batchSize) * active + c.energy.gamma;
  const gpuEnergy = (tokens * whPerToken) / 1000;
  // 2. Generation time, capped by the measured latency.
  const secondsPerToken = c.latency.alpha * active + c.latency.beta * c.batchSize + c.latency.gamma;
  const seconds = Math.min(tokens * secondsPerToken, input.latencySeconds ?? Infinity);
  // 3. GPUs to hold the weights: the next power of two.
  const memoryGb = (c.memoryOverhead * total * c.quantizationBits) / 8;
  const needed = Math.ceil(memoryGb / c.gpuMemoryGb);
  let gpus = 1;
  while (gpus < needed) gpus *= 2;
  // 4–5. Server share without GPUs, then the request's energy, kWh.
  const serverEnergy = ((seconds / 3600) * c.serverPowerKw * gpus) / c.serverGpus / c.batchSize;
  const energy = pue * (serverEnergy + gpus * gpuEnergy);
  // 8. Hardware embodied impacts, allocated to the request's share of the lifetime.
  const allocation = seconds / (c.batchSize * c.lifetimeSeconds);
  const embodied = (name: "gwp" | "adpe" | "pe") =>
    allocation * ((gpus / c.serverGpus) * c.serverEmbodied[name] + gpus * c.gpuEmbodied[name]);
  return {
    energy,
    gpus,
    seconds,
    // 6. Usage impacts.
    usage: { gwp: energy * mix.gwp, adpe: energy * mix.adpe, pe: energy * mix.pe },
    embodied: { gwp: embodied("gwp"), adpe: embodied("adpe"), pe: embodied("pe") },
    // 7. Water, on site and off site.
    water: energy * (wue + pue * mix.wueOffsite),
  };
}

function check(input: RequestImpactInput): void {
  const invalid = (field: string) => appError("impact_input_invalid", { field });
  const quantity = (field: string, value: Quantity | undefined, floor: number) => {
    if (value === undefined) return;
    const [min, max] = typeof value === "number" ? [value, value] : [value.min, value.max];
    if (!Number.isFinite(min) || !Number.isFinite(max) || min < floor || min > max)
      throw invalid(field);
  };
  quantity("activeParameters", input.activeParameters, Number.MIN_VALUE);
  quantity("totalParameters", input.totalParameters, Number.MIN_VALUE);
  quantity("pue", input.pue, 1);
  quantity("wue", input.wue, 0);
  if (!Number.isFinite(input.outputTokens) || input.outputTokens < 0) throw invalid("outputTokens");
  if (input.latencySeconds !== undefined && !(input.latencySeconds >= 0))
    throw invalid("latencySeconds");
  electricityMix(input.zone);
}

const zero = (): Range => ({ min: 0, max: 0 });
const zeroCriterion = (): ImpactCriterion => ({ usage: zero(), embodied: zero(), total: zero() });

/**
 * An extractive answer (no model: the best passages, quoted) is a search on
 * Beffroi's own server. It is counted as zero, labelled `method: "extractive"`:
 * its share is orders of magnitude below a generation, and the method gives no
 * constant to model a CPU search with.
 */
export function extractiveImpact(): RequestImpact {
  return {
    method: "extractive",
    zone: null,
    energy: zero(),
    gwp: zeroCriterion(),
    adpe: zeroCriterion(),
    pe: zeroCriterion(),
    water: { usage: zero(), onSiteCounted: true },
    gpus: zero(),
    generationSeconds: zero(),
  };
}
