import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { AssistantInput, AssistantSchema, AssistantViewSchema } from "./assistant.schema.js";
import type { AssistantsService } from "./assistants.service.js";

const Params = z.object({ id: z.string().min(1).max(100) });

/**
 * Assistants: every agent lists and uses them (without their instructions);
 * referents and administrators manage them.
 */
export function assistantsRoutes(deps: { assistants: AssistantsService }): RouteDefinition[] {
  const { assistants } = deps;
  return [
    route({
      method: "GET",
      url: "/api/assistants",
      summary: "Lister les assistants",
      tags: ["assistants"],
      access: "chat",
      response: AssistantViewSchema.array(),
      handler: async ({ principal }) => {
        await assistants.defaultAssistant();
        return assistants.listFor(principal);
      },
    }),
    route({
      method: "GET",
      url: "/api/assistants/:id",
      summary: "Un assistant",
      tags: ["assistants"],
      access: "chat",
      params: Params,
      response: AssistantViewSchema,
      handler: async ({ principal, params }) => assistants.getFor(principal, params.id),
    }),
    route({
      method: "POST",
      url: "/api/assistants",
      summary: "Créer un assistant (référents : pour leur direction)",
      tags: ["assistants"],
      access: "assistants:write",
      body: AssistantInput,
      response: AssistantSchema,
      status: 201,
      handler: async ({ principal, body }) => assistants.create(principal, body),
    }),
    route({
      method: "PUT",
      url: "/api/assistants/:id",
      summary: "Modifier un assistant",
      tags: ["assistants"],
      access: "assistants:write",
      params: Params,
      body: AssistantInput,
      response: AssistantSchema,
      handler: async ({ principal, params, body }) =>
        assistants.replace(principal, params.id, body),
    }),
    route({
      method: "DELETE",
      url: "/api/assistants/:id",
      summary: "Supprimer un assistant (sauf l'assistant par défaut)",
      tags: ["assistants"],
      access: "assistants:write",
      params: Params,
      status: 204,
      handler: async ({ principal, params }) => assistants.remove(principal, params.id),
    }),
  ];
}
