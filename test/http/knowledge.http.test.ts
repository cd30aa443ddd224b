import assert from "node:assert/strict";
import { it } from "node:test";
import type { App } from "../../src/app.js";
import { call, describeApps, login, type Session, seedUser } from "../support/apps.js";
import { multipart } from "../support/multipart.js";

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
]);

const ETAT_CIVIL = `# Acte de naissance

## Qui peut demander un acte
Toute personne majeure peut demander une copie intégrale de son propre acte de naissance. Les parents peuvent demander celui de leur enfant mineur.

## Comment faire la demande
La demande se fait en ligne sur le site de la mairie, par courrier ou au guichet de l'état civil. Le service est gratuit. L'acte est envoyé par courrier sous huit jours.
`;

const PISCINE = `# Piscine municipale

## Horaires d'ouverture
La piscine des Tilleuls est ouverte le mercredi de 14 h à 19 h, le samedi de 10 h à 18 h et le dimanche de 9 h à 13 h.

## Tarifs
L'entrée coûte 3,50 € pour un adulte et 2 € pour un enfant de moins de 16 ans.
`;

function upload(
  app: App,
  session: Session,
  baseId: string,
  files: { name: string; content: Uint8Array | string }[],
) {
  const { payload, headers } = multipart(files);
  return app.server.inject({
    method: "POST",
    url: `/api/knowledge-bases/${baseId}/documents`,
    headers: { ...headers, cookie: session.cookie, "x-csrf-token": session.csrf },
    payload,
  });
}

describeApps(
  "knowledge over HTTP",
  (get) => {
    let referent: Session;
    let baseId = "";

    it("lets a referent create a base for their direction and upload a batch, one bad file spoiling nothing", async () => {
      const { app } = get();
      await seedUser(app, "referente@ville.example", ["agent", "referent"], "Accueil > État civil");
      referent = await login(app, "referente@ville.example");
      const created = await call(app, "POST", "/api/knowledge-bases", referent, {
        name: "Fiches accueil",
        description: "Fiches du guichet",
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().ownerDirection.path, "Accueil > État civil");
      baseId = created.json().id;

      const big = "mot ".repeat(300_000);
      const response = await upload(app, referent, baseId, [
        { name: "naissance.md", content: ETAT_CIVIL },
        { name: "photo.pdf", content: PNG },
        { name: "piscine.txt", content: PISCINE },
        { name: "enorme.txt", content: big },
      ]);
      assert.equal(response.statusCode, 202, response.body);
      assert.deepEqual(
        response
          .json()
          .map((r: { fileName: string; status: string; failure: { code: string } | null }) => [
            r.fileName,
            r.status,
            r.failure?.code ?? null,
          ]),
        [
          ["naissance.md", "queued", null],
          ["photo.pdf", "failed", "unsupported_type"],
          ["piscine.txt", "queued", null],
          ["enorme.txt", "failed", "too_large"],
        ],
      );
      await app.services.worker.drain();
      const documents = (
        await call(app, "GET", `/api/knowledge-bases/${baseId}/documents`, referent)
      ).json();
      const states = Object.fromEntries(
        documents.map((d: { fileName: string; status: string }) => [d.fileName, d.status]),
      );
      assert.deepEqual(states, {
        "enorme.txt": "failed",
        "naissance.md": "ready",
        "photo.pdf": "failed",
        "piscine.txt": "ready",
      });
      const failed = documents.find((d: { fileName: string }) => d.fileName === "enorme.txt");
      assert.match(failed.failure.message, /trop volumineux \(limite : 1 Mo\)/);
    });

    it("refuses uploads that are not multipart, and agents who do not manage the base", async () => {
      const { app } = get();
      const json = await call(app, "POST", `/api/knowledge-bases/${baseId}/documents`, referent, {
        files: [],
      });
      assert.equal(json.statusCode, 415);
      await seedUser(app, "agent-ec@ville.example", ["agent"], "Accueil > État civil");
      const agent = await login(app, "agent-ec@ville.example");
      const refused = await upload(app, agent, baseId, [{ name: "x.md", content: "# X\n\ntexte" }]);
      assert.equal(refused.statusCode, 403);
    });

    it("searches a base and answers a question with numbered citations", async () => {
      const { app } = get();
      const search = await call(
        app,
        "GET",
        `/api/knowledge-bases/${baseId}/search?q=${encodeURIComponent("horaires de la piscine le dimanche")}`,
        referent,
      );
      assert.equal(search.statusCode, 200, search.body);
      const [hit] = search.json().hits;
      assert.equal(hit.fileName, "piscine.txt");
      assert.ok(hit.score > 0);
      assert.ok("page" in hit && "section" in hit);

      const ask = await call(app, "POST", "/api/ask", referent, {
        question: "Comment obtenir une copie de mon acte de naissance ?",
      });
      assert.equal(ask.statusCode, 200, ask.body);
      const answer = ask.json();
      assert.equal(answer.abstained, false);
      assert.equal(answer.mode, "extractive");
      assert.match(answer.answer, /« .* » \[1\]/s);
      assert.equal(answer.citations[0].fileName, "naissance.md");
      assert.deepEqual(
        answer.decisions.map((d: { stage: string; outcome: string }) => `${d.stage}:${d.outcome}`),
        [
          "identify:allow",
          "charter:allow",
          "guard:allow",
          "ground:allow",
          "route:note",
          "route:note",
          "generate:allow",
          "account:note",
          "journal:note",
        ],
      );
      const passage = await call(app, "GET", answer.citations[0].url, referent);
      assert.equal(passage.statusCode, 200);
      assert.match(passage.json().text, /copie intégrale/);
    });

    it("says plainly when nothing answers the question", async () => {
      const { app } = get();
      const ask = await call(app, "POST", "/api/ask", referent, {
        question: "Quel temps fera-t-il demain à Brest ?",
      });
      assert.equal(ask.json().abstained, true);
      assert.deepEqual(ask.json().citations, []);
      assert.match(ask.json().answer, /préfère ne pas inventer/);
    });

    it("hides a base from agents of other directions: 404, no search, no citation", async () => {
      const { app } = get();
      await seedUser(app, "agent-drh@ville.example", ["agent"], "DRH");
      const other = await login(app, "agent-drh@ville.example");
      assert.equal(
        (await call(app, "GET", `/api/knowledge-bases/${baseId}`, other)).statusCode,
        404,
      );
      assert.equal(
        (await call(app, "GET", `/api/knowledge-bases/${baseId}/search?q=piscine`, other))
          .statusCode,
        404,
      );
      const ask = await call(app, "POST", "/api/ask", other, {
        question: "horaires de la piscine",
        knowledgeBaseIds: [baseId],
      });
      assert.equal(ask.json().abstained, true);
      assert.match(ask.json().answer, /Aucune base de connaissances ne vous est ouverte/);
      const search = await call(
        app,
        "GET",
        `/api/knowledge-bases/${baseId}/search?q=piscine`,
        referent,
      );
      const passageUrl = `/api/passages/${search.json().hits[0].passageId}`;
      assert.equal((await call(app, "GET", passageUrl, other)).statusCode, 404);
      assert.equal(
        (await call(app, "GET", `/api/knowledge-bases/${baseId}/audit`, other)).statusCode,
        404,
      );
    });

    it("audits a base for its managers", async () => {
      const { app } = get();
      const audit = await call(app, "GET", `/api/knowledge-bases/${baseId}/audit`, referent);
      assert.equal(audit.statusCode, 200, audit.body);
      const report = audit.json();
      assert.deepEqual(report.documents, {
        total: 4,
        ready: 2,
        failed: 2,
        quarantined: 0,
        words: report.documents.words,
      });
      assert.equal(report.findings.filter((f: { kind: string }) => f.kind === "failed").length, 2);
      const agent = await login(app, "agent-ec@ville.example");
      assert.equal(
        (await call(app, "GET", `/api/knowledge-bases/${baseId}/audit`, agent)).statusCode,
        403,
      );
    });
  },
  { BEFFROI_KNOWLEDGE__MAX_FILE_MEGABYTES: "1" },
);
