import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { appError } from "../shared/errors.js";
import { previewCharter } from "./charter.preview.js";
import { CharterSchema } from "./charter.schema.js";
import type { CharterService, CharterVersion } from "./charter.service.js";
import { TEMPLATE_NAMES } from "./templates.js";

const present = (
  current: CharterVersion,
  acceptedAt: string | undefined,
  sinceAccepted: z.infer<typeof SinceAccepted> | null = null,
) => ({
  version: current.version,
  title: current.title,
  yaml: current.yaml,
  charter: current.charter,
  changes: current.changes,
  createdAt: current.createdAt,
  /** When the caller accepted this version; null when not yet. */
  acceptedAt: acceptedAt ?? null,
  sinceAccepted,
});

/** A charter's rules in plain French, section by section (`charterRules`). */
const RuleSections = z.array(z.object({ title: z.string(), sentences: z.array(z.string()) }));

/** A YAML's problems at their place, or its rules in plain French (`previewCharter`). */
const Preview = z.object({
  valid: z.boolean(),
  errors: z.array(
    z.object({ line: z.number(), column: z.number(), path: z.string(), message: z.string() }),
  ),
  rules: RuleSections,
});

/** An acceptance recorded: of which version, when. */
const Acceptance = z.object({ version: z.number(), acceptedAt: z.string() });

/** A version as listed: what changed, who saved it, when. */
const VersionSummary = z.object({
  version: z.number(),
  title: z.string(),
  changes: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

/** The version the caller accepted before this one, and what changed since, in plain French. */
const SinceAccepted = z.object({
  version: z.number(),
  acceptedAt: z.string(),
  added: RuleSections,
  removed: RuleSections,
  principlesChanged: z.boolean(),
  disclosureChanged: z.boolean(),
});

/** The current version, as an agent reads it, and when they accepted it (null when not yet). */
const CurrentCharter = VersionSummary.omit({ createdBy: true }).extend({
  yaml: z.string(),
  charter: CharterSchema,
  acceptedAt: z.string().nullable(),
  sinceAccepted: SinceAccepted.nullable().describe(
    "Pour qui n'a pas encore accepté cette version mais une précédente : laquelle, et ce qui a changé depuis",
  ),
});

/**
 * The usage charter: every agent reads the current one and accepts it;
 * administrators save new versions (YAML, checked against the schema) and
 * start from the templates; auditors read every version.
 */
export function charterRoutes(deps: {
  charter: CharterService;
  /** Whether an account exists (identity's port). */
  userExists: (id: string) => Promise<boolean>;
}): RouteDefinition[] {
  const { charter } = deps;
  return [
    route({
      method: "GET",
      url: "/api/charter",
      summary: "La charte d'usage en vigueur (et si l'appelant l'a acceptée)",
      tags: ["charter"],
      access: "authenticated",
      response: CurrentCharter,
      handler: async ({ principal }) => {
        const current = await charter.current();
        return present(
          current,
          await charter.acceptedAt(principal.userId, current.version),
          await charter.sinceAccepted(principal.userId, current),
        );
      },
    }),
    route({
      method: "POST",
      url: "/api/charter/accept",
      summary: "Accepter la version en vigueur de la charte (avant la première utilisation)",
      tags: ["charter"],
      access: "authenticated",
      response: Acceptance,
      // On the page, the agent's own act; with an API key, the audit log keeps it too.
      handler: async ({ principal }) =>
        charter.accept(
          principal.userId,
          principal.via === "api-key" ? { actor: principal } : undefined,
        ),
    }),
    route({
      method: "POST",
      url: "/api/charter/acceptances",
      summary:
        "Accepter la version en vigueur pour un compte (compte de service qui n'utilise que l'API) ; inscrit au journal d'audit",
      tags: ["charter"],
      access: "directory:write",
      body: z.strictObject({ userId: z.string().min(1).max(100) }),
      response: Acceptance,
      handler: async ({ principal, body }) => {
        if (!(await deps.userExists(body.userId))) throw appError("user_not_found");
        return charter.accept(body.userId, { actor: principal });
      },
    }),
    route({
      method: "PUT",
      url: "/api/charter",
      summary: "Enregistrer une nouvelle version de la charte (YAML ; effet à la demande suivante)",
      tags: ["charter"],
      access: "settings:write",
      body: z.strictObject({ yaml: z.string().min(1).max(100_000) }),
      response: CurrentCharter,
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
      response: Preview,
      handler: async ({ body }) => previewCharter(body.yaml),
    }),
    route({
      method: "GET",
      url: "/api/charter/versions",
      summary: "Toutes les versions de la charte : qui, quand, ce qui a changé",
      tags: ["charter"],
      access: "settings:read",
      response: z.array(VersionSummary),
      handler: async () => charter.versions(),
    }),
    route({
      method: "GET",
      url: "/api/charter/versions/:version",
      summary: "Une version de la charte, telle qu'elle a été écrite",
      tags: ["charter"],
      access: "settings:read",
      params: z.object({ version: z.coerce.number().int().positive() }),
      response: VersionSummary.extend({ yaml: z.string(), charter: CharterSchema }),
      handler: async ({ params }) => charter.version(params.version),
    }),
    route({
      method: "GET",
      url: "/api/charter/templates",
      summary: "Les modèles de charte (stricte, équilibrée, expérimentation)",
      tags: ["charter"],
      access: "settings:read",
      response: z.array(z.object({ name: z.enum(TEMPLATE_NAMES), yaml: z.string() })),
      handler: async () => charter.templates(),
    }),
  ];
}
