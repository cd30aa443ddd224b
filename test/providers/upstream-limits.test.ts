import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type ChatChunk,
  EmbeddingError,
  OpenAiCompatibleEmbedder,
  OpenAiCompatibleProvider,
  ProviderError,
  ProviderSchema,
} from "../../src/providers/index.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

/** The limit under test, and what the upstream tries to send: a thousand times more. */
const LIMIT = 64 * 1024;
const HUGE = 64 * 1024 * 1024;
/**
 * What may have left the upstream before the client hung up: the limit, and
 * what the loopback's socket buffers take on both sides. Far below HUGE:
 * the answer was cut, not read to its end.
 */
const READ_AT_MOST = 16 * 1024 * 1024;

async function drain(chunks: AsyncIterable<ChatChunk>): Promise<number> {
  let characters = 0;
  for await (const chunk of chunks) if (chunk.type === "delta") characters += chunk.text.length;
  return characters;
}

const tooLarge = (error: unknown) =>
  error instanceof ProviderError && error.code === "too_large" && !error.retryable;

describe("an upstream answer too large to read", () => {
  let upstream: OpenAiUpstream;
  before(async () => {
    upstream = await startOpenAiUpstream();
  });
  after(() => upstream.close());

  const adapter = () =>
    new OpenAiCompatibleProvider(
      ProviderSchema.parse({
        id: "bavard",
        baseUrl: upstream.url,
        sovereignty: "local",
        country: "FRA",
        timeoutSeconds: 30,
        models: [{ id: "test-model", capabilities: ["chat", "embeddings"] }],
      }),
      { retryDelayMs: 5, maxResponseBytes: LIMIT },
    );
  const ask = (stream: boolean) =>
    adapter().chat({ model: "test-model", messages: [{ role: "user", content: "Tout" }], stream });

  /** The last request was cut by the client, after a small part of the answer. */
  const assertCutEarly = async () => {
    const request = upstream.requests.at(-1);
    // The upstream sees the hang-up on its next write.
    for (let tries = 0; tries < 100 && !request?.aborted; tries += 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(request?.aborted, true, "the client hung up");
    assert.ok(
      (request?.sentBytes ?? 0) < READ_AT_MOST,
      `${request?.sentBytes} bytes sent of ${HUGE}`,
    );
  };

  it("stops reading a plain answer past the limit, and does not retry it", async () => {
    const before = upstream.requests.length;
    upstream.script({ kind: "oversize", bytes: HUGE });
    await assert.rejects(drain(ask(false)), tooLarge);
    assert.equal(upstream.requests.length - before, 1, "no second try");
    await assertCutEarly();
  });

  it("refuses an answer announced larger than the limit without reading it", async () => {
    upstream.script({ kind: "oversize", bytes: HUGE, declareLength: true });
    await assert.rejects(drain(ask(false)), tooLarge);
    await assertCutEarly();
  });

  it("stops a stream whose total passes the limit, after passing on what came before", async () => {
    upstream.script({ kind: "oversize", bytes: HUGE });
    let passed = 0;
    await assert.rejects(
      (async () => {
        for await (const chunk of ask(true))
          if (chunk.type === "delta") passed += chunk.text.length;
      })(),
      tooLarge,
    );
    assert.ok(passed > 0 && passed <= LIMIT, `${passed} characters passed on`);
    await assertCutEarly();
  });

  it("still reads an answer under the limit", async () => {
    upstream.script({ kind: "oversize", bytes: LIMIT / 2 });
    assert.ok((await drain(ask(false))) > LIMIT / 4);
    upstream.script({ kind: "oversize", bytes: LIMIT / 2 });
    assert.ok((await drain(ask(true))) > LIMIT / 4);
  });

  it("stops reading embeddings past the limit, through the adapter and on their own", async () => {
    upstream.oversize = HUGE;
    try {
      await assert.rejects(adapter().embed("test-model", ["un texte"]), tooLarge);
      await assertCutEarly();
      const embedder = new OpenAiCompatibleEmbedder({
        baseUrl: upstream.url,
        model: "test-model",
        timeoutSeconds: 30,
        maxInputCharacters: 100,
        maxResponseBytes: LIMIT,
        retries: 2,
        retryDelayMs: 5,
      });
      const before = upstream.requests.length;
      await assert.rejects(
        embedder.embed(["un texte"]),
        (error: unknown) => error instanceof EmbeddingError && error.code === "too_large",
      );
      assert.equal(upstream.requests.length - before, 1, "no second try");
      await assertCutEarly();
    } finally {
      upstream.oversize = undefined;
    }
  });
});
