import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { auditActor } from "../observatory/index.js";
import { AppError } from "../shared/errors.js";
import { describeFailure } from "./generator.js";
import { PRESETS } from "./presets.js";
import {
  ProviderBodySchema,
  ProviderDraftSchema,
  ProviderImpactSchema,
  ProviderSchema,
  ProviderViewSchema,
} from "./provider.schema.js";
import type { ProvidersService } from "./providers.service.js";

const Params = z.object({ id: z.string().min(1).max(63) });

/**
 * The provider registry for administrators (read: auditors too). API keys
 * are never returned, not even sealed: only whether one is set.
 */
export function providersRoutes(deps: { providers: ProvidersService }): RouteDefinition[] {
  const { providers } = deps;
  return [
    route({
      method: "GET",
      url: "/api/providers",
      summary: "Lister les fournisseurs de modèles (classe de souveraineté, pays, santé)",
      tags: ["providers"],
      access: "settings:read",
      response: z.array(ProviderViewSchema),
      handler: async () => (await providers.list()).map((provider) => providers.view(provider)),
    }),
    route({
      method: "GET",
      url: "/api/providers/presets",
      summary: "Modèles de configuration prêts à adapter (Albert API, Mistral, OVHcloud…)",
      tags: ["providers"],
      access: "settings:read",
      response: z.array(
        z.object({ name: z.string(), description: z.string(), provider: ProviderSchema }),
      ),
      handler: async () => Object.entries(PRESETS).map(([name, preset]) => ({ name, ...preset })),
    }),
    route({
      method: "POST",
      url: "/api/providers/impact",
      summary:
        "Dire, pour un fournisseur en cours de saisie, les modèles dont l'impact ne pourra pas être estimé et ce qui manque",
      tags: ["providers"],
      access: "settings:write",
      body: ProviderDraftSchema,
      response: ProviderImpactSchema,
      handler: async ({ body }) => providers.impact(body),
    }),
    route({
      method: "POST",
      url: "/api/providers",
      summary: "Ajouter un fournisseur",
      tags: ["providers"],
      access: "settings:write",
      body: ProviderBodySchema,
      status: 201,
      response: ProviderViewSchema,
      handler: async ({ principal, body }) =>
        providers.view(await providers.create(body, auditActor(principal))),
    }),
    route({
      method: "PUT",
      url: "/api/providers/:id",
      summary: "Remplacer la définition d'un fournisseur (effet immédiat, sans redémarrage)",
      tags: ["providers"],
      access: "settings:write",
      params: Params,
      body: ProviderBodySchema,
      response: ProviderViewSchema,
      handler: async ({ principal, params, body }) =>
        providers.view(await providers.replace(params.id, body, auditActor(principal))),
    }),
    route({
      method: "DELETE",
      url: "/api/providers/:id",
      summary: "Retirer un fournisseur",
      tags: ["providers"],
      access: "settings:write",
      params: Params,
      status: 204,
      handler: async ({ principal, params }) => providers.remove(params.id, auditActor(principal)),
    }),
    route({
      method: "POST",
      url: "/api/providers/:id/test",
      summary: "Vérifier qu'un fournisseur répond et propose les modèles déclarés",
      tags: ["providers"],
      access: "settings:write",
      params: Params,
      response: z.object({ listed: z.array(z.string()), missing: z.array(z.string()) }),
      handler: async ({ params }) => {
        try {
          return await providers.test(params.id);
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw new AppError("provider_unreachable", { reason: describeFailure(error) });
        }
      },
    }),
  ];
}
