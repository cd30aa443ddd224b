import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, it } from "node:test";
import type { App } from "../../src/app.js";
import { call, describeApps, login, type Session, seedUser } from "../support/apps.js";
import { multipart } from "../support/multipart.js";

/** Twelve invented schemes, one per line, covering every condition type (see its README). */
const FIXTURE = readFileSync(
  new URL("../fixtures/aids/aides-inventees.jsonl", import.meta.url),
  "utf8",
);
const LINES = FIXTURE.trim().split("\n");

interface Scheme {
  id: string;
  documentId: string;
  documentStatus: string;
  title: string;
  amount: number | null;
  importedAt: string;
  conditions: { general: { label: string; condition: { type: string } }[]; text: string[] };
}

function importFile(
  app: App,
  session: Session,
  baseId: string,
  content: string | Uint8Array,
  query = "",
) {
  const { payload, headers } = multipart([{ name: "aides.jsonl", content }]);
  return app.server.inject({
    method: "POST",
    url: `/api/knowledge-bases/${baseId}/aids${query}`,
    headers: { ...headers, cookie: session.cookie, "x-csrf-token": session.csrf },
    payload,
  });
}

async function schemes(app: App, session: Session, baseId: string, query = "?limit=200") {
  const response = await call(app, "GET", `/api/knowledge-bases/${baseId}/aids${query}`, session);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { items: Scheme[]; total: number; limit: number; offset: number };
}

const documents = async (app: App, session: Session, baseId: string) =>
  (await call(app, "GET", `/api/knowledge-bases/${baseId}/documents`, session)).json() as {
    id: string;
    fileName: string;
    status: string;
  }[];

/** The fixture with one scheme's amount changed, one left out and a new one added. */
function changedFile(): string {
  const lines = LINES.filter((line) => !line.includes('"id": "insertion-rsa"')).map((line) =>
    line.includes('"id": "sport-hors-agglo"') ? line.replace('"amount": 30', '"amount": 45') : line,
  );
  lines.push(
    JSON.stringify({
      id: "nouvelle-aide-vallons",
      title: "Prime d'équipement numérique",
      institution: "Région des Vallons",
      institution_type: "region",
      description: "Un ordinateur portable pour les lycéens de la région.",
      conditions: [],
      conditions_generales: [{ type: "regions", values: ["84"] }],
      amount: 400,
      unit: "€",
      periodicity: "ponctuelle",
      link: "https://region-vallons.example/numerique",
    }),
  );
  return `${lines.join("\n")}\n`;
}

describeApps(
  "aid schemes over HTTP",
  (get) => {
    let referent: Session;
    let reader: Session;
    let outsider: Session;
    let baseId = "";

    before(async () => {
      const { app } = get();
      await seedUser(
        app,
        "referente-jeunesse@ville.example",
        ["agent", "referent"],
        "Solidarités > Jeunesse",
      );
      await seedUser(app, "agent-jeunesse@ville.example", ["agent"], "Solidarités > Jeunesse");
      await seedUser(app, "agent-voirie@ville.example", ["agent"], "Voirie");
      await seedUser(app, "dpo@ville.example", ["auditor"]);
      referent = await login(app, "referente-jeunesse@ville.example");
      reader = await login(app, "agent-jeunesse@ville.example");
      outsider = await login(app, "agent-voirie@ville.example");
      // The default personal-data setting (quarantine): public schemes go through.
      const base = await call(app, "POST", "/api/knowledge-bases", referent, {
        name: "Aides jeunes",
      });
      assert.equal(base.statusCode, 201, base.body);
      baseId = base.json().id;
    });

    it("imports a file: each scheme a row and a document, searchable and cited like any other", async () => {
      const { app } = get();
      const response = await importFile(app, referent, baseId, FIXTURE);
      assert.equal(response.statusCode, 202, response.body);
      assert.deepEqual(response.json(), {
        knowledgeBaseId: baseId,
        schemes: 12,
        added: 12,
        updated: 0,
        unchanged: 0,
        removed: 0,
        kept: 0,
        failed: [],
      });
      await app.services.worker.drain();
      const list = await schemes(app, referent, baseId);
      assert.equal(list.total, 12);
      assert.deepEqual(
        list.items.map((scheme) => scheme.id),
        [...list.items.map((scheme) => scheme.id)].sort(),
      );
      assert.ok(
        list.items.every((scheme) => scheme.documentStatus === "ready"),
        JSON.stringify(list.items.map((s) => [s.id, s.documentStatus])),
      );
      const bafa = list.items.find((scheme) => scheme.id === "bafa-haute-savoie");
      assert.equal(bafa?.title, "Aide au BAFA en Haute-Savoie");
      assert.deepEqual(
        bafa?.conditions.general.map((entry) => [entry.label, entry.condition]),
        [
          ["16 ans et plus", { type: "age", operator: ">=", value: 16 }],
          ["département 74", { type: "departements", values: ["74"] }],
        ],
      );
      assert.deepEqual(bafa?.conditions.text, ["Avoir commencé une formation au BAFA."]);
      const files = await documents(app, referent, baseId);
      assert.equal(files.length, 12);
      assert.ok(files.some((file) => file.fileName === "aides/bafa-haute-savoie.md"));

      const search = await call(
        app,
        "GET",
        `/api/knowledge-bases/${baseId}/search?q=${encodeURIComponent("aide au BAFA Haute-Savoie")}`,
        reader,
      );
      assert.equal(search.statusCode, 200, search.body);
      assert.equal(search.json().hits[0].fileName, "aides/bafa-haute-savoie.md");
      const ask = await call(app, "POST", "/api/ask", reader, {
        question: "Quel est le montant de la bourse au permis de conduire de Montclar ?",
        knowledgeBaseIds: [baseId],
      });
      assert.equal(ask.statusCode, 200, ask.body);
      assert.equal(ask.json().abstained, false, ask.body);
      assert.equal(ask.json().citations[0].fileName, "aides/permis-commune-montclar.md");
      const passage = await call(app, "GET", ask.json().citations[0].url, reader);
      assert.match(passage.json().text, /600 €/);
      assert.doesNotMatch(passage.json().text, /<script|alert/);
    });

    it("pages the list", async () => {
      const { app } = get();
      const first = await schemes(app, reader, baseId, "?limit=5");
      const third = await schemes(app, reader, baseId, "?limit=5&offset=10");
      assert.deepEqual([first.total, first.items.length, third.items.length], [12, 5, 2]);
      assert.equal(first.limit, 5);
      assert.equal(third.offset, 10);
      const all = await schemes(app, reader, baseId);
      assert.deepEqual(
        third.items.map((s) => s.id),
        all.items.slice(10).map((s) => s.id),
      );
      const bad = await call(app, "GET", `/api/knowledge-bases/${baseId}/aids?limit=0`, reader);
      assert.equal(bad.statusCode, 400);
    });

    it("finds the schemes that fit a situation, says why, and sets apart those it excludes", async () => {
      const { app } = get();
      const find = (body: object, as = reader) =>
        call(app, "POST", `/api/knowledge-bases/${baseId}/aids/find`, as, body);
      const annecy = await find({
        question:
          "Bonjour, j'ai 19 ans et j'habite à Annecy, y a-t-il une aide pour passer le BAFA ?",
      });
      assert.equal(annecy.statusCode, 200, annecy.body);
      const found = annecy.json();
      assert.deepEqual(found.situation, {
        age: 19,
        statuses: [],
        place: { kind: "commune", code: "74010", name: "Annecy" },
      });
      const [bafa] = found.aids;
      assert.equal(bafa.id, "bafa-haute-savoie");
      assert.deepEqual(bafa.why, ["16 ans et plus", "département 74"]);
      // A condition written as a sentence is never settled: the agent checks it.
      assert.equal(bafa.verdict, "possible");
      assert.deepEqual(bafa.toCheck, ["Avoir commencé une formation au BAFA."]);
      assert.equal(bafa.institution, "Caisse d'allocations familiales des Alpes fictives");
      assert.ok(found.aids.every((aid: { verdict: string }) => aid.verdict !== "excluded"));

      // Too young here, elsewhere there: the scheme is set apart, with the reason.
      const young = (
        await find({ question: "une aide pour le BAFA", age: 15, place: "Annecy" })
      ).json();
      const tooYoung = young.excluded.find((aid: { id: string }) => aid.id === "bafa-haute-savoie");
      assert.ok(tooYoung, JSON.stringify(young));
      assert.match(tooYoung.unmet.join(" "), /16 ans/);
      assert.ok(!young.aids.some((aid: { id: string }) => aid.id === "bafa-haute-savoie"));
      const lille = (await find({ question: "aide BAFA", place: "Lille" })).json();
      assert.equal(lille.situation.place.name, "Lille");
      assert.ok(lille.excluded.some((aid: { id: string }) => aid.id === "bafa-haute-savoie"));

      // A form alone: the schemes of the asker's territory first, none from elsewhere.
      const form = (await find({ age: 20, place: "74010" })).json();
      const ids = form.aids.map((aid: { id: string }) => aid.id);
      assert.ok(ids.includes("transport-etudiant-metropole"), ids.join(", "));
      assert.ok(
        !ids.includes("aide-logement-jeunes-cp") ||
          ids.indexOf("bafa-haute-savoie") < ids.indexOf("aide-logement-jeunes-cp"),
      );
      assert.ok(form.excluded.every((aid: { unmet: string[] }) => aid.unmet.length > 0));

      // A place that names no French territory is said, never guessed.
      const nowhere = (await find({ question: "aide BAFA", place: "Atlantide" })).json();
      assert.equal(nowhere.situation.unknownPlace, "Atlantide");
      assert.equal(nowhere.situation.place, undefined);

      const empty = await find({});
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json().error.code, "aids_find_empty");
      assert.match(empty.json().error.message, /situation/);
      assert.equal((await find({ question: "aide BAFA" }, outsider)).statusCode, 404);
    });

    it("imports the same file again without a change, then updates, adds and keeps what the file left out", async () => {
      const { app } = get();
      const before = await schemes(app, referent, baseId);
      const again = await importFile(app, referent, baseId, FIXTURE);
      assert.equal(again.statusCode, 202, again.body);
      assert.deepEqual(
        [again.json().added, again.json().updated, again.json().unchanged, again.json().removed],
        [0, 0, 12, 0],
      );
      assert.deepEqual((await schemes(app, referent, baseId)).items, before.items);

      const changed = await importFile(app, referent, baseId, changedFile());
      assert.equal(changed.statusCode, 202, changed.body);
      assert.deepEqual(
        [
          changed.json().added,
          changed.json().updated,
          changed.json().unchanged,
          changed.json().removed,
          changed.json().kept,
        ],
        [1, 1, 10, 0, 1],
      );
      await app.services.worker.drain();
      const after = await schemes(app, referent, baseId);
      assert.equal(after.total, 13);
      assert.equal(after.items.find((s) => s.id === "sport-hors-agglo")?.amount, 45);
      assert.ok(after.items.some((s) => s.id === "insertion-rsa"));
      // One document per scheme, never two: the changed one was replaced in place.
      const files = await documents(app, referent, baseId);
      assert.equal(files.length, 13);
      const sport = after.items.find((s) => s.id === "sport-hors-agglo");
      assert.equal(
        sport?.documentId,
        before.items.find((s) => s.id === "sport-hors-agglo")?.documentId,
      );
      const search = await call(
        app,
        "GET",
        `/api/knowledge-bases/${baseId}/search?q=${encodeURIComponent("chèque sport départemental montant")}`,
        reader,
      );
      assert.match(search.json().hits[0].text, /45 €/);
    });

    it("removes the schemes the file left out only when asked to replace, with their documents", async () => {
      const { app } = get();
      const removedDocument = (await schemes(app, referent, baseId)).items.find(
        (s) => s.id === "insertion-rsa",
      )?.documentId;
      const replaced = await importFile(app, referent, baseId, changedFile(), "?replace=true");
      assert.equal(replaced.statusCode, 202, replaced.body);
      assert.deepEqual(
        [
          replaced.json().added,
          replaced.json().updated,
          replaced.json().unchanged,
          replaced.json().removed,
          replaced.json().kept,
        ],
        [0, 0, 12, 1, 0],
      );
      const after = await schemes(app, referent, baseId);
      assert.equal(after.total, 12);
      assert.ok(!after.items.some((s) => s.id === "insertion-rsa"));
      const files = await documents(app, referent, baseId);
      assert.equal(files.length, 12);
      assert.ok(!files.some((file) => file.id === removedDocument));
      const search = await call(
        app,
        "GET",
        `/api/knowledge-bases/${baseId}/search?q=${encodeURIComponent("allocataires du RSA référent unique")}`,
        reader,
      );
      assert.ok(
        !search
          .json()
          .hits.some((hit: { fileName: string }) => hit.fileName === "aides/insertion-rsa.md"),
      );
    });

    it("refuses a malformed file whole, with its line and field, and loses nothing", async () => {
      const { app } = get();
      const before = await schemes(app, referent, baseId);
      const lines = changedFile().trim().split("\n");
      lines[4] = (lines[4] as string).replace(
        '"operator": "=", "value": 18',
        '"operator": "≥", "value": 18',
      );
      const bad = lines.map((line, index) =>
        index === 0 ? line.replace('"amount": 109', '"amount": 1') : line,
      );
      const response = await importFile(
        app,
        referent,
        baseId,
        `${bad.join("\n")}\n`,
        "?replace=true",
      );
      assert.equal(response.statusCode, 400, response.body);
      const { error } = response.json();
      assert.equal(error.code, "aids_field_invalid");
      assert.deepEqual(error.details, { line: 5, field: "conditions_generales[2].operator" });
      assert.match(
        error.message,
        /^Ligne 5, champ « conditions_generales\[2\]\.operator » : valeur non reconnue .* Rien n'a été importé ; les aides déjà importées sont conservées\.$/,
      );
      const after = await schemes(app, referent, baseId);
      assert.deepEqual(after.items, before.items);
      assert.equal(after.items.find((s) => s.id === "bafa-haute-savoie")?.amount, 109);

      const json = await importFile(app, referent, baseId, `${LINES[0]}\n{"id": "x", "title":\n`);
      assert.equal(json.json().error.code, "aids_line_not_json");
      assert.deepEqual(json.json().error.details, { line: 2 });
      const empty = await importFile(app, referent, baseId, "\n");
      assert.equal(empty.json().error.code, "aids_file_empty");
      assert.equal((await schemes(app, referent, baseId)).total, 12);
    });

    it("refuses a file over the size limit, two files at once, and a body that is not a file", async () => {
      const { app } = get();
      const large = await importFile(app, referent, baseId, `${LINES[0]}\n`.repeat(2000));
      assert.equal(large.statusCode, 413, large.body);
      assert.equal(large.json().error.code, "aids_file_too_large");
      assert.match(large.json().error.message, /dépasse 1 Mo/);
      const { payload, headers } = multipart([
        { name: "a.jsonl", content: `${LINES[0]}\n` },
        { name: "b.jsonl", content: `${LINES[1]}\n` },
      ]);
      const two = await app.server.inject({
        method: "POST",
        url: `/api/knowledge-bases/${baseId}/aids`,
        headers: { ...headers, cookie: referent.cookie, "x-csrf-token": referent.csrf },
        payload,
      });
      assert.equal(two.statusCode, 413, two.body);
      assert.equal(two.json().error.code, "too_many_files");
      const notMultipart = await call(
        app,
        "POST",
        `/api/knowledge-bases/${baseId}/aids`,
        referent,
        {
          id: "x",
        },
      );
      assert.equal(notMultipart.statusCode, 415);
      assert.equal((await schemes(app, referent, baseId)).total, 12);
    });

    it("lets only those who manage the base import, and only its readers list", async () => {
      const { app } = get();
      const byReader = await importFile(app, reader, baseId, FIXTURE, "?replace=true");
      assert.equal(byReader.statusCode, 403, byReader.body);
      assert.equal(byReader.json().error.code, "forbidden");
      // A referent of a service below the owner reads the base but does not manage it.
      await seedUser(
        app,
        "referent-accueil@ville.example",
        ["agent", "referent"],
        "Solidarités > Jeunesse > Accueil",
      );
      const belowReferent = await login(app, "referent-accueil@ville.example");
      // One scheme already there, replacing: were it let through, it would remove the eleven others.
      const byBelow = await importFile(
        app,
        belowReferent,
        baseId,
        `${LINES[1]}\n`,
        "?replace=true",
      );
      assert.equal(byBelow.statusCode, 403, byBelow.body);
      assert.equal((await schemes(app, belowReferent, baseId)).total, 12);
      // An agent has no right to write any base; a referent of another direction cannot see this one.
      assert.equal((await importFile(app, outsider, baseId, FIXTURE)).statusCode, 403);
      await seedUser(app, "referent-voirie@ville.example", ["agent", "referent"], "Voirie");
      const otherReferent = await login(app, "referent-voirie@ville.example");
      const byOtherReferent = await importFile(app, otherReferent, baseId, FIXTURE);
      assert.equal(byOtherReferent.statusCode, 404, byOtherReferent.body);
      assert.equal(byOtherReferent.json().error.code, "knowledge_base_not_found");
      assert.equal(
        (await call(app, "GET", `/api/knowledge-bases/${baseId}/aids`, outsider)).statusCode,
        404,
      );
      assert.equal((await call(app, "GET", `/api/knowledge-bases/${baseId}/aids`)).statusCode, 401);
      const noSession = await app.server.inject({
        method: "POST",
        url: `/api/knowledge-bases/${baseId}/aids`,
        ...multipart([{ name: "a.jsonl", content: FIXTURE }]),
      });
      assert.equal(noSession.statusCode, 401);
      // A key that may only read the bases cannot import, even for a referent.
      const referentId = (await app.services.users.list()).find(
        (user) => user.email === "referente-jeunesse@ville.example",
      )?.id as string;
      const key = await app.services.apiKeys.create(referentId, {
        name: "lecture",
        scopes: ["knowledge:read"],
      });
      const byKey = await app.server.inject({
        method: "POST",
        url: `/api/knowledge-bases/${baseId}/aids`,
        headers: {
          ...multipart([{ name: "a.jsonl", content: FIXTURE }]).headers,
          authorization: `Bearer ${key.token}`,
        },
        payload: multipart([{ name: "a.jsonl", content: FIXTURE }]).payload,
      });
      assert.equal(byKey.statusCode, 403);
      assert.equal((await schemes(app, reader, baseId)).total, 12);
    });

    it("documents both routes in the OpenAPI document", async () => {
      const document = (await call(get().app, "GET", "/api/openapi.json")).json();
      const aids = document.paths["/api/knowledge-bases/{id}/aids"];
      assert.ok(aids?.get && aids?.post);
      assert.deepEqual(
        aids.post.parameters.map((parameter: { name: string; in: string }) => [
          parameter.name,
          parameter.in,
        ]),
        [
          ["id", "path"],
          ["replace", "query"],
        ],
      );
      assert.deepEqual(
        aids.get.parameters.map((parameter: { name: string }) => parameter.name),
        ["id", "limit", "offset"],
      );
    });

    it("records each import in the audit log, with counts and ids only", async () => {
      const { app } = get();
      const auditor = await login(app, "dpo@ville.example");
      const response = await call(app, "GET", "/api/audit?limit=500", auditor);
      assert.equal(response.statusCode, 200, response.body);
      const imports = (
        response.json().entries as {
          action: string;
          target: string;
          actor: { kind: string; id: string };
          details: Record<string, unknown>;
        }[]
      ).filter((entry) => entry.action === "aid-schemes.imported");
      // First import, same file, changed file, replace; refused files are not recorded.
      assert.equal(imports.length, 4);
      const replace = imports.find((entry) => entry.details.replace === true);
      assert.equal(replace?.target, baseId);
      assert.equal(replace?.actor.kind, "user");
      assert.equal(replace?.details.removed, 1);
      assert.equal((replace?.details.removedDocuments as string[] | undefined)?.length, 1);
      assert.doesNotMatch(JSON.stringify(imports), /BAFA|Montclar|Vallons/);
    });

    it("keeps a scheme whose sheet holds personal data out of its readers' sight, as any quarantined document", async () => {
      const { app } = get();
      const scheme = JSON.stringify({
        id: "aide-contact-direct",
        title: "Aide au transport scolaire",
        institution: "Ville de Montclar-sur-Arve",
        institution_type: "commune",
        description:
          "Écrivez à Mme Odile Ferrand, odile.ferrand@gmail.com, 06 12 34 56 78, née le 12/03/1987.",
        conditions_generales: [],
        link: "https://montclar.example/transport",
      });
      const response = await importFile(app, referent, baseId, `${scheme}\n`);
      assert.equal(response.statusCode, 202, response.body);
      assert.equal(response.json().kept, 12);
      await app.services.worker.drain();
      const managed = await schemes(app, referent, baseId);
      assert.equal(managed.total, 13);
      assert.equal(
        managed.items.find((s) => s.id === "aide-contact-direct")?.documentStatus,
        "quarantined",
      );
      const read = await schemes(app, reader, baseId);
      assert.equal(read.total, 12);
      assert.ok(!read.items.some((s) => s.id === "aide-contact-direct"));
      const search = await call(
        app,
        "GET",
        `/api/knowledge-bases/${baseId}/search?q=${encodeURIComponent("transport scolaire Odile Ferrand")}`,
        referent,
      );
      assert.ok(
        !search
          .json()
          .hits.some((hit: { fileName: string }) => hit.fileName.includes("aide-contact-direct")),
      );
    });
  },
  { BEFFROI_KNOWLEDGE__MAX_FILE_MEGABYTES: "1" },
);
