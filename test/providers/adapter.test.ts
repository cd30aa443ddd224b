import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type ChatChunk,
  OpenAiCompatibleProvider,
  type ProviderError,
  ProviderSchema,
} from "../../src/providers/index.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const definition = (url: string, timeoutSeconds = 5) =>
  ProviderSchema.parse({
    id: "test",
    baseUrl: url,
    sovereignty: "local",
    country: "FRA",
    timeoutSeconds,
    models: [{ id: "test-model" }],
  });

async function collect(chunks: AsyncIterable<ChatChunk>) {
  let text = "";
  let usage: unknown;
  for await (const chunk of chunks) {
    if (chunk.type === "delta") text += chunk.text;
    else if (chunk.type === "usage") usage = chunk.usage;
  }
  return { text, usage };
}

describe("OpenAI-compatible adapter", () => {
  let upstream: OpenAiUpstream;
  before(async () => {
    upstream = await startOpenAiUpstream();
  });
  after(() => upstream.close());

  const adapter = (timeoutSeconds = 5) =>
    new OpenAiCompatibleProvider(definition(upstream.url, timeoutSeconds), {
      retryDelayMs: 5,
    });
  const ask = (stream: boolean, timeoutSeconds = 5) =>
    adapter(timeoutSeconds).chat({
      model: "test-model",
      messages: [{ role: "user", content: "Bonjour" }],
      stream,
    });

  it("retries a 429 and a 503, then answers; never retries a 400", async () => {
    const before = upstream.requests.length;
    upstream.script(
      { kind: "status", status: 429, headers: { "retry-after": "1" } },
      { kind: "status", status: 503 },
      { kind: "reply", text: "Enfin." },
    );
    assert.equal((await collect(ask(true))).text, "Enfin.");
    assert.equal(upstream.requests.length - before, 3);
    upstream.script({ kind: "status", status: 400 });
    await assert.rejects(
      collect(ask(true)),
      (error: ProviderError) => error.code === "http" && error.status === 400 && !error.retryable,
    );
    assert.equal(upstream.requests.length - before, 4);
  });

  it("reads usage from the stream, and estimates it (flagged) when the provider gives none", async () => {
    upstream.script({
      kind: "reply",
      text: "Trois mots ici.",
      usage: { prompt_tokens: 11, completion_tokens: 4 },
    });
    assert.deepEqual((await collect(ask(true))).usage, {
      promptTokens: 11,
      completionTokens: 4,
      estimated: false,
    });
    upstream.script({ kind: "reply", text: "Sans compte.", usage: null });
    const { usage } = await collect(ask(false));
    assert.deepEqual(usage, { promptTokens: 2, completionTokens: 3, estimated: true });
  });

  it("refuses malformed answers, and reports a stream cut short", async () => {
    upstream.script({ kind: "garbage" });
    await assert.rejects(collect(ask(true)), (e: ProviderError) => e.code === "invalid_response");
    upstream.script({ kind: "garbage" });
    await assert.rejects(collect(ask(false)), (e: ProviderError) => e.code === "invalid_response");
    upstream.script({ kind: "drop-mid-stream", text: "un deux trois quatre cinq six" });
    let received = "";
    await assert.rejects(
      (async () => {
        for await (const chunk of ask(true)) if (chunk.type === "delta") received += chunk.text;
      })(),
      (e: ProviderError) => e.code === "interrupted",
    );
    assert.ok(received.startsWith("un"));
  });

  it("gives up on a provider that does not answer in time", async () => {
    upstream.script({ kind: "hang" });
    await assert.rejects(collect(ask(true, 1)), (e: ProviderError) => e.code === "timeout");
  });
});
