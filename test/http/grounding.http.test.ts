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
} from "../support/apps.js";
import { sheet } from "../support/knowledge.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const DRAFTING =
  "Reformule cette phrase de façon plus aimable : votre dossier est incomplet, renvoyez-le.";
const COVERED = "Quels sont les horaires de la piscine des Tilleuls ?";
const MODEL_TEXT =
  "Madame, Monsieur, il manque une pièce à votre dossier : pourriez-vous nous la faire parvenir ?";

interface Answer {
  content: string;
  metadata: {
    mode: string;
    abstained: boolean;
    citations: unknown[];
    decisions: { rule: string; reason: string }[];
  };
}

const rules = (answer: Answer) => answer.metadata.decisions.map((decision) => decision.rule);

/**
 * An assistant's grounding mode, through the whole app and the local model
 * server: `preferred` answers a drafting request its bases do not cover
 * from the model, with a notice, and still grounds what they cover;
 * `required` abstains without calling a model; `off` searches nothing. The
 * page's conversations, `/v1` and `/api/ask` (the default assistant) agree.
 */
describeApps("assistant grounding modes", (get) => {
  let upstream: OpenAiUpstream;
  let admin: Session;
  let agent: Session;
  let apiKey: string;
  let baseId: string;
  const ids: Record<string, string> = {};

  before(async () => {
    upstream = await startOpenAiUpstream();
    upstream.defaultReply = MODEL_TEXT;
    const { app } = get();
    admin = await seedAdmin(app);
    await addProvider(app, admin, {
      id: "local",
      baseUrl: upstream.url,
      sovereignty: "local",
      country: "FRA",
      models: [{ id: "redacteur" }],
    });
    const accueil = await app.services.directions.add("Accueil");
    const base = await app.services.knowledge.create("cli", {
      name: "Accueil",
      description: "",
      ownerDirectionId: accueil.id,
      readers: [{ kind: "everyone", value: "" }],
    });
    baseId = base.id;
    await app.services.knowledge.submit("cli", base.id, [
      {
        fileName: "piscine.md",
        bytes: sheet("Piscine", {
          Horaires: "La piscine des Tilleuls ouvre le mercredi de 14 h à 19 h et le samedi matin.",
        }),
      },
    ]);
    await app.services.worker.drain();
    const user = await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
    agent = await login(app, "agent@ville.example");
    apiKey = (await app.services.apiKeys.create(user.id, { name: "outil", scopes: ["chat"] }))
      .token;
  });
  after(() => upstream.close());

  const create = async (name: string, body: object) => {
    const created = await call(get().app, "POST", "/api/assistants", admin, {
      name,
      knowledgeBaseIds: [baseId],
      preferredModels: ["local/redacteur"],
      ...body,
    });
    assert.equal(created.statusCode, 201, created.body);
    ids[name] = created.json().id;
    return created.json();
  };
  const send = async (assistant: string, content: string): Promise<Answer> => {
    const { app } = get();
    const conversation = await call(app, "POST", "/api/conversations", agent, {
      assistantId: ids[assistant],
    });
    assert.equal(conversation.statusCode, 201, conversation.body);
    const answer = await call(
      app,
      "POST",
      `/api/conversations/${conversation.json().id}/messages`,
      agent,
      { content },
    );
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json();
  };
  /** The text the model was last sent, system message and all. */
  const lastPrompt = () =>
    ((upstream.requests.at(-1)?.body.messages ?? []) as { content: string }[])
      .map((message) => message.content)
      .join("\n");

  it("gives a new assistant its category's mode unless one is chosen, and refuses an unknown one", async () => {
    assert.equal((await create("Rédaction", { category: "drafting" })).grounding, "preferred");
    assert.equal((await create("Accueil", { category: "reception" })).grounding, "required");
    assert.equal((await create("Généraliste", { category: "general" })).grounding, "preferred");
    assert.equal(
      (await create("Rédaction stricte", { category: "drafting", grounding: "required" }))
        .grounding,
      "required",
    );
    assert.equal(
      (await create("Rédaction libre", { category: "drafting", grounding: "off" })).grounding,
      "off",
    );
    const wrong = await call(get().app, "POST", "/api/assistants", admin, {
      name: "Mauvais mode",
      grounding: "sometimes",
    });
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.equal(wrong.json().error.code, "invalid_request");
    const listed = await call(get().app, "GET", "/api/assistants", agent);
    const accueil = listed.json().find((a: { id: string }) => a.id === ids.Accueil);
    assert.equal(accueil.grounding, "required", "agents see the mode too");
  });

  it("preferred: a drafting request its bases do not cover is answered by the model, with a notice", async () => {
    const calls = upstream.requests.length;
    const answer = await send("Rédaction", DRAFTING);
    assert.equal(upstream.requests.length, calls + 1, "the model was called");
    assert.equal(answer.metadata.mode, "model");
    assert.equal(answer.content, MODEL_TEXT);
    assert.equal(answer.metadata.abstained, false);
    assert.deepEqual(answer.metadata.citations, []);
    assert.ok(rules(answer).includes("knowledge.ungrounded"), rules(answer).join());
    const notice = answer.metadata.decisions.find((d) => d.rule === "generate.ungrounded");
    assert.equal(
      notice?.reason,
      "Aucun passage des bases ne correspond : réponse du modèle sans source.",
    );
    assert.doesNotMatch(lastPrompt(), /<sources>/, "no passage reaches the model");
    assert.match(lastPrompt(), /Aucune source pertinente/);
  });

  it("preferred: what the bases cover is answered from their passages, with no notice", async () => {
    const answer = await send("Rédaction", COVERED);
    assert.equal(answer.metadata.mode, "model");
    assert.ok(rules(answer).includes("knowledge.grounded"), rules(answer).join());
    assert.ok(!rules(answer).includes("generate.ungrounded"));
    assert.match(lastPrompt(), /<sources>[\s\S]*mercredi de 14 h à 19 h/);
  });

  it("preferred: without a model that answers, the quoted passages still abstain honestly", async () => {
    upstream.script({ kind: "status", status: 400 });
    const answer = await send("Rédaction", DRAFTING);
    assert.equal(answer.metadata.mode, "extractive");
    assert.equal(answer.metadata.abstained, true);
    assert.match(answer.content, /préfère ne pas inventer/);
    assert.ok(!rules(answer).includes("generate.ungrounded"), rules(answer).join());
  });

  it("required: the same request abstains, and no model is called", async () => {
    const calls = upstream.requests.length;
    const answer = await send("Rédaction stricte", DRAFTING);
    assert.equal(upstream.requests.length, calls, "no model called");
    assert.equal(answer.metadata.mode, "extractive");
    assert.equal(answer.metadata.abstained, true);
    assert.match(answer.content, /Je n'ai trouvé aucun passage/);
    assert.ok(rules(answer).includes("knowledge.abstain"), rules(answer).join());
    assert.ok(rules(answer).includes("route.grounding-required"), rules(answer).join());
    assert.ok(!rules(answer).includes("generate.ungrounded"));
  });

  it("off: the bases are not searched, even for what they cover", async () => {
    const answer = await send("Rédaction libre", COVERED);
    assert.equal(answer.metadata.mode, "model");
    assert.deepEqual(answer.metadata.citations, []);
    assert.deepEqual(
      rules(answer).filter(
        (rule) => rule.startsWith("knowledge.") || rule === "generate.ungrounded",
      ),
      [],
    );
    assert.doesNotMatch(lastPrompt(), /<sources>|Aucune source pertinente|mercredi/);
  });

  it("off: without a model that answers, the quoted answer says nothing was searched", async () => {
    upstream.script({ kind: "status", status: 400 });
    const answer = await send("Rédaction libre", COVERED);
    assert.equal(answer.metadata.mode, "extractive");
    assert.equal(answer.metadata.abstained, true);
    assert.match(answer.content, /ne cherche pas dans les bases de connaissances/);
    assert.doesNotMatch(answer.content, /aucun passage des bases/);
  });

  it("/v1 follows the assistant's mode", async () => {
    const { app } = get();
    const complete = (assistant: string, content: string) =>
      call(
        app,
        "POST",
        "/v1/chat/completions",
        { apiKey },
        {
          model: `assistant/${ids[assistant]}`,
          messages: [{ role: "user", content }],
        },
      );
    const preferred = await complete("Rédaction", DRAFTING);
    assert.equal(preferred.statusCode, 200, preferred.body);
    assert.equal(preferred.json().choices[0].message.content, MODEL_TEXT);
    assert.equal(preferred.json().beffroi.mode, "model");
    assert.deepEqual(preferred.json().beffroi.citations, []);

    const calls = upstream.requests.length;
    const required = await complete("Rédaction stricte", DRAFTING);
    assert.equal(required.statusCode, 200, required.body);
    assert.equal(required.json().beffroi.mode, "extractive");
    assert.equal(required.json().beffroi.abstained, true);
    assert.equal(upstream.requests.length, calls, "no model called");

    const off = await complete("Rédaction libre", COVERED);
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().beffroi.mode, "model");
    assert.doesNotMatch(lastPrompt(), /<sources>|mercredi/);
  });

  it("/api/ask follows the default assistant's mode: preferred, then required once set so", async () => {
    const { app } = get();
    const ask = async () => {
      const asked = await call(app, "POST", "/api/ask", agent, { question: DRAFTING });
      assert.equal(asked.statusCode, 200, asked.body);
      return asked.json();
    };
    const general = await app.services.assistants.defaultAssistant();
    assert.equal(general.grounding, "preferred");
    const preferred = await ask();
    assert.equal(preferred.mode, "model");
    assert.equal(preferred.abstained, false);
    assert.ok(
      preferred.decisions.some((d: { rule: string }) => d.rule === "generate.ungrounded"),
      JSON.stringify(preferred.decisions),
    );

    const { id, ownerDirectionPath, isDefault, createdAt, updatedAt, ...input } = general;
    const set = await call(app, "PUT", `/api/assistants/${id}`, admin, {
      ...input,
      grounding: "required",
    });
    assert.equal(set.statusCode, 200, set.body);
    const calls = upstream.requests.length;
    const required = await ask();
    assert.equal(required.mode, "extractive");
    assert.equal(required.abstained, true);
    assert.equal(upstream.requests.length, calls, "no model called, though it searches every base");
  });
});
