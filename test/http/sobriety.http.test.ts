import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { templateYaml } from "../../src/charter/index.js";
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

/** The balanced charter with the given sobriety rules (YAML flow mapping). */
const withSobriety = (sobriety: string) =>
  templateYaml("balanced").replace(/^sobriety:\n(?: {2}.*\n)+/m, `sobriety: ${sobriety}\n`);

describeApps("sobriety", (get) => {
  let upstream: OpenAiUpstream;
  let admin: Session;
  let agent: Session;
  let assistantId: string;

  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    admin = await seedAdmin(app);
    await addProvider(app, admin, {
      id: "local",
      baseUrl: upstream.url,
      sovereignty: "local",
      country: "FRA",
      models: [
        { id: "grand", activeParameters: 70 },
        { id: "inconnu" },
        { id: "petit", activeParameters: 8 },
        { id: "moyen", activeParameters: { min: 20, max: 30 } },
      ],
    });
    const accueil = await app.services.directions.add("Accueil");
    const base = await app.services.knowledge.create("cli", {
      name: "Accueil",
      description: "",
      ownerDirectionId: accueil.id,
      readers: [{ kind: "everyone", value: "" }],
    });
    await app.services.knowledge.submit("cli", base.id, [
      {
        fileName: "piscine.md",
        bytes: sheet("Piscine", {
          Horaires: "La piscine des Tilleuls ouvre le mercredi de 14 h à 19 h et le samedi matin.",
        }),
      },
    ]);
    await app.services.worker.drain();
    const assistant = await call(app, "POST", "/api/assistants", admin, {
      name: "Accueil",
      knowledgeBaseIds: [base.id],
      preferredModels: ["local/grand", "local/inconnu", "local/petit", "local/moyen"],
      category: "reception",
    });
    assert.equal(assistant.statusCode, 201, assistant.body);
    assistantId = assistant.json().id;
    await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
    agent = await login(app, "agent@ville.example");
  });
  after(() => upstream.close());

  const apply = async (sobriety: string) => {
    const { app } = get();
    await app.services.charter.update(null, withSobriety(sobriety));
    await call(app, "POST", "/api/charter/accept", agent);
  };
  const send = async (content: string, extra: object = {}) => {
    const { app } = get();
    const conversation = await call(app, "POST", "/api/conversations", agent, { assistantId });
    assert.equal(conversation.statusCode, 201, conversation.body);
    const answer = await call(
      app,
      "POST",
      `/api/conversations/${conversation.json().id}/messages`,
      agent,
      { content, ...extra },
    );
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json();
  };
  const rules = (answer: { metadata: { decisions: { rule: string }[] } }) =>
    answer.metadata.decisions.map((d) => d.rule);

  it("keeps the assistant's order without sobriety, and offers no passages first", async () => {
    await apply("{ preferSmallestModel: false, offerPassagesFirst: false }");
    const answer = await send("Quels sont les horaires de la piscine des Tilleuls ?");
    assert.equal(answer.metadata.mode, "model");
    assert.equal(upstream.requests.at(-1)?.body.model, "grand");
  });

  it("takes the smallest model of the assistant's list first (unknown sizes last)", async () => {
    await apply("{ preferSmallestModel: true }");
    const answer = await send("Quels sont les horaires de la piscine des Tilleuls ?");
    assert.equal(answer.metadata.mode, "model", "passages first is off by default");
    assert.equal(upstream.requests.at(-1)?.body.model, "petit");
    const candidates = answer.metadata.decisions.find(
      (d: { rule: string }) => d.rule === "route.candidates",
    );
    assert.match(candidates.reason, /local\/petit .*local\/moyen .*local\/grand .*local\/inconnu/);
  });

  it("offers the cited passages first when retrieval answers well; `generate: true` gets the model", async () => {
    await apply("{ offerPassagesFirst: true, passagesFirstConfidence: 0.5 }");
    const calls = upstream.requests.length;
    const question = "Quels sont les horaires de la piscine des Tilleuls ?";
    const passages = await send(question);
    assert.equal(passages.metadata.mode, "extractive");
    assert.match(passages.content, /mercredi de 14 h à 19 h/);
    assert.ok(passages.metadata.citations.length > 0);
    assert.ok(rules(passages).includes("route.passages-first"), rules(passages).join());
    const note = passages.metadata.decisions.find(
      (d: { rule: string }) => d.rule === "route.passages-first",
    );
    assert.match(note.reason, /demandez-la explicitement/);
    assert.equal(upstream.requests.length, calls, "no model called");

    const generated = await send(question, { generate: true });
    assert.equal(generated.metadata.mode, "model");
    assert.equal(upstream.requests.length, calls + 1);
    assert.ok(!rules(generated).includes("route.passages-first"));
  });
});
