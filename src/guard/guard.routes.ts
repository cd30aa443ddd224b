import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { ENTITY_TYPES, SCAN_PURPOSES } from "./entity.js";
import type { GuardService } from "./guard.service.js";

/** POST /api/guard/scan: what the guard finds in a text (offsets in UTF-16 code units). */
export function guardRoutes(deps: { guard: GuardService }): RouteDefinition[] {
  return [
    route({
      method: "POST",
      url: "/api/guard/scan",
      summary: "Détecter les données personnelles et sensibles d'un texte",
      tags: ["guard"],
      access: "chat",
      body: z.object({
        text: z.string().max(200_000),
        purpose: z
          .enum(SCAN_PURPOSES)
          .default("egress")
          .describe(
            "egress (par défaut) : ce qui partirait vers un modèle, les données possibles comprises ; documents : une base de connaissances, les seules données certaines, les coordonnées d'organismes à part",
          ),
      }),
      response: z.object({
        dataClass: z.enum(["public", "personal", "sensitive"]),
        entities: z.array(
          z.object({
            type: z.enum(ENTITY_TYPES),
            start: z.number(),
            end: z.number(),
            confidence: z.number(),
            rule: z.string(),
            certainty: z.enum(["certain", "possible"]),
          }),
        ),
        organisations: z.array(
          z.object({
            type: z.enum(["PHONE", "EMAIL", "ADDRESS"]),
            start: z.number(),
            end: z.number(),
            rule: z.string(),
          }),
        ),
      }),
      handler: async ({ body }) => {
        const result = await deps.guard.scan(body.text, body.purpose);
        return {
          dataClass: result.dataClass,
          entities: result.entities.map((entity) => ({
            ...entity,
            certainty: entity.certainty ?? ("certain" as const),
          })),
          organisations: result.organisations,
        };
      },
    }),
  ];
}
