import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { type RouteCandidate, turnError } from "../pipeline/index.js";
import { formatEvent, openEventStream } from "../shared/event-stream.js";
import { type ConversationsService, MAX_MINUTES_SAVED } from "./conversations.service.js";

const Params = z.object({ id: z.string().min(1).max(100) });
const Title = z.string().trim().min(1).max(200);

/** A conversation as listed. */
const ConversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  assistantId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A message: for an answer, its metadata holds mode, citations, model, decisions and usage. */
const MessageSchema = z.object({
  id: z.string(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  createdAt: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  validatedBy: z.string().nullable(),
  validatedAt: z.string().nullable(),
});

const AssistantChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  isDefault: z.boolean(),
  requiresValidation: z.boolean(),
  models: z.array(
    z.object({
      ref: z.string(),
      name: z.string(),
      provider: z.string(),
      sovereignty: z.enum(["local", "sovereign", "extraterritorial"]),
      country: z.string(),
    }),
  ),
});

/**
 * The web page's conversations. Sending a message answers in a stream of
 * server-sent events when the client accepts them (`event: delta` with the
 * text as it comes, then `event: done` with the stored answer, or
 * `event: error`), else in one JSON answer.
 */
export function conversationsRoutes(deps: {
  conversations: ConversationsService;
}): RouteDefinition[] {
  const { conversations } = deps;
  return [
    route({
      method: "GET",
      url: "/api/conversations",
      summary: "Mes conversations, les plus récentes d'abord",
      tags: ["conversations"],
      access: "chat",
      response: z.array(ConversationSchema),
      handler: async ({ principal }) => conversations.list(principal),
    }),
    route({
      method: "GET",
      url: "/api/conversations/assistants",
      summary:
        "Les assistants qu'un agent peut choisir pour une conversation, avec les modèles qu'ils utilisent (hébergement, pays)",
      tags: ["conversations"],
      access: "chat",
      response: z.array(AssistantChoiceSchema),
      handler: async () => conversations.assistants(),
    }),
    route({
      method: "POST",
      url: "/api/conversations",
      summary: "Ouvrir une conversation avec un assistant (par défaut : l'assistant général)",
      tags: ["conversations"],
      access: "chat",
      body: z.object({ assistantId: z.string().min(1).optional(), title: Title.optional() }),
      status: 201,
      response: ConversationSchema,
      handler: async ({ principal, body }) => conversations.create(principal, body),
    }),
    route({
      method: "GET",
      url: "/api/conversations/:id",
      summary: "Une conversation et ses messages",
      tags: ["conversations"],
      access: "chat",
      params: Params,
      response: ConversationSchema.extend({
        disclosure: z.string().nullable(),
        messages: z.array(MessageSchema),
      }),
      handler: async ({ principal, params }) => ({
        ...(await conversations.get(principal, params.id)),
        messages: await conversations.messages(principal, params.id),
      }),
    }),
    route({
      method: "POST",
      url: "/api/conversations/:id/messages/:messageId/validate",
      summary:
        "Valider une réponse assistée par IA (relue par l'agent) : qui et quand sont enregistrés",
      tags: ["conversations"],
      access: "chat",
      sessionOnly: true,
      params: z.object({
        id: z.string().min(1).max(100),
        messageId: z.string().min(1).max(100),
      }),
      response: MessageSchema,
      handler: async ({ principal, params }) =>
        conversations.validate(principal, params.id, params.messageId),
    }),
    route({
      method: "POST",
      url: "/api/conversations/:id/messages/:messageId/feedback",
      summary:
        "Donner son avis sur une réponse (utile ou non) : gardé au journal des usages, sans texte",
      tags: ["conversations"],
      access: "chat",
      sessionOnly: true,
      params: z.object({
        id: z.string().min(1).max(100),
        messageId: z.string().min(1).max(100),
      }),
      body: z.strictObject({
        rating: z.enum(["up", "down"]),
        /** Minutes the answer saved the agent, by their own estimate (a working day at most). */
        minutesSaved: z.number().int().min(0).max(MAX_MINUTES_SAVED).optional(),
      }),
      response: MessageSchema,
      handler: async ({ principal, params, body }) =>
        conversations.rate(principal, params.id, params.messageId, body.rating, body.minutesSaved),
    }),
    route({
      method: "PATCH",
      url: "/api/conversations/:id",
      summary: "Renommer une conversation",
      tags: ["conversations"],
      access: "chat",
      params: Params,
      body: z.object({ title: Title }),
      response: ConversationSchema.extend({ disclosure: z.string().nullable() }),
      handler: async ({ principal, params, body }) =>
        conversations.rename(principal, params.id, body.title),
    }),
    route({
      method: "DELETE",
      url: "/api/conversations/:id",
      summary: "Supprimer une conversation",
      tags: ["conversations"],
      access: "chat",
      params: Params,
      status: 204,
      handler: async ({ principal, params }) => conversations.remove(principal, params.id),
    }),
    route({
      method: "GET",
      url: "/api/conversations/:id/export",
      summary: "Exporter une conversation (Markdown)",
      tags: ["conversations"],
      access: "chat",
      params: Params,
      response: z.string(),
      contentType: "text/markdown",
      handler: async ({ principal, params, reply }) => {
        const markdown = await conversations.exportMarkdown(principal, params.id);
        reply.header("content-type", "text/markdown; charset=utf-8");
        reply.header("content-disposition", `attachment; filename="conversation-${params.id}.md"`);
        return markdown;
      },
    }),
    route({
      method: "POST",
      url: "/api/conversations/:id/messages",
      summary: "Envoyer un message ; la réponse arrive en flux (SSE) si le client l'accepte",
      tags: ["conversations"],
      access: "chat",
      params: Params,
      body: z.object({
        content: z.string().trim().min(1).max(100_000),
        /** A generated answer, even where the charter offers the cited passages first. */
        generate: z.boolean().optional(),
      }),
      response: MessageSchema,
      eventStream: true,
      handler: async ({ principal, params, body, request, reply }) => {
        const streaming = /text\/event-stream/.test(request.headers.accept ?? "");
        const controller = new AbortController();
        reply.raw.on("close", () => {
          if (!reply.raw.writableFinished) controller.abort();
        });
        let started = false;
        const event = (name: string, data: unknown) => {
          if (!reply.raw.writableEnded) {
            reply.raw.write(formatEvent(data, name));
          }
        };
        const start = () => {
          if (started) return;
          started = true;
          openEventStream(reply);
        };
        const { turn, answer } = await conversations.send(principal, params.id, body.content, {
          signal: controller.signal,
          ...(body.generate && { generate: true }),
          ...(streaming && {
            sink: (text: string, from: RouteCandidate | undefined) => {
              start();
              event("delta", { text, model: from?.ref ?? "extractive" });
            },
          }),
        });
        if (!streaming) {
          if (turn.status !== "completed") throw turnError(turn);
          return answer;
        }
        if (!started && turn.status !== "completed") throw turnError(turn);
        start();
        if (turn.status === "completed") event("done", answer);
        else {
          const error = turnError(turn);
          event("error", { code: error.code, message: error.message });
        }
        reply.raw.end();
        return reply;
      },
    }),
  ];
}
