import { z } from "zod";
import { CitationSchema } from "../knowledge/index.js";
import { SOVEREIGNTY } from "../providers/index.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../shared/json-depth.js";

const TextPart = z.object({ type: z.literal("text"), text: z.string() });

/** A tool call in OpenAI's shape (an assistant message's, or an answer's). */
export const OpenAiToolCall = z.object({
  id: z.string().min(1).max(200),
  type: z.literal("function"),
  function: z.object({ name: z.string().min(1).max(200), arguments: z.string().max(400_000) }),
});

/** A message as OpenAI's API carries it; only text reaches Beffroi's models, with tool calls and results. */
export const OpenAiMessage = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z
    .union([z.string(), z.array(z.union([TextPart, z.object({ type: z.string() })]))])
    .nullish(),
  name: z.string().max(200).nullish(),
  tool_calls: z.array(OpenAiToolCall).max(128).nullish(),
  tool_call_id: z.string().max(200).nullish(),
});

/** A tool the caller declares: a function, its JSON schema (Beffroi never runs it). */
const OpenAiTool = z.object({
  type: z.literal("function"),
  function: z.object({
    name: z.string().min(1).max(64),
    description: z.string().max(10_000).optional(),
    parameters: z
      .record(z.string(), z.unknown())
      .refine((schema) => !nestsDeeperThan(schema, MAX_JSON_DEPTH), {
        message: `nests deeper than ${MAX_JSON_DEPTH} levels`,
      })
      .optional(),
    strict: z.boolean().nullish(),
  }),
});

/**
 * What chat and text completions share: the stream, the length, the sampling
 * settings passed on to the models that take them (`Model.parameters`), and
 * `n`, taken at 1 only (anything else is refused, naming it).
 */
const GENERATION = {
  stream: z.boolean().default(false),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  max_tokens: z.number().int().positive().max(1_000_000).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string().max(200), z.array(z.string().max(200)).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  n: z.number().int().min(1).max(128).nullish(),
};

/**
 * OpenAI's chat-completion request, every parameter named: one Beffroi does
 * not know is refused (as OpenAI refuses it), never dropped in silence. What
 * each one does is `chatParameters` (openai.routes.ts) and the table of
 * docs/api-openai.md.
 */
export const ChatCompletionBody = z.strictObject({
  model: z.string().min(1).max(300),
  messages: z.array(OpenAiMessage).min(1).max(500),
  ...GENERATION,
  max_completion_tokens: z.number().int().positive().max(1_000_000).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  response_format: z
    .union([
      z.object({ type: z.enum(["text", "json_object"]) }),
      z.object({ type: z.literal("json_schema"), json_schema: z.record(z.string(), z.unknown()) }),
    ])
    .nullish(),
  tools: z.array(OpenAiTool).max(128).nullish(),
  tool_choice: z
    .union([
      z.enum(["none", "auto", "required"]),
      z.object({ type: z.literal("function"), function: z.object({ name: z.string() }) }),
    ])
    .nullish(),
  functions: z.array(z.unknown()).nullish(),
  function_call: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullish(),
  modalities: z.array(z.string()).nullish(),
  audio: z.unknown().optional(),
  prediction: z.unknown().optional(),
  web_search_options: z.unknown().optional(),
  // Accepted, without effect here, and reported as such (header `x-beffroi-ignored`, decisions).
  user: z.string().max(500).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  store: z.boolean().nullish(),
  service_tier: z.string().max(50).nullish(),
  reasoning_effort: z.string().max(50).nullish(),
  verbosity: z.string().max(50).nullish(),
  prompt_cache_key: z.string().max(500).nullish(),
  safety_identifier: z.string().max(500).nullish(),
  /** Narrows the knowledge bases an assistant answers from (a Beffroi extension). */
  knowledge_base_ids: z.array(z.string().min(1)).max(50).nullish(),
  /**
   * A Beffroi extension: `extractive` accepts the cited passages when no model
   * can answer (else 503 `model_unavailable`); also the `X-Beffroi-Fallback` header.
   */
  beffroi_fallback: z.enum(["none", "extractive"]).nullish(),
});
export type ChatCompletionBody = z.infer<typeof ChatCompletionBody>;

/** `POST /v1/embeddings`: every parameter named, an unknown one refused (as OpenAI does). */
export const EmbeddingsBody = z.strictObject({
  model: z.string().min(1).max(300),
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(512)]),
  /** The official clients ask for base64 (float32, little-endian) by default. */
  encoding_format: z.enum(["float", "base64"]).optional(),
  /** Passed on; a model that does not give vectors of that length is refused, named. */
  dimensions: z.number().int().positive().max(65_536).nullish(),
  /** Accepted without effect, reported in `x-beffroi-ignored`. */
  user: z.string().max(500).nullish(),
});

/** One entry of `GET /v1/models`: OpenAI's model, with Beffroi's hosting class, country and uses. */
export const ModelEntry = z.object({
  id: z.string(),
  object: z.literal("model"),
  created: z.number(),
  owned_by: z.string(),
  name: z.string(),
  sovereignty: z.enum(SOVEREIGNTY).optional(),
  country: z.string().optional(),
  /** What it is for: `chat` (assistants and chat models), `embeddings`. */
  capabilities: z.array(z.enum(["chat", "embeddings"])),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

/** `GET /v1/models`: OpenAI's list, every assistant and every chat or embeddings model. */
export const ModelList = z.object({ object: z.literal("list"), data: z.array(ModelEntry) });

/** `POST /v1/embeddings`: OpenAI's shape, each vector in floats or base64. */
export const EmbeddingList = z.object({
  object: z.literal("list"),
  model: z.string(),
  data: z.array(
    z.object({
      object: z.literal("embedding"),
      index: z.number(),
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number(), total_tokens: z.number() }),
});

const TokenUsage = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
});

/** `POST /v1/chat/completions` in one block: OpenAI's shape, with Beffroi's account of the answer. */
export const ChatCompletion = z.object({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number(),
      message: z.object({
        role: z.literal("assistant"),
        content: z.string().nullable(),
        tool_calls: z.array(OpenAiToolCall).optional(),
      }),
      finish_reason: z.string(),
    }),
  ),
  usage: TokenUsage,
  beffroi: z.object({
    mode: z.enum(["extractive", "model"]),
    model: z.string(),
    sovereignty: z.enum(SOVEREIGNTY),
    citations: z.array(CitationSchema),
    abstained: z.boolean(),
  }),
});

/**
 * OpenAI's legacy text completion (`POST /v1/completions`), for tools that
 * send a plain prompt: one prompt, answered as a chat turn's user message.
 */
export const CompletionBody = z.strictObject({
  model: z.string().min(1).max(300),
  prompt: z.union([
    z.string().min(1).max(400_000),
    z.array(z.string().min(1).max(400_000)).min(1).max(20),
  ]),
  ...GENERATION,
  best_of: z.number().int().min(1).max(20).nullish(),
  logprobs: z.number().int().min(0).max(5).nullish(),
  echo: z.boolean().nullish(),
  suffix: z.string().max(400_000).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  user: z.string().max(500).nullish(),
  knowledge_base_ids: z.array(z.string().min(1)).max(50).nullish(),
  beffroi_fallback: z.enum(["none", "extractive"]).nullish(),
});
export type CompletionBody = z.infer<typeof CompletionBody>;

/** `POST /v1/completions` in one block. */
export const TextCompletion = z.object({
  id: z.string(),
  object: z.literal("text_completion"),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.object({
      text: z.string(),
      index: z.number(),
      logprobs: z.null(),
      finish_reason: z.string(),
    }),
  ),
  usage: TokenUsage,
});
