import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { templateYaml } from "../../src/charter/index.js";
import {
  addProvider,
  call,
  describeApps,
  login,
  post,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

/** What the web page's conversation area reads besides the answer itself. */
describeApps("conversations: what the page shows around an answer", (get) => {
  let upstream: OpenAiUpstream;
  let admin: Session;
  let agent: Session;
  let abroad: string;

  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    admin = await seedAdmin(app);
    await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
    agent = await login(app, "agent@ville.example");
    for (const [id, sovereignty, country, label] of [
      ["locale", "local", "FRA", "Serveur de la ville"],
      ["outre-atlantique", "extraterritorial", "USA", "Nuage américain"],
    ] as const) {
      await addProvider(app, admin, {
        id,
        label,
        baseUrl: upstream.url,
        apiKeyEnv: "SECRET_KEY_VARIABLE",
        sovereignty,
        country,
        models: [{ id: "test-model", label: "Modèle de test" }],
      });
    }
    const assistant = await call(app, "POST", "/api/assistants", admin, {
      name: "Courriers",
      description: "Rédige des courriers aux usagers.",
      preferredModels: ["outre-atlantique/test-model"],
    });
    assert.equal(assistant.statusCode, 201, assistant.body);
    abroad = assistant.json().id;
  });
  after(() => upstream.close());

  it("lists the assistants an agent may choose, each with its models and where they run, no secret", async () => {
    const response = await call(get().app, "GET", "/api/conversations/assistants", agent);
    assert.equal(response.statusCode, 200, response.body);
    const choices = response.json() as {
      name: string;
      description: string;
      isDefault: boolean;
      models: { ref: string; name: string; provider: string; sovereignty: string }[];
    }[];
    const general = choices.find((choice) => choice.isDefault);
    assert.equal(general?.name, "Assistant général");
    // No preferred model: every chat model, most sovereign first.
    assert.deepEqual(
      general?.models.map((m) => [m.ref, m.sovereignty]),
      [
        ["locale/test-model", "local"],
        ["outre-atlantique/test-model", "extraterritorial"],
      ],
    );
    const letters = choices.find((choice) => choice.name === "Courriers");
    assert.equal(letters?.description, "Rédige des courriers aux usagers.");
    assert.deepEqual(letters?.models, [
      {
        ref: "outre-atlantique/test-model",
        name: "Modèle de test",
        provider: "Nuage américain",
        sovereignty: "extraterritorial",
        country: "USA",
      },
    ]);
    assert.ok(!response.body.includes("SECRET_KEY_VARIABLE"));
    assert.ok(!response.body.includes(upstream.url));
    assert.ok(!response.body.includes("instructions"));
  });

  it("says what the guard did: personal data found, pseudonymised before the model, restored", async () => {
    const { app } = get();
    const created = await call(app, "POST", "/api/conversations", agent, { assistantId: abroad });
    const id = created.json().id as string;
    upstream.script({ kind: "reply", text: "Madame [PERSONNE_1], votre dossier est complet." });
    const answer = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
      content: "Rédige un courrier à Mme Martine Dupont : son dossier est complet.",
    });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal(answer.json().content, "Madame Martine Dupont, votre dossier est complet.");
    const { guard, fallback, requiresValidation } = answer.json().metadata;
    assert.deepEqual(guard, {
      detected: [{ type: "PERSON", label: "nom de personne", count: 1 }],
      inPassages: [],
      pseudonymised: 1,
    });
    assert.equal(fallback, false);
    assert.equal(requiresValidation, true);
    assert.ok(!JSON.stringify(answer.json().metadata).includes("Dupont"));

    // Nothing personal: the guard says so.
    const other = await call(app, "POST", "/api/conversations", agent, { assistantId: abroad });
    upstream.script({ kind: "reply", text: "Bien reçu." });
    const clean = await call(app, "POST", `/api/conversations/${other.json().id}/messages`, agent, {
      content: "Rédige un mot de remerciement pour l'équipe.",
    });
    assert.deepEqual(clean.json().metadata.guard, {
      detected: [],
      inPassages: [],
      pseudonymised: 0,
    });
  });

  it("marks the cited passages that stand in for a model that could not answer", async () => {
    const { app } = get();
    const created = await call(app, "POST", "/api/conversations", agent, { assistantId: abroad });
    upstream.script({ kind: "status", status: 400 });
    const answer = await call(
      app,
      "POST",
      `/api/conversations/${created.json().id}/messages`,
      agent,
      { content: "Quelles pièces pour une carte d'identité ?" },
    );
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal(answer.json().metadata.mode, "extractive");
    assert.equal(answer.json().metadata.fallback, true);
  });

  it("keeps the rating and the minutes the answer saved, within a working day", async () => {
    const { app } = get();
    const created = await call(app, "POST", "/api/conversations", agent, {});
    const id = created.json().id as string;
    const answer = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
      content: "Rédige une phrase d'accueil.",
    });
    const messageId = answer.json().id as string;
    const url = `/api/conversations/${id}/messages/${messageId}/feedback`;
    const rated = await call(app, "POST", url, agent, { rating: "up", minutesSaved: 25 });
    assert.equal(rated.statusCode, 200, rated.body);
    assert.equal(rated.json().metadata.feedback, "up");
    assert.equal(rated.json().metadata.minutesSaved, 25);
    for (const minutesSaved of [481, -1, 2.5]) {
      const refused = await call(app, "POST", url, agent, { rating: "up", minutesSaved });
      assert.equal(refused.statusCode, 400, `${minutesSaved}`);
    }
    const stored = await call(app, "GET", `/api/conversations/${id}`, agent);
    const message = stored.json().messages.find((m: { id: string }) => m.id === messageId);
    assert.equal(message.metadata.minutesSaved, 25);
    // Changing one's mind without minutes takes them back.
    const changed = await call(app, "POST", url, agent, { rating: "down" });
    assert.equal(changed.json().metadata.feedback, "down");
    assert.equal(changed.json().metadata.minutesSaved, undefined);
    const journal = await app.store.db
      .selectFrom("usage_records")
      .select("feedback")
      .where("turn_id", "=", answer.json().metadata.turnId)
      .executeTakeFirst();
    assert.equal(journal?.feedback, "down");
  });

  it("keeps nothing of an answer the agent stopped", async () => {
    const { app } = get();
    const base = await app.server.listen({ host: "127.0.0.1", port: 0 });
    const created = await call(app, "POST", "/api/conversations", agent, { assistantId: abroad });
    const id = created.json().id as string;
    upstream.script({ kind: "hang" });
    const asked = upstream.requests.length;
    const abort = new AbortController();
    const response = post(
      base,
      `/api/conversations/${id}/messages`,
      agent,
      { content: "Rédige une note de service." },
      { stream: true, signal: abort.signal },
    ).catch(() => undefined);
    while (upstream.requests.length === asked) await new Promise((r) => setImmediate(r));
    abort.abort();
    await response;
    const record = upstream.requests.at(-1);
    while (!record?.aborted) await new Promise((r) => setImmediate(r));
    upstream.script({ kind: "reply", text: "Note prête." });
    const next = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
      content: "Rédige une note de service, courte.",
    });
    assert.equal(next.statusCode, 200, next.body);
    const stored = await call(app, "GET", `/api/conversations/${id}`, agent);
    assert.deepEqual(
      stored.json().messages.map((m: { content: string }) => m.content),
      ["Rédige une note de service, courte.", "Note prête."],
    );
  });

  it("names the rule that refused a turn", async () => {
    const { app } = get();
    await app.services.charter.update(
      null,
      templateYaml("balanced").replace(
        /^quotas:.*$/m,
        "quotas: { agent: { requests: 1 }, onExceed: deny }",
      ),
    );
    await seedUser(app, "quota@ville.example", ["agent"], "Accueil");
    const limited = await login(app, "quota@ville.example");
    const created = await call(app, "POST", "/api/conversations", limited, {});
    const first = await call(
      app,
      "POST",
      `/api/conversations/${created.json().id}/messages`,
      limited,
      {
        content: "Bonjour",
      },
    );
    assert.equal(first.statusCode, 200, first.body);
    const refused = await call(
      app,
      "POST",
      `/api/conversations/${created.json().id}/messages`,
      limited,
      { content: "Bonjour" },
    );
    assert.equal(refused.statusCode, 403, refused.body);
    assert.match(refused.json().error.message, /Quota atteint/);
    const stored = await call(app, "GET", `/api/conversations/${created.json().id}`, limited);
    const denied = stored.json().messages.at(-1).metadata;
    assert.equal(denied.denied, true);
    assert.equal(denied.rule, "charter.quota");
  });
});
