import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small OpenAI-compatible embeddings service for the tests, on loopback:
 * the one stand-in allowed for model services. Its "model" is deterministic
 * and crude but semantic in the way the tests need: words are folded, mapped
 * to a concept through `concepts` (so "automobile" and "voiture" land on the
 * same axis), and hashed into DIMENSIONS axes; the vector is normalised.
 */
export interface EmbeddingsServer {
  url: string;
  /** Inputs received, in order (the tests check what was sent). */
  inputs: string[];
  requests: number;
  /** Answer 503 to every request while true. */
  down: boolean;
  /** When set, requests must carry `Authorization: Bearer <key>`. */
  key: string | undefined;
  close(): Promise<void>;
}

export const DIMENSIONS = 64;

const fold = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export function embedText(text: string, concepts: Record<string, string>): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of fold(text).match(/\p{L}{4,}/gu) ?? []) {
    const concept = concepts[word] ?? word;
    const hash = createHash("sha256").update(concept).digest();
    const axis = (hash[0] ?? 0) % DIMENSIONS;
    vector[axis] = (vector[axis] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

export async function startEmbeddingsServer(
  concepts: Record<string, string> = {},
): Promise<EmbeddingsServer> {
  const state: EmbeddingsServer = {
    url: "",
    inputs: [],
    requests: 0,
    down: false,
    key: undefined,
    close: async () => {},
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      state.requests += 1;
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.method !== "POST" || request.url !== "/v1/embeddings") {
        return reply(404, { error: { message: "not found" } });
      }
      if (state.down) return reply(503, { error: { message: "overloaded" } });
      if (state.key && request.headers.authorization !== `Bearer ${state.key}`) {
        return reply(401, { error: { message: "bad key" } });
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        model: string;
        input: string | string[];
      };
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      state.inputs.push(...inputs);
      reply(200, {
        object: "list",
        model: body.model,
        // Out of order on purpose: clients must use `index`.
        data: inputs
          .map((input, index) => ({
            object: "embedding",
            index,
            embedding: embedText(input, concepts),
          }))
          .reverse(),
        usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
