import { z } from "zod";
import { PersonalDataSettingSchema, ReleaseActionSchema } from "./personal-data.js";

export const ReaderSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("direction"),
    value: z.string().min(1).describe("Identifiant de la direction"),
  }),
  z.object({ kind: z.literal("role"), value: z.enum(["agent", "referent", "admin", "auditor"]) }),
  z.object({ kind: z.literal("everyone"), value: z.literal("*").default("*") }),
]);

export const KnowledgeBaseName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.'’-]*$/u, "lettres, chiffres, espaces, tirets, points");

export const NewKnowledgeBaseBody = z.object({
  name: KnowledgeBaseName,
  description: z.string().trim().max(2000).default(""),
  ownerDirectionId: z.string().min(1).optional(),
  readers: z.array(ReaderSchema).max(200).default([]),
  personalData: PersonalDataSettingSchema.default("quarantine"),
});

export const KnowledgeBaseChangesBody = z
  .object({
    name: KnowledgeBaseName,
    description: z.string().trim().max(2000),
    readers: z.array(ReaderSchema).max(200),
    personalData: PersonalDataSettingSchema,
  })
  .partial()
  .strict();

/** Occurrences per entity type, e.g. { "EMAIL": 2 }. */
export const TypeCountsSchema = z.record(z.string(), z.number());

export const KnowledgeBaseSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  ownerDirection: z.object({ id: z.string(), path: z.string() }),
  readers: z.array(z.object({ kind: z.string(), value: z.string(), label: z.string() })),
  personalData: z.enum(["index", "pseudonymise", "quarantine"]),
  documentCount: z.number(),
  passageCount: z.number(),
  canManage: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DocumentSchema = z.object({
  id: z.string(),
  knowledgeBaseId: z.string(),
  fileName: z
    .string()
    .describe(
      "Nom du fichier déposé ; pour qui ne gère pas la base, pseudonymisé ou masqué comme le texte du document (« nom de fichier masqué » s'il n'a pas encore été analysé)",
    ),
  title: z.string().nullable(),
  mediaType: z.string().nullable(),
  sha256: z.string(),
  sizeBytes: z.number(),
  status: z.enum(["queued", "processing", "ready", "quarantined", "failed"]),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  pageCount: z.number().nullable(),
  passageCount: z.number(),
  wordCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ingestedAt: z.string().nullable(),
  personalData: z
    .object({
      dataClass: z.enum(["public", "personal", "sensitive"]),
      types: TypeCountsSchema,
      action: z.enum(["index", "pseudonymise", "quarantine"]),
    })
    .nullable()
    .describe(
      "Données personnelles trouvées à l'ingestion (types et nombres, jamais les valeurs) ; null : document non analysé",
    ),
  release: z
    .object({ as: z.enum(["index", "pseudonymise"]), by: z.string(), at: z.string() })
    .nullable()
    .describe("Libération de quarantaine par un référent : comment, par qui, quand"),
});

export const QuarantinedDocumentSchema = DocumentSchema.extend({
  uploadedBy: z.string().nullable(),
  passages: z
    .array(
      z.object({
        ordinal: z.number(),
        section: z.string(),
        page: z.number().nullable(),
        types: TypeCountsSchema,
        excerpt: z
          .string()
          .describe("Extrait où chaque valeur est remplacée par son type ([EMAIL])"),
      }),
    )
    .describe("Les passages qui contiennent des données personnelles"),
});

export const ReleaseBody = z.object({
  as: ReleaseActionSchema.describe(
    "index : indexer le document tel quel ; pseudonymise : remplacer les valeurs par des pseudonymes",
  ),
});

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(2000),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const CitationSchema = z.object({
  number: z.number(),
  passageId: z.string(),
  documentId: z.string(),
  knowledgeBaseId: z.string(),
  knowledgeBaseName: z.string(),
  fileName: z.string(),
  title: z.string(),
  section: z.string(),
  page: z.number().nullable(),
  url: z.string(),
});

export const SearchHitSchema = z.object({
  passageId: z.string(),
  documentId: z.string(),
  knowledgeBaseId: z.string(),
  fileName: z.string(),
  title: z.string(),
  section: z.string(),
  page: z.number().nullable(),
  score: z.number(),
  text: z.string(),
});

export const AskBody = z.object({
  question: z.string().trim().min(1).max(4000),
  knowledgeBaseIds: z.array(z.string().min(1)).max(50).optional(),
});

export const AnswerSchema = z.object({
  answer: z.string(),
  abstained: z.boolean(),
  mode: z.enum(["extractive", "model"]),
  confidence: z.number(),
  citations: z.array(CitationSchema),
  /** The model that wrote the answer (mode `model`), with its hosting class. */
  model: z
    .object({
      ref: z.string(),
      providerId: z.string(),
      providerLabel: z.string(),
      modelId: z.string(),
      sovereignty: z.enum(["local", "sovereign", "extraterritorial"]),
      country: z.string(),
    })
    .nullable(),
});
