import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import OpenAI from "openai";
import {
  addProvider,
  call,
  describeApps,
  login,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { sheet } from "../support/knowledge.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const provider = <S extends string>(id: string, url: string, sovereignty: S, extra = {}) => ({
  id,
  label: `Test ${id}`,
  baseUrl: url,
  sovereignty,
  country: sovereignty === "extraterritorial" ? "USA" : "FRA",
  models: [
    {
      id: "test-model",
      contextLength: 4096,
      activeParameters: 8,
      totalParameters: 8,
      capabilities: ["chat" as const, "embeddings" as const],
    },
  ],
  ...extra,
});

describeApps(
  "model gateway",
  (get) => {
    let upstream: OpenAiUpstream;
    let backup: OpenAiUpstream;
    let admin: Session;
    let key: string;
    let baseUrl: string;
    let client: OpenAI;

    before(async () => {
      upstream = await startOpenAiUpstream();
      backup = await startOpenAiUpstream();
      backup.defaultReply = "Réponse du serveur de secours.";
      const { app } = get();
      admin = await seedAdmin(app);
      const agent = await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
      key = (
        await app.services.apiKeys.create(agent.id, {
          name: "n8n",
          scopes: ["chat", "knowledge:read"],
        })
      ).token;
      baseUrl = `${await app.server.listen({ host: "127.0.0.1", port: 0 })}/v1`;
      client = new OpenAI({ apiKey: key, baseURL: baseUrl, maxRetries: 0 });
      process.env.TEST_UPSTREAM_KEY = "cle-amont-secrete";
      upstream.key = "cle-amont-secrete";
      for (const body of [
        provider("local", upstream.url, "local", { apiKeyEnv: "TEST_UPSTREAM_KEY" }),
        provider("secours", backup.url, "sovereign"),
      ]) {
        await addProvider(app, admin, body);
      }
    });
    after(async () => {
      await upstream.close();
      await backup.close();
    });

    it("keeps providers' keys out of the API and refuses a bad definition in French", async () => {
      const { app } = get();
      const list = await call(app, "GET", "/api/providers", admin);
      assert.equal(list.statusCode, 200);
      assert.ok(!list.body.includes("cle-amont-secrete"));
      const local = list.json().find((p: { id: string }) => p.id === "local");
      assert.equal(local.apiKeyEnv, "TEST_UPSTREAM_KEY");
      assert.equal(local.apiKeyConfigured, true);
      const bad = await call(app, "POST", "/api/providers", admin, {
        ...provider("x", "https://user:motdepasse@llm.example/v1", "galactic"),
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, "invalid_request");
      assert.match(bad.json().error.message, /sovereignty/);
      assert.ok(!bad.body.includes("motdepasse") || /identifiants/.test(bad.body));
      const agentSession = await login(app, "agent@ville.example");
      assert.equal((await call(app, "GET", "/api/providers", agentSession)).statusCode, 403);
    });

    it("lists assistants and models to the official OpenAI client", async () => {
      const models = [];
      for await (const model of client.models.list()) models.push(model.id);
      assert.ok(models.some((id) => id.startsWith("assistant/")));
      assert.ok(models.includes("local/test-model"));
      assert.ok(models.includes("secours/test-model"));
    });

    it("answers through the pipeline, streamed or not, naming provider and hosting class", async () => {
      upstream.script({ kind: "reply", text: "Le conseil municipal se réunit jeudi." });
      const { data, response } = await client.chat.completions
        .create({ model: "local/test-model", messages: [{ role: "user", content: "Quand ?" }] })
        .withResponse();
      assert.equal(data.choices[0]?.message.content, "Le conseil municipal se réunit jeudi.");
      assert.equal(response.headers.get("x-beffroi-provider"), "local");
      assert.equal(response.headers.get("x-beffroi-sovereignty"), "local");
      assert.ok(Number(response.headers.get("x-beffroi-overhead-ms")) >= 0);
      assert.ok((data.usage?.completion_tokens ?? 0) > 0);
      const sent = upstream.requests.at(-1);
      assert.equal(sent?.headers.authorization, "Bearer cle-amont-secrete");
      assert.equal(sent?.body.model, "test-model");

      upstream.script({ kind: "reply", text: "Un deux trois, nous irons au bois." });
      const stream = await client.chat.completions.create({
        model: "local/test-model",
        messages: [{ role: "user", content: "Une comptine ?" }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = "";
      let usage: OpenAI.CompletionUsage | undefined | null;
      const ids = new Set<string>();
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? "";
        if (chunk.usage) usage = chunk.usage;
        ids.add(chunk.id);
      }
      assert.equal(ids.size, 1, "one completion id for every chunk");
      assert.match([...ids][0] ?? "", /^chatcmpl-./);
      assert.equal(text, "Un deux trois, nous irons au bois.");
      assert.ok((usage?.total_tokens ?? 0) > 0);
      assert.equal(upstream.requests.at(-1)?.body.stream, true);
    });

    it("passes the text on as the model writes it, without waiting for the end", async () => {
      upstream.script({
        kind: "reply",
        text: "Premier morceau, puis la suite arrive lentement.",
        firstTokenDelayMs: 150,
        chunkDelayMs: 60,
      });
      const started = performance.now();
      const stream = await client.chat.completions.create({
        model: "local/test-model",
        messages: [{ role: "user", content: "Lentement" }],
        stream: true,
      });
      let first = 0;
      for await (const chunk of stream) {
        if (!first && chunk.choices[0]?.delta.content) first = performance.now() - started;
      }
      const total = performance.now() - started;
      // A slow first token, then seven chunks 60 ms apart: the first reaches the client long
      // before the last, and the wait for it is the model's, not a timeout.
      assert.ok(first >= 150, `first ${first} ms`);
      assert.ok(total - first > 250, `first ${first} ms, total ${total} ms`);
    });

    it("falls back to the next allowed model, then to cited passages when no model answers", async () => {
      const { app } = get();
      const accueil = await app.services.directions.find("Accueil");
      const base = await app.services.knowledge.create("cli", {
        name: "Accueil gateway",
        description: "",
        ownerDirectionId: accueil?.id ?? "",
        readers: [],
      });
      await app.services.knowledge.submit("cli", base.id, [
        {
          fileName: "piscine.md",
          bytes: sheet("Piscine", {
            Horaires:
              "La piscine des Tilleuls ouvre le mercredi de 14 h à 19 h et le samedi matin.",
          }),
        },
      ]);
      await app.services.worker.drain();
      const created = await call(app, "POST", "/api/assistants", admin, {
        name: "Accueil",
        instructions: "Réponds aux questions d'accueil.",
        knowledgeBaseIds: [base.id],
        preferredModels: ["local/test-model", "secours/test-model"],
        category: "reception",
      });
      assert.equal(created.statusCode, 201, created.body);
      const assistant = `assistant/${created.json().id}`;

      // The first provider fails (500, retried, 500 again): the second answers.
      upstream.script(
        { kind: "status", status: 500 },
        { kind: "status", status: 500 },
        { kind: "status", status: 500 },
      );
      const fallback = await client.chat.completions
        .create({
          model: assistant,
          messages: [{ role: "user", content: "Quels sont les horaires de la piscine ?" }],
        })
        .withResponse();
      assert.equal(fallback.data.choices[0]?.message.content, "Réponse du serveur de secours.");
      assert.equal(fallback.response.headers.get("x-beffroi-provider"), "secours");
      // The failure is logged for the DSI: which provider and model, its code and status, which
      // turn; never what was asked.
      const failed = get()
        .logs()
        .split("\n")
        .filter((line) => line.includes('"provider-failed"'))
        .map((line) => JSON.parse(line));
      assert.ok(
        failed.some((entry) => entry.provider === "local" && entry.status === 500 && entry.turnId),
        get().logs(),
      );
      assert.doesNotMatch(get().logs(), /piscine/i, "the question is never logged");
      // The passages went to the model, numbered, in the user's message as data; the rule to
      // cite them in the system message.
      const sent = backup.requests.at(-1)?.body.messages as { role: string; content: string }[];
      assert.match(sent[0]?.content ?? "", /cite/);
      assert.doesNotMatch(sent[0]?.content ?? "", /\[1\] Piscine/);
      assert.match(sent.at(-1)?.content ?? "", /<sources>[\s\S]*\[1\] Piscine[\s\S]*<\/sources>/);

      // Both down: no canned answer passed off as a model's — a 503 that says to try again.
      const piscine = {
        model: assistant,
        messages: [{ role: "user" as const, content: "Quels sont les horaires de la piscine ?" }],
      };
      upstream.script({ kind: "drop" }, { kind: "drop" }, { kind: "drop" });
      backup.script({ kind: "garbage" });
      const refused = await client.chat.completions.create(piscine).catch((error) => error);
      assert.ok(refused instanceof OpenAI.APIError, String(refused));
      assert.equal(refused.status, 503);
      assert.equal(refused.code, "model_unavailable");
      assert.equal(refused.headers?.get("retry-after"), "30");
      assert.match(refused.message, /local\/test-model, secours\/test-model/);
      // Asked for, the sources are quoted instead, and the answer says it is no model's.
      upstream.script({ kind: "drop" }, { kind: "drop" }, { kind: "drop" });
      backup.script({ kind: "garbage" });
      const extractive = await client.chat.completions
        .create(piscine, { headers: { "x-beffroi-fallback": "extractive" } })
        .withResponse();
      assert.equal(extractive.response.headers.get("x-beffroi-provider"), "extractive");
      assert.equal(extractive.data.model, "extractive");
      const content = extractive.data.choices[0]?.message.content ?? "";
      assert.match(content, /mercredi de 14 h à 19 h/);
      assert.match(content, /\[1\]/);
    });

    it("skips a provider after repeated failures, and says why", async () => {
      const { app } = get();
      for (let i = 0; i < 3; i += 1) app.services.providers.health.failed("local");
      const ask = await call(
        app,
        "POST",
        "/api/ask",
        { apiKey: key },
        { question: "Quels sont les horaires de la piscine ?" },
      );
      assert.equal(ask.statusCode, 200, ask.body);
      const reasons = ask
        .json()
        .decisions.map((d: { reason: string }) => d.reason)
        .join("\n");
      assert.match(reasons, /local\/test-model écarté : fournisseur indisponible/);
      assert.equal(ask.json().model.providerId, "secours");
      app.services.providers.health.succeeded("local");
    });

    it("refuses unknown models, messages of the deprecated function role and requests too long, with stable codes", async () => {
      const { app } = get();
      const post = (body: object) =>
        call(app, "POST", "/v1/chat/completions", { apiKey: key }, body);
      const unknown = await post({
        model: "nulle-part/gpt",
        messages: [{ role: "user", content: "x" }],
      });
      assert.equal(unknown.statusCode, 404);
      // OpenAI's shape and code, Beffroi's beside it.
      assert.deepEqual(
        { ...unknown.json().error, message: undefined },
        {
          message: undefined,
          type: "not_found_error",
          param: "model",
          code: "model_not_found",
          beffroi_code: "model_unknown",
        },
      );
      const tool = await post({
        model: "local/test-model",
        messages: [
          { role: "user", content: "x" },
          { role: "function", content: "résultat", name: "ancienne_fonction" },
        ],
      });
      assert.equal(tool.statusCode, 400);
      assert.equal(tool.json().error.code, "tools_not_supported");
      const long = await post({
        model: "local/test-model",
        messages: [{ role: "user", content: "mot ".repeat(5000) }],
      });
      assert.equal(long.statusCode, 400);
      assert.equal(long.json().error.code, "context_length_exceeded");
      assert.equal(long.json().error.type, "invalid_request_error");
      assert.match(long.json().error.message, /trop longue/);
      const empty = await post({ model: "local/test-model", messages: [] });
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json().error.code, "invalid_request");
      assert.equal(empty.json().error.param, "messages");
      // In English for a client that asks for it; French otherwise.
      const english = await app.server.inject({
        method: "POST",
        url: "/v1/chat/completions",
        headers: { authorization: `Bearer ${key}`, "accept-language": "en-GB,en;q=0.9,fr;q=0.5" },
        payload: { model: "nulle-part/gpt", messages: [{ role: "user", content: "x" }] },
      });
      assert.match(english.json().error.message, /^Unknown model: nulle-part\/gpt/);
      const page = await call(app, "GET", "/api/nulle-part", { apiKey: key });
      assert.deepEqual(Object.keys(page.json().error).sort(), ["code", "message"]);
    });

    it("reports an answer cut short mid-stream as an error, not as a finished answer", async () => {
      upstream.script({ kind: "drop-mid-stream", text: "Le début d'une réponse qui s'arrête net" });
      const stream = await client.chat.completions.create({
        model: "local/test-model",
        messages: [{ role: "user", content: "Question" }],
        stream: true,
      });
      let text = "";
      await assert.rejects(
        (async () => {
          for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
        })(),
        (error: { message?: string; code?: string }) => {
          assert.match(error.message ?? "", /interrompue/);
          assert.equal(error.code, "model_interrupted");
          return true;
        },
      );
      assert.ok(text.startsWith("Le"));
      get().app.services.providers.health.succeeded("local");
    });

    it("cancels the upstream call when the client goes away", async () => {
      upstream.script({ kind: "hang" });
      const controller = new AbortController();
      const pending = fetch(`${baseUrl}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          model: "local/test-model",
          stream: true,
          messages: [{ role: "user", content: "Attends…" }],
        }),
        signal: controller.signal,
      }).catch(() => undefined);
      while (!upstream.requests.at(-1)?.body.messages[0].content.startsWith("Attends")) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      controller.abort();
      await pending;
      for (let i = 0; i < 100 && !upstream.requests.at(-1)?.aborted; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(upstream.requests.at(-1)?.aborted, true);
    });

    it("embeds texts with a registered embeddings model, in floats or base64", async () => {
      const result = await client.embeddings.create({
        model: "local/test-model",
        input: ["Bonjour", "Mairie"],
      });
      assert.equal(result.data.length, 2);
      assert.equal(result.data[0]?.embedding.length, 8);
      const floats = await client.embeddings.create({
        model: "local/test-model",
        input: "Bonjour",
        encoding_format: "float",
      });
      assert.deepEqual(
        floats.data[0]?.embedding.map((x) => x.toFixed(5)),
        result.data[0]?.embedding.map((x) => x.toFixed(5)),
      );
    });
  },
  { BEFFROI_LOG_LEVEL: "warn" },
);
