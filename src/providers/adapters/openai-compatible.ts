import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { createParser } from "eventsource-parser";
import { z } from "zod";
import type { ChatMessage, ToolCall } from "../../pipeline/index.js";
import { EmbeddingError, OpenAiCompatibleEmbedder } from "../embeddings.js";
import {
  type ChatChunk,
  type ChatRequest,
  DEFAULT_MAX_RESPONSE_BYTES,
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

/** A tool call as a model writes it; in a stream, its pieces come by `index`. */
const ToolCallSchema = z.object({
  index: z.number().int().min(0).max(127).optional(),
  id: z.string().max(200).nullish(),
  function: z
    .object({ name: z.string().max(200).nullish(), arguments: z.string().nullish() })
    .nullish(),
});

const CompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z.array(ToolCallSchema).max(128).nullish(),
        }),
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
        delta: z
          .object({
            content: z.string().nullish(),
            tool_calls: z.array(ToolCallSchema).max(128).nullish(),
          })
          .optional(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  usage: UsageSchema.nullish(),
});

/** Puts a stream's pieces of tool calls together, by index; whole calls come as one piece. */
class ToolCalls {
  private readonly calls: ToolCall[] = [];

  add(pieces: z.infer<typeof ToolCallSchema>[] | null | undefined): void {
    for (const [position, piece] of (pieces ?? []).entries()) {
      const index = piece.index ?? position;
      const call = this.calls[index] ?? { id: "", name: "", arguments: "" };
      this.calls[index] = call;
      if (piece.id) call.id = piece.id;
      if (piece.function?.name) call.name += piece.function.name;
      if (piece.function?.arguments) call.arguments += piece.function.arguments;
    }
  }

  get all(): ToolCall[] {
    return this.calls.filter((call) => call.name !== "");
  }
}

/** Messages in OpenAI's shape: an assistant's tool calls, a tool's answer with its call's id. */
const wireMessage = (message: ChatMessage) => ({
  role: message.role,
  content: message.content,
  ...(message.toolCalls?.length && {
    tool_calls: message.toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    })),
  }),
  ...(message.toolCallId && { tool_call_id: message.toolCallId }),
});

export interface AdapterOptions {
  /** Tries after the first, for 429, 5xx and connection failures, before any text came. */
  retries?: number;
  retryDelayMs?: number;
  /** The key to send, read at each call (see ProviderKeys); none: no key is sent. */
  apiKey?: () => string | undefined;
  /** Bytes of an answer read at most (a plain body, a whole stream); past them the call is cut. */
  maxResponseBytes?: number;
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
  private readonly maxResponseBytes: number;

  constructor(
    private readonly definition: ProviderDefinition,
    private readonly options: AdapterOptions = {},
  ) {
    this.baseUrl = (definition.baseUrl ?? "").replace(/\/+$/, "");
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  async *chat(request: ChatRequest): AsyncIterable<ChatChunk> {
    const response = await this.post(
      "/chat/completions",
      {
        model: request.model,
        messages: request.messages.map(wireMessage),
        stream: request.stream,
        ...(request.stream && { stream_options: { include_usage: true } }),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
        ...request.sampling,
        ...(request.tools && { tools: request.tools }),
        ...(request.toolChoice !== undefined && { tool_choice: request.toolChoice }),
        ...(request.responseFormat && { response_format: request.responseFormat }),
      },
      request.signal,
    );
    const prompt = request.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
    try {
      if (!request.stream) {
        let body: z.infer<typeof CompletionSchema>;
        const raw = await readAll(response, this.maxResponseBytes);
        try {
          body = CompletionSchema.parse(JSON.parse(raw));
        } catch {
          throw new ProviderError("invalid_response");
        }
        const text = body.choices[0]?.message.content ?? "";
        const finishReason = body.choices[0]?.finish_reason ?? undefined;
        const calls = new ToolCalls();
        calls.add(body.choices[0]?.message.tool_calls);
        yield { type: "delta", text };
        if (calls.all.length > 0) yield { type: "tool-calls", calls: calls.all };
        yield {
          type: "usage",
          usage: usageOf(body.usage, prompt, text),
          ...(finishReason && { finishReason }),
        };
        return;
      }
      let text = "";
      let usage: Usage | undefined;
      let finished = false;
      let finishReason: string | undefined;
      const calls = new ToolCalls();
      for await (const data of serverSentEvents(response, this.maxResponseBytes)) {
        // Read on to the end of the answer, so that its connection can serve the next call.
        if (data === "[DONE]") {
          finished = true;
          continue;
        }
        let chunk: z.infer<typeof ChunkSchema>;
        try {
          chunk = ChunkSchema.parse(JSON.parse(data));
        } catch {
          throw new ProviderError("invalid_response");
        }
        if (chunk.usage) usage = usageOf(chunk.usage, prompt, text);
        for (const choice of chunk.choices) {
          calls.add(choice.delta?.tool_calls);
          const delta = choice.delta?.content;
          if (delta) {
            text += delta;
            yield { type: "delta", text: delta };
          }
          if (choice.finish_reason) {
            finished = true;
            finishReason = choice.finish_reason;
          }
        }
      }
      if (!finished) throw new ProviderError("interrupted");
      if (calls.all.length > 0) yield { type: "tool-calls", calls: calls.all };
      yield {
        type: "usage",
        usage: usage ?? usageOf(null, prompt, text),
        ...(finishReason && { finishReason }),
      };
    } catch (error) {
      throw response.failure(error);
    } finally {
      response.close();
      // An answer left unread would hold its keep-alive connection.
      if (!response.response.complete) response.response.destroy();
    }
  }

  async embed(
    model: string,
    texts: string[],
    signal?: AbortSignal,
    options: { dimensions?: number | undefined } = {},
  ): Promise<Float32Array[]> {
    const embedder = new OpenAiCompatibleEmbedder({
      dimensions: options.dimensions,
      baseUrl: this.baseUrl,
      model,
      apiKey: this.options.apiKey ?? (() => undefined),
      timeoutSeconds: this.definition.timeoutSeconds,
      maxInputCharacters: 32_000,
      maxResponseBytes: this.maxResponseBytes,
      retries: this.options.retries ?? 2,
      retryDelayMs: this.options.retryDelayMs ?? 250,
    });
    try {
      return await embedder.embed(texts, signal);
    } catch (error) {
      // One vocabulary of failures for every provider call (describeFailure, health).
      throw error instanceof EmbeddingError ? new ProviderError(error.code, error.status) : error;
    }
  }

  /** The models the service lists (`GET /models`), for `beffroi provider test`. */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    const response = await this.request("GET", "/models", undefined, signal);
    try {
      const body = z
        .object({ data: z.array(z.object({ id: z.string() })) })
        .parse(JSON.parse(await readAll(response, this.maxResponseBytes)));
      return body.data.map((model) => model.id);
    } catch (error) {
      throw error instanceof ProviderError
        ? response.failure(error)
        : new ProviderError("invalid_response");
    } finally {
      response.close();
      if (!response.response.complete) response.response.destroy();
    }
  }

  private async post(path: string, body: unknown, signal?: AbortSignal): Promise<Upstream> {
    const retries = this.options.retries ?? 2;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.request("POST", path, body, signal);
      } catch (error) {
        if (
          !(error instanceof ProviderError) ||
          !error.retryable ||
          attempt >= retries ||
          signal?.aborted
        ) {
          throw error;
        }
        await sleep((this.options.retryDelayMs ?? 250) * 2 ** attempt, signal);
      }
    }
  }

  /**
   * One call on a keep-alive connection (node:http: far cheaper per call
   * than fetch). The timeout covers the whole answer, body included; the
   * caller's signal cancels the call at any point.
   */
  private request(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<Upstream> {
    const url = new URL(`${this.baseUrl}${path}`);
    const secure = url.protocol === "https:";
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const key = this.options.apiKey?.();
    return new Promise((resolve, reject) => {
      let timedOut = false;
      let settled = false;
      const call = (secure ? https : http).request(url, {
        method,
        agent: secure ? AGENTS.https : AGENTS.http,
        headers: {
          accept: "application/json, text/event-stream",
          ...(payload && { "content-type": "application/json", "content-length": payload.length }),
          ...(key && { authorization: `Bearer ${key}` }),
        },
      });
      const timer = setTimeout(() => {
        timedOut = true;
        call.destroy();
      }, this.definition.timeoutSeconds * 1000);
      const onAbort = () => call.destroy();
      signal?.addEventListener("abort", onAbort, { once: true });
      const close = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      /** What an error while reading means: the caller left, the time ran out, or the stream broke. */
      const failure = (error: unknown): unknown => {
        if (signal?.aborted) return signal.reason ?? error;
        if (timedOut) return new ProviderError("timeout");
        return error instanceof ProviderError ? error : new ProviderError("interrupted");
      };
      call.on("response", (response) => {
        settled = true;
        const status = response.statusCode ?? 0;
        if (status >= 400) {
          response.resume();
          close();
          reject(new ProviderError("http", status));
          return;
        }
        resolve({ response, close, failure });
      });
      call.on("error", () => {
        close();
        if (settled) return;
        settled = true;
        if (signal?.aborted) reject(signal.reason);
        else reject(new ProviderError(timedOut ? "timeout" : "unreachable"));
      });
      call.end(payload);
    });
  }
}

/** Keep-alive connections to providers, shared by every adapter. */
const AGENTS = {
  http: new http.Agent({ keepAlive: true, maxSockets: 512 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 512 }),
};

/** An answer being read; `close` once done (stops the timer), `failure` names an error met while reading. */
interface Upstream {
  response: IncomingMessage;
  close(): void;
  failure(error: unknown): unknown;
}

/**
 * The whole body, up to `limit` bytes: one upstream answer of 200 MB once
 * took the process to 1.6 GB. Past the limit (or announced past it) the
 * reading stops and the caller's `finally` cuts the connection.
 */
async function readAll(upstream: Upstream, limit: number): Promise<string> {
  if (Number(upstream.response.headers["content-length"]) > limit) {
    throw new ProviderError("too_large");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of upstream.response) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ProviderError("too_large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
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

/**
 * The `data:` payloads of a server-sent event stream, in order, up to
 * `limit` bytes in all: the text is passed on as it comes, but an endless
 * stream (or one line that never ends) must not hold the process.
 */
async function* serverSentEvents(upstream: Upstream, limit: number): AsyncIterable<string> {
  const decoder = new TextDecoder();
  const ready: string[] = [];
  const parser = createParser({ onEvent: (event) => ready.push(event.data.trim()) });
  let size = 0;
  for await (const chunk of upstream.response) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ProviderError("too_large");
    parser.feed(decoder.decode(chunk as Buffer, { stream: true }));
    yield* ready.splice(0);
  }
  parser.reset({ consume: true });
  yield* ready.splice(0);
}
