import { z } from "zod";
import { type RouteDefinition, route } from "../../http/index.js";
import {
  PromptInput,
  PromptListQuery,
  PromptSchema,
  RatingInput,
  UseInput,
  UseResult,
} from "./prompt.schema.js";
import type { PromptsService } from "./prompts.service.js";

const Params = z.object({ id: z.string().min(1).max(100) });

/**
 * The prompt library: every agent lists, rates and uses the prompts they
 * may read and writes their own; shared ones are curated by the direction's
 * referents and the administrators (checked by the service).
 */
export function promptsRoutes(deps: { prompts: PromptsService }): RouteDefinition[] {
  const { prompts } = deps;
  return [
    route({
      method: "GET",
      url: "/api/prompts",
      summary: "Lister les prompts de la bibliothèque (filtres : portée, recherche, tri)",
      tags: ["prompts"],
      access: "chat",
      query: PromptListQuery,
      response: PromptSchema.array(),
      handler: async ({ principal, query }) => prompts.list(principal, query),
    }),
    route({
      method: "GET",
      url: "/api/prompts/:id",
      summary: "Un prompt",
      tags: ["prompts"],
      access: "chat",
      params: Params,
      response: PromptSchema,
      handler: async ({ principal, params }) => prompts.get(principal, params.id),
    }),
    route({
      method: "POST",
      url: "/api/prompts",
      summary: "Proposer un prompt (partagé : référents pour leur direction, administrateurs)",
      tags: ["prompts"],
      access: "chat",
      body: PromptInput,
      response: PromptSchema,
      status: 201,
      handler: async ({ principal, body }) => prompts.create(principal, body),
    }),
    route({
      method: "PUT",
      url: "/api/prompts/:id",
      summary: "Modifier un prompt",
      tags: ["prompts"],
      access: "chat",
      params: Params,
      body: PromptInput,
      response: PromptSchema,
      handler: async ({ principal, params, body }) => prompts.replace(principal, params.id, body),
    }),
    route({
      method: "DELETE",
      url: "/api/prompts/:id",
      summary: "Supprimer un prompt",
      tags: ["prompts"],
      access: "chat",
      params: Params,
      status: 204,
      handler: async ({ principal, params }) => prompts.remove(principal, params.id),
    }),
    route({
      method: "PUT",
      url: "/api/prompts/:id/rating",
      summary: "Noter un prompt (de 1 à 5 ; une note par agent)",
      tags: ["prompts"],
      access: "chat",
      params: Params,
      body: RatingInput,
      response: PromptSchema,
      handler: async ({ principal, params, body }) =>
        prompts.rate(principal, params.id, body.rating),
    }),
    route({
      method: "POST",
      url: "/api/prompts/:id/use",
      summary:
        "Utiliser un prompt : ses variables remplies, pour le champ de saisie (compte une utilisation)",
      tags: ["prompts"],
      access: "chat",
      params: Params,
      body: UseInput,
      response: UseResult,
      handler: async ({ principal, params, body }) =>
        prompts.use(principal, params.id, body.values),
    }),
  ];
}
