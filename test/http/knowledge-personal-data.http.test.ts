import assert from "node:assert/strict";
import { it } from "node:test";
import type { App } from "../../src/app.js";
import { call, describeApps, login, type Session, seedUser } from "../support/apps.js";
import { multipart } from "../support/multipart.js";

/** A fictional NIR: 13 digits and their key, 97 − (number mod 97). */
const NIR_DIGITS = "2840575123456";
const NIR = `2 84 05 75 123 456 ${String(97n - (BigInt(NIR_DIGITS) % 97n)).padStart(2, "0")}`;

/** A fictional agent's file: a named person, her NIR, her illness, her e-mail. */
const DOSSIER = `# Suivi des agents

## Situation de Mme Odile Ferrand
Mme Odile Ferrand, numéro de sécurité sociale ${NIR}, est en arrêt maladie pour une dépression depuis mars. Écrire à odile.ferrand@mairie.example pour le suivi du dossier de reprise.
`;

const PISCINE = `# Piscine municipale

## Horaires d'ouverture
La piscine des Tilleuls est ouverte le mercredi de 14 h à 19 h, le samedi de 10 h à 18 h et le dimanche de 9 h à 13 h.
`;

/** What must never come out of an audit, a quarantine list or a pseudonymised base. */
const VALUES = [/Ferrand/i, /2 84 05 75/, /123 456/, /odile\.ferrand/i, /mairie\.example/];

const assertNoValues = (body: string, where: string) => {
  for (const value of VALUES) assert.doesNotMatch(body, value, `${where} shows ${value}`);
};

function upload(
  app: App,
  session: Session,
  baseId: string,
  files: { name: string; content: string }[],
) {
  const { payload, headers } = multipart(files);
  return app.server.inject({
    method: "POST",
    url: `/api/knowledge-bases/${baseId}/documents`,
    headers: { ...headers, cookie: session.cookie, "x-csrf-token": session.csrf },
    payload,
  });
}

describeApps("personal data in knowledge bases over HTTP", (get) => {
  let referent: Session;
  let referentId = "";
  let agent: Session;
  const bases: Record<string, string> = {};

  const documents = async (baseId: string) =>
    (await call(get().app, "GET", `/api/knowledge-bases/${baseId}/documents`, referent)).json() as {
      id: string;
      fileName: string;
      status: string;
      personalData: { dataClass: string; types: Record<string, number>; action: string } | null;
      release: { as: string; by: string; at: string } | null;
    }[];
  const documentNamed = async (baseId: string, fileName: string) => {
    const found = (await documents(baseId)).find((d) => d.fileName === fileName);
    assert.ok(found, fileName);
    return found;
  };
  const search = async (baseId: string, q: string) =>
    (
      await call(
        get().app,
        "GET",
        `/api/knowledge-bases/${baseId}/search?q=${encodeURIComponent(q)}`,
        referent,
      )
    ).json() as { hits: { passageId: string; fileName: string; text: string; section: string }[] };
  const audit = async (baseId: string) => {
    const response = await call(get().app, "GET", `/api/knowledge-bases/${baseId}/audit`, referent);
    assert.equal(response.statusCode, 200, response.body);
    return { body: response.body, report: response.json() };
  };

  it("creates bases with a personal-data setting, quarantine by default, and refuses an unknown one in French", async () => {
    const { app } = get();
    referentId = (await seedUser(app, "referente-rh@ville.example", ["agent", "referent"], "DRH"))
      .id;
    await seedUser(app, "agent-rh@ville.example", ["agent"], "DRH");
    referent = await login(app, "referente-rh@ville.example");
    agent = await login(app, "agent-rh@ville.example");
    for (const setting of ["index", "pseudonymise", "quarantine"]) {
      const created = await call(app, "POST", "/api/knowledge-bases", referent, {
        name: `RH ${setting}`,
        personalData: setting,
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().personalData, setting);
      bases[setting] = created.json().id;
    }
    const plain = await call(app, "POST", "/api/knowledge-bases", referent, { name: "RH défaut" });
    assert.equal(plain.json().personalData, "quarantine");
    bases.default = plain.json().id;

    const refused = await call(app, "POST", "/api/knowledge-bases", referent, {
      name: "RH chiffrée",
      personalData: "chiffrer",
    });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.code, "invalid_request");
    assert.match(
      refused.json().error.message,
      /body\.personalData : valeur attendue : index .*pseudonymise .*quarantine/,
    );
    const badPatch = await call(app, "PATCH", `/api/knowledge-bases/${bases.index}`, referent, {
      personalData: "oui",
    });
    assert.equal(badPatch.statusCode, 400);
    assert.match(badPatch.json().error.message, /valeur attendue/);
  });

  it("scans every document: the setting decides, the audit shows types and counts, never a value", async () => {
    const { app } = get();
    for (const id of [bases.index, bases.pseudonymise, bases.quarantine] as string[]) {
      const response = await upload(app, referent, id, [
        { name: "dossier-agent.md", content: DOSSIER },
        { name: "piscine.md", content: PISCINE },
      ]);
      assert.equal(response.statusCode, 202, response.body);
    }
    await app.services.worker.drain();

    const expected = { EMAIL: 1, NIR: 1, PERSON: 2, SENSITIVE: 2 };
    for (const [setting, status] of [
      ["index", "ready"],
      ["pseudonymise", "ready"],
      ["quarantine", "quarantined"],
    ] as const) {
      const id = bases[setting] as string;
      const dossier = await documentNamed(id, "dossier-agent.md");
      assert.equal(dossier.status, status, setting);
      assert.deepEqual(dossier.personalData, {
        dataClass: "sensitive",
        types: expected,
        action: setting,
      });
      const piscine = await documentNamed(id, "piscine.md");
      assert.equal(piscine.status, "ready");
      assert.deepEqual(piscine.personalData?.types, {});

      const { body, report } = await audit(id);
      assertNoValues(body, `audit of ${setting}`);
      assert.equal(report.personalDataChecked, true);
      const finding = report.findings.find(
        (f: { kind: string; documents: { fileName: string }[] }) =>
          f.kind === "personal_data" && f.documents[0]?.fileName === "dossier-agent.md",
      );
      assert.ok(finding, `finding in ${setting}`);
      assert.deepEqual(finding.personalData, {
        dataClass: "sensitive",
        types: expected,
        action: setting,
      });
      assert.equal(finding.passages.length, 1);
      const [passage] = finding.passages;
      assert.deepEqual(passage.types, expected);
      assert.equal(passage.ordinal, 0);
      assert.match(finding.message, /numéro de sécurité sociale \(1\)/);
      if (setting === "quarantine") {
        assert.equal(passage.id, null);
        assert.equal(finding.severity, "error");
        assert.match(passage.excerpt, /\[NIR\]/);
        assert.deepEqual(
          report.quarantined.map((q: { fileName: string }) => q.fileName),
          ["dossier-agent.md"],
        );
        assert.equal(report.documents.quarantined, 1);
      } else {
        assert.equal(typeof passage.id, "string");
        assert.match(passage.excerpt, setting === "index" ? /\[NIR\]/ : /\[NIR_1\]/);
        assert.deepEqual(report.quarantined, []);
      }
      assert.ok(
        !report.findings.some(
          (f: { kind: string; documents: { fileName: string }[] }) =>
            f.kind === "personal_data" && f.documents[0]?.fileName === "piscine.md",
        ),
      );
    }
  });

  it("indexes as is where the base says so", async () => {
    const { hits } = await search(bases.index as string, "Ferrand arrêt maladie");
    assert.equal(hits[0]?.fileName, "dossier-agent.md");
    assert.match(hits[0]?.text ?? "", /Odile Ferrand/);
  });

  it("pseudonymises the stored passages: search, passages and citations hold placeholders", async () => {
    const { app } = get();
    const id = bases.pseudonymise as string;
    const { hits } = await search(id, "arrêt maladie dépression reprise");
    assert.equal(hits[0]?.fileName, "dossier-agent.md");
    const text = hits[0]?.text ?? "";
    assert.match(text, /\[PERSONNE_1\], numéro de sécurité sociale \[NIR_1\]/);
    assert.match(text, /Écrire à \[EMAIL_1\]/);
    assert.match(text, /arrêt maladie pour une dépression/, "article-9 words stay");
    assert.match(hits[0]?.section ?? "", /Situation de Mme \[PERSONNE_1\]/);
    assertNoValues(JSON.stringify(hits), "search results");
    assert.deepEqual((await search(id, "Ferrand")).hits, [], "the name is not indexed");
    const dossier = await documentNamed(id, "dossier-agent.md");
    const passages = await call(
      app,
      "GET",
      `/api/knowledge-bases/${id}/documents/${dossier.id}/passages`,
      referent,
    );
    assertNoValues(passages.body, "stored passages");
    const stored = await app.store.db
      .selectFrom("passages")
      .select(["text", "terms", "section_path"])
      .where("document_id", "=", dossier.id)
      .execute();
    assert.ok(stored.length > 0);
    assertNoValues(JSON.stringify(stored), "passages table");
    const ask = await call(app, "POST", "/api/ask", referent, {
      question: "Qui est en arrêt maladie pour une dépression ?",
      knowledgeBaseIds: [id],
    });
    assert.equal(ask.statusCode, 200, ask.body);
    assertNoValues(JSON.stringify(ask.json().citations), "citations");
  });

  it("keeps a quarantined document out of search, ask and citations, and lists it for its referent only", async () => {
    const { app } = get();
    const id = bases.quarantine as string;
    assert.deepEqual((await search(id, "arrêt maladie dépression reprise")).hits, []);
    assert.deepEqual((await search(id, "Ferrand")).hits, []);
    assert.equal((await search(id, "piscine dimanche")).hits[0]?.fileName, "piscine.md");
    const ask = await call(app, "POST", "/api/ask", referent, {
      question: "Qui est en arrêt maladie pour une dépression ?",
      knowledgeBaseIds: [id],
    });
    assert.equal(ask.json().abstained, true);
    assert.ok(
      !ask.json().citations.some((c: { fileName: string }) => c.fileName === "dossier-agent.md"),
    );
    const count = await app.store.db
      .selectFrom("passages as p")
      .innerJoin("documents as d", "d.id", "p.document_id")
      .where("d.status", "=", "quarantined")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0, "no passage of a quarantined document is stored");

    const listed = await call(app, "GET", `/api/knowledge-bases/${id}/quarantine`, referent);
    assert.equal(listed.statusCode, 200, listed.body);
    assertNoValues(listed.body, "quarantine list");
    const [held] = listed.json();
    assert.equal(held.fileName, "dossier-agent.md");
    assert.equal(held.status, "quarantined");
    assert.equal(held.passageCount, 0);
    assert.deepEqual(
      held.passages.map((p: { ordinal: number; types: object }) => [p.ordinal, p.types]),
      [[0, { EMAIL: 1, NIR: 1, PERSON: 2, SENSITIVE: 2 }]],
    );
    assert.match(held.passages[0].section, /Situation de Mme \[PERSON\]/);
    assert.match(held.passages[0].excerpt, /\[PERSON\], numéro de sécurité sociale \[NIR\]/);

    assert.equal(
      (await call(app, "GET", `/api/knowledge-bases/${id}/quarantine`, agent)).statusCode,
      403,
    );
    assert.equal(
      (
        await call(app, "POST", `/api/knowledge-bases/${id}/documents/${held.id}/release`, agent, {
          as: "index",
        })
      ).statusCode,
      403,
    );
    // A referent of another direction does not learn that the base exists.
    await seedUser(app, "referent-voirie@ville.example", ["agent", "referent"], "Voirie");
    const outsider = await login(app, "referent-voirie@ville.example");
    assert.equal(
      (await call(app, "GET", `/api/knowledge-bases/${id}/quarantine`, outsider)).statusCode,
      404,
    );
  });

  it("releases a quarantined document pseudonymised or as is, records who and when, or deletes it", async () => {
    const { app } = get();
    const id = bases.quarantine as string;
    const held = await documentNamed(id, "dossier-agent.md");
    const wrong = await call(
      app,
      "POST",
      `/api/knowledge-bases/${id}/documents/${held.id}/release`,
      referent,
      {
        as: "quarantine",
      },
    );
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.json().error.message, /valeur attendue : index .* ou pseudonymise/);

    const released = await call(
      app,
      "POST",
      `/api/knowledge-bases/${id}/documents/${held.id}/release`,
      referent,
      { as: "pseudonymise" },
    );
    assert.equal(released.statusCode, 202, released.body);
    assert.equal(released.json().status, "queued");
    // The decision is in the audit log: who, which document, how; never its name or text.
    const [entry] = (await app.services.audit.list({ limit: 1 })).entries;
    assert.equal(entry?.action, "document.released");
    assert.deepEqual(entry?.actor, { kind: "user", id: referentId });
    assert.equal(entry?.target, held.id);
    assert.deepEqual(entry?.details, { knowledgeBaseId: id, as: "pseudonymise" });
    await app.services.worker.drain();
    const after = await documentNamed(id, "dossier-agent.md");
    assert.equal(after.status, "ready");
    assert.equal(after.personalData?.action, "pseudonymise");
    assert.equal(after.release?.as, "pseudonymise");
    assert.match(after.release?.by ?? "", /\S/);
    assert.ok(after.release?.at);
    const { hits } = await search(id, "arrêt maladie dépression reprise");
    assert.equal(hits[0]?.fileName, "dossier-agent.md");
    assert.match(hits[0]?.text ?? "", /\[PERSONNE_1\]/);
    assertNoValues(JSON.stringify(hits), "released search");
    const again = await call(
      app,
      "POST",
      `/api/knowledge-bases/${id}/documents/${held.id}/release`,
      referent,
      {
        as: "index",
      },
    );
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, "document_not_quarantined");

    // Two more held documents: one released as is, one deleted.
    await upload(app, referent, id, [
      { name: "dossier-2.md", content: DOSSIER.replace("reprise", "reclassement") },
      { name: "dossier-3.md", content: DOSSIER.replace("reprise", "mutation") },
    ]);
    await app.services.worker.drain();
    const second = await documentNamed(id, "dossier-2.md");
    const third = await documentNamed(id, "dossier-3.md");
    assert.deepEqual([second.status, third.status], ["quarantined", "quarantined"]);
    await call(app, "POST", `/api/knowledge-bases/${id}/documents/${second.id}/release`, referent, {
      as: "index",
    });
    await app.services.worker.drain();
    const reclassement = await search(id, "reclassement Ferrand");
    assert.equal(reclassement.hits[0]?.fileName, "dossier-2.md");
    assert.match(reclassement.hits[0]?.text ?? "", /Odile Ferrand/);
    const removed = await call(
      app,
      "DELETE",
      `/api/knowledge-bases/${id}/documents/${third.id}`,
      referent,
    );
    assert.equal(removed.statusCode, 204);
    assert.deepEqual(
      (await call(app, "GET", `/api/knowledge-bases/${id}/quarantine`, referent)).json(),
      [],
    );
    // Removing a held document is in the audit log too, without its name.
    const [deletion] = (await app.services.audit.list({ limit: 1 })).entries;
    assert.equal(deletion?.action, "document.deleted");
    assert.equal(deletion?.target, third.id);
    assert.deepEqual(deletion?.details, { knowledgeBaseId: id, status: "quarantined" });
    assert.ok(!JSON.stringify(deletion).includes("dossier-3"));
  });

  it("quarantines a new version of a clean document: its earlier passages can no longer be cited", async () => {
    const { app } = get();
    const id = bases.default as string;
    await upload(app, referent, id, [
      {
        name: "note.md",
        content:
          "# Note de service\n\nLes congés d'été se posent avant le 15 mai auprès du secrétariat.",
      },
    ]);
    await app.services.worker.drain();
    const before = await search(id, "congés été secrétariat");
    const oldPassage = before.hits[0]?.passageId;
    assert.ok(oldPassage);
    await upload(app, referent, id, [
      {
        name: "note.md",
        content:
          "# Note de service\n\nLes congés d'été se posent avant le 15 mai auprès de odile.ferrand@mairie.example au secrétariat.",
      },
    ]);
    await app.services.worker.drain();
    assert.equal((await documentNamed(id, "note.md")).status, "quarantined");
    assert.deepEqual((await search(id, "congés été secrétariat")).hits, []);
    assert.equal((await call(app, "GET", `/api/passages/${oldPassage}`, referent)).statusCode, 404);
  });

  it("documents the setting, the quarantine list and the release in the OpenAPI document", async () => {
    const document = (await call(get().app, "GET", "/api/openapi.json")).json();
    const paths = document.paths;
    assert.ok(paths["/api/knowledge-bases/{id}/quarantine"]?.get);
    const release = paths["/api/knowledge-bases/{id}/documents/{documentId}/release"]?.post;
    assert.deepEqual(release.requestBody.content["application/json"].schema.properties.as.enum, [
      "index",
      "pseudonymise",
    ]);
    const create =
      paths["/api/knowledge-bases"].post.requestBody.content["application/json"].schema;
    assert.deepEqual(create.properties.personalData.enum, ["index", "pseudonymise", "quarantine"]);
    assert.equal(create.properties.personalData.default, "quarantine");
  });

  it("applies a new setting to the documents already in the base", async () => {
    const { app } = get();
    const id = bases.index as string;
    const changed = await call(app, "PATCH", `/api/knowledge-bases/${id}`, referent, {
      personalData: "pseudonymise",
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().personalData, "pseudonymise");
    await app.services.worker.drain();
    const dossier = await documentNamed(id, "dossier-agent.md");
    assert.equal(dossier.personalData?.action, "pseudonymise");
    const { hits } = await search(id, "arrêt maladie dépression reprise");
    assert.match(hits[0]?.text ?? "", /\[PERSONNE_1\]/);
    assertNoValues(JSON.stringify(hits), "re-ingested base");
    assert.deepEqual((await search(id, "Ferrand")).hits, []);
  });
});
