import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { ENTITY_TYPES } from "./entity.js";
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
      body: z.object({ text: z.string().max(200_000) }),
      response: z.object({
        dataClass: z.enum(["public", "personal", "sensitive"]),
        entities: z.array(
          z.object({
            type: z.enum(ENTITY_TYPES),
            start: z.number(),
            end: z.number(),
            confidence: z.number(),
            rule: z.string(),
          }),
        ),
      }),
      handler: async ({ body }) => deps.guard.scan(body.text),
    }),
  ];
}
