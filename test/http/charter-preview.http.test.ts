import assert from "node:assert/strict";
import { before, it } from "node:test";
import { templateYaml } from "../../src/charter/index.js";
import { call, describeApps, login, type Session, seedAdmin, seedUser } from "../support/apps.js";

describeApps("charter preview: problems at their line, rules in plain French", (get) => {
  let admin: Session;
  let auditor: Session;
  let agent: Session;

  before(async () => {
    const { app } = get();
    admin = await seedAdmin(app);
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    await seedUser(app, "agent@ville.example", ["agent"]);
    auditor = await login(app, "dpo@ville.example");
    agent = await login(app, "agent@ville.example");
  });

  const preview = (yaml: string, who = admin) =>
    call(get().app, "POST", "/api/charter/preview", who, { yaml });

  it("places a syntax error on its line, in French, and saves nothing", async () => {
    const yaml =
      "title: Charte\nprinciples: |\n  Soyez prudents.\nforbiddenCategories: [decision\nquotas: {}\n";
    const answer = await preview(yaml);
    assert.equal(answer.statusCode, 200, answer.body);
    const body = answer.json();
    assert.equal(body.valid, false);
    assert.deepEqual(body.rules, []);
    assert.ok(body.errors.length > 0);
    const [first] = body.errors;
    assert.ok(first.line >= 4 && first.line <= 5, `line ${first.line}`);
    assert.equal(first.path, "");
    assert.match(first.message, /crochet|indentation/);
    const versions = await call(get().app, "GET", "/api/charter/versions", admin);
    assert.equal(versions.json().length, 1);
  });

  it("places schema problems on the line of the field in fault", async () => {
    const yaml = templateYaml("balanced")
      .replace("extraterritorial: pseudonymise", "extraterritorial: peut-etre")
      .replace("sobriety:", "sobriete: oui\nsobriety:");
    const lines = yaml.split("\n");
    const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
    const body = (await preview(yaml)).json();
    assert.equal(body.valid, false);
    const matrix = body.errors.find(
      (e: { path: string }) => e.path === "dataMatrix.personal.extraterritorial",
    );
    assert.ok(matrix, JSON.stringify(body.errors));
    assert.equal(matrix.line, lineOf("peut-etre"));
    assert.equal(matrix.message, "action attendue : allow, pseudonymise ou block");
    assert.equal(
      lines[matrix.line - 1]?.slice(matrix.column - 1).startsWith("extraterritorial"),
      true,
    );
    const unknown = body.errors.find((e: { path: string }) => e.path === "sobriete");
    assert.equal(unknown.line, lineOf("sobriete"));
    assert.match(unknown.message, /clé inconnue : « sobriete »/);

    const missing = (await preview("title: Charte sans principes\n")).json();
    assert.deepEqual(
      missing.errors.map((e: { line: number; message: string }) => [e.line, e.message]),
      [[1, "champ obligatoire manquant : « principles »"]],
    );
  });

  it("says a valid charter's rules in plain French, for administrators and the DPO, not agents", async () => {
    const yaml = templateYaml("balanced").replace(
      "quotas: {}",
      "quotas: { agent: { requests: 400, wh: 100 }, onExceed: degrade }",
    );
    const answer = await preview(yaml, auditor);
    assert.equal(answer.statusCode, 200, answer.body);
    const body = answer.json();
    assert.equal(body.valid, true);
    assert.deepEqual(body.errors, []);
    const sentences: string[] = body.rules.flatMap(
      (section: { sentences: string[] }) => section.sentences,
    );
    assert.ok(
      sentences.includes(
        "Données personnelles vers un hébergeur soumis à un droit extraterritorial : pseudonymisées avant envoi.",
      ),
      sentences.join("\n"),
    );
    assert.ok(
      sentences.includes(
        "Données sensibles vers un hébergeur soumis à un droit extraterritorial : bloquées, jamais envoyées.",
      ),
    );
    assert.ok(sentences.includes("Par agent et par mois : 400 demandes, 100 Wh."));
    assert.ok(sentences.some((s) => /seules des réponses extractives/.test(s)));
    assert.ok(
      sentences.some((s) => /Usages interdits : décision sur le dossier d'un usager/.test(s)),
    );
    assert.ok(sentences.some((s) => /après 365 jours sans activité/.test(s)));
    assert.ok(sentences.some((s) => /brouillons marqués « Brouillon assisté par IA/.test(s)));

    assert.equal((await preview(yaml, agent)).statusCode, 403);
  });
});
