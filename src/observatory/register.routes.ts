import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { RangeSchema } from "../impact/index.js";
import { SOVEREIGNTY } from "../providers/index.js";
import { usageCsv } from "./opendata.js";
import { REGISTER_CSS, registerHtml } from "./register.html.js";
import type { RegisterService } from "./register.service.js";

const MonthSchema = z.string().regex(/^\d{4}-\d{2}$/);

const Register = z.object({
  /** The collectivité's name (`publication.name`), when the configuration gives it. */
  collectivite: z.string().nullable(),
  generatedAt: z.string(),
  /** The months the impact figures cover: the last twelve. */
  period: z.object({ from: z.string(), to: z.string() }),
  /** The charter's threshold: no figure about fewer agents. */
  minAgents: z.int(),
  useCases: z.array(
    z.object({
      id: z.string(),
      version: z.int(),
      name: z.string(),
      purpose: z.string(),
      category: z.string(),
      /** The models its requests may reach, the recommended one first. */
      models: z.array(
        z.object({
          ref: z.string(),
          label: z.string(),
          provider: z.string(),
          hosting: z.enum(SOVEREIGNTY),
          /** ISO 3166-1 alpha-3. */
          country: z.string(),
          recommended: z.boolean(),
        }),
      ),
      data: z.object({
        /** The form's fields that may hold personal data (labels). */
        personalDataFields: z.array(z.string()),
        fields: z.array(z.object({ label: z.string(), personalData: z.boolean() })),
        /** The least sovereign hosting class it admits; null: as the charter says. */
        leastSovereignHosting: z.enum(SOVEREIGNTY).nullable(),
      }),
      oversight: z.object({ validationRequired: z.boolean() }),
      verdicts: z.array(
        z.object({ date: z.string(), kind: z.string(), text: z.string(), votes: z.number() }),
      ),
      impact: z.union([
        z.object({ hidden: z.literal(true) }),
        z.object({
          hidden: z.literal(false),
          agents: z.int(),
          turns: z.number(),
          energyKwh: RangeSchema,
          gwpKgCo2e: RangeSchema,
          waterL: RangeSchema,
        }),
      ]),
    }),
  ),
});

const TableSchema = z.object({
  $schema: z.string(),
  name: z.string(),
  title: z.string(),
  description: z.string(),
  fields: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      description: z.string(),
      type: z.enum(["yearmonth", "string", "integer", "number"]),
      decimalChar: z.string().optional(),
      constraints: z.object({
        required: z.boolean(),
        enum: z.array(z.string()).optional(),
        minimum: z.number().optional(),
      }),
    }),
  ),
  missingValues: z.array(z.string()),
  primaryKey: z.array(z.string()),
});

/**
 * What Beffroi publishes without an account: the register of its algorithmic
 * processing, as data and as a French page, and the open data of its use
 * (monthly aggregates, as CSV with its Table Schema). No personal data.
 */
export function registerRoutes(deps: {
  register: RegisterService;
  openData: () => boolean;
}): RouteDefinition[] {
  const { register } = deps;
  return [
    route({
      method: "GET",
      url: "/api/public/register",
      summary:
        "Registre public des traitements algorithmiques (CRPA art. L. 312-1-3) : chaque cas d'usage, sa finalité, ses modèles et leur hébergement, les données traitées, le contrôle humain, les verdicts des comparaisons, son impact sur douze mois",
      tags: ["public"],
      access: "public",
      response: Register,
      handler: () => register.register(),
    }),
    route({
      method: "GET",
      url: "/registre",
      summary: "Le registre public des traitements algorithmiques, en page HTML (sans compte)",
      tags: ["public"],
      access: "public",
      response: z.string(),
      contentType: "text/html",
      handler: async ({ reply }) => {
        const html = registerHtml(await register.register(), { openData: deps.openData() });
        reply.header("content-type", "text/html; charset=utf-8");
        reply.header("cache-control", "no-cache");
        return html;
      },
    }),
    route({
      method: "GET",
      url: "/registre.css",
      summary: "La feuille de style de la page du registre",
      tags: ["public"],
      access: "public",
      response: z.string(),
      contentType: "text/css",
      handler: async ({ reply }) => {
        reply.header("content-type", "text/css; charset=utf-8");
        reply.header("cache-control", "public, max-age=3600");
        return REGISTER_CSS;
      },
    }),
    route({
      method: "GET",
      url: "/api/public/opendata/usage.csv",
      summary:
        "Données ouvertes : usages mensuels par cas d'usage ou assistant, modèle, hébergement et classe de données (CSV, RFC 4180, UTF-8) ; les lignes de moins d'agents que le seuil de la charte sont retenues",
      tags: ["public"],
      access: "public",
      query: z.object({ from: MonthSchema.optional(), to: MonthSchema.optional() }),
      response: z.string(),
      contentType: "text/csv",
      handler: async ({ query, reply }) => {
        const { from, to, rows } = await register.usage(query);
        reply.header("content-type", "text/csv; charset=utf-8; header=present");
        reply.header(
          "content-disposition",
          `attachment; filename="beffroi-usages-${from}-${to}.csv"`,
        );
        return usageCsv(rows);
      },
    }),
    route({
      method: "GET",
      url: "/api/public/opendata/usage.schema.json",
      summary: "Le schéma (Table Schema) du CSV des usages mensuels",
      tags: ["public"],
      access: "public",
      response: TableSchema,
      handler: () => register.usageSchema(),
    }),
  ];
}
