import { z } from "zod";
import { type RouteDefinition, route, uploadedFiles } from "../../http/index.js";
import { appError } from "../../shared/errors.js";
import type { UseCaseRunService } from "./run.service.js";
import { UseCaseFieldSchema } from "./usecase.schema.js";

const Params = z.object({ id: z.string().min(1).max(100) });

const CheckResultSchema = z.object({
  id: z.string(),
  label: z.string(),
  passed: z.boolean(),
  detail: z.string().optional(),
});

const UseCaseFormSchema = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  fields: z.array(UseCaseFieldSchema),
  checks: z.array(z.object({ id: z.string(), label: z.string() })),
  baseline: z.string(),
  requiresValidation: z.boolean(),
});

const UseCaseRunSchema = z.object({
  useCase: z.object({ id: z.string(), version: z.number() }),
  conversationId: z.string().nullable(),
  prompt: z.string(),
  answer: z
    .object({
      messageId: z.string(),
      content: z.string(),
      mode: z.enum(["model", "extractive"]),
      model: z.string().nullable(),
    })
    .nullable(),
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
  checks: z.array(CheckResultSchema),
  baseline: z.object({ kind: z.string(), text: z.string().nullable() }),
  baselineFirst: z.boolean(),
});

/** A form's values: a text per field, or a list of texts (checked against the definition by the service). */
const RunBody = z.strictObject({
  values: z.record(
    z.string().max(40),
    z.union([z.string().max(200_000), z.array(z.string().max(5_000)).max(200)]),
  ),
});

/** Use cases as agents run them: their forms, and a run through the pipeline. */
export function useCaseRunRoutes(deps: {
  runs: UseCaseRunService;
  /** A file's text, read by the attachments' parsers and limits (`AttachmentsService.text`). */
  documentText: (file: {
    fileName: string;
    bytes: Uint8Array;
    oversized?: boolean;
  }) => Promise<{ fileName: string; text: string }>;
  maxFileBytes: number;
}): RouteDefinition[] {
  const { runs } = deps;
  return [
    route({
      method: "GET",
      url: "/api/usecase-forms",
      summary: "Les cas d'usage et leurs formulaires (sans leurs instructions)",
      tags: ["usecases"],
      access: "chat",
      response: UseCaseFormSchema.array(),
      handler: async () => runs.forms(),
    }),
    route({
      method: "POST",
      url: "/api/usecase-documents/text",
      summary:
        "Lire le texte d'un document pour un champ « document » d'un cas d'usage (multipart/form-data, un fichier « file ») : mêmes formats et limites que les pièces jointes ; rien n'est conservé",
      tags: ["usecases"],
      access: "chat",
      response: z.object({ fileName: z.string(), text: z.string() }),
      handler: async ({ request }) => {
        const [file] = await uploadedFiles(request, {
          maxFiles: 1,
          maxFileBytes: deps.maxFileBytes,
          tooMany: () => appError("too_many_attachments", { limit: 1 }),
        });
        if (!file) throw appError("no_files");
        return deps.documentText(file);
      },
    }),
    route({
      method: "POST",
      url: "/api/usecases/:id/run",
      summary:
        "Exécuter un cas d'usage : le formulaire vérifié, l'invite construite passe par la charte, la protection des données, le routage et le journal dans une conversation ouverte pour l'occasion ; la réponse, sa liste de contrôles et le résultat sans IA",
      tags: ["usecases"],
      access: "chat",
      params: Params,
      body: RunBody,
      response: UseCaseRunSchema,
      handler: async ({ principal, params, body }) => runs.run(principal, params.id, body.values),
    }),
  ];
}
