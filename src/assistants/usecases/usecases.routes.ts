import { z } from "zod";
import { type RouteDefinition, route } from "../../http/index.js";
import { CATEGORIES } from "../assistant.schema.js";
import { UseCaseSchema } from "./usecase.schema.js";
import type { UseCasesService } from "./usecases.service.js";

const Params = z.object({ id: z.string().min(1).max(100) });
const SOURCES = ["shipped", "edited", "imported"] as const;

const UseCaseSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.enum(CATEGORIES),
  version: z.int(),
  revision: z.int(),
  source: z.enum(SOURCES),
  shipped: z.boolean(),
  shippedUpdate: z.int().nullable(),
  ownerDirectionId: z.string().nullable(),
  ownerDirectionPath: z.string().nullable(),
  recommendedModel: z.string().nullable(),
  updatedAt: z.string(),
});

const UseCaseDetailSchema = UseCaseSummarySchema.extend({
  yaml: z.string(),
  definition: UseCaseSchema,
  versions: z.array(
    z.object({
      revision: z.int(),
      version: z.int(),
      source: z.enum(SOURCES),
      authorId: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

/** The definition file, and optionally the direction that owns the use case. */
const UseCaseWriteSchema = z.strictObject({
  yaml: z.string().min(1).max(200_000),
  ownerDirectionId: z.string().min(1).max(100).nullable().optional(),
});

/**
 * The use-case catalogue: every agent lists the use cases and reads their
 * definitions (to fill their forms); administrators and referents of the
 * owning direction edit, import and delete them.
 */
export function useCasesRoutes(deps: { useCases: UseCasesService }): RouteDefinition[] {
  const { useCases } = deps;
  return [
    route({
      method: "GET",
      url: "/api/usecases",
      summary: "Lister les cas d'usage",
      tags: ["usecases"],
      access: "chat",
      response: UseCaseSummarySchema.array(),
      handler: async () => useCases.list(),
    }),
    route({
      method: "GET",
      url: "/api/usecases/:id",
      summary: "Un cas d'usage : sa définition et ses versions",
      tags: ["usecases"],
      access: "chat",
      params: Params,
      response: UseCaseDetailSchema,
      handler: async ({ params }) => useCases.get(params.id),
    }),
    route({
      method: "PUT",
      url: "/api/usecases/:id",
      summary: "Enregistrer une nouvelle version d'un cas d'usage (fichier YAML)",
      tags: ["usecases"],
      access: "assistants:write",
      params: Params,
      body: UseCaseWriteSchema,
      response: UseCaseDetailSchema,
      handler: async ({ principal, params, body }) => useCases.edit(principal, params.id, body),
    }),
    route({
      method: "POST",
      url: "/api/usecases/import",
      summary: "Importer un cas d'usage (fichier YAML d'une autre collectivité)",
      tags: ["usecases"],
      access: "assistants:write",
      body: UseCaseWriteSchema,
      response: UseCaseDetailSchema,
      handler: async ({ principal, body }) => useCases.import(principal, body),
    }),
    route({
      method: "GET",
      url: "/api/usecases/:id/export",
      summary: "Exporter un cas d'usage (YAML)",
      tags: ["usecases"],
      access: "chat",
      params: Params,
      response: z.string(),
      contentType: "application/yaml",
      handler: async ({ params, reply }) => {
        const { yaml } = await useCases.export(params.id);
        reply.header("content-type", "application/yaml; charset=utf-8");
        // The id is a slug (lower case, digits, hyphens): safe as it is in the header.
        reply.header("content-disposition", `attachment; filename="${params.id}.yaml"`);
        return yaml;
      },
    }),
    route({
      method: "PUT",
      url: "/api/usecases/:id/recommended-model",
      summary:
        "Le modèle que les demandes du cas d'usage essaient d'abord (verdict d'une comparaison)",
      tags: ["usecases"],
      access: "assistants:write",
      params: Params,
      body: z.strictObject({ model: z.string().min(1).max(200).nullable() }),
      response: UseCaseSummarySchema,
      handler: async ({ principal, params, body }) =>
        useCases.recommend(principal, params.id, body.model),
    }),
    route({
      method: "DELETE",
      url: "/api/usecases/:id",
      summary: "Supprimer un cas d'usage (sauf ceux livrés avec Beffroi)",
      tags: ["usecases"],
      access: "assistants:write",
      params: Params,
      status: 204,
      handler: async ({ principal, params }) => useCases.remove(principal, params.id),
    }),
  ];
}
