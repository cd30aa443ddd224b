import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * A provider's API key, read from its variable or file at each call (a
 * rotated secret needs no restart); never logged, never returned.
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
    readonly code: "timeout" | "unreachable" | "http" | "invalid_response",
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
  timeoutSeconds: number;
  maxInputCharacters: number;
  /** Tries after the first, for 429, 5xx and connection failures. */
  retries?: number;
  retryDelayMs?: number;
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
    const key = readApiKey(this.settings, this.env);
    let response: Response;
    try {
      response = await fetch(`${this.settings.baseUrl.replace(/\/+$/, "")}/embeddings`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(key && { authorization: `Bearer ${key}` }),
        },
        body: JSON.stringify({ model: this.model, input, encoding_format: "float" }),
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
      parsed = EmbeddingsResponse.parse(await response.json());
    } catch {
      throw new EmbeddingError("invalid_response");
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
