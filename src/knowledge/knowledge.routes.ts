import { z } from "zod";
import { type RouteDefinition, route, type UploadLimits, uploadedFiles } from "../http/index.js";
import { AppError } from "../shared/errors.js";
import {
  DocumentSchema,
  KnowledgeBaseChangesBody,
  KnowledgeBaseSchema,
  NewKnowledgeBaseBody,
  QuarantinedDocumentSchema,
  ReleaseBody,
  SearchHitSchema,
  SearchQuery,
  TypeCountsSchema,
} from "./knowledge.schema.js";
import type { KnowledgeService } from "./knowledge.service.js";
import type { RetrievalService } from "./retrieval.service.js";

/** The extensions of the formats a base takes (the type itself is recognised by content). */
const UPLOAD_FORMATS = [".pdf", ".docx", ".odt", ".html", ".htm", ".md", ".markdown", ".txt"];

const BaseParams = z.object({ id: z.string().min(1).max(100) });
const DocumentParams = z.object({
  id: z.string().min(1).max(100),
  documentId: z.string().min(1).max(100),
});

const PassageSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  knowledgeBaseId: z.string(),
  knowledgeBaseName: z.string(),
  fileName: z.string(),
  title: z.string(),
  section: z.string(),
  page: z.number().nullable(),
  ordinal: z.number(),
  text: z.string(),
});

const AuditReportSchema = z.object({
  knowledgeBaseId: z.string(),
  generatedAt: z.string(),
  documents: z.object({
    total: z.number(),
    ready: z.number(),
    failed: z.number(),
    quarantined: z.number(),
    words: z.number(),
  }),
  findings: z.array(
    z.object({
      kind: z.string(),
      severity: z.enum(["info", "warning", "error"]),
      message: z.string(),
      documents: z.array(z.object({ id: z.string(), fileName: z.string() })),
      passages: z.array(
        z.object({
          id: z
            .string()
            .nullable()
            .describe("null : passage d'un document en quarantaine (non enregistré)"),
          documentId: z.string(),
          excerpt: z
            .string()
            .describe("Extrait où chaque donnée personnelle est remplacée par son type ([EMAIL])"),
          ordinal: z.number().optional(),
          types: TypeCountsSchema.optional(),
        }),
      ),
      personalData: z
        .object({
          dataClass: z.enum(["public", "personal", "sensitive"]),
          types: TypeCountsSchema,
          action: z.enum(["index", "pseudonymise", "quarantine", "unscanned"]),
        })
        .optional(),
    }),
  ),
  quarantined: z.array(
    z.object({
      documentId: z.string(),
      fileName: z.string(),
      dataClass: z.enum(["public", "personal", "sensitive"]),
      types: TypeCountsSchema,
      updatedAt: z.string(),
    }),
  ),
  perDocument: z.array(
    z.object({ documentId: z.string(), fileName: z.string(), kinds: z.array(z.string()) }),
  ),
  personalDataChecked: z.boolean(),
});

const SubmitResultSchema = z.object({
  fileName: z.string(),
  documentId: z.string(),
  status: z.enum(["queued", "unchanged", "failed"]),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export function knowledgeRoutes(deps: {
  knowledge: KnowledgeService;
  retrieval: RetrievalService;
  maxFilesPerUpload: number;
  /** The bytes of all the files of one upload together. */
  maxUploadBytes: number;
}): RouteDefinition[] {
  const { knowledge, retrieval } = deps;
  const uploadLimits: UploadLimits = {
    maxFiles: deps.maxFilesPerUpload,
    maxBytes: deps.maxUploadBytes,
    tooMany: () => new AppError("too_many_files", { limit: deps.maxFilesPerUpload }),
  };
  return [
    route({
      method: "GET",
      url: "/api/knowledge-bases",
      summary: "Les bases de connaissances que l'on peut lire",
      tags: ["knowledge"],
      access: "knowledge:read",
      response: KnowledgeBaseSchema.array(),
      handler: async ({ principal }) => knowledge.list(principal),
    }),
    route({
      method: "GET",
      url: "/api/knowledge-bases/upload-limits",
      summary:
        "Ce qu'un dépôt accepte : taille maximale d'un fichier, nombre de fichiers et taille totale par envoi, formats",
      tags: ["knowledge"],
      access: "knowledge:read",
      response: z.object({
        maxFileBytes: z.number(),
        maxFiles: z.number().describe("Au-delà, l'envoi entier est refusé (too_many_files)"),
        maxUploadBytes: z
          .number()
          .describe("Taille de tous les fichiers d'un envoi ; au-delà, il est refusé entier"),
        formats: z.array(z.string()).describe("Extensions reconnues, pour guider le choix"),
      }),
      handler: async () => ({
        maxFileBytes: knowledge.maxFileBytes(),
        maxFiles: uploadLimits.maxFiles,
        maxUploadBytes: uploadLimits.maxBytes,
        formats: UPLOAD_FORMATS,
      }),
    }),
    route({
      method: "POST",
      url: "/api/knowledge-bases",
      summary: "Créer une base (référents de la direction propriétaire, administrateurs)",
      tags: ["knowledge"],
      access: "knowledge:write",
      body: NewKnowledgeBaseBody,
      response: KnowledgeBaseSchema,
      status: 201,
      handler: async ({ principal, body }) => knowledge.create(principal, body),
    }),
    route({
      method: "GET",
      url: "/api/knowledge-bases/:id",
      summary: "Une base de connaissances",
      tags: ["knowledge"],
      access: "knowledge:read",
      params: BaseParams,
      response: KnowledgeBaseSchema,
      handler: async ({ principal, params }) => knowledge.get(principal, params.id),
    }),
    route({
      method: "PATCH",
      url: "/api/knowledge-bases/:id",
      summary:
        "Modifier une base (nom, description, lecteurs, traitement des données personnelles ; un nouveau réglage réingère tous ses documents)",
      tags: ["knowledge"],
      access: "knowledge:write",
      params: BaseParams,
      body: KnowledgeBaseChangesBody,
      response: KnowledgeBaseSchema,
      handler: async ({ principal, params, body }) => knowledge.update(principal, params.id, body),
    }),
    route({
      method: "DELETE",
      url: "/api/knowledge-bases/:id",
      summary: "Supprimer une base et ses documents",
      tags: ["knowledge"],
      access: "knowledge:write",
      params: BaseParams,
      status: 204,
      handler: async ({ principal, params }) => knowledge.remove(principal, params.id),
    }),
    route({
      method: "GET",
      url: "/api/knowledge-bases/:id/documents",
      summary: "Les documents d'une base et leur état d'ingestion",
      tags: ["knowledge"],
      access: "knowledge:read",
      params: BaseParams,
      response: DocumentSchema.array(),
      handler: async ({ principal, params }) => knowledge.documents(principal, params.id),
    }),
    route({
      method: "POST",
      url: "/api/knowledge-bases/:id/documents",
      summary:
        "Déposer des fichiers (multipart/form-data, un ou plusieurs champs « files ») : PDF, DOCX, ODT, HTML, Markdown, texte ; un envoi au-delà des limites (upload-limits) est refusé entier, code 413 too_many_files ou upload_too_large",
      tags: ["knowledge"],
      access: "knowledge:write",
      params: BaseParams,
      response: SubmitResultSchema.array(),
      status: 202,
      handler: async ({ principal, params, request }) => {
        await knowledge.get(principal, params.id);
        const files = await uploadedFiles(request, uploadLimits);
        return knowledge.submit(principal, params.id, files);
      },
    }),
    route({
      method: "GET",
      url: "/api/knowledge-bases/:id/documents/:documentId",
      summary: "Un document et son état d'ingestion",
      tags: ["knowledge"],
      access: "knowledge:read",
      params: DocumentParams,
      response: DocumentSchema,
      handler: async ({ principal, params }) =>
        knowledge.document(principal, params.id, params.documentId),
    }),
    route({
      method: "GET",
      url: "/api/knowledge-bases/:id/documents/:documentId/passages",
      summary: "Les passages d'un document, dans l'ordre",
      tags: ["knowledge"],
      access: "knowledge:read",
      params: DocumentParams,
      response: PassageSchema.array(),
      handler: async ({ principal, params }) =>
        knowledge.documentPassages(principal, params.id, params.documentId),
    }),
    route({
      method: "DELETE",
      url: "/api/knowledge-bases/:id/documents/:documentId",
      summary: "Retirer un document de la base",
      tags: ["knowledge"],
      access: "knowledge:write",
      params: DocumentParams,
      status: 204,
      handler: async ({ principal, params }) =>
        knowledge.removeDocument(principal, params.id, params.documentId),
    }),
    route({
      method: "GET",
      url: "/api/knowledge-bases/:id/quarantine",
      summary:
        "Les documents en quarantaine (données personnelles trouvées), avec les passages concernés masqués, pour l'examen d'un référent",
      tags: ["knowledge"],
      access: "knowledge:write",
      params: BaseParams,
      response: QuarantinedDocumentSchema.array(),
      handler: async ({ principal, params }) => knowledge.quarantined(principal, params.id),
    }),
    route({
      method: "POST",
      url: "/api/knowledge-bases/:id/documents/:documentId/release",
      summary:
        "Libérer un document en quarantaine : il est réingéré tel quel (index) ou pseudonymisé (pseudonymise) ; pour le retirer, DELETE sur le document",
      tags: ["knowledge"],
      access: "knowledge:write",
      params: DocumentParams,
      body: ReleaseBody,
      response: DocumentSchema,
      status: 202,
      handler: async ({ principal, params, body }) =>
        knowledge.release(principal, params.id, params.documentId, body.as),
    }),
    route({
      method: "GET",
      url: "/api/knowledge-bases/:id/search",
      summary:
        "Chercher des passages (BM25 sur le texte analysé en français, fusionné avec la recherche vectorielle quand un modèle d'embeddings est configuré)",
      tags: ["knowledge"],
      access: "knowledge:read",
      params: BaseParams,
      query: SearchQuery,
      response: z.object({
        hits: SearchHitSchema.array(),
        terms: z.array(z.string()),
        confidence: z.number(),
        rankings: z.array(z.enum(["lexical", "dense"])),
      }),
      handler: async ({ principal, params, query }) => {
        await knowledge.get(principal, params.id);
        const { hits, terms, confidence, rankings } = await retrieval.search(principal, query.q, {
          knowledgeBaseIds: [params.id],
          limit: query.limit,
        });
        return { hits, terms, confidence, rankings };
      },
    }),
    route({
      method: "GET",
      url: "/api/knowledge-bases/:id/audit",
      summary:
        "Audit de qualité d'une base : documents trop longs ou sans structure, doublons, conflits probables, obsolescence, données personnelles",
      tags: ["knowledge"],
      access: "knowledge:read",
      params: BaseParams,
      response: AuditReportSchema,
      handler: async ({ principal, params }) => knowledge.audit(principal, params.id),
    }),
    route({
      method: "GET",
      url: "/api/passages/:id",
      summary: "Un passage cité, avec son document",
      tags: ["knowledge"],
      access: "knowledge:read",
      params: BaseParams,
      response: PassageSchema,
      handler: async ({ principal, params }) => knowledge.passage(principal, params.id),
    }),
  ];
}
