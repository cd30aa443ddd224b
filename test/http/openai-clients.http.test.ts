import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { embed, generateObject, generateText, streamText, tool } from "ai";
import { z } from "zod";
import { addProvider, apiAgent, describeApps, seedAdmin } from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

/**
 * The clients collectivités plug into `/v1`, as their users set them up:
 * LangChain JS (`@langchain/openai`) and the Vercel AI SDK
 * (`@ai-sdk/openai-compatible`), against a real Beffroi and the test model
 * server: a whole answer, a stream with its usage, embeddings, and a refusal
 * each client raises as an error. (The official `openai` client is driven by
 * the gateway's and the honest-answers suites.)
 */
describeApps("OpenAI-compatible clients", (get) => {
  let upstream: OpenAiUpstream;
  let key: string;
  let baseURL: string;
  const model = "local/test-model";

  before(async () => {
    upstream = await startOpenAiUpstream();
    upstream.defaultReply = "La médiathèque ouvre le samedi de 10 h à 18 h.";
    upstream.models = ["test-model", "embed"];
    const { app } = get();
    const admin = await seedAdmin(app);
    await addProvider(app, admin, {
      id: "local",
      baseUrl: upstream.url,
      sovereignty: "local",
      country: "FRA",
      models: [
        { id: "test-model", capabilities: ["chat"] },
        { id: "embed", capabilities: ["embeddings"] },
      ],
    });
    const agent = await apiAgent(app);
    key = agent.key;
    baseURL = `${agent.base}/v1`;
  });
  after(() => upstream.close());

  it("LangChain JS: invoke, stream with usage, embeddings, a refusal", async () => {
    const chat = new ChatOpenAI({ model, apiKey: key, configuration: { baseURL }, maxRetries: 0 });
    const answer = await chat.invoke("Horaires de la médiathèque ?");
    assert.match(String(answer.content), /samedi de 10 h à 18 h/);
    assert.ok((answer.usage_metadata?.total_tokens ?? 0) > 0, "usage read");

    let streamed = "";
    let usage = 0;
    const streaming = new ChatOpenAI({
      model,
      apiKey: key,
      configuration: { baseURL },
      streamUsage: true,
      maxRetries: 0,
    });
    for await (const chunk of await streaming.stream("Horaires de la médiathèque ?")) {
      streamed += String(chunk.content);
      usage = Math.max(usage, chunk.usage_metadata?.total_tokens ?? 0);
    }
    assert.match(streamed, /samedi de 10 h à 18 h/);
    assert.ok(usage > 0, "usage in the stream");

    const embeddings = new OpenAIEmbeddings({
      model: "local/embed",
      apiKey: key,
      configuration: { baseURL },
      maxRetries: 0,
    });
    const [vector] = await embeddings.embedDocuments(["Horaires de la médiathèque"]);
    assert.ok((vector?.length ?? 0) > 0);

    const unknown = new ChatOpenAI({
      model: "nulle-part/gpt",
      apiKey: key,
      configuration: { baseURL },
      maxRetries: 0,
    });
    await assert.rejects(unknown.invoke("x"), (error: { status?: number; code?: string }) => {
      assert.equal(error.status, 404);
      return true;
    });
  });

  it("Vercel AI SDK: generateText, streamText with usage, embed, a refusal", async () => {
    const beffroi = createOpenAICompatible({
      name: "beffroi",
      baseURL,
      apiKey: key,
      includeUsage: true,
    });
    const whole = await generateText({
      model: beffroi(model),
      prompt: "Horaires de la médiathèque ?",
      maxRetries: 0,
    });
    assert.match(whole.text, /samedi de 10 h à 18 h/);
    assert.ok((whole.usage.totalTokens ?? 0) > 0);
    assert.equal(whole.finishReason, "stop");

    const stream = streamText({
      model: beffroi(model),
      prompt: "Horaires de la médiathèque ?",
      maxRetries: 0,
    });
    let text = "";
    for await (const part of stream.textStream) text += part;
    assert.match(text, /samedi de 10 h à 18 h/);
    assert.ok(((await stream.usage).totalTokens ?? 0) > 0);

    const { embedding } = await embed({
      model: beffroi.textEmbeddingModel("local/embed"),
      value: "Horaires de la médiathèque",
      maxRetries: 0,
    });
    assert.ok(embedding.length > 0);

    await assert.rejects(
      generateText({ model: beffroi("nulle-part/gpt"), prompt: "x", maxRetries: 0 }),
      (error: { statusCode?: number }) => {
        assert.equal(error.statusCode, 404);
        return true;
      },
    );
  });

  it("LangChain JS: tools forced and automatic, structured output as a JSON schema", async () => {
    const chat = new ChatOpenAI({ model, apiKey: key, configuration: { baseURL }, maxRetries: 0 });
    const tool = {
      type: "function" as const,
      function: {
        name: "envoyer_courriel",
        description: "Envoie un courriel à un usager",
        parameters: {
          type: "object",
          properties: { objet: { type: "string" } },
          required: ["objet"],
        },
      },
    };
    const call = {
      id: "call_1",
      name: "envoyer_courriel",
      arguments: '{"objet":"Dossier complet"}',
    };
    for (const tool_choice of ["envoyer_courriel", "auto"]) {
      upstream.script({ kind: "reply", text: "", toolCalls: [call] });
      const answer = await chat.bindTools([tool], { tool_choice }).invoke("Préviens le demandeur.");
      assert.deepEqual(
        answer.tool_calls?.map((c) => [c.name, c.args]),
        [["envoyer_courriel", { objet: "Dossier complet" }]],
      );
      const sent = upstream.requests.at(-1)?.body as { tools?: unknown[] } | undefined;
      assert.equal(sent?.tools?.length, 1);
    }
    upstream.script({ kind: "reply", text: '{"complet":true,"pieces":2}' });
    const structured = chat.withStructuredOutput(
      z.object({ complet: z.boolean(), pieces: z.number() }),
      { method: "jsonSchema", name: "dossier" },
    );
    assert.deepEqual(await structured.invoke("Le dossier est-il complet ?"), {
      complet: true,
      pieces: 2,
    });
    const format = (
      upstream.requests.at(-1)?.body as { response_format?: { type: string } } | undefined
    )?.response_format;
    assert.equal(format?.type, "json_schema");
  });

  it("Vercel AI SDK: tools required and automatic, generateObject", async () => {
    const beffroi = createOpenAICompatible({
      name: "beffroi",
      baseURL,
      apiKey: key,
      supportsStructuredOutputs: true,
    });
    const call = { id: "call_2", name: "envoyer_courriel", arguments: '{"objet":"Rappel"}' };
    for (const toolChoice of ["required", "auto"] as const) {
      upstream.script({ kind: "reply", text: "", toolCalls: [call] });
      const result = await generateText({
        model: beffroi(model),
        prompt: "Préviens le demandeur.",
        toolChoice,
        tools: {
          envoyer_courriel: tool({
            description: "Envoie un courriel à un usager",
            inputSchema: z.object({ objet: z.string() }),
          }),
        },
        maxRetries: 0,
      });
      assert.deepEqual(
        result.toolCalls.map((c) => [c.toolName, c.input]),
        [["envoyer_courriel", { objet: "Rappel" }]],
      );
      assert.equal(result.finishReason, "tool-calls");
    }
    upstream.script({ kind: "reply", text: '{"complet":false,"pieces":1}' });
    const { object } = await generateObject({
      model: beffroi(model),
      schema: z.object({ complet: z.boolean(), pieces: z.number() }),
      prompt: "Le dossier est-il complet ?",
      maxRetries: 0,
    });
    assert.deepEqual(object, { complet: false, pieces: 1 });
  });
});
