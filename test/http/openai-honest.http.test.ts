import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import OpenAI from "openai";
import { addProvider, apiAgent, describeApps, seedAdmin } from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

/**
 * What `/v1` says about who answered, as clients read it: the model that
 * wrote the answer in `model`, the provider's own `finish_reason`, models
 * looked up by an id that holds slashes, embeddings models listed with their
 * use, and a 503 rather than quoted passages when the named model is down.
 */
describeApps("OpenAI-compatible API: honest answers", (get) => {
  let upstream: OpenAiUpstream;
  let client: OpenAI;

  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    const admin = await seedAdmin(app);
    await addProvider(app, admin, {
      id: "vllm",
      baseUrl: upstream.url,
      sovereignty: "local",
      country: "FRA",
      models: [
        { id: "mistralai/Mistral-Small", capabilities: ["chat"] },
        { id: "bge-m3", capabilities: ["embeddings"] },
        { id: "sans-seed", capabilities: ["chat"], parameters: ["top_p", "stop"] },
      ],
    });
    upstream.models = ["mistralai/Mistral-Small", "bge-m3", "sans-seed"];
    const { key, base } = await apiAgent(app);
    client = new OpenAI({ apiKey: key, baseURL: `${base}/v1`, maxRetries: 0 });
  });
  after(() => upstream.close());

  const model = "vllm/mistralai/Mistral-Small";
  const messages = [{ role: "user" as const, content: "Résume la délibération." }];

  it("looks a model up by its id, slashes included, and lists embeddings models with their use", async () => {
    const found = await client.models.retrieve(model);
    assert.equal(found.id, model);
    assert.equal(found.owned_by, "vllm");
    const list = await client.models.list();
    const uses = Object.fromEntries(
      list.data.map((entry) => [
        entry.id,
        (entry as unknown as { capabilities: string[] }).capabilities,
      ]),
    );
    assert.deepEqual(uses["vllm/bge-m3"], ["embeddings"]);
    assert.deepEqual(uses[model], ["chat"]);
    const unknown = await client.models.retrieve("vllm/absent").catch((error) => error);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.code, "model_not_found");
  });

  it("passes dimensions on, and refuses a model whose vectors do not have that length", async () => {
    const right = await client.embeddings.create({
      model: "vllm/bge-m3",
      input: "Bonjour",
      dimensions: 8,
    });
    assert.equal(right.data[0]?.embedding.length, 8);
    assert.equal(
      (upstream.requests.at(-1)?.body as { dimensions?: number } | undefined)?.dimensions,
      8,
    );
    const wrong = await client.embeddings
      .create({ model: "vllm/bge-m3", input: "Bonjour", dimensions: 256 })
      .catch((error) => error);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.code, "parameter_not_supported");
    assert.match(wrong.message, /« dimensions »/);
  });

  it("says a chat model computes no embeddings, rather than calling it unknown", async () => {
    const refused = await client.embeddings
      .create({ model, input: "Bonjour" })
      .catch((error) => error);
    assert.equal(refused.status, 400);
    assert.equal(refused.code, "model_not_embeddings");
    assert.match(refused.message, /embeddings/);
  });

  it("passes the provider's finish_reason on, streamed or not, with the model that wrote", async () => {
    upstream.script({
      kind: "reply",
      text: "La délibération fixe les tarifs",
      finishReason: "length",
    });
    const whole = await client.chat.completions.create({ model, messages, max_tokens: 5 });
    assert.equal(whole.choices[0]?.finish_reason, "length");
    assert.equal(whole.model, model);
    upstream.script({
      kind: "reply",
      text: "La délibération fixe les tarifs",
      finishReason: "length",
    });
    const stream = await client.chat.completions.create({ model, messages, stream: true });
    const reasons: string[] = [];
    const models = new Set<string>();
    for await (const chunk of stream) {
      models.add(chunk.model);
      for (const choice of chunk.choices)
        if (choice.finish_reason) reasons.push(choice.finish_reason);
    }
    assert.deepEqual(reasons, ["length"]);
    assert.deepEqual([...models], [model]);
  });

  it("answers 503 with Retry-After when the named model's provider is down, never quoted passages as its answer", async () => {
    const { app } = get();
    for (let i = 0; i < 3; i += 1) app.services.providers.health.failed("vllm");
    try {
      for (const stream of [false, true]) {
        const refused = await client.chat.completions
          .create({ model, messages, stream })
          .catch((error) => error);
        assert.ok(refused instanceof OpenAI.APIError, String(refused));
        assert.equal(refused.status, 503);
        assert.equal(refused.code, "model_unavailable");
        assert.equal(refused.headers?.get("retry-after"), "30");
      }
      const agreed = await client.chat.completions.create({
        model,
        messages,
        // @ts-expect-error: a Beffroi extension of the request
        beffroi_fallback: "extractive",
      });
      assert.equal(agreed.model, "extractive");
    } finally {
      app.services.providers.health.succeeded("vllm");
    }
  });

  it("passes sampling settings on to a model that takes them, and refuses one it does not, naming it", async () => {
    await client.chat.completions.create({
      model,
      messages,
      top_p: 0.5,
      stop: "FIN",
      seed: 7,
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
    });
    const sent = upstream.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual(
      [sent.top_p, sent.stop, sent.seed, sent.presence_penalty, sent.frequency_penalty],
      [0.5, ["FIN"], 7, 0.1, 0.2],
    );
    const before = upstream.requests.length;
    const refused = await client.chat.completions
      .create({ model: "vllm/sans-seed", messages, seed: 7 })
      .catch((error) => error);
    assert.equal(refused.status, 400);
    assert.equal(refused.code, "parameter_not_supported");
    assert.match(refused.message, /« seed »/);
    assert.equal(upstream.requests.length, before, "nothing reached the model");
  });

  it("refuses what Beffroi does not do, naming the parameter, and reports what has no effect", async () => {
    const cases: [object, string][] = [
      [{ n: 2 }, "n"],
      [{ logprobs: true }, "logprobs"],
      [{ logit_bias: { "42": 10 } }, "logit_bias"],
      [{ functions: [{ name: "envoyer_courriel" }] }, "functions"],
      [{ modalities: ["text", "audio"] }, "modalities"],
    ];
    for (const [extra, parameter] of cases) {
      const refused = await client.chat.completions
        .create({ model, messages, ...extra } as never)
        .catch((error) => error);
      assert.equal(refused.status, 400, parameter);
      assert.equal(refused.code, "parameter_not_supported", parameter);
      assert.match(refused.message, new RegExp(`« ${parameter} »`));
    }
    const unknown = await client.chat.completions
      .create({ model, messages, inventé: 1 } as never)
      .catch((error) => error);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.param, "inventé");
    // At their defaults they are taken as they are; user and store have no effect and say so.
    const taken = await client.chat.completions
      .create({ model, messages, n: 1, logprobs: false, user: "agent-42", store: false })
      .withResponse();
    assert.equal(taken.response.headers.get("x-beffroi-ignored"), "user, store");
  });

  it("completes a plain prompt (legacy completions), streamed or not, and refuses fill-in-the-middle", async () => {
    upstream.script({ kind: "reply", text: "au conseil municipal du 12 mars." });
    const whole = await client.completions.create({
      model,
      prompt: "La délibération a été adoptée",
      max_tokens: 20,
    });
    assert.equal(whole.object, "text_completion");
    assert.equal(whole.choices[0]?.text, "au conseil municipal du 12 mars.");
    assert.equal(whole.model, model);
    const sent = upstream.requests.at(-1)?.body as {
      messages: { role: string; content: string }[];
    };
    assert.deepEqual(sent.messages.at(-1), {
      role: "user",
      content: "La délibération a été adoptée",
    });
    upstream.script({ kind: "reply", text: "au conseil municipal du 12 mars." });
    const stream = await client.completions.create({
      model,
      prompt: "La délibération a été adoptée",
      stream: true,
    });
    let text = "";
    const reasons: string[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? "";
      if (chunk.choices[0]?.finish_reason) reasons.push(chunk.choices[0].finish_reason);
    }
    assert.equal(text, "au conseil municipal du 12 mars.");
    assert.deepEqual(reasons, ["stop"]);
    const fim = await client.completions
      .create({ model, prompt: "function somme(a, b) {", suffix: "}" })
      .catch((error) => error);
    assert.equal(fim.status, 400);
    assert.equal(fim.code, "parameter_not_supported");
    assert.match(fim.message, /« suffix »/);
  });

  it("answers the Responses API's text subset, whole or streamed, and refuses what it does not keep", async () => {
    upstream.script({ kind: "reply", text: "Le marché est attribué au lot 2." });
    const whole = await client.responses.create({
      model,
      instructions: "Réponds en une phrase.",
      input: "Résume l'analyse des offres.",
    });
    assert.equal(whole.status, "completed");
    assert.equal(whole.output_text, "Le marché est attribué au lot 2.");
    assert.equal(whole.model, model);
    assert.ok((whole.usage?.total_tokens ?? 0) > 0);
    const sent = upstream.requests.at(-1)?.body as {
      messages: { role: string; content: string }[];
    };
    assert.deepEqual(
      sent.messages.map((message) => message.role),
      ["system", "user"],
    );
    assert.match(sent.messages[0]?.content ?? "", /Réponds en une phrase/);

    upstream.script({ kind: "reply", text: "Le marché est attribué au lot 2." });
    const stream = await client.responses.create({
      model,
      input: [{ role: "user", content: "Résume l'analyse des offres." }],
      stream: true,
    });
    let text = "";
    const types: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    assert.equal(text, "Le marché est attribué au lot 2.");
    assert.equal(types[0], "response.created");
    assert.equal(types.at(-1), "response.completed");

    const chained = await client.responses
      .create({ model, input: "Et ensuite ?", previous_response_id: whole.id })
      .catch((error) => error);
    assert.equal(chained.status, 400);
    assert.equal(chained.code, "parameter_not_supported");
    assert.match(chained.message, /« previous_response_id »/);
  });
});
