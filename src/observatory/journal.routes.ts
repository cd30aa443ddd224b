import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { equivalentsOf } from "../impact/index.js";
import type { UsageJournal } from "./journal.service.js";

const Period = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** The observatory's view of the usage journal: totals, never a text. */
export function journalRoutes(deps: { journal: UsageJournal; now: () => Date }): RouteDefinition[] {
  return [
    route({
      method: "GET",
      url: "/api/me/usage",
      summary:
        "Mon usage du mois en cours : demandes, jetons, énergie et CO2e cumulés, avec un équivalent parlant, et les minutes que les réponses m'ont fait gagner",
      tags: ["observatory"],
      access: "authenticated",
      handler: async ({ principal }) => {
        const now = deps.now();
        const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
        const to = now.toISOString();
        const totals = await deps.journal.totalsFor(principal.userId, from, to);
        return {
          from,
          to,
          ...totals,
          equivalents: equivalentsOf(totals.energyKwh, totals.gwpKgCo2e),
        };
      },
    }),
    route({
      method: "GET",
      url: "/api/observatory/usage",
      summary:
        "Usages sur une période (par défaut les 30 derniers jours) : demandes, refus, avis, minutes gagnées, jetons, énergie, CO2e, par assistant, modèle, hébergement et classe de données",
      tags: ["observatory"],
      access: "audit:read",
      query: Period,
      handler: async ({ query }) => {
        const to = query.to ?? deps.now().toISOString();
        const from = query.from ?? new Date(Date.parse(to) - 30 * 24 * 3600 * 1000).toISOString();
        return { from, to, rows: await deps.journal.summary(from, to) };
      },
    }),
  ];
}
