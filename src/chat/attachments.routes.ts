import { z } from "zod";
import { type RouteDefinition, route, uploadedFiles } from "../http/index.js";
import { appError } from "../shared/errors.js";
import type { AttachmentsService } from "./attachments.service.js";

/** The extensions of the formats a message takes (the type itself is recognised by content). */
const ATTACHMENT_FORMATS = [".pdf", ".docx", ".odt", ".html", ".htm", ".md", ".markdown", ".txt"];

const AttachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  pageCount: z.number().nullable(),
  characterCount: z.number(),
  sent: z.boolean().describe("Faux tant que le message qu'il accompagne n'est pas envoyé"),
  createdAt: z.string(),
});

/**
 * Documents attached to a conversation's messages: uploaded (and read) for
 * the next message, which names them (`attachmentIds`); taken back before it
 * is sent; opened from a citation.
 */
export function attachmentsRoutes(deps: { attachments: AttachmentsService }): RouteDefinition[] {
  const { attachments } = deps;
  return [
    route({
      method: "GET",
      url: "/api/conversations/attachment-limits",
      summary: "Ce qu'un message peut joindre : formats, taille par fichier, nombre de fichiers",
      tags: ["conversations"],
      access: "chat",
      response: z.object({
        maxFileBytes: z.number(),
        maxFilesPerMessage: z.number(),
        maxFilesPerConversation: z.number(),
        maxCharacters: z.number().describe("Caractères de texte d'un fichier, au plus"),
        formats: z.array(z.string()),
      }),
      handler: async () => ({ ...attachments.limits, formats: ATTACHMENT_FORMATS }),
    }),
    route({
      method: "POST",
      url: "/api/conversations/:id/attachments",
      summary:
        "Joindre des documents au prochain message (multipart/form-data, champ « files ») : PDF, DOCX, ODT, HTML, Markdown, texte ; lus aussitôt, jamais ajoutés à une base. Refus : attachment_unsupported, attachment_too_large, attachment_unreadable, too_many_attachments, conversation_attachments_full",
      tags: ["conversations"],
      access: "chat",
      params: z.object({ id: z.string().min(1).max(100) }),
      status: 201,
      response: z.array(AttachmentSchema),
      handler: async ({ principal, params, request }) =>
        attachments.upload(
          principal,
          params.id,
          await uploadedFiles(request, {
            maxFiles: attachments.limits.maxFilesPerMessage,
            maxFileBytes: attachments.limits.maxFileBytes,
            tooMany: () =>
              appError("too_many_attachments", { limit: attachments.limits.maxFilesPerMessage }),
          }),
        ),
    }),
    route({
      method: "DELETE",
      url: "/api/conversations/:id/attachments/:attachmentId",
      summary: "Retirer un document joint avant l'envoi de son message",
      tags: ["conversations"],
      access: "chat",
      params: z.object({
        id: z.string().min(1).max(100),
        attachmentId: z.string().min(1).max(100),
      }),
      status: 204,
      handler: async ({ principal, params }) =>
        attachments.remove(principal, params.id, params.attachmentId),
    }),
    route({
      method: "GET",
      url: "/api/attachments/:id",
      summary: "Un document joint à l'une de mes conversations, passage par passage",
      tags: ["conversations"],
      access: "chat",
      params: z.object({ id: z.string().min(1).max(100) }),
      response: AttachmentSchema.extend({
        conversationId: z.string(),
        passages: z.array(
          z.object({
            id: z.string(),
            ordinal: z.number(),
            section: z.string(),
            page: z.number().nullable(),
            text: z.string(),
          }),
        ),
      }),
      handler: async ({ principal, params }) => attachments.get(principal, params.id),
    }),
  ];
}
