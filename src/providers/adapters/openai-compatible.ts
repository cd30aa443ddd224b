import { readFileSync } from "node:fs";
import { z } from "zod";
import { OpenAiCompatibleEmbedder } from "../embeddings.js";
import {
  type ChatChunk,
  type ChatRequest,
  estimateTokens,
  type ModelProvider,
  ProviderError,
  type Usage,
} from "../model-provider.js";
import type { ProviderDefinition } from "../provider.schema.js";

const UsageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
});

const CompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: UsageSchema.nullish(),
});

const ChunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).optional(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  usage: UsageSchema.nullish(),
});

export interface AdapterOptions {
  /** Tries after the first, for 429, 5xx and connection failures, before any text came. */
  retries?: number;
  retryDelayMs?: number;
  env?: NodeJS.ProcessEnv;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Any service speaking OpenAI's chat completions (vLLM, Ollama, Albert API,
 * Mistral, OVHcloud, Scaleway, OpenAI, Anthropic's compatible endpoint…).
 * Streams with SSE and asks for usage at the end; when the service gives
 * none, counts are estimated and flagged so. Retries only what may succeed
 * on a second try, and only before any text was passed on.
 */
export class OpenAiCompatibleProvider implements ModelProvider {
  private readonly baseUrl: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly definition: ProviderDefinition,
    private readonly options: AdapterOptions = {},
  ) {
    this.baseUrl = (definition.baseUrl ?? "").replace(/\/+$/, "");
    this.env = options.env ?? process.env;
  }

  async *chat(request: ChatRequest): AsyncIterable<ChatChunk> {
    const response = await this.post(
      "/chat/completions",
      {
        model: request.model,
        messages: request.messages,
        stream: request.stream,
        ...(request.stream && { stream_options: { include_usage: true } }),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
      },
      request.signal,
    );
    const prompt = request.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
    if (!request.stream) {
      let body: z.infer<typeof CompletionSchema>;
      try {
        body = CompletionSchema.parse(await response.json());
      } catch (error) {
        if (request.signal?.aborted) throw error;
        throw new ProviderError("invalid_response");
      }
      const text = body.choices[0]?.message.content ?? "";
      yield { type: "delta", text };
      yield { type: "usage", usage: usageOf(body.usage, prompt, text) };
      return;
    }
    let text = "";
    let usage: Usage | undefined;
    let finished = false;
    for await (const data of serverSentEvents(response, request.signal)) {
      if (data === "[DONE]") {
        finished = true;
        break;
      }
      let chunk: z.infer<typeof ChunkSchema>;
      try {
        chunk = ChunkSchema.parse(JSON.parse(data));
      } catch {
        throw new ProviderError("invalid_response");
      }
      if (chunk.usage) usage = usageOf(chunk.usage, prompt, text);
      for (const choice of chunk.choices) {
        const delta = choice.delta?.content;
        if (delta) {
          text += delta;
          yield { type: "delta", text: delta };
        }
        if (choice.finish_reason) finished = true;
      }
    }
    if (!finished) throw new ProviderError("interrupted");
    yield { type: "usage", usage: usage ?? usageOf(null, prompt, text) };
  }

  async embed(model: string, texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return new OpenAiCompatibleEmbedder(
      {
        baseUrl: this.baseUrl,
        model,
        apiKeyEnv: this.definition.apiKeyEnv,
        apiKeyFile: this.definition.apiKeyFile,
        timeoutSeconds: this.definition.timeoutSeconds,
        maxInputCharacters: 32_000,
        retries: this.options.retries ?? 2,
        retryDelayMs: this.options.retryDelayMs ?? 250,
      },
      this.env,
    ).embed(texts, signal);
  }

  /** The models the service lists (`GET /models`), for `beffroi provider test`. */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    const response = await this.request("GET", "/models", undefined, signal);
    try {
      const body = z
        .object({ data: z.array(z.object({ id: z.string() })) })
        .parse(await response.json());
      return body.data.map((model) => model.id);
    } catch {
      throw new ProviderError("invalid_response");
    }
  }

  private apiKey(): string | undefined {
    const { apiKeyEnv, apiKeyFile } = this.definition;
    if (apiKeyEnv) return this.env[apiKeyEnv];
    if (apiKeyFile) return readFileSync(apiKeyFile, "utf8").trim();
    return undefined;
  }

  private async post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const retries = this.options.retries ?? 2;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.request("POST", path, body, signal);
      } catch (error) {
        if (
          !(error instanceof ProviderError) ||
          !error.retryable ||
          error.code === "timeout" ||
          attempt >= retries ||
          signal?.aborted
        ) {
          throw error;
        }
        await sleep((this.options.retryDelayMs ?? 250) * 2 ** attempt, signal);
      }
    }
  }

  private async request(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(this.definition.timeoutSeconds * 1000);
    const key = this.apiKey();
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(body !== undefined && { "content-type": "application/json" }),
          accept: "application/json, text/event-stream",
          ...(key && { authorization: `Bearer ${key}` }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ProviderError(timeout.aborted ? "timeout" : "unreachable");
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new ProviderError("http", response.status);
    }
    return response;
  }
}

function usageOf(
  given: z.infer<typeof UsageSchema> | null | undefined,
  prompt: number,
  text: string,
): Usage {
  return given
    ? {
        promptTokens: given.prompt_tokens,
        completionTokens: given.completion_tokens,
        estimated: false,
      }
    : { promptTokens: prompt, completionTokens: estimateTokens(text), estimated: true };
}

/** The `data:` payloads of a server-sent event stream, in order. */
async function* serverSentEvents(response: Response, signal?: AbortSignal): AsyncIterable<string> {
  if (!response.body) throw new ProviderError("invalid_response");
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      let read: Awaited<ReturnType<typeof reader.read>>;
      try {
        read = await reader.read();
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new ProviderError("interrupted");
      }
      if (read.done) break;
      buffer += decoder.decode(read.value, { stream: true });
      for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
        const line = buffer.slice(0, end).replace(/\r$/, "");
        buffer = buffer.slice(end + 1);
        if (line.startsWith("data:")) yield line.slice(5).trim();
      }
    }
  } finally {
    reader.releaseLock();
    await response.body.cancel().catch(() => {});
  }
}
