import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { RangeSchema } from "../impact/index.js";
import { DAY } from "../shared/clock.js";
import { appError } from "../shared/errors.js";
import type { UsageJournal } from "./journal.service.js";

/** The longest period one summary reads (three years): a day's records per query. */
const MAX_DAYS = 1_096;

const Period = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** What the answers saved and cost: sums over a period's turns. */
const Sums = {
  promptTokens: z.number(),
  completionTokens: z.number(),
  energyKwh: RangeSchema,
  gwpKgCo2e: RangeSchema,
  minutesSaved: z.number(),
  answersWithMinutes: z.number(),
};

const UsageSummary = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      assistantId: z.string().nullable(),
      modelRef: z.string().nullable(),
      sovereignty: z.string().nullable(),
      dataClass: z.string(),
      turns: z.number(),
      denied: z.number(),
      positive: z.number(),
      negative: z.number(),
      ...Sums,
    }),
  ),
});

/** The observatory's view of the usage journal: totals, never a text. */
export function journalRoutes(deps: { journal: UsageJournal; now: () => Date }): RouteDefinition[] {
  return [
    route({
      method: "GET",
      url: "/api/observatory/usage",
      summary:
        "Usages sur une période (par défaut les 30 derniers jours) : demandes, refus, avis, minutes gagnées, jetons, énergie, CO2e, par assistant, modèle, hébergement et classe de données",
      tags: ["observatory"],
      access: "audit:read",
      query: Period,
      response: UsageSummary,
      handler: async ({ query }) => {
        const to = query.to ?? deps.now().toISOString();
        const from = query.from ?? new Date(Date.parse(to) - 30 * DAY).toISOString();
        const span = Date.parse(to) - Date.parse(from);
        if (span < 0 || span > MAX_DAYS * DAY)
          throw appError("observatory_usage_period_invalid", { days: MAX_DAYS });
        return { from, to, rows: await deps.journal.summary(from, to) };
      },
    }),
  ];
}
