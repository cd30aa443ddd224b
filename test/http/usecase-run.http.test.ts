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
import { multipart } from "../support/multipart.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const VALUES = {
  collectivite: "Commune de Saint-Amand",
  organe: "Conseil municipal",
  date_seance: "2025-03-14",
  objet: "Attribution d'une subvention au club de football",
  rapporteur: "M. le premier adjoint chargé des finances",
  visas: "le code général des collectivités territoriales, notamment son article L. 2121-29",
  considerants: ["que le club participe à l'animation de la commune"],
  decisions: [
    "Une subvention de 1 500 € est attribuée au club.",
    "La dépense est imputée au chapitre 65.",
  ],
};

/** A deliberation that passes every check but the legal references' form. */
const ANSWER = `Commune de Saint-Amand — Conseil municipal
Séance du 14 mars 2025
Objet : attribution d'une subvention au club de football

Vu l'article L2121-29 du CGTC ;

Considérant que le club participe à l'animation de la commune ;

DÉCIDE :

Article 1 : Une subvention de 1 500 € est attribuée au club.
Article 2 : La dépense est imputée au chapitre 65.
`;

interface Run {
  useCase: { id: string; version: number };
  conversationId: string;
  prompt: string;
  answer: { messageId: string; content: string; mode: string; model: string | null } | null;
  refusal: { code: string; message: string } | null;
  checks: { id: string; passed: boolean; detail?: string }[];
  baseline: { kind: string; text: string | null };
  baselineFirst: boolean;
}

describeApps("use-case runs", (get) => {
  let upstream: OpenAiUpstream;
  let admin: Session;
  let agent: Session;

  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    admin = await seedAdmin(app);
    await seedUser(app, "agent@ville.example", ["agent"], "Assemblées");
    agent = await login(app, "agent@ville.example");
  });
  after(() => upstream.close());

  const run = (id: string, values: object) =>
    call(get().app, "POST", `/api/usecases/${id}/run`, agent, { values });

  it("lists the forms, without instructions", async () => {
    const forms = await call(get().app, "GET", "/api/usecase-forms", agent);
    assert.equal(forms.statusCode, 200, forms.body);
    const deliberation = forms.json().find((form: { id: string }) => form.id === "deliberation");
    assert.ok(deliberation);
    assert.equal(deliberation.fields[0].label, "Collectivité");
    assert.equal(deliberation.instructions, undefined);
    assert.equal(deliberation.template, undefined);
  });

  it("names the missing required fields, and opens nothing", async () => {
    const { app } = get();
    const response = await run("deliberation", { collectivite: "Commune de Saint-Amand" });
    assert.equal(response.statusCode, 400, response.body);
    const { error } = response.json();
    assert.equal(error.code, "usecase_fields_missing");
    assert.match(error.message, /« Organe délibérant », « Date de la séance », « Objet »/);
    const conversations = await call(app, "GET", "/api/conversations", agent);
    assert.equal(conversations.json().length, 0);
    const unknown = await run("inexistant", VALUES);
    assert.equal(unknown.statusCode, 404, unknown.body);
    assert.equal(unknown.json().error.code, "usecase_not_found");
  });

  it("gives the baseline's document with no model configured, and no model answer", async () => {
    const response = await run("deliberation", VALUES);
    assert.equal(response.statusCode, 200, response.body);
    const result: Run = response.json();
    assert.equal(result.baselineFirst, true);
    assert.notEqual(result.answer?.mode, "model");
    assert.equal(result.baseline.kind, "template");
    assert.match(result.baseline.text ?? "", /^Commune de Saint-Amand\nConseil municipal\n/);
    assert.match(result.baseline.text ?? "", /Séance du 14 mars 2025/);
    assert.match(result.baseline.text ?? "", /Article 2 : La dépense est imputée au chapitre 65\./);
    assert.equal(upstream.requests.length, 0);
  });

  it("sends the built instructions upstream, checks its answer, and journals the use case", async () => {
    const { app } = get();
    await addProvider(app, admin, {
      id: "local",
      baseUrl: upstream.url,
      sovereignty: "local",
      country: "FRA",
    });
    upstream.script({ kind: "reply", text: ANSWER });
    const response = await run("deliberation", VALUES);
    assert.equal(response.statusCode, 200, response.body);
    const result: Run = response.json();

    const sent = upstream.requests.filter((r) => r.path === "/v1/chat/completions").at(-1);
    const messages: { role: string; content: string }[] = sent?.body.messages ?? [];
    const system = messages.find((m) => m.role === "system")?.content ?? "";
    assert.match(system, /assistant de rédaction juridique au service d'une collectivité/);
    const user = messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
    assert.match(user, /Rédigez le projet de délibération suivant\./);
    assert.match(user, /Date de la séance : 14 mars 2025/);
    assert.match(user, /- Vu le code général des collectivités territoriales/);
    assert.equal(user, result.prompt);
    assert.doesNotMatch(system, /Saint-Amand/, "the form's values never reach the system message");

    assert.equal(result.answer?.mode, "model");
    assert.equal(result.answer?.content, ANSWER);
    assert.equal(result.baselineFirst, false);
    assert.match(result.baseline.text ?? "", /DÉCIDE/);
    const checks = Object.fromEntries(result.checks.map((check) => [check.id, check]));
    assert.equal(checks.visas?.passed, true);
    assert.equal(checks.decide?.passed, true);
    assert.equal(checks.date?.passed, true);
    assert.equal(checks.references?.passed, false);
    assert.match(checks.references?.detail ?? "", /article L2121-29/);

    // The run is a conversation the agent continues; the journal counts it for the use case.
    const conversation = await call(
      app,
      "GET",
      `/api/conversations/${result.conversationId}`,
      agent,
    );
    assert.equal(conversation.statusCode, 200, conversation.body);
    assert.equal(conversation.json().messages.length, 2);
    assert.equal(conversation.json().title, "Délibération / rapport au conseil");
    const rows = await app.store.db
      .selectFrom("usage_records")
      .selectAll()
      .where("use_case_id", "=", "deliberation")
      .orderBy("at")
      .execute();
    assert.equal(rows.length, 2, "the run with no model and this one");
    assert.equal(rows.at(-1)?.use_case_version, 2);
    assert.equal(rows.at(-1)?.model_ref, "local/test-model");
    assert.equal(rows.at(-1)?.assistant_id, "usecase:deliberation");
    const record = JSON.stringify(rows);
    assert.doesNotMatch(record, /Saint-Amand|subvention/, "no text in the journal");
    const stored = await app.store.db
      .selectFrom("conversations")
      .select("use_case_id")
      .where("id", "=", result.conversationId)
      .executeTakeFirst();
    assert.equal(stored?.use_case_id, "deliberation");

    // Continued, the conversation keeps the use case's instructions and is counted for it.
    upstream.script({ kind: "reply", text: "Version raccourcie." });
    const next = await call(
      app,
      "POST",
      `/api/conversations/${result.conversationId}/messages`,
      agent,
      { content: "Raccourcissez l'article 1." },
    );
    assert.equal(next.statusCode, 200, next.body);
    const continued = upstream.requests.filter((r) => r.path === "/v1/chat/completions").at(-1);
    assert.match(
      continued?.body.messages.find((m: { role: string }) => m.role === "system")?.content ?? "",
      /assistant de rédaction juridique/,
    );
    const counted = await app.store.db
      .selectFrom("usage_records")
      .select("turn_id")
      .where("use_case_id", "=", "deliberation")
      .execute();
    assert.equal(counted.length, 3);
  });

  it("reads a document field's text from a file, whole, and runs a use case on it", async () => {
    const { app } = get();
    const sentences = Array.from(
      { length: 120 },
      (_, index) => `La phrase numéro ${index + 1} décrit le projet de médiathèque.`,
    );
    const upload = (name: string, content: string | Uint8Array) => {
      const form = multipart([{ name, content }]);
      return app.server.inject({
        method: "POST",
        url: "/api/usecase-documents/text",
        headers: { ...form.headers, cookie: agent.cookie, "x-csrf-token": agent.csrf },
        payload: form.payload,
      });
    };
    const read = await upload("rapport.txt", sentences.join(" "));
    assert.equal(read.statusCode, 200, read.body);
    const { fileName, text } = read.json();
    assert.equal(fileName, "rapport.txt");
    const repeated = sentences.filter((sentence) => text.split(sentence).length !== 2);
    assert.deepEqual(repeated, [], "each sentence once: the passages do not overlap");
    // A WebVTT transcript comes back as written, cues and voices, for the minutes to read.
    const vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Claire Martin>Le budget est adopté.\n";
    const transcript = await upload("reunion.vtt", vtt);
    assert.equal(transcript.statusCode, 200, transcript.body);
    assert.equal(transcript.json().text, vtt);
    const refused = await upload("outil.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]));
    assert.equal(refused.statusCode, 415, refused.body);
    assert.equal(refused.json().error.code, "attachment_unsupported");

    upstream.script({ kind: "reply", text: "# Objet\nUne note." });
    const response = await run("note-de-synthese", {
      objet: "Le projet de médiathèque",
      document_1: text,
    });
    assert.equal(response.statusCode, 200, response.body);
    const result: Run = response.json();
    const sent = upstream.requests.filter((r) => r.path === "/v1/chat/completions").at(-1);
    const body = JSON.stringify(sent?.body.messages);
    assert.match(body, /La phrase numéro 119 décrit le projet de médiathèque/);
    assert.equal(result.answer?.mode, "model");
    assert.equal(result.baseline.kind, "extractive-summary");
    assert.match(result.baseline.text ?? "", /médiathèque/);
  });
});
