import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEFAULT_MATRIX, dataHandling, matrixPolicy } from "../../src/charter/index.js";
import type { Turn } from "../../src/pipeline/index.js";
import {
  type ChatChunk,
  OpenAiCompatibleProvider,
  type ProviderError,
  ProviderSchema,
  Router,
} from "../../src/providers/index.js";
import type { ProvidersService } from "../../src/providers/providers.service.js";
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
    else usage = chunk.usage;
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

describe("router", () => {
  const providers = () =>
    ({
      models: async () =>
        ["local", "sovereign", "extraterritorial"].map((sovereignty) => ({
          ref: `${sovereignty}/m`,
          provider: ProviderSchema.parse({
            id: sovereignty,
            baseUrl: "http://127.0.0.1:1/v1",
            sovereignty,
            country: "FRA",
            models: [{ id: "m" }],
          }),
          model: { id: "m", contextLength: 100, capabilities: ["chat"] },
        })),
      resolve: async () => null,
      health: { available: () => true },
    }) as unknown as ProvidersService;
  const turn = (dataClass: Turn["dataClass"], content = "court"): Turn => ({
    id: "t",
    startedAt: "",
    credential: { kind: "session", token: "" },
    input: { messages: [{ role: "user", content }] },
    decisions: [],
    status: "walking",
    ...(dataClass && { dataClass }),
  });

  it("applies the charter's matrix: pseudonyms abroad for personal data, sensitive data never abroad", async () => {
    const router = new Router({ providers: providers() });
    const route = async (dataClass: Turn["dataClass"]) =>
      (await router.route(turn(dataClass))).candidates.map(
        (c) => `${c.ref}${c.pseudonymise ? " (pseudonymes)" : ""}`,
      );
    assert.deepEqual(await route("public"), ["local/m", "sovereign/m", "extraterritorial/m"]);
    assert.deepEqual(await route("personal"), [
      "local/m",
      "sovereign/m",
      "extraterritorial/m (pseudonymes)",
    ]);
    assert.deepEqual(await route("sensitive"), ["local/m", "sovereign/m (pseudonymes)"]);
    const skipped = (await router.route(turn("sensitive"))).skipped;
    assert.deepEqual(
      skipped.map((s) => [s.ref, s.blocked]),
      [["extraterritorial/m", true]],
    );
    assert.match(skipped[0]?.reason ?? "", /la charte interdit d'envoyer des données sensibles/);
  });

  it("masks a public turn's possible findings wherever personal data may not go in clear", async () => {
    const possible: Turn = {
      ...turn("public"),
      personalData: [{ message: 0, type: "PERSON", start: 0, end: 5, certainty: "possible" }],
    };
    const result = await new Router({ providers: providers() }).route(possible);
    assert.deepEqual(
      result.candidates.map((c) => [c.ref, c.pseudonymise]),
      [
        ["local/m", false],
        ["sovereign/m", false],
        ["extraterritorial/m", true],
      ],
    );
    // The same rule as /v1/embeddings applies, from one function.
    assert.equal(dataHandling(matrixPolicy(), "public", true, "extraterritorial"), "mask");
    assert.equal(dataHandling(matrixPolicy(), "public", false, "extraterritorial"), "clear");
    assert.equal(dataHandling(matrixPolicy(), "sensitive", false, "extraterritorial"), "block");
    assert.equal(dataHandling(matrixPolicy(), "personal", false, "sovereign"), "clear");
  });

  it("follows another matrix when the charter says so", async () => {
    const strict = matrixPolicy({
      ...DEFAULT_MATRIX,
      personal: { local: "allow", sovereign: "pseudonymise", extraterritorial: "block" },
    });
    const result = await new Router({ providers: providers(), policy: strict }).route(
      turn("personal"),
    );
    assert.deepEqual(
      result.candidates.map((c) => [c.ref, c.pseudonymise]),
      [
        ["local/m", false],
        ["sovereign/m", true],
      ],
    );
  });

  it("leaves out models too small for the request", async () => {
    const result = await new Router({ providers: providers() }).route(
      turn("public", "x".repeat(1000)),
    );
    assert.deepEqual(result.candidates, []);
    assert.match(result.skipped[0]?.reason ?? "", /trop longue/);
  });
});
