import { readFileSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./model-provider.js";

/**
 * The configured embedding service's API key (`knowledge.embeddings`), read
 * from its variable or file at each call (a rotated secret needs no
 * restart); never logged, never returned. The configuration names these, not
 * an administrator: providers of the registry read theirs through ProviderKeys.
 */
export function readApiKey(
  source: { apiKeyEnv?: string | undefined; apiKeyFile?: string | undefined },
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (source.apiKeyEnv) return env[source.apiKeyEnv];
  if (source.apiKeyFile) return readFileSync(source.apiKeyFile, "utf8").trim();
  return undefined;
}

/** Turns texts into vectors, one per text, in order. */
export interface Embedder {
  /** The model's id: embeddings are stored and compared per model. */
  readonly model: string;
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/** An embedding service failed; `retryable` when trying again later may work. */
export class EmbeddingError extends Error {
  constructor(
    readonly code: "timeout" | "unreachable" | "http" | "invalid_response" | "too_large",
    readonly status?: number,
  ) {
    super(status ? `embeddings ${code} (${status})` : `embeddings ${code}`);
    this.name = "EmbeddingError";
  }
}

export interface OpenAiEmbedderSettings {
  baseUrl: string;
  model: string;
  apiKeyEnv?: string | undefined;
  apiKeyFile?: string | undefined;
  /** Or the key itself, read at each call (a provider of the registry); wins over the two above. */
  apiKey?: () => string | undefined;
  timeoutSeconds: number;
  maxInputCharacters: number;
  /** Bytes of an answer read at most; past them the call is cut (vectors of 4,096 floats take ~80 kB each). */
  maxResponseBytes?: number;
  /** Tries after the first, for 429, 5xx and connection failures. */
  retries?: number;
  retryDelayMs?: number;
  /** The vectors' length asked of a model that can shorten them (OpenAI's `dimensions`). */
  dimensions?: number | undefined;
}

const EmbeddingsResponse = z.object({
  data: z
    .array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) }))
    .min(1),
});

const RETRYABLE_STATUS = (status: number) => status === 429 || status >= 500;

/**
 * The OpenAI-compatible `POST {baseUrl}/embeddings` (vLLM, Ollama, Albert
 * API, Mistral, text-embeddings-inference…). The key is read from its
 * variable or file at each call, so a rotated secret needs no restart, and is
 * never logged. The model gateway (issue 4) will serve this through its
 * provider registry; the wire format stays the same.
 */
export class OpenAiCompatibleEmbedder implements Embedder {
  readonly model: string;

  constructor(
    private readonly settings: OpenAiEmbedderSettings,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.model = settings.model;
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const input = texts.map((text) => text.slice(0, this.settings.maxInputCharacters));
    const retries = this.settings.retries ?? 2;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.once(input, signal);
      } catch (error) {
        const retryable =
          error instanceof EmbeddingError &&
          (error.code === "unreachable" ||
            (error.code === "http" && RETRYABLE_STATUS(error.status ?? 0)));
        if (!retryable || attempt >= retries || signal?.aborted) throw error;
        const delay = (this.settings.retryDelayMs ?? 500) * 2 ** attempt;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async once(input: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const timeout = AbortSignal.timeout(this.settings.timeoutSeconds * 1000);
    const key = this.settings.apiKey ? this.settings.apiKey() : readApiKey(this.settings, this.env);
    let response: Response;
    try {
      response = await fetch(`${this.settings.baseUrl.replace(/\/+$/, "")}/embeddings`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(key && { authorization: `Bearer ${key}` }),
        },
        body: JSON.stringify({
          model: this.model,
          input,
          encoding_format: "float",
          ...(this.settings.dimensions !== undefined && { dimensions: this.settings.dimensions }),
        }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      throw new EmbeddingError(
        (error as Error).name === "TimeoutError" ? "timeout" : "unreachable",
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new EmbeddingError("http", response.status);
    }
    let parsed: z.infer<typeof EmbeddingsResponse>;
    try {
      const limit = this.settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      parsed = EmbeddingsResponse.parse(JSON.parse(await readCapped(response, limit)));
    } catch (error) {
      if (error instanceof EmbeddingError) throw error;
      throw new EmbeddingError(timeout.aborted ? "timeout" : "invalid_response");
    }
    const vectors: Float32Array[] = new Array(input.length);
    for (const item of parsed.data) {
      if (item.index < input.length) vectors[item.index] = Float32Array.from(item.embedding);
    }
    const dimensions = vectors[0]?.length ?? 0;
    for (let i = 0; i < input.length; i += 1) {
      if (!vectors[i] || vectors[i]?.length !== dimensions || dimensions === 0) {
        throw new EmbeddingError("invalid_response");
      }
    }
    return vectors;
  }
}

/** The body as text, up to `limit` bytes; past them (or announced past them) the body is cancelled, which cuts the connection. */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (Number(response.headers.get("content-length")) > limit) {
    await response.body?.cancel();
    throw new EmbeddingError("too_large");
  }
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new EmbeddingError("too_large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
