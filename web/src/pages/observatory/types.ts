import type { ResponseOf } from "../../api/client";

/** The observatory area's names for the generated types of the API's answers. */
export type Adoption = ResponseOf<"GET /api/observatory/adoption">;
export type Uses = ResponseOf<"GET /api/observatory/uses">;
export type Protection = ResponseOf<"GET /api/observatory/protection">;
export type Impact = ResponseOf<"GET /api/observatory/impact">;
export type Battles = ResponseOf<"GET /api/observatory/battles">;
export type MyUsage = ResponseOf<"GET /api/me/usage">;
export type Direction = ResponseOf<"GET /api/directions">[number];

/** What every section is read over: months `YYYY-MM` and a direction's id ("" for all). */
export interface Filter {
  from: string;
  to: string;
  direction: string;
}

/** The sections, by their address (`/observatoire/<section>`). */
export const SECTIONS = ["adoption", "usages", "protection", "impact", "comparaisons"] as const;
export type Section = (typeof SECTIONS)[number];

export const isSection = (value: string): value is Section =>
  (SECTIONS as readonly string[]).includes(value);

/** The query every section's route takes. */
export const queryOf = (filter: Filter) => ({
  from: filter.from,
  to: filter.to,
  ...(filter.direction && { direction: filter.direction }),
});
