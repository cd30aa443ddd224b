import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  addProvider,
  call,
  describeApps,
  post,
  type Session,
  seedAdminAndAgent,
  sseEvents,
} from "../support/apps.js";
import { markdown } from "../support/knowledge.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

/**
 * The egress target of the personal-data guard: not one personal value
 * reaches a provider classed `extraterritorial` in clear, under the default
 * charter, whichever way it comes (the page's conversations, /v1 streamed or
 * not, the conversation's history, the passages retrieved from a base), as
 * agents write them (every variation class of the recognizers).
 */

/** Personal values as agents write them, each in a sentence of its own: what must never leave in clear. */
const VALUES: readonly (readonly [string, string])[] = [
  ["un nom en minuscules", "j'ai eu au téléphone jean-marc dubois ce matin"],
  ["un nom en capitales", "DOSSIER DE KOVALENKO OKSANA À REVOIR"],
  ["un nom, le prénom après", "Vu avec Ferreira Ana ce matin"],
  ["des initiales", "transmis par J.-P. Lemarchand"],
  ["une particule", "la fille de Youssef Ben Ali est inscrite"],
  ["un nom seul après une salutation", "Bonjour Nguyen, voici la réponse"],
  ["une signature", "Merci d'avance.\nCordialement,\nSandrine"],
  ["un rôle familial", "son fils Lucas viendra le chercher"],
  ["un nom inconnu des listes", "le dossier de Zorblaxine Quirvandel est complet"],
  ["un téléphone à barres obliques", "la rappeler au 06/20/48/91/33"],
  ["un téléphone avec des O", "son numéro : O6 45 12 98 O3"],
  [
    "un téléphone en toutes lettres",
    "joignable au zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit",
  ],
  ["un téléphone irrégulier", "Kamel Meziane 062 190 3358"],
  ["un téléphone étranger", "son frère en Espagne : +34 612 45 78 90"],
  ["un IBAN à tirets", "virement sur FR76-3000-6000-0112-3456-7890-189"],
  ["une carte en groupes irréguliers", "payé avec la carte 497401 8562 309175"],
  ["un courriel déguisé", "écrire à lucie . morel (at) gmail (dot) com"],
  ["un lieu-dit", "domiciliée lieu-dit La Motte, 62190 Lillers"],
  ["une résidence", "Résidence Les Tilleuls, bât. C, apt 34"],
  ["une date de naissance", "née le 12/04/1987"],
];

/** The words of the values that would identify someone, looked for in what the model received. */
const SECRETS = [
  "dubois",
  "kovalenko",
  "ferreira",
  "lemarchand",
  "ben ali",
  "nguyen",
  "sandrine",
  "lucas",
  "zorblaxine",
  "quirvandel",
  "48/91/33",
  "98 o3",
  "trente-quatre",
  "3358",
  "612 45 78 90",
  "0112-3456",
  "8562 309175",
  "morel",
  "la motte",
  "tilleuls",
  "12/04/1987",
];

/** What reached the model, in lowercase: every request's body since `from`. */
const received = (upstream: OpenAiUpstream, from: number): string =>
  JSON.stringify(upstream.requests.slice(from).map((request) => request.body)).toLowerCase();

function assertNoSecret(upstream: OpenAiUpstream, from: number, where: string): void {
  const seen = received(upstream, from);
  assert.ok(upstream.requests.length > from, `${where}: nothing reached the model`);
  for (const secret of SECRETS) {
    assert.ok(!seen.includes(secret), `${where}: « ${secret} » reached the model in clear`);
  }
}

describeApps("egress: no personal value reaches a foreign model in clear", (get) => {
  let upstream: OpenAiUpstream;
  let agent: Session;
  let key: string;
  let base: string;
  let abroad: string;
  let grounded: string;
  const message = VALUES.map(([, sentence]) => sentence).join("\n");

  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    const cast = await seedAdminAndAgent(app);
    const admin = cast.admin;
    agent = cast.agent;
    key = cast.key;
    await addProvider(app, admin, {
      id: "outre-atlantique",
      baseUrl: upstream.url,
      sovereignty: "extraterritorial",
      country: "USA",
      capabilities: ["chat"],
    });
    const assistant = await call(app, "POST", "/api/assistants", admin, {
      name: "Rédaction (modèle américain)",
      preferredModels: ["outre-atlantique/test-model"],
    });
    assert.equal(assistant.statusCode, 201, assistant.body);
    abroad = assistant.json().id;

    // A base that indexes its documents as they are: its passages hold personal data.
    const direction = await app.services.directions.find("CCAS");
    assert.ok(direction, "the agent's direction");
    const kb = await app.services.knowledge.create("cli", {
      name: "Notes de situation",
      description: "",
      ownerDirectionId: direction.id,
      readers: [{ kind: "everyone", value: "*" }],
      personalData: "index",
    });
    await app.services.knowledge.submit("cli", kb.id, [
      { fileName: "visites.md", bytes: markdown(`# Visites à domicile\n\n${message}\n`) },
    ]);
    await app.services.worker.drain();
    assert.equal((await app.services.knowledge.get("cli", kb.id)).passageCount > 0, true);
    const withBase = await call(app, "POST", "/api/assistants", admin, {
      name: "Notes (modèle américain)",
      preferredModels: ["outre-atlantique/test-model"],
      knowledgeBaseIds: [kb.id],
    });
    assert.equal(withBase.statusCode, 201, withBase.body);
    grounded = withBase.json().id;
    base = await app.server.listen({ host: "127.0.0.1", port: 0 });
  });
  after(() => upstream.close());

  const v1 = (body: Record<string, unknown>) =>
    call(get().app, "POST", "/v1/chat/completions", { apiKey: key }, body);

  it("through /v1, not streamed: every value masked, the answer restored", async () => {
    const from = upstream.requests.length;
    upstream.script({ kind: "reply", text: "Bien reçu pour [PERSONNE_1]." });
    const response = await v1({
      model: `assistant/${abroad}`,
      stream: false,
      messages: [{ role: "user", content: message }],
    });
    assert.equal(response.statusCode, 200, response.body);
    assertNoSecret(upstream, from, "/v1");
    assert.match(response.json().choices[0].message.content, /^Bien reçu pour \S/);
    assert.doesNotMatch(response.json().choices[0].message.content, /PERSONNE_1/);
  });

  it("through /v1, streamed, with the history of earlier turns", async () => {
    const from = upstream.requests.length;
    const response = await post(
      base,
      "/v1/chat/completions",
      { apiKey: key },
      {
        model: `assistant/${abroad}`,
        stream: true,
        messages: [
          { role: "user", content: message },
          { role: "assistant", content: "Noté." },
          { role: "user", content: "Rédige le compte rendu de ces appels." },
        ],
      },
    );
    assert.equal(response.status, 200);
    await response.text();
    assertNoSecret(upstream, from, "/v1 streamed");
  });

  it("through the page's conversation, turn after turn", async () => {
    const { app } = get();
    const created = await call(app, "POST", "/api/conversations", agent, { assistantId: abroad });
    const id = created.json().id as string;
    const from = upstream.requests.length;
    const first = await post(
      base,
      `/api/conversations/${id}/messages`,
      agent,
      { content: message },
      { stream: true },
    );
    assert.equal(first.status, 200);
    await sseEvents(first);
    // The next turn carries the first one as history.
    const next = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
      content: "Fais-en un résumé pour le dossier.",
    });
    assert.equal(next.statusCode, 200, next.body);
    assertNoSecret(upstream, from, "conversation");
    // The conversation's title is read from the masked message: no name, no number.
    const listed = await call(app, "GET", `/api/conversations/${id}`, agent);
    const title = (listed.json().title as string).toLowerCase();
    for (const secret of SECRETS) assert.ok(!title.includes(secret), `title holds « ${secret} »`);
  });

  it("through the passages retrieved from a base that indexes personal data", async () => {
    const { app } = get();
    const created = await call(app, "POST", "/api/conversations", agent, { assistantId: grounded });
    const id = created.json().id as string;
    const from = upstream.requests.length;
    const response = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
      content: "Visites à domicile : quel dossier, quel téléphone, quel virement, quelle carte ?",
      generate: true,
    });
    assert.equal(response.statusCode, 200, response.body);
    const seen = received(upstream, from);
    assert.ok(
      seen.includes("visites"),
      `the passages reached the model: ${response.body.slice(0, 600)}`,
    );
    assertNoSecret(upstream, from, "passages");
  });
});
