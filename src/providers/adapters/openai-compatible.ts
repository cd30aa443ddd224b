import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { z } from "zod";
import { OpenAiCompatibleEmbedder, readApiKey } from "../embeddings.js";
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
    try {
      if (!request.stream) {
        let body: z.infer<typeof CompletionSchema>;
        const raw = await readAll(response);
        try {
          body = CompletionSchema.parse(JSON.parse(raw));
        } catch {
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
      for await (const data of serverSentEvents(response)) {
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
    } catch (error) {
      throw response.failure(error);
    } finally {
      response.close();
      // An answer left unread would hold its keep-alive connection.
      if (!response.response.complete) response.response.destroy();
    }
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
        .parse(JSON.parse(await readAll(response)));
      return body.data.map((model) => model.id);
    } catch (error) {
      throw error instanceof ProviderError
        ? response.failure(error)
        : new ProviderError("invalid_response");
    } finally {
      response.close();
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
    const key = readApiKey(this.definition, this.env);
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

async function readAll(upstream: Upstream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of upstream.response) chunks.push(chunk as Buffer);
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

/** The `data:` payloads of a server-sent event stream, in order. */
async function* serverSentEvents(upstream: Upstream): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of upstream.response) {
    buffer += decoder.decode(chunk as Buffer, { stream: true });
    for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
      const line = buffer.slice(0, end).replace(/\r$/, "");
      buffer = buffer.slice(end + 1);
      if (line.startsWith("data:")) yield line.slice(5).trim();
    }
  }
}
