import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { App } from "../../src/app.js";
import { call, describeApps, login, type Session, seedUser } from "../support/apps.js";
import { multipart } from "../support/multipart.js";

/**
 * A file name is part of the document: an agent's sick leave is as much in
 * `arret-maladie-odile-ferrand-depression.md` as in its text. Readers of a
 * base must not learn from the name what the document's quarantine or
 * pseudonymisation hides.
 */
const SICK_LEAVE_FILE = "arret-maladie-odile-ferrand-depression.md";
const SICK_LEAVE = `# Suivi des agents

## Situation de Mme Odile Ferrand
Mme Odile Ferrand est en arrêt maladie pour une dépression depuis mars. Le service prépare sa reprise à mi-temps thérapeutique.
`;

/** No heading: the title is taken from the file name. */
const UNTITLED_FILE = "suivi-odile-ferrand.md";
const UNTITLED =
  "Mme Odile Ferrand reprendra son poste au service de l'état civil le lundi 3 juin, à mi-temps.";

/** The person is named in the file name only. */
const NAME_ONLY_FILE = "certificat-medical-paul-durand.md";
const NAME_ONLY = `# Certificat de reprise

L'agent est apte à reprendre son poste à temps plein à compter du 1er avril.
`;

/** Refused at upload (an image): never scanned. */
const REFUSED_FILE = "photo-odile-ferrand.png";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const NAMES = [/ferrand/i, /odile/i, /durand/i];
const assertNoNames = (body: string, where: string) => {
  for (const name of NAMES) assert.doesNotMatch(body, name, `${where} shows ${name}`);
};

function upload(
  app: App,
  session: Session,
  baseId: string,
  files: { name: string; content: string | Uint8Array }[],
) {
  const { payload, headers } = multipart(files);
  return app.server.inject({
    method: "POST",
    url: `/api/knowledge-bases/${baseId}/documents`,
    headers: { ...headers, cookie: session.cookie, "x-csrf-token": session.csrf },
    payload,
  });
}

interface DocumentView {
  id: string;
  fileName: string;
  title: string | null;
  status: string;
}

describeApps("file names of documents holding personal data", (get) => {
  let referent: Session;
  let agent: Session;
  let auditor: Session;
  const bases: Record<string, string> = {};

  const documents = async (session: Session, setting: string) => {
    const response = await call(
      get().app,
      "GET",
      `/api/knowledge-bases/${bases[setting]}/documents`,
      session,
    );
    assert.equal(response.statusCode, 200, response.body);
    return { body: response.body, list: response.json() as DocumentView[] };
  };

  before(async () => {
    const { app } = get();
    await seedUser(app, "referente-rh@ville.example", ["agent", "referent"], "DRH");
    await seedUser(app, "agent-accueil@ville.example", ["agent"], "Accueil");
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    referent = await login(app, "referente-rh@ville.example");
    agent = await login(app, "agent-accueil@ville.example");
    auditor = await login(app, "dpo@ville.example");
    for (const setting of ["quarantine", "pseudonymise", "index"]) {
      const created = await call(app, "POST", "/api/knowledge-bases", referent, {
        name: `Suivi RH ${setting}`,
        personalData: setting,
        readers: [{ kind: "everyone" }],
      });
      assert.equal(created.statusCode, 201, created.body);
      bases[setting] = created.json().id;
      const sent = await upload(app, referent, created.json().id, [
        { name: SICK_LEAVE_FILE, content: SICK_LEAVE },
        { name: UNTITLED_FILE, content: UNTITLED },
        { name: NAME_ONLY_FILE, content: NAME_ONLY },
        { name: REFUSED_FILE, content: PNG },
      ]);
      assert.equal(sent.statusCode, 202, sent.body);
    }
    await app.services.worker.drain();
  });

  it("does not show a reader the name of a quarantined document", async () => {
    const { body, list } = await documents(agent, "quarantine");
    assertNoNames(body, "the documents of a quarantining base");
    assert.equal(list.length, 4, "the documents are listed, their names masked");
    const held = list.filter((document) => document.status === "quarantined");
    assert.equal(held.length, 3);
    for (const document of held) {
      const one = await call(
        get().app,
        "GET",
        `/api/knowledge-bases/${bases.quarantine}/documents/${document.id}`,
        agent,
      );
      assert.equal(one.statusCode, 200, one.body);
      assertNoNames(one.body, "a quarantined document");
    }
  });

  it("shows a reader the names of a pseudonymised document pseudonymised, like its text", async () => {
    const { app } = get();
    const { body, list } = await documents(agent, "pseudonymise");
    assertNoNames(body, "the documents of a pseudonymising base");
    const fileNames = list.map((document) => document.fileName).sort();
    assert.ok(
      fileNames.includes("arret-maladie-[PERSONNE_1]-depression.md"),
      JSON.stringify(fileNames),
    );
    assert.ok(fileNames.includes("certificat-medical-[PERSONNE_1].md"), JSON.stringify(fileNames));
    assert.ok(fileNames.includes("suivi-[PERSONNE_1].md"), JSON.stringify(fileNames));
    const untitled = list.find((document) => document.fileName === "suivi-[PERSONNE_1].md");
    assert.equal(untitled?.title, "suivi-[PERSONNE_1]", "a title taken from the file name too");

    // Search, passages and citations name the document the same way.
    const search = await call(
      app,
      "GET",
      `/api/knowledge-bases/${bases.pseudonymise}/search?q=${encodeURIComponent("arrêt maladie dépression reprise")}`,
      agent,
    );
    assert.equal(search.statusCode, 200, search.body);
    assert.equal(search.json().hits[0]?.fileName, "arret-maladie-[PERSONNE_1]-depression.md");
    assertNoNames(search.body, "search results");
    const passage = await call(
      app,
      "GET",
      `/api/passages/${search.json().hits[0].passageId}`,
      agent,
    );
    assertNoNames(passage.body, "a cited passage");
    const ask = await call(app, "POST", "/api/ask", agent, {
      question: "Qui est en arrêt maladie pour une dépression ?",
      knowledgeBaseIds: [bases.pseudonymise],
    });
    assert.equal(ask.statusCode, 200, ask.body);
    assert.ok(ask.json().citations.length > 0);
    assertNoNames(JSON.stringify(ask.json().citations), "citations");
  });

  it("shows the name of a file refused before any scan masked", async () => {
    const { list } = await documents(agent, "pseudonymise");
    const refused = list.find((document) => document.status === "failed");
    assert.ok(refused);
    assert.equal(refused.fileName, "nom de fichier masqué");
  });

  it("keeps the names as they are where the base indexes documents as is", async () => {
    const { list } = await documents(agent, "index");
    const fileNames = list.map((document) => document.fileName);
    assert.ok(fileNames.includes(SICK_LEAVE_FILE), JSON.stringify(fileNames));
  });

  it("shows the real names to the referent who manages the base", async () => {
    for (const setting of ["quarantine", "pseudonymise"]) {
      const { list } = await documents(referent, setting);
      assert.deepEqual(
        list.map((document) => document.fileName).sort(),
        [NAME_ONLY_FILE, SICK_LEAVE_FILE, REFUSED_FILE, UNTITLED_FILE].sort(),
      );
    }
    const held = await call(
      get().app,
      "GET",
      `/api/knowledge-bases/${bases.quarantine}/quarantine`,
      referent,
    );
    assert.ok(held.json().some((document: DocumentView) => document.fileName === SICK_LEAVE_FILE));
  });

  it("counts what the file name holds with the document, and masks it in an auditor's report", async () => {
    const { app } = get();
    const { list } = await documents(referent, "pseudonymise");
    const certificate = list.find((document) => document.fileName === NAME_ONLY_FILE) as
      | (DocumentView & { personalData: { types: Record<string, number> } | null })
      | undefined;
    assert.ok((certificate?.personalData?.types.PERSON ?? 0) >= 1, "the name counts");
    for (const setting of ["quarantine", "pseudonymise"]) {
      const report = await call(
        app,
        "GET",
        `/api/knowledge-bases/${bases[setting]}/audit`,
        auditor,
      );
      assert.equal(report.statusCode, 200, report.body);
      assertNoNames(report.body, `the audit of the ${setting} base`);
    }
  });
});
