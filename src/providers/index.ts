export { OpenAiCompatibleProvider } from "./adapters/openai-compatible.js";
export { type Embedder, EmbeddingError, OpenAiCompatibleEmbedder } from "./embeddings.js";
export { describeFailure, Generator } from "./generator.js";
export { ProviderHealth } from "./health.js";
export {
  type ChatChunk,
  type ChatRequest,
  estimateTokens,
  type ModelProvider,
  ProviderError,
  type Usage,
} from "./model-provider.js";
export { PRESETS } from "./presets.js";
export {
  type Model,
  ModelSchema,
  modelRef,
  PROVIDER_KINDS,
  type ProviderDefinition,
  type ProviderInput,
  ProviderSchema,
  parseModelOption,
  parseModelRef,
  SOVEREIGNTY,
  type Sovereignty,
} from "./provider.schema.js";
export { ProvidersRepository } from "./providers.repository.js";
export { providersRoutes } from "./providers.routes.js";
export { ProvidersService, type ProviderView, type ResolvedModel } from "./providers.service.js";
export { candidateOf, type DataClassifier, Router } from "./router.js";
