import {
  type AssistantsService,
  type Converse,
  type UseCase,
  useCaseAssistant,
} from "../assistants/index.js";
import type { DataPolicy } from "../charter/index.js";
import type { ModuleContext } from "../context.js";
import type { OpenPseudonyms, ScanPort } from "../guard/index.js";
import type { Principal } from "../identity/index.js";
import {
  askRoutes,
  DEFAULT_CHUNKING,
  DEFAULT_PARSE_LIMITS,
  sharedReader,
} from "../knowledge/index.js";
import type { Pipeline } from "../pipeline/index.js";
import type { ProvidersService } from "../providers/index.js";
import { AttachmentsRepository } from "./attachments.repository.js";
import { attachmentsRoutes } from "./attachments.routes.js";
import {
  type AttachmentLimits,
  AttachmentsService,
  type IncomingAttachment,
} from "./attachments.service.js";
import { ChatService } from "./chat.service.js";
import { ConversationsRepository } from "./conversations.repository.js";
import { conversationsRoutes } from "./conversations.routes.js";
import { ConversationsService } from "./conversations.service.js";
import { openAiRoutes } from "./openai.routes.js";

/**
 * Turns through the pipeline: conversations on the page, the OpenAI-compatible
 * API, and the knowledge bases' /api/ask.
 */
export function chatModule(
  { config, store, clock, ids }: ModuleContext,
  ports: {
    pipeline: Pipeline;
    /** The pipeline's stages up to the route, without side effects (`ChatService.preview`). */
    preview: Pipeline;
    assistants: AssistantsService;
    providers: ProvidersService;
    /** The charter's notice that the agent is talking to an AI (AI Act, art. 50). */
    disclosure: () => Promise<string>;
    /** The journal keeps an answer's rating and the minutes it saved with its turn's record. */
    feedback: (turnId: string, rating: "up" | "down", minutesSaved?: number) => Promise<void>;
    /** The journal counts an answer its agent validated (the charter's human validation). */
    validated: (turnId: string) => Promise<void>;
    /** Texts sent to a model outside a turn (/v1/embeddings): the guard, and the charter's matrix. */
    egress: { scan: ScanPort; openPseudonyms: OpenPseudonyms };
    policyFor: (principal: Principal) => Promise<DataPolicy>;
    /** A use case's current definition: a conversation one of its runs opened goes on with it. */
    useCase: (id: string) => Promise<UseCase | undefined>;
    /** The model a battle's verdict recommended for a use case: its conversations try it first. */
    recommendedModel: (id: string) => Promise<string | null>;
  },
) {
  const { assistants, providers } = ports;
  const repository = new ConversationsRepository(store.db);
  const chat = new ChatService({
    pipeline: ports.pipeline,
    preview: ports.preview,
    assistants,
    providers,
    clock,
    ids,
  });
  const limits: AttachmentLimits = {
    maxFileBytes: config.attachments.maxFileMegabytes * 1024 * 1024,
    maxFilesPerMessage: config.attachments.maxFilesPerMessage,
    maxFilesPerConversation: config.attachments.maxFilesPerConversation,
    maxCharacters: config.attachments.maxCharacters,
  };
  const readerSettings = {
    limits: {
      ...DEFAULT_PARSE_LIMITS,
      maxFileBytes: limits.maxFileBytes,
      maxTextCharacters: limits.maxCharacters,
    },
    chunking: DEFAULT_CHUNKING,
    timeoutMs: config.knowledge.parseTimeoutSeconds * 1000,
    memoryMb: config.knowledge.parseMemoryMegabytes,
  };
  const attachments = new AttachmentsService({
    attachments: new AttachmentsRepository(store.db),
    conversations: repository,
    // The knowledge bases' parsers, limits and reading thread (one of its own: an agent waiting
    // for an attachment never waits behind a base's ingestion).
    reader: sharedReader(readerSettings),
    // A use case's document field takes the text whole: passages without overlap.
    textReader: sharedReader({
      ...readerSettings,
      chunking: { ...DEFAULT_CHUNKING, overlapWords: 0 },
    }),
    limits,
    clock,
    ids,
  });
  const conversations = new ConversationsService({
    conversations: repository,
    assistants,
    chat,
    clock,
    ids,
    disclosure: ports.disclosure,
    feedback: ports.feedback,
    validated: ports.validated,
    allowedOrigins: new Set(config.answers.allowedOrigins),
    attachments,
    useCaseTurn: async (id) => {
      const useCase = await ports.useCase(id);
      return (
        useCase && {
          assistant: useCaseAssistant(useCase, await ports.recommendedModel(useCase.id)),
          id: useCase.id,
          version: useCase.version,
        }
      );
    },
  });
  return {
    services: { chat, conversations, attachments },
    ports: {
      /** Retention's port: deletes conversations inactive since before an instant; how many. */
      purgeConversations: (before: string) => repository.deleteInactiveBefore(before),
      /** A use case's run: a conversation opened for it, its prompt the first message. */
      converse: (async (principal, { title, prompt, useCase }) => {
        const conversation = await conversations.create(principal, {
          title,
          useCaseId: useCase.id,
        });
        const { turn, answer } = await conversations.send(principal, conversation.id, prompt, {
          useCase,
        });
        return { conversationId: conversation.id, turn, answer };
      }) satisfies Converse,
      /**
       * One answer by one model, through the whole pipeline, in no
       * conversation (a battle's output): to a use case's prompt (its
       * assistant and journal entry) or to a question put to an assistant;
       * the model tried alone, no quoted passages in its place, streamed
       * when someone watches it being written.
       */
      answerOnce: (
        principal: Principal,
        request: {
          prompt: string;
          model: string;
          sink?: (text: string) => void;
        } & ({ useCase: UseCase } | { assistantId: string }),
      ) =>
        chat.run({
          principal,
          messages: [{ role: "user", content: request.prompt }],
          ...("useCase" in request
            ? {
                useCase: {
                  assistant: useCaseAssistant(request.useCase),
                  id: request.useCase.id,
                  version: request.useCase.version,
                },
              }
            : { target: `assistant/${request.assistantId}` }),
          model: request.model,
          generate: true,
          extractiveFallback: false,
          stream: request.sink !== undefined,
          ...(request.sink && { sink: (text: string) => request.sink?.(text) }),
        }),
      /** A use case's document field: a file's text, read like an attachment, kept nowhere. */
      documentText: (file: IncomingAttachment) => attachments.text(file),
      documentMaxBytes: limits.maxFileBytes,
    },
    routes: [
      ...conversationsRoutes({ conversations }),
      ...attachmentsRoutes({ attachments }),
      ...openAiRoutes({
        chat,
        assistants,
        providers,
        guard: { ...ports.egress, policyFor: ports.policyFor },
      }),
      ...askRoutes({
        ask: (principal, question, knowledgeBaseIds) =>
          chat.run({
            principal,
            messages: [{ role: "user", content: question }],
            knowledgeBaseIds,
          }),
      }),
    ],
  };
}
