import { type RouteDefinition, route } from "../http/index.js";
import { ImpactEstimateResponseSchema, ImpactEstimateSchema } from "./impact.schema.js";
import { estimateWithEquivalents } from "./impact.service.js";

/** POST /api/impact/estimate: one request's impact by the EcoLogits method, for any signed-in user. */
export function impactRoutes(): RouteDefinition[] {
  return [
    route({
      method: "POST",
      url: "/api/impact/estimate",
      summary: "Estimer l'impact environnemental d'une requête à un modèle",
      tags: ["impact"],
      access: "authenticated",
      body: ImpactEstimateSchema,
      response: ImpactEstimateResponseSchema,
      handler: async ({ body }) => estimateWithEquivalents(body),
    }),
  ];
}
