import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { type RouteDefinition, route } from "../../http/index.js";
import { AppError, appError } from "../../shared/errors.js";
import { type AidFileLimits, fileTooLarge } from "./aid-file.js";
import type { AidFinder } from "./aid-finder.js";
import type { AidsService } from "./aids.service.js";

const BaseParams = z.object({ id: z.string().min(1).max(100) });

const ImportQuery = z.object({
  replace: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true")
    .describe("true : retirer les aides déjà importées qui ne sont plus dans le fichier"),
});

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const ImportReportSchema = z.object({
  knowledgeBaseId: z.string(),
  schemes: z.number().describe("Aides lues dans le fichier"),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  removed: z.number().describe("Aides absentes du fichier, retirées (replace=true seulement)"),
  kept: z.number().describe("Aides absentes du fichier, conservées (sans replace)"),
  failed: z.array(z.object({ schemeId: z.string(), code: z.string(), message: z.string() })),
});

const SchemeSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  documentStatus: z.enum(["queued", "processing", "ready", "quarantined", "failed"]),
  title: z.string(),
  institution: z.string(),
  institutionType: z.string(),
  amount: z.number().nullable(),
  unit: z.string().nullable(),
  periodicity: z.string().nullable(),
  link: z.string().nullable(),
  conditions: z.object({
    general: z.array(
      z.object({
        label: z.string().describe("La condition en français (« 16 ans et plus »)"),
        condition: z.looseObject({ type: z.string() }).describe("La condition telle qu'importée"),
      }),
    ),
    text: z.array(z.string()).describe("Conditions rédigées : à vérifier, jamais évaluées"),
  }),
  importedAt: z.string(),
});

/**
 * The one file of an upload (multipart/form-data), read up to the aid file's
 * size limit: past it, the upload is refused without reading further.
 */
async function readAidUpload(
  request: FastifyRequest,
  limits: AidFileLimits,
): Promise<{ bytes: Uint8Array; oversized?: boolean }> {
  if (!request.isMultipart()) throw new AppError("unsupported_media_type");
  let file: Uint8Array | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== "file") continue;
      if (file) throw new AppError("too_many_files", { limit: 1 });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        if (size > limits.maxBytes) throw fileTooLarge(limits);
        chunks.push(chunk);
      }
      // The server's own per-file limit cut the file short.
      if (part.file.truncated) throw fileTooLarge(limits);
      file = new Uint8Array(Buffer.concat(chunks));
    }
  } catch (error) {
    if ((error as { code?: string }).code === "FST_FILES_LIMIT")
      throw new AppError("too_many_files", { limit: 1 });
    throw error;
  }
  if (!file) throw appError("no_files");
  return { bytes: file };
}

const FindBody = z.strictObject({
  question: z.string().max(4000).optional().describe("La question telle que tapée"),
  age: z.number().int().min(0).max(120).optional(),
  place: z
    .string()
    .max(200)
    .optional()
    .describe("Commune, code postal, département ou région, tel que tapé"),
  statuses: z
    .array(z.string().max(60))
    .max(20)
    .optional()
    .describe("etudiant, apprenti, lyceen, demandeur_emploi, beneficiaire_rsa, handicap…"),
  quotientFamilial: z.number().min(0).max(100_000).optional(),
  limit: z.number().int().min(1).max(50).optional(),
});

const FoundAidSchema = z.object({
  id: z.string().describe("L'identifiant de l'aide dans le fichier importé"),
  documentId: z.string(),
  title: z.string(),
  institution: z.string(),
  amount: z.number().nullable(),
  unit: z.string().nullable(),
  periodicity: z.string().nullable(),
  link: z.string().nullable().describe("Le lien officiel de l'aide"),
  verdict: z.enum(["eligible", "possible", "excluded"]),
  why: z.array(z.string()).describe("Les conditions remplies"),
  toCheck: z.array(z.string()).describe("Ce qui reste à vérifier avec la personne"),
  unmet: z.array(z.string()).describe("Pourquoi l'aide ne convient pas (aides écartées)"),
  score: z.number(),
});

const FindingSchema = z.object({
  situation: z.object({
    age: z.number().optional(),
    statuses: z.array(z.string()),
    place: z
      .object({ kind: z.string(), code: z.string(), name: z.string() })
      .optional()
      .describe("Le lieu reconnu, au sens de la géographie officielle"),
    unknownPlace: z
      .string()
      .optional()
      .describe(
        "Le lieu du formulaire tel que tapé, quand il ne désigne aucun territoire français",
      ),
  }),
  aids: FoundAidSchema.array(),
  excluded: FoundAidSchema.array().describe(
    "Aides qui répondent au besoin mais dont une condition exclut la situation",
  ),
});

export function aidsRoutes(deps: { aids: AidsService; finder: AidFinder }): RouteDefinition[] {
  const { aids, finder } = deps;
  return [
    route({
      method: "POST",
      url: "/api/knowledge-bases/:id/aids",
      summary:
        "Importer des aides (un fichier JSONL au format aides-jeunes, en multipart/form-data) : chaque aide devient une fiche de la base ; un fichier mal formé est refusé entier (ligne et champ en cause), rien n'est perdu ; ?replace=true retire les aides absentes du fichier",
      tags: ["knowledge"],
      access: "knowledge:write",
      params: BaseParams,
      query: ImportQuery,
      response: ImportReportSchema,
      status: 202,
      handler: async ({ principal, params, query, request }) => {
        // Access before the file is read: who may not manage the base learns nothing of its content.
        await aids.manageable(principal, params.id);
        const file = await readAidUpload(request, aids.limits());
        return aids.import(principal, params.id, file, { replace: query.replace });
      },
    }),
    route({
      method: "GET",
      url: "/api/knowledge-bases/:id/aids",
      summary:
        "Les aides d'une base, par identifiant (pagination limit/offset) ; ses lecteurs voient celles dont la fiche est intégrée",
      tags: ["knowledge"],
      access: "knowledge:read",
      params: BaseParams,
      query: PageQuery,
      response: z.object({
        items: SchemeSchema.array(),
        total: z.number(),
        limit: z.number(),
        offset: z.number(),
      }),
      handler: async ({ principal, params, query }) => aids.list(principal, params.id, query),
    }),
    route({
      method: "POST",
      url: "/api/knowledge-bases/:id/aids/find",
      summary:
        "Trouver les aides d'une base qui conviennent à une situation (question, ou âge, lieu et statuts) : classées, chacune avec ce qui convient et ce qui reste à vérifier ; les aides écartées à part, avec la raison. Pour les agents.",
      tags: ["knowledge"],
      access: "knowledge:read",
      params: BaseParams,
      body: FindBody,
      response: FindingSchema,
      handler: async ({ principal, params, body }) => finder.find(principal, params.id, body),
    }),
  ];
}
