export { OpenAiCompatibleProvider } from "./adapters/openai-compatible.js";
export { type Embedder, EmbeddingError, OpenAiCompatibleEmbedder } from "./embeddings.js";
export { describeFailure, Generator } from "./generator.js";
export { ProviderHealth } from "./health.js";
export {
  type ChatChunk,
  type ChatRequest,
  DEFAULT_MAX_RESPONSE_BYTES,
  estimateTokens,
  type ModelProvider,
  ProviderError,
  type Usage,
} from "./model-provider.js";
export { PRESETS } from "./presets.js";
export {
  MODEL_PARAMETERS,
  type Model,
  ModelSchema,
  modelRef,
  PROVIDER_KINDS,
  type ProviderBody,
  ProviderBodySchema,
  type ProviderDefinition,
  type ProviderDraft,
  ProviderDraftSchema,
  type ProviderImpact,
  ProviderImpactSchema,
  type ProviderInput,
  ProviderSchema,
  parseModelOption,
  parseModelRef,
  SOVEREIGNTY,
  type Sovereignty,
} from "./provider.schema.js";
export {
  DEFAULT_KEY_VARIABLES,
  isOwnVariable,
  KEY_VARIABLE_PATTERN,
  type KeyRules,
  keyRulesOf,
  ProviderKeys,
  settleProviderKeys,
} from "./provider-keys.js";
export { ProvidersRepository } from "./providers.repository.js";
export { providersRoutes } from "./providers.routes.js";
export { ProvidersService, type ProviderView, type ResolvedModel } from "./providers.service.js";
export { candidateOf, type DataClassifier, Router } from "./router.js";
