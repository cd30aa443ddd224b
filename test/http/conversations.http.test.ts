import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  addProvider,
  call,
  describeApps,
  login,
  type Session,
  seedAdmin,
  seedUser,
  sseEvents,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

describeApps("conversations", (get) => {
  let upstream: OpenAiUpstream;
  let admin: Session;
  let agent: Session;
  let other: Session;
  let base: string;

  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    admin = await seedAdmin(app);
    await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
    await seedUser(app, "autre@ville.example", ["agent"], "Accueil");
    agent = await login(app, "agent@ville.example");
    other = await login(app, "autre@ville.example");
    await addProvider(app, admin, {
      id: "local",
      baseUrl: upstream.url,
      sovereignty: "local",
      country: "FRA",
    });
    base = await app.server.listen({ host: "127.0.0.1", port: 0 });
  });
  after(() => upstream.close());

  it("streams an answer, stores both sides, and keeps the history for the next message", async () => {
    const { app } = get();
    const created = await call(app, "POST", "/api/conversations", agent, {});
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    upstream.script({ kind: "reply", text: "Voici un projet de courrier." });
    const response = await fetch(`${base}/api/conversations/${id}/messages`, {
      method: "POST",
      headers: {
        cookie: agent.cookie,
        "x-csrf-token": agent.csrf,
        "content-type": "application/json",
        accept: "text/event-stream",
      },
      body: JSON.stringify({ content: "Rédige un courrier de relance pour un devis." }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /text\/event-stream/);
    const received = await sseEvents(response);
    const deltas = received.filter((e) => e.event === "delta");
    assert.equal(
      deltas.map((e) => (e.data as { text: string }).text).join(""),
      "Voici un projet de courrier.",
    );
    const done = received.at(-1);
    assert.equal(done?.event, "done");
    const answer = done?.data as { content: string; metadata: { model: { ref: string } } };
    assert.equal(answer.content, "Voici un projet de courrier.");
    assert.equal(answer.metadata.model.ref, "local/test-model");

    upstream.script({ kind: "reply", text: "Version plus courte." });
    const second = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
      content: "Plus court, s'il te plaît.",
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().content, "Version plus courte.");
    const sent = upstream.requests.at(-1)?.body.messages as { role: string; content: string }[];
    assert.deepEqual(
      sent.filter((m) => m.role !== "system").map((m) => m.role),
      ["user", "assistant", "user"],
    );

    const stored = await call(app, "GET", `/api/conversations/${id}`, agent);
    assert.equal(stored.json().title, "Rédige un courrier de relance pour un devis.");
    assert.deepEqual(
      stored.json().messages.map((m: { role: string }) => m.role),
      ["user", "assistant", "user", "assistant"],
    );
  });

  it("shows a conversation to its owner only; renames, exports and deletes it", async () => {
    const { app } = get();
    const [conversation] = (await call(app, "GET", "/api/conversations", agent)).json();
    const id = conversation.id;
    assert.deepEqual((await call(app, "GET", "/api/conversations", other)).json(), []);
    const stolen = await call(app, "GET", `/api/conversations/${id}`, other);
    assert.equal(stolen.statusCode, 404);
    assert.equal(stolen.json().error.code, "conversation_not_found");
    assert.equal(
      (await call(app, "POST", `/api/conversations/${id}/messages`, other, { content: "x" }))
        .statusCode,
      404,
    );
    const renamed = await call(app, "PATCH", `/api/conversations/${id}`, agent, {
      title: "Relance devis",
    });
    assert.equal(renamed.json().title, "Relance devis");
    const exported = await call(app, "GET", `/api/conversations/${id}/export`, agent);
    assert.match(exported.headers["content-type"] as string, /text\/markdown/);
    assert.match(exported.body, /^# Relance devis/);
    assert.match(exported.body, /Version plus courte\./);
    assert.equal((await call(app, "DELETE", `/api/conversations/${id}`, agent)).statusCode, 204);
    assert.equal((await call(app, "GET", `/api/conversations/${id}`, agent)).statusCode, 404);
  });

  it("accounts each answer's impact, or says what the provider must declare for it", async () => {
    const { app } = get();
    await addProvider(app, admin, {
      id: "mesure",
      baseUrl: upstream.url,
      sovereignty: "sovereign",
      country: "FRA",
      pue: 1.16,
      models: [{ id: "test-model", activeParameters: 7.3, totalParameters: 7.3 }],
    });
    const assistant = await call(app, "POST", "/api/assistants", admin, {
      name: "Mesuré",
      preferredModels: ["mesure/test-model"],
    });
    const measured = await call(app, "POST", "/api/conversations", agent, {
      assistantId: assistant.json().id,
    });
    upstream.script({ kind: "reply", text: "Une réponse de quelques mots seulement." });
    const answer = await call(
      app,
      "POST",
      `/api/conversations/${measured.json().id}/messages`,
      agent,
      { content: "Rédige une phrase." },
    );
    assert.equal(answer.statusCode, 200, answer.body);
    const { impact, decisions } = answer.json().metadata;
    assert.equal(impact.method, "ecologits-0.9");
    assert.ok(impact.energyKwh.min > 0 && impact.energyKwh.min === impact.energyKwh.max);
    assert.ok(impact.gwpKgCo2e.min > 0);
    const account = decisions.find((d: { rule: string }) => d.rule === "account.impact");
    assert.match(account?.reason ?? "", /Wh, .* gCO2e \(l'équivalent d'une ampoule LED de 5 W/);

    // The first provider declares neither parameters nor PUE.
    const plain = await call(app, "POST", "/api/conversations", agent, {});
    const unmeasured = await call(
      app,
      "POST",
      `/api/conversations/${plain.json().id}/messages`,
      agent,
      {
        content: "Rédige une phrase.",
      },
    );
    const note = unmeasured
      .json()
      .metadata.decisions.find((d: { rule: string }) => d.rule === "account.not-estimated");
    assert.match(note?.reason ?? "", /nombre de paramètres du modèle, le PUE/);
    assert.equal(unmeasured.json().metadata.impact, null);
    await call(app, "DELETE", "/api/providers/mesure", admin);
  });
});
