import { z } from "zod";
import { t } from "../i18n/index.js";

/** A number within bounds, or a `{ min, max }` range within the same bounds. */
const quantity = (bounds: { min: number; max: number; positive?: boolean }) => {
  const value = bounds.positive
    ? z.number().positive().max(bounds.max)
    : z.number().min(bounds.min).max(bounds.max);
  return z.union([
    value,
    z
      .strictObject({ min: value, max: value })
      .refine((range) => range.min <= range.max, { message: t("impact.range_order") }),
  ]);
};

/** One request to estimate: the same fields as the CLI's options. */
export const ImpactEstimateSchema = z.strictObject({
  /** Billions of parameters active per token (a number or `{ min, max }`). */
  activeParameters: quantity({ min: 0, max: 100_000, positive: true }),
  /** Billions of parameters in all; left out: the same as active (a dense model). */
  totalParameters: quantity({ min: 0, max: 100_000, positive: true }).optional(),
  outputTokens: z.number().int().min(0).max(10_000_000),
  /** Measured duration in seconds; left out: not capped. */
  latencySeconds: z.number().min(0).max(86_400).optional(),
  pue: quantity({ min: 1, max: 3 }),
  /** On-site water usage effectiveness, L/kWh. */
  wue: quantity({ min: 0, max: 20 }).optional(),
  /** ISO 3166-1 alpha-3 electricity-mix zone (FRA, SWE, DEU, IRL, USA, WOR). */
  zone: z.string().regex(/^[A-Z]{3}$/, { message: t("impact.zone_format") }),
});
export type ImpactEstimateRequest = z.output<typeof ImpactEstimateSchema>;

/** A figure known within bounds (equal when exact). */
export const RangeSchema = z.object({ min: z.number(), max: z.number() });

/** Everyday equivalents of an energy and a GWP, in minutes (see `equivalents.ts`). */
export const EquivalentsSchema = z.object({
  ledBulbMinutes: RangeSchema,
  videoStreamingMinutes: RangeSchema,
});
const CriterionSchema = z.object({
  usage: RangeSchema,
  embodied: RangeSchema,
  total: RangeSchema,
});

/** The answer: the estimator's result and its everyday equivalents (for the OpenAPI document). */
export const ImpactEstimateResponseSchema = z.object({
  method: z.enum(["ecologits-0.9", "extractive"]),
  zone: z.string().nullable(),
  energy: RangeSchema.describe("kWh"),
  gwp: CriterionSchema.describe("kgCO2e"),
  adpe: CriterionSchema.describe("kgSbeq"),
  pe: CriterionSchema.describe("MJ"),
  water: z.object({ usage: RangeSchema.describe("L"), onSiteCounted: z.boolean() }),
  gpus: RangeSchema,
  generationSeconds: RangeSchema,
  equivalents: EquivalentsSchema,
});
