import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  addProvider,
  call,
  describeApps,
  login,
  type Session,
  seedAdminAndAgent,
  seedUser,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

interface Preview {
  dataClass: string;
  entities: { type: string; start: number; end: number; certainty: string }[];
  outcome: { kind: string; model: string | null; sovereignty: string | null; reason: string };
}

/**
 * What the page shows while an agent types: the values the guard finds in the
 * draft and what sending it would do for the assistant (under the default
 * charter: sent as is, pseudonymised for a model abroad, refused for
 * sensitive data there), with nothing sent, stored, counted or journaled.
 */
describeApps("draft preview", (get) => {
  let upstream: OpenAiUpstream;
  let admin: Session;
  let agent: Session;

  const preview = async (body: Record<string, unknown>, who: Session = agent) => {
    const response = await call(get().app, "POST", "/api/conversations/preview", who, body);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as Preview;
  };
  /** Every table a turn writes to, row counts: a preview must change none. */
  const footprint = async () => {
    const { db } = get().app.store;
    const count = async (table: "usage_records" | "guard_vault" | "messages" | "quota_usage") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      journal: await count("usage_records"),
      vault: await count("guard_vault"),
      messages: await count("messages"),
      quotas: await count("quota_usage"),
      upstream: upstream.requests.length,
    };
  };

  before(async () => {
    upstream = await startOpenAiUpstream();
    ({ admin, agent } = await seedAdminAndAgent(get().app));
  });
  after(() => upstream.close());

  it("without a model: the values found, and the answer quoted from the documents", async () => {
    const text = "Bonjour, Mme Sandrine Kovalenko demande les horaires de la déchèterie.";
    const found = await preview({ content: text });
    assert.equal(found.outcome.kind, "extractive");
    assert.match(found.outcome.reason, /citera les documents/);
    const values = found.entities.map((entity) => text.slice(entity.start, entity.end));
    assert.ok(
      values.some((value) => value.includes("Kovalenko")),
      `the name is found: ${values.join(" | ")}`,
    );
  });

  it("for a model abroad: personal data pseudonymised, sensitive data refused, plain text sent; nothing kept", async () => {
    await addProvider(get().app, admin, {
      id: "outre-atlantique",
      label: "Outre-Atlantique",
      baseUrl: upstream.url,
      sovereignty: "extraterritorial",
      country: "USA",
    });
    const before = await footprint();

    const plain = await preview({ content: "Rédige une note sur les horaires d'été." });
    assert.equal(plain.outcome.kind, "send");
    assert.deepEqual(plain.entities, []);
    assert.equal(plain.outcome.sovereignty, "extraterritorial");
    assert.match(plain.outcome.reason, /tel quel vers Outre-Atlantique — test-model/);

    const text = "Rappeler Jean-Marc Dubois au 06 12 34 56 78 pour son dossier.";
    const personal = await preview({ content: text });
    assert.equal(personal.dataClass, "personal");
    assert.equal(personal.outcome.kind, "pseudonymise");
    assert.match(personal.outcome.reason, /pseudonymes avant l'envoi vers Outre-Atlantique/);
    const values = personal.entities.map((entity) => text.slice(entity.start, entity.end));
    assert.ok(values.includes("06 12 34 56 78"), values.join(" | "));
    assert.ok(
      values.some((value) => value.includes("Dubois")),
      values.join(" | "),
    );

    const sensitive = await preview({
      content: "M. Dubois, suivi pour un cancer du pancréas, demande un aménagement.",
    });
    assert.equal(sensitive.dataClass, "sensitive");
    assert.equal(sensitive.outcome.kind, "block");
    assert.match(sensitive.outcome.reason, /bloqu|refus|interdit/i);

    // Nothing went to the model, nothing was journaled, no pseudonym stored, no quota counted.
    assert.deepEqual(await footprint(), before);
  });

  it("in an open conversation: its assistant; another agent's conversation is not found", async () => {
    const created = await call(get().app, "POST", "/api/conversations", agent, {});
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    const found = await preview({ content: "Écrire à lucie.morel@gmail.com", conversationId: id });
    assert.equal(found.outcome.kind, "pseudonymise");
    assert.equal(found.entities[0]?.type, "EMAIL");

    await seedUser(get().app, "autre@ville.example", ["agent"], "CCAS");
    const other = await login(get().app, "autre@ville.example");
    const refused = await call(get().app, "POST", "/api/conversations/preview", other, {
      content: "Bonjour",
      conversationId: id,
    });
    assert.equal(refused.statusCode, 404, refused.body);
  });

  it("refuses what is not a draft with a stable code", async () => {
    const tooLong = await call(get().app, "POST", "/api/conversations/preview", agent, {
      content: "a".repeat(200_001),
    });
    assert.equal(tooLong.statusCode, 400);
    const unknownField = await call(get().app, "POST", "/api/conversations/preview", agent, {
      content: "Bonjour",
      model: "outre-atlantique/test-model",
    });
    assert.equal(unknownField.statusCode, 400);
    assert.equal(unknownField.json().error.code, "invalid_request");
    const anonymous = await call(get().app, "POST", "/api/conversations/preview", undefined, {
      content: "Bonjour",
    });
    assert.equal(anonymous.statusCode, 401);
  });
});
