import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { auditActor } from "../observatory/index.js";
import type { ApiKeysService } from "./api-keys.service.js";
import { ApiKeyListQuery, ApiKeySchema, IdParams, NewApiKeyBody } from "./identity.schema.js";

/** Keys are managed from a signed-in session only: a key cannot mint keys. */
export function apiKeysRoutes(deps: { apiKeys: ApiKeysService }): RouteDefinition[] {
  return [
    route({
      method: "GET",
      url: "/api/api-keys",
      summary: "Ses clés d'API (toutes avec ?all=true pour qui gère l'annuaire)",
      tags: ["api-keys"],
      access: "authenticated",
      sessionOnly: true,
      query: ApiKeyListQuery,
      response: ApiKeySchema.array(),
      handler: async ({ principal, query }) => deps.apiKeys.list(principal, query.all),
    }),
    route({
      method: "POST",
      url: "/api/api-keys",
      summary: "Créer une clé d'API (la clé n'est affichée qu'une fois)",
      tags: ["api-keys"],
      access: "authenticated",
      sessionOnly: true,
      body: NewApiKeyBody,
      response: z.object({ key: ApiKeySchema, token: z.string() }),
      status: 201,
      handler: async ({ principal, body }) =>
        deps.apiKeys.create(principal.userId, body, auditActor(principal)),
    }),
    route({
      method: "DELETE",
      url: "/api/api-keys/:id",
      summary: "Révoquer une clé d'API",
      tags: ["api-keys"],
      access: "authenticated",
      sessionOnly: true,
      params: IdParams,
      response: ApiKeySchema,
      handler: async ({ principal, params }) => deps.apiKeys.revoke(principal, params.id),
    }),
  ];
}
