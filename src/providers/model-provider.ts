import type {
  ChatMessage,
  Grounding,
  Sampling,
  ToolCall,
  ToolDefinition,
} from "../pipeline/index.js";

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** True when the provider gave no counts and Beffroi estimated them (about 4 characters a token). */
  estimated: boolean;
}

/**
 * What a model writes: pieces of text, then its usage and why it stopped
 * (the provider's `finish_reason`: `stop`, `length`…, when it says).
 */
export type ChatChunk =
  | { type: "delta"; text: string }
  /** The tools the model asks to call, whole (a stream's pieces put together), before the usage. */
  | { type: "tool-calls"; calls: ToolCall[] }
  | { type: "usage"; usage: Usage; finishReason?: string };

export interface ChatRequest {
  /** The provider's own model id. */
  model: string;
  messages: ChatMessage[];
  /** Ask the provider to stream (SSE); otherwise one answer, yielded as one delta. */
  stream: boolean;
  temperature?: number;
  maxTokens?: number;
  /** Sampling settings, in OpenAI's names, sent as they are. */
  sampling?: Sampling;
  /** The caller's tools, `tool_choice` and `response_format`, sent as they are. */
  tools?: ToolDefinition[];
  toolChoice?: unknown;
  responseFormat?: Record<string, unknown>;
  /** The passages the answer rests on: the extractive provider answers from them alone. */
  grounding?: Grounding;
  /** Aborts the upstream call (the client went away, or a timeout). */
  signal?: AbortSignal;
}

/**
 * One interface for every model service. `chat` yields the answer's text as
 * it comes, then its usage; it never carries tool calls, which Beffroi does
 * not forward (no automatic actions on the agent's computer or systems).
 */
export interface ModelProvider {
  chat(request: ChatRequest): AsyncIterable<ChatChunk>;
  embed?(
    model: string,
    texts: string[],
    signal?: AbortSignal,
    options?: { dimensions?: number | undefined },
  ): Promise<Float32Array[]>;
}

/**
 * A provider failed. `retryable`: the same call, tried again at once, may
 * work (429, 5xx, a refused or reset connection; not a timeout, which would
 * only double the wait, nor an answer past the size limit, which would come
 * back as large). `key_unavailable`: the key's source is not allowed by the
 * configuration or cannot be read. The message is for logs only and never
 * holds the upstream URL, key or answer text.
 */
export class ProviderError extends Error {
  constructor(
    readonly code:
      | "timeout"
      | "unreachable"
      | "http"
      | "invalid_response"
      | "interrupted"
      | "too_large"
      | "key_unavailable",
    readonly status?: number,
  ) {
    super(status ? `provider ${code} (${status})` : `provider ${code}`);
    this.name = "ProviderError";
  }

  get retryable(): boolean {
    return (
      this.code === "unreachable" ||
      (this.code === "http" && (this.status === 429 || (this.status ?? 0) >= 500))
    );
  }
}

/** How much of a provider's answer is read, by default, before the call is cut: a few times a long answer. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** About four characters a token in French and English: the estimate when a provider gives no counts. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);
