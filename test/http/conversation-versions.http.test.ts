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
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

interface Message {
  id: string;
  role: "user" | "assistant";
  content: string;
  parentId: string | null;
  versions: string[];
  metadata: Record<string, unknown> & { turnId?: string; model?: { ref: string } | null };
}

/** A sentence the guard classes as sensitive (health): the balanced charter keeps it from models abroad. */
const SENSITIVE = "M. Dubois, suivi pour un cancer du pancréas, demande un aménagement de poste.";
/** A name: personal data. */
const PERSONAL = "Rédige un courrier à Mme Martine Dupont : son dossier est complet.";

/**
 * The comforts of a conversation, through the API: an answer regenerated
 * (perhaps by another of the assistant's models) or a question edited and
 * sent again become versions kept side by side, each a whole turn through
 * the pipeline (journaled); the conversation goes on from the version shown;
 * a model chosen for a message is one of the assistant's and one the
 * charter allows for the data, else refused with its code.
 */
describeApps("conversations: versions, model and assistant choice", (get) => {
  let upstream: OpenAiUpstream;
  let admin: Session;
  let agent: Session;
  let agentId: string;
  let both: string;
  let localOnly: string;

  const conversation = async (assistantId = both) => {
    const created = await call(get().app, "POST", "/api/conversations", agent, { assistantId });
    assert.equal(created.statusCode, 201, created.body);
    return created.json().id as string;
  };
  const send = async (id: string, content: string, extra: Record<string, unknown> = {}) => {
    const response = await call(get().app, "POST", `/api/conversations/${id}/messages`, agent, {
      content,
      ...extra,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as Message;
  };
  const messages = async (id: string) => {
    const response = await call(get().app, "GET", `/api/conversations/${id}`, agent);
    assert.equal(response.statusCode, 200, response.body);
    return response.json().messages as Message[];
  };
  const journal = (turnIds: string[]) =>
    get()
      .app.store.db.selectFrom("usage_records")
      .select(["turn_id", "status", "model_ref", "data_class"])
      .where("turn_id", "in", turnIds)
      .execute();
  /** What the model was sent last: its model, and the conversation's messages (no system message). */
  const lastSent = () => {
    const body = upstream.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)
      ?.body ?? { model: "", messages: [] };
    return {
      model: body.model as string,
      messages: (body.messages as { role: string; content: string }[])
        .filter((m) => m.role !== "system")
        .map((m) => m.content),
    };
  };

  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    admin = await seedAdmin(app);
    agentId = (await seedUser(app, "agent@ville.example", ["agent"], "Accueil")).id;
    agent = await login(app, "agent@ville.example");
    await addProvider(app, admin, {
      id: "locale",
      label: "Serveur de la ville",
      baseUrl: upstream.url,
      sovereignty: "local",
      country: "FRA",
      models: [{ id: "modele-local", label: "Modèle local" }],
    });
    await addProvider(app, admin, {
      id: "outre-atlantique",
      label: "Nuage américain",
      baseUrl: upstream.url,
      sovereignty: "extraterritorial",
      country: "USA",
      models: [{ id: "modele-lointain", label: "Modèle lointain" }],
    });
    const created = await call(app, "POST", "/api/assistants", admin, {
      name: "Courriers",
      description: "Rédige des courriers aux usagers.",
      preferredModels: ["outre-atlantique/modele-lointain", "locale/modele-local"],
    });
    assert.equal(created.statusCode, 201, created.body);
    both = created.json().id;
    const local = await call(app, "POST", "/api/assistants", admin, {
      name: "Notes internes",
      description: "Notes de service.",
      preferredModels: ["locale/modele-local"],
    });
    assert.equal(local.statusCode, 201, local.body);
    localOnly = local.json().id;
  });
  after(() => upstream.close());

  it("regenerates an answer through the whole pipeline, keeps both versions, and goes on from the one shown", async () => {
    const { app } = get();
    const id = await conversation();
    upstream.script({ kind: "reply", text: "Première réponse." });
    const first = await send(id, "Rédige une phrase d'accueil.");
    assert.deepEqual(first.versions, [first.id]);

    upstream.script({ kind: "reply", text: "Deuxième réponse." });
    const url = `/api/conversations/${id}/messages/${first.id}/regenerate`;
    const regenerated = await call(app, "POST", url, agent, {});
    assert.equal(regenerated.statusCode, 200, regenerated.body);
    const second = regenerated.json() as Message;
    assert.equal(second.content, "Deuxième réponse.");
    assert.deepEqual(second.versions, [first.id, second.id]);
    // The same question, asked again with the same (empty) history.
    assert.deepEqual(lastSent().messages, ["Rédige une phrase d'accueil."]);

    // Shown: the question once, then the latest version of its answer.
    let shown = await messages(id);
    assert.deepEqual(
      shown.map((m) => m.content),
      ["Rédige une phrase d'accueil.", "Deuxième réponse."],
    );
    assert.equal(shown[1]?.parentId, shown[0]?.id);
    assert.deepEqual(shown[1]?.versions, [first.id, second.id]);

    // Two turns, each journaled on its own, each through the charter, the guard and the route.
    const records = await journal([first.metadata.turnId ?? "", second.metadata.turnId ?? ""]);
    assert.equal(records.length, 2);
    assert.ok(records.every((record) => record.status === "completed"));
    const stages = (second.metadata.decisions as { stage: string }[]).map((d) => d.stage);
    for (const stage of ["charter", "guard", "route"]) assert.ok(stages.includes(stage), stage);

    // Back to the first version: the conversation goes on from it (the history says so).
    const back = await call(
      app,
      "POST",
      `/api/conversations/${id}/messages/${first.id}/show`,
      agent,
    );
    assert.equal(back.statusCode, 200, back.body);
    assert.deepEqual(
      (back.json().messages as Message[]).map((m) => m.content),
      ["Rédige une phrase d'accueil.", "Première réponse."],
    );
    upstream.script({ kind: "reply", text: "Suite." });
    await send(id, "Plus court ?");
    assert.deepEqual(lastSent().messages, [
      "Rédige une phrase d'accueil.",
      "Première réponse.",
      "Plus court ?",
    ]);
    shown = await messages(id);
    assert.equal(shown.length, 4);
    assert.equal(shown[1]?.content, "Première réponse.");
  });

  it("regenerates with another of the assistant's models, which the upstream receives", async () => {
    const id = await conversation();
    const first = await send(id, "Rédige une phrase d'accueil.");
    assert.equal(first.metadata.model?.ref, "outre-atlantique/modele-lointain");
    assert.equal(lastSent().model, "modele-lointain");
    const again = await call(
      get().app,
      "POST",
      `/api/conversations/${id}/messages/${first.id}/regenerate`,
      agent,
      { model: "locale/modele-local" },
    );
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(lastSent().model, "modele-local");
    assert.equal((again.json() as Message).metadata.model?.ref, "locale/modele-local");
    const [record] = await journal([(again.json() as Message).metadata.turnId ?? ""]);
    assert.equal(record?.model_ref, "locale/modele-local");

    // A model the assistant does not use is refused before anything is sent.
    const asked = upstream.requests.length;
    const foreign = await call(
      get().app,
      "POST",
      `/api/conversations/${id}/messages/${first.id}/regenerate`,
      agent,
      { model: "outre-atlantique/inconnu" },
    );
    assert.equal(foreign.statusCode, 400, foreign.body);
    assert.equal(foreign.json().error.code, "model_not_offered");
    assert.match(foreign.json().error.message, /n'est pas l'un de ceux de l'assistant/);
    assert.equal(upstream.requests.length, asked);
  });

  it("refuses a chosen model the charter blocks for personal data, with its code, and journals the turn", async (t) => {
    const { app } = get();
    const charter = await app.services.charter.current();
    t.after(async () => {
      await app.services.charter.update(null, charter.yaml);
      await app.services.charter.accept(agentId);
    });
    await app.services.charter.update(
      null,
      templateYaml("balanced").replace(
        /^ {2}personal: \{.*\}$/m,
        "  personal: { local: allow, sovereign: allow, extraterritorial: block }",
      ),
    );
    await app.services.charter.accept(agentId);
    const id = await conversation();

    // The preview lists only the models the charter allows for the draft's data.
    const preview = async (content: string) => {
      const response = await call(app, "POST", "/api/conversations/preview", agent, {
        content,
        conversationId: id,
      });
      assert.equal(response.statusCode, 200, response.body);
      return (response.json().models as { ref: string }[]).map((m) => m.ref);
    };
    assert.deepEqual(await preview("Rédige une phrase d'accueil."), [
      "outre-atlantique/modele-lointain",
      "locale/modele-local",
    ]);
    assert.deepEqual(await preview(PERSONAL), ["locale/modele-local"]);

    const before = Number(
      (
        await app.store.db
          .selectFrom("usage_records")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("status", "=", "denied")
          .executeTakeFirstOrThrow()
      ).n,
    );
    const asked = upstream.requests.length;
    const refused = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
      content: PERSONAL,
      model: "outre-atlantique/modele-lointain",
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error.code, "model_not_allowed");
    assert.match(
      refused.json().error.message,
      /La charte ne permet pas d'envoyer ce message au modèle « outre-atlantique\/modele-lointain » : il contient des données personnelles/,
    );
    assert.ok(!refused.body.includes("Dupont"));
    // Nothing went out; the turn is journaled as refused; the conversation keeps nothing of it.
    assert.equal(upstream.requests.length, asked);
    const after = Number(
      (
        await app.store.db
          .selectFrom("usage_records")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("status", "=", "denied")
          .executeTakeFirstOrThrow()
      ).n,
    );
    assert.equal(after, before + 1);
    assert.deepEqual(await messages(id), []);

    // Left to the router, the same message goes to the model the charter allows.
    const automatic = await send(id, PERSONAL);
    assert.equal(automatic.metadata.model?.ref, "locale/modele-local");

    // Asked again on a model the charter blocks: refused the same way, the answer shown stays.
    const regenerated = await call(
      app,
      "POST",
      `/api/conversations/${id}/messages/${automatic.id}/regenerate`,
      agent,
      { model: "outre-atlantique/modele-lointain" },
    );
    assert.equal(regenerated.statusCode, 403, regenerated.body);
    assert.equal(regenerated.json().error.code, "model_not_allowed");
    const shown = await messages(id);
    assert.deepEqual(shown.at(-1)?.versions, [automatic.id]);
  });

  it("edits a question and sends it again: the answers after it leave the history, kept as the earlier version", async () => {
    const { app } = get();
    const id = await conversation(localOnly);
    upstream.script({ kind: "reply", text: "Réponse A." }, { kind: "reply", text: "Réponse B." });
    await send(id, "Question A");
    await send(id, "Question B");
    const [questionA] = await messages(id);
    assert.ok(questionA);

    upstream.script({ kind: "reply", text: "Réponse A modifiée." });
    const edited = await call(
      app,
      "POST",
      `/api/conversations/${id}/messages/${questionA.id}/edit`,
      agent,
      { content: "Question A, précisée" },
    );
    assert.equal(edited.statusCode, 200, edited.body);
    // The model saw the new question alone: what followed the earlier version no longer counts.
    assert.deepEqual(lastSent().messages, ["Question A, précisée"]);
    const shown = await messages(id);
    assert.deepEqual(
      shown.map((m) => m.content),
      ["Question A, précisée", "Réponse A modifiée."],
    );
    assert.deepEqual(shown[0]?.versions, [questionA.id, shown[0]?.id]);

    // The next message goes on from the edited version.
    upstream.script({ kind: "reply", text: "Réponse C." });
    await send(id, "Question C");
    assert.deepEqual(lastSent().messages, [
      "Question A, précisée",
      "Réponse A modifiée.",
      "Question C",
    ]);

    // The earlier version is still there, with what followed it.
    const back = await call(
      app,
      "POST",
      `/api/conversations/${id}/messages/${questionA.id}/show`,
      agent,
    );
    assert.deepEqual(
      (back.json().messages as Message[]).map((m) => m.content),
      ["Question A", "Réponse A.", "Question B", "Réponse B."],
    );

    // Only the agent's messages are edited; a refusal is not regenerated.
    const answer = (back.json().messages as Message[])[1];
    const wrong = await call(
      app,
      "POST",
      `/api/conversations/${id}/messages/${answer?.id}/edit`,
      agent,
      { content: "Autre" },
    );
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.equal(wrong.json().error.code, "message_not_editable");
    const notAnswer = await call(
      app,
      "POST",
      `/api/conversations/${id}/messages/${questionA.id}/regenerate`,
      agent,
      {},
    );
    assert.equal(notAnswer.json().error.code, "message_not_regenerable");
  });

  it("exports every version, and deletes them with the conversation", async () => {
    const { app } = get();
    const id = await conversation(localOnly);
    upstream.script({ kind: "reply", text: "Réponse un." });
    const first = await send(id, "Une question");
    upstream.script({ kind: "reply", text: "Réponse deux." });
    await call(app, "POST", `/api/conversations/${id}/messages/${first.id}/regenerate`, agent, {});
    const [question] = await messages(id);
    upstream.script({ kind: "reply", text: "Réponse trois." });
    await call(app, "POST", `/api/conversations/${id}/messages/${question?.id}/edit`, agent, {
      content: "Une question, autrement",
    });
    const exported = await call(app, "GET", `/api/conversations/${id}/export`, agent);
    assert.equal(exported.statusCode, 200, exported.body);
    const markdown = exported.body;
    // As it goes on…
    assert.match(markdown, /^## Agent — .* \(version 2 sur 2\)\n\nUne question, autrement$/m);
    // …then the earlier versions: the first question with its answers.
    assert.match(markdown, /^## Versions antérieures$/m);
    assert.match(markdown, /^### Votre message, version 1 sur 2/m);
    assert.match(markdown, /^### Réponse, version 1 sur 2/m);
    for (const text of ["Réponse un.", "Réponse deux.", "Réponse trois.", "Une question"]) {
      assert.ok(markdown.includes(text), text);
    }
    assert.ok(markdown.indexOf("Réponse trois.") < markdown.indexOf("Versions antérieures"));

    const removed = await call(app, "DELETE", `/api/conversations/${id}`, agent);
    assert.equal(removed.statusCode, 204);
    const left = await app.store.db
      .selectFrom("messages")
      .select("id")
      .where("conversation_id", "=", id)
      .execute();
    assert.deepEqual(left, []);
  });

  it("changes the conversation's assistant: its next messages go to the new one's models", async () => {
    const { app } = get();
    const id = await conversation(both);
    await send(id, "Rédige une phrase d'accueil.");
    assert.equal(lastSent().model, "modele-lointain");
    const changed = await call(app, "PATCH", `/api/conversations/${id}`, agent, {
      assistantId: localOnly,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().assistantId, localOnly);
    upstream.script({ kind: "reply", text: "Avec l'autre assistant." });
    await send(id, "Et une note de service ?");
    assert.equal(lastSent().model, "modele-local");
    // The conversation so far goes with it.
    assert.equal(lastSent().messages.length, 3);
    // Its models only: the first assistant's model abroad is no longer offered here.
    const refused = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
      content: "Encore ?",
      model: "outre-atlantique/modele-lointain",
    });
    assert.equal(refused.json().error.code, "model_not_offered");

    const unknown = await call(app, "PATCH", `/api/conversations/${id}`, agent, {
      assistantId: "inconnu",
    });
    assert.equal(unknown.statusCode, 404, unknown.body);
    const empty = await call(app, "PATCH", `/api/conversations/${id}`, agent, {});
    assert.equal(empty.statusCode, 400, empty.body);
    // Another agent's conversation is not theirs to change.
    await seedUser(app, "autre@ville.example", ["agent"], "Accueil");
    const other = await login(app, "autre@ville.example");
    const foreign = await call(app, "PATCH", `/api/conversations/${id}`, other, {
      assistantId: both,
    });
    assert.equal(foreign.statusCode, 404, foreign.body);
    const [, answer] = await messages(id);
    for (const [url, body] of [
      [`/api/conversations/${id}/messages/${answer?.id}/regenerate`, {}],
      [`/api/conversations/${id}/messages/${answer?.parentId}/edit`, { content: "À moi" }],
      [`/api/conversations/${id}/messages/${answer?.id}/show`, undefined],
    ] as const) {
      const refused = await call(app, "POST", url, other, body);
      assert.equal(refused.statusCode, 404, refused.body);
      assert.equal(refused.json().error.code, "conversation_not_found");
    }
  });

  it("previews a draft in place of a question with the history before it", async () => {
    const { app } = get();
    const id = await conversation(both);
    await send(id, SENSITIVE.replace("cancer du pancréas", "dossier"));
    const [question] = await messages(id);
    // The conversation so far holds a name: the draft after it goes out under that class.
    const after = await call(app, "POST", "/api/conversations/preview", agent, {
      content: "Merci.",
      conversationId: id,
    });
    assert.equal(after.json().dataClass, "personal");
    // In place of that first question, nothing comes before: public.
    const instead = await call(app, "POST", "/api/conversations/preview", agent, {
      content: "Merci.",
      conversationId: id,
      replacing: question?.id,
    });
    assert.equal(instead.statusCode, 200, instead.body);
    assert.equal(instead.json().dataClass, "public");
    assert.deepEqual(instead.json().entities, []);
  });
});
