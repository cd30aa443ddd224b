import type { AssistantsService } from "../assistants/index.js";
import type { DataPolicy } from "../charter/index.js";
import type { ModuleContext } from "../context.js";
import type { OpenPseudonyms, ScanPort } from "../guard/index.js";
import type { Principal } from "../identity/index.js";
import { askRoutes } from "../knowledge/index.js";
import type { Pipeline } from "../pipeline/index.js";
import type { ProvidersService } from "../providers/index.js";
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
    assistants: AssistantsService;
    providers: ProvidersService;
    /** The charter's notice that the agent is talking to an AI (AI Act, art. 50). */
    disclosure: () => Promise<string>;
    /** The journal keeps an answer's rating and the minutes it saved with its turn's record. */
    feedback: (turnId: string, rating: "up" | "down", minutesSaved?: number) => Promise<void>;
    /** Texts sent to a model outside a turn (/v1/embeddings): the guard, and the charter's matrix. */
    egress: { scan: ScanPort; openPseudonyms: OpenPseudonyms };
    policyFor: (principal: Principal) => Promise<DataPolicy>;
  },
) {
  const { assistants, providers } = ports;
  const repository = new ConversationsRepository(store.db);
  const chat = new ChatService({ pipeline: ports.pipeline, assistants, providers, clock, ids });
  const conversations = new ConversationsService({
    conversations: repository,
    assistants,
    chat,
    clock,
    ids,
    disclosure: ports.disclosure,
    feedback: ports.feedback,
    allowedOrigins: new Set(config.answers.allowedOrigins),
  });
  return {
    services: { chat, conversations },
    ports: {
      /** Retention's port: deletes conversations inactive since before an instant; how many. */
      purgeConversations: (before: string) => repository.deleteInactiveBefore(before),
    },
    routes: [
      ...conversationsRoutes({ conversations }),
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
