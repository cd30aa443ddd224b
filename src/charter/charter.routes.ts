import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { previewCharter } from "./charter.preview.js";
import type { CharterService, CharterVersion } from "./charter.service.js";

const present = (current: CharterVersion, acceptedAt: string | undefined) => ({
  version: current.version,
  title: current.title,
  yaml: current.yaml,
  charter: current.charter,
  changes: current.changes,
  createdAt: current.createdAt,
  /** When the caller accepted this version; null when not yet. */
  acceptedAt: acceptedAt ?? null,
});

/**
 * The usage charter: every agent reads the current one and accepts it;
 * administrators save new versions (YAML, checked against the schema) and
 * start from the templates; auditors read every version.
 */
export function charterRoutes(deps: { charter: CharterService }): RouteDefinition[] {
  const { charter } = deps;
  return [
    route({
      method: "GET",
      url: "/api/charter",
      summary: "La charte d'usage en vigueur (et si l'appelant l'a acceptée)",
      tags: ["charter"],
      access: "authenticated",
      handler: async ({ principal }) => {
        const current = await charter.current();
        return present(current, await charter.acceptedAt(principal.userId, current.version));
      },
    }),
    route({
      method: "POST",
      url: "/api/charter/accept",
      summary: "Accepter la version en vigueur de la charte (avant la première utilisation)",
      tags: ["charter"],
      access: "authenticated",
      sessionOnly: true,
      handler: async ({ principal }) => charter.accept(principal.userId),
    }),
    route({
      method: "PUT",
      url: "/api/charter",
      summary: "Enregistrer une nouvelle version de la charte (YAML ; effet à la demande suivante)",
      tags: ["charter"],
      access: "settings:write",
      body: z.strictObject({ yaml: z.string().min(1).max(100_000) }),
      handler: async ({ principal, body }) => {
        const saved = await charter.update(principal, body.yaml);
        return present(saved, await charter.acceptedAt(principal.userId, saved.version));
      },
    }),
    route({
      method: "POST",
      url: "/api/charter/preview",
      summary:
        "Vérifier une charte sans l'enregistrer : ses erreurs avec leur ligne, ou ses règles en français",
      tags: ["charter"],
      access: "settings:read",
      body: z.strictObject({ yaml: z.string().max(100_000) }),
      handler: async ({ body }) => previewCharter(body.yaml),
    }),
    route({
      method: "GET",
      url: "/api/charter/versions",
      summary: "Toutes les versions de la charte : qui, quand, ce qui a changé",
      tags: ["charter"],
      access: "settings:read",
      handler: async () => charter.versions(),
    }),
    route({
      method: "GET",
      url: "/api/charter/versions/:version",
      summary: "Une version de la charte, telle qu'elle a été écrite",
      tags: ["charter"],
      access: "settings:read",
      params: z.object({ version: z.coerce.number().int().positive() }),
      handler: async ({ params }) => charter.version(params.version),
    }),
    route({
      method: "GET",
      url: "/api/charter/templates",
      summary: "Les modèles de charte (stricte, équilibrée, expérimentation)",
      tags: ["charter"],
      access: "settings:read",
      handler: async () => charter.templates(),
    }),
  ];
}
