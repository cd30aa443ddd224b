export {
  PROMPT_SCOPES,
  type Prompt,
  PromptInput,
  PromptSchema,
  type PromptScope,
} from "./prompt.schema.js";
export { PromptsRepository } from "./prompts.repository.js";
export { promptsRoutes } from "./prompts.routes.js";
export { PromptsService } from "./prompts.service.js";
