export {
  type Assistant,
  AssistantInput,
  AssistantSchema,
  type AssistantView,
  AssistantViewSchema,
  AUDIENCES,
  CATEGORIES,
  type Category,
  DRAFTING_CATEGORIES,
  defaultGrounding,
} from "./assistant.schema.js";
export { AssistantsRepository } from "./assistants.repository.js";
export { assistantsRoutes } from "./assistants.routes.js";
export {
  type Actor,
  AssistantsService,
  DEFAULT_ASSISTANT_NAME,
  turnAssistant,
} from "./assistants.service.js";
export * from "./usecases/index.js";
export { WATCH_FAILURES, type WatchFailure } from "./watch/fetch.js";
export {
  WATCH_KINDS,
  WATCH_STATUSES,
  type WatchKind,
  type WatchService,
  type WatchSourceView,
  watchStatusLabel,
} from "./watch/watch.service.js";
