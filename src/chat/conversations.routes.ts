import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { type RouteCandidate, type Turn, turnError } from "../pipeline/index.js";
import { formatEvent, openEventStream } from "../shared/event-stream.js";
import { exportDisposition } from "./conversation-export.js";
import {
  type ConversationMessage,
  type ConversationsService,
  MAX_MINUTES_SAVED,
} from "./conversations.service.js";
import { DraftPreviewSchema } from "./draft-preview.js";

const Params = z.object({ id: z.string().min(1).max(100) });
const MessageParams = z.object({
  id: z.string().min(1).max(100),
  messageId: z.string().min(1).max(100),
});
const Title = z.string().trim().min(1).max(200);
const Content = z.string().trim().min(1).max(100_000);
/** One of the conversation's assistant's models (`PROVIDER/MODEL`), for this message only; none: the router chooses. */
const Model = z.string().min(1).max(300).optional();

/** A conversation as listed. */
const ConversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  assistantId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the agent pinned it (pinned ones are listed first), or null. */
  pinnedAt: z.string().nullable(),
  /** When the agent archived it (listed apart, still deleted by retention), or null. */
  archivedAt: z.string().nullable(),
});

/** A search's words (accents and case aside): bounded, like the number of conversations it answers. */
const SearchQuery = z.object({
  q: z.string().trim().min(2).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const SearchResultSchema = z.object({
  conversation: ConversationSchema,
  /** Around the first match of its latest matching message, the words searched marked; null: the title matched. */
  excerpt: z.array(z.object({ text: z.string(), match: z.boolean() })).nullable(),
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
  /** The message it follows (an answer's question); null for the first. */
  parentId: z.string().nullable(),
  /** Its versions (regenerated answers, edited questions), itself included, oldest first. */
  versions: z.array(z.string()),
});

/** A conversation and its messages as it goes on (at each step, the version shown). */
const ConversationDetailSchema = ConversationSchema.extend({
  disclosure: z.string().nullable(),
  messages: z.array(MessageSchema),
});

/**
 * Answers a turn in a stream of server-sent events when the client accepts
 * them (`event: delta` with the text as it comes, then `event: done` with the
 * stored answer, or `event: error`), else in one JSON answer. The turn is
 * cancelled when the client goes away.
 */
async function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  run: (options: {
    signal: AbortSignal;
    sink?: Turn["sink"];
  }) => Promise<{ turn: Turn; answer: ConversationMessage }>,
) {
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
  const { turn, answer } = await run({
    signal: controller.signal,
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
}

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
      summary:
        "Mes conversations, les épinglées d'abord, puis les plus récentes ; les archivées avec ?archived=true",
      tags: ["conversations"],
      access: "chat",
      query: z.object({
        archived: z
          .enum(["true", "false"])
          .optional()
          .transform((value) => value === "true"),
      }),
      response: z.array(ConversationSchema),
      handler: async ({ principal, query }) => conversations.list(principal, query.archived),
    }),
    route({
      method: "GET",
      url: "/api/conversations/search",
      summary:
        "Chercher dans ses propres conversations (titres et messages, sans tenir compte des accents ni des majuscules), archivées comprises, les plus récentes d'abord, avec un extrait ; rien n'est journalisé",
      tags: ["conversations"],
      access: "chat",
      query: SearchQuery,
      response: z.object({ results: z.array(SearchResultSchema), more: z.boolean() }),
      handler: async ({ principal, query }) =>
        conversations.search(principal, query.q, query.limit),
    }),
    route({
      method: "PUT",
      url: "/api/conversations/:id/pin",
      summary: "Épingler une conversation (en tête de liste) ou la désépingler",
      tags: ["conversations"],
      access: "chat",
      params: Params,
      body: z.strictObject({ pinned: z.boolean() }),
      response: ConversationSchema,
      handler: async ({ principal, params, body }) =>
        conversations.pin(principal, params.id, body.pinned),
    }),
    route({
      method: "PUT",
      url: "/api/conversations/:id/archive",
      summary:
        "Archiver une conversation (retirée de la liste principale, toujours soumise à la durée de conservation) ou la restaurer",
      tags: ["conversations"],
      access: "chat",
      params: Params,
      body: z.strictObject({ archived: z.boolean() }),
      response: ConversationSchema,
      handler: async ({ principal, params, body }) =>
        conversations.archive(principal, params.id, body.archived),
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
      url: "/api/conversations/preview",
      summary:
        "Ce que l'envoi d'un message ferait, avant de l'envoyer : les données personnelles trouvées (types et positions) et le sort du message pour l'assistant (envoyé, pseudonymisé, refusé) ; rien n'est conservé ni journalisé",
      tags: ["conversations"],
      access: "chat",
      body: z.strictObject({
        content: z.string().max(200_000),
        conversationId: z.string().min(1).optional(),
        assistantId: z.string().min(1).optional(),
        /** A question of the conversation the draft stands in for (an edit, a question asked again). */
        replacing: z.string().min(1).max(100).optional(),
      }),
      response: DraftPreviewSchema,
      handler: async ({ principal, body }) => conversations.preview(principal, body),
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
      response: ConversationDetailSchema,
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
      summary:
        "Renommer une conversation, ou changer son assistant (ses prochains messages iront au nouvel assistant, avec la conversation jusque-là)",
      tags: ["conversations"],
      access: "chat",
      params: Params,
      body: z
        .object({ title: Title.optional(), assistantId: z.string().min(1).max(100).optional() })
        .refine((body) => body.title !== undefined || body.assistantId !== undefined, {
          message: "title or assistantId",
        }),
      response: ConversationSchema.extend({ disclosure: z.string().nullable() }),
      handler: async ({ principal, params, body }) =>
        conversations.update(principal, params.id, body),
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
        const { title, markdown } = await conversations.exportMarkdown(principal, params.id);
        reply.header("content-type", "text/markdown; charset=utf-8");
        reply.header("content-disposition", exportDisposition(title));
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
        content: Content,
        /** A generated answer, even where the charter offers the cited passages first. */
        generate: z.boolean().optional(),
        /** Documents uploaded for this message (POST …/attachments), in order. */
        attachmentIds: z.array(z.string().min(1).max(100)).max(200).optional(),
        model: Model,
      }),
      response: MessageSchema,
      eventStream: true,
      handler: async ({ principal, params, body, request, reply }) =>
        answer(request, reply, (options) =>
          conversations.send(principal, params.id, body.content, {
            ...options,
            ...(body.generate && { generate: true }),
            ...(body.attachmentIds && { attachmentIds: body.attachmentIds }),
            ...(body.model && { model: body.model }),
          }),
        ),
    }),
    route({
      method: "POST",
      url: "/api/conversations/:id/messages/:messageId/regenerate",
      summary:
        "Régénérer une réponse : la même question repasse par la charte, la protection des données et le routage (éventuellement vers un autre modèle de l'assistant) ; la nouvelle réponse devient une version de la précédente, qui reste consultable",
      tags: ["conversations"],
      access: "chat",
      params: MessageParams,
      body: z.strictObject({ generate: z.boolean().optional(), model: Model }),
      response: MessageSchema,
      eventStream: true,
      handler: async ({ principal, params, body, request, reply }) =>
        answer(request, reply, (options) =>
          conversations.regenerate(principal, params.id, params.messageId, {
            ...options,
            ...(body.generate && { generate: true }),
            ...(body.model && { model: body.model }),
          }),
        ),
    }),
    route({
      method: "POST",
      url: "/api/conversations/:id/messages/:messageId/edit",
      summary:
        "Modifier un de ses messages et le renvoyer : la conversation repart de là ; la version précédente et ce qui la suivait restent consultables",
      tags: ["conversations"],
      access: "chat",
      params: MessageParams,
      body: z.strictObject({ content: Content, model: Model }),
      response: MessageSchema,
      eventStream: true,
      handler: async ({ principal, params, body, request, reply }) =>
        answer(request, reply, (options) =>
          conversations.edit(principal, params.id, params.messageId, body.content, {
            ...options,
            ...(body.model && { model: body.model }),
          }),
        ),
    }),
    route({
      method: "POST",
      url: "/api/conversations/:id/messages/:messageId/show",
      summary:
        "Afficher une autre version d'un message : la conversation continue à partir d'elle (c'est elle que les messages suivants transmettent au modèle)",
      tags: ["conversations"],
      access: "chat",
      params: MessageParams,
      response: ConversationDetailSchema,
      handler: async ({ principal, params }) => ({
        ...(await conversations.get(principal, params.id)),
        messages: await conversations.showVersion(principal, params.id, params.messageId),
      }),
    }),
  ];
}
