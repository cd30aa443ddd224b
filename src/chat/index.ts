export { ASSISTANT_PREFIX, type ChatRequest, ChatService } from "./chat.service.js";
export { ConversationsRepository } from "./conversations.repository.js";
export { conversationsRoutes } from "./conversations.routes.js";
export {
  answerMetadata,
  type Conversation,
  type ConversationMessage,
  ConversationsService,
} from "./conversations.service.js";
export { openAiRoutes } from "./openai.routes.js";
