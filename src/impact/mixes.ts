import { appError } from "../shared/errors.js";

/**
 * Usage impact factors of one kWh drawn from a zone's electricity grid, as the
 * EcoLogits 0.9.x method publishes them (../shared/design/IMPACT.md).
 */
export interface ElectricityMix {
  /** Global warming potential, kgCO2e per kWh. */
  gwp: number;
  /** Abiotic depletion potential (elements), kgSbeq per kWh. */
  adpe: number;
  /** Primary energy, MJ per kWh. */
  pe: number;
  /** Water consumed off-site to produce the electricity, L per kWh. */
  wueOffsite: number;
}

/**
 * Zones keyed by ISO 3166-1 alpha-3 code (`WOR`: the world average). Only the
 * zones the method's reference gives; no value here is estimated by Beffroi.
 */
export const ELECTRICITY_MIXES: Readonly<Record<string, ElectricityMix>> = {
  FRA: { gwp: 0.04418, adpe: 4.858e-8, pe: 9.3135, wueOffsite: 3.6737 },
  SWE: { gwp: 0.03582, adpe: 7.771e-8, pe: 4.7301, wueOffsite: 6.0315 },
  DEU: { gwp: 0.34414, adpe: 8.787e-8, pe: 8.7477, wueOffsite: 1.947 },
  IRL: { gwp: 0.2797, adpe: 2.193e-8, pe: 8.0614, wueOffsite: 1.4769 },
  USA: { gwp: 0.38355, adpe: 9.855e-8, pe: 9.6884, wueOffsite: 3.1321 },
  WOR: { gwp: 0.47301, adpe: 1.349e-8, pe: 2.5871, wueOffsite: 3.908 },
};

export const KNOWN_ZONES: readonly string[] = Object.keys(ELECTRICITY_MIXES);

export const isKnownZone = (zone: string): boolean => Object.hasOwn(ELECTRICITY_MIXES, zone);

/** The zone's mix; an unknown zone is refused (`impact_zone_unknown`), never guessed. */
export function electricityMix(zone: string): ElectricityMix {
  const mix = isKnownZone(zone) ? ELECTRICITY_MIXES[zone] : undefined;
  if (!mix) throw appError("impact_zone_unknown", { zone, zones: KNOWN_ZONES.join(", ") });
  return mix;
}

/**
 * The datacenter values the method assumes for some providers, when the
 * provider publishes nothing better (PUE and on-site WUE may be ranges).
 */
export const METHOD_PROVIDER_DATACENTERS = {
  mistral: { zone: "SWE", pue: 1.16, wue: 0.09 },
  openai: { zone: "USA", pue: 1.2, wue: 0.569 },
  anthropic: { zone: "USA", pue: { min: 1.09, max: 1.14 }, wue: { min: 0.13, max: 0.999 } },
  google: { zone: "USA", pue: 1.09, wue: 0.999 },
} as const;
