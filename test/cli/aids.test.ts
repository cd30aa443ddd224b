import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, it } from "node:test";
import { describeCli } from "../support/cli.js";

const FIXTURE = readFileSync(
  new URL("../fixtures/aids/aides-inventees.jsonl", import.meta.url),
  "utf8",
);
const LINES = FIXTURE.trim().split("\n");

describeCli("beffroi aids", ({ dataDir, cli }) => {
  before(async () => {
    const direction = await cli(["direction", "add", "Jeunesse"]);
    assert.equal(direction.code, 0, direction.stderr);
    const base = await cli(["kb", "create", "Aides jeunes", "--direction", "Jeunesse"]);
    assert.equal(base.code, 0, base.stderr);
  });

  const write = (name: string, content: string) => {
    writeFileSync(path.join(dataDir, name), content);
    return name;
  };
  const importFile = (file: string, ...flags: string[]) =>
    cli(["aids", "import", file, "--kb", "Aides jeunes", ...flags]);

  it("imports a file, says what it did in French, and ingests the sheets before returning", async () => {
    const run = await importFile(write("aides.jsonl", FIXTURE));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      "Aides importées dans « Aides jeunes » : 12 ajoutée(s), 0 mise(s) à jour, 0 inchangée(s), 0 retirée(s).\n" +
        "Fiches des aides : 12 intégrée(s), 0 en quarantaine, 0 en échec (voir « beffroi kb audit Aides jeunes »).\n",
    );
    const search = await cli(["search", "bourse au permis de conduire", "--kb", "Aides jeunes"]);
    assert.equal(search.code, 0, search.stderr);
    assert.match(search.stdout, /^1\. aides\/permis-commune-montclar\.md/);
  });

  it("searches and answers questions read as JSON lines, one result line each, in one process", async () => {
    const input = [
      JSON.stringify({ id: "q1", query: "bonjour, une aide pour passer le permis svp" }),
      "",
      "pas du JSON",
      JSON.stringify({ id: 7, query: "Hébergement d'urgence pour un jeune à la rue" }),
      JSON.stringify({ id: "q3", query: "   " }),
    ].join("\n");
    const search = await cli(["search", "--kb", "Aides jeunes", "--jsonl", "--limit", "3"], input);
    assert.equal(search.code, 1, "a line could not be read");
    const lines = search.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    assert.equal(lines.length, 4);
    assert.equal(lines[0].id, "q1");
    assert.equal(lines[0].documents[0].fileName, "aides/permis-commune-montclar.md");
    assert.ok(lines[0].documents.length <= 3);
    assert.equal(
      new Set(lines[0].documents.map((d: { documentId: string }) => d.documentId)).size,
      lines[0].documents.length,
      "each document once",
    );
    assert.deepEqual(lines[1], {
      id: null,
      error: {
        code: "invalid_line",
        message:
          'Ligne 3 illisible (JSON) : attendu un objet JSON { "id", "query" } par ligne, d\'au plus 20 000 caractères.',
      },
    });
    assert.equal(lines[2].id, 7);
    assert.equal(lines[2].documents[0].fileName, "aides/hebergement-urgence.md");
    assert.equal(lines[3].id, "q3");
    assert.equal(lines[3].error.code, "invalid_line");

    const ask = await cli(
      ["ask", "--kb", "Aides jeunes", "--jsonl"],
      [
        JSON.stringify({
          id: "a",
          query: "Est-ce qu'il existe une bourse pour le permis de conduire ?",
        }),
        JSON.stringify({
          id: "b",
          query: "Quels sont les horaires de la piscine municipale ?",
        }),
      ].join("\n"),
    );
    assert.equal(ask.code, 0, ask.stderr);
    const [answered, refused] = ask.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    assert.equal(answered.id, "a");
    assert.equal(answered.abstained, false);
    assert.deepEqual(answered.citations[0], "aides/permis-commune-montclar.md");
    assert.match(answered.answer, /« .+ » \[1\]/s);
    assert.equal(refused.id, "b");
    assert.equal(refused.abstained, true);
    assert.deepEqual(refused.citations, []);
  });

  it("finds the schemes for a situation, in words or as JSON lines of the schemes' ids", async () => {
    const found = await cli([
      "aids",
      "find",
      "une aide pour le BAFA",
      "--kb",
      "Aides jeunes",
      "--age",
      "19",
      "--place",
      "Annecy",
    ]);
    assert.equal(found.code, 0, found.stderr);
    assert.match(found.stdout, /^Situation lue : âge 19 ; lieu Annecy ; statut non précisé\.\n/);
    assert.match(
      found.stdout,
      /1\. Aide au BAFA en Haute-Savoie \(Caisse d'allocations familiales des Alpes fictives\)[^\n]*\[bafa-haute-savoie\]\n {3}Convient : 16 ans et plus ; département 74\n {3}À vérifier : Avoir commencé une formation au BAFA\./,
    );
    const lines = await cli(
      ["aids", "find", "--kb", "Aides jeunes", "--jsonl"],
      [
        JSON.stringify({
          id: "f1",
          query: "j'ai 19 ans, j'habite à Annecy, une aide pour le BAFA ?",
        }),
        JSON.stringify({ id: "f2", query: "aide BAFA, j'habite à Lille" }),
      ].join("\n"),
    );
    assert.equal(lines.code, 0, lines.stderr);
    const [annecy, lille] = lines.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    assert.equal(annecy.id, "f1");
    assert.equal(annecy.aids[0], "bafa-haute-savoie");
    assert.equal(annecy.situation.place.code, "74010");
    assert.equal(lille.id, "f2");
    assert.ok(!lille.aids.includes("bafa-haute-savoie"), "another département's scheme");
    const nowhere = await cli([
      "aids",
      "find",
      "BAFA",
      "--kb",
      "Aides jeunes",
      "--place",
      "Atlantide",
    ]);
    assert.match(nowhere.stdout, /lieu « Atlantide » non reconnu/);
    const bad = await cli(["aids", "find", "BAFA", "--kb", "Aides jeunes", "--age", "deux"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--age : un âge en années/);
  });

  it("counts unchanged, updated and added schemes, and keeps the ones left out unless told to replace", async () => {
    const same = await importFile("aides.jsonl");
    assert.match(
      same.stdout,
      /0 ajoutée\(s\), 0 mise\(s\) à jour, 12 inchangée\(s\), 0 retirée\(s\)/,
    );
    const changed = LINES.filter((line) => !line.includes('"id": "hebergement-urgence"')).map(
      (line) => line.replace('"amount": 109', '"amount": 120'),
    );
    changed.push(
      JSON.stringify({
        id: "aide-nouvelle",
        title: "Carte jeunes des Vallons",
        institution: "Région des Vallons",
        link: "https://region-vallons.example/carte",
      }),
    );
    const file = write("aides-v2.jsonl", `${changed.join("\n")}\n`);
    const kept = await importFile(file, "--json");
    assert.equal(kept.code, 0, kept.stderr);
    const report = JSON.parse(kept.stdout);
    assert.deepEqual(
      [report.added, report.updated, report.unchanged, report.removed, report.kept],
      [1, 1, 10, 0, 1],
    );
    assert.equal(report.documents.ready, 13);
    const again = await importFile(file);
    assert.match(
      again.stdout,
      /0 ajoutée\(s\), 0 mise\(s\) à jour, 12 inchangée\(s\), 0 retirée\(s\)\./,
    );
    assert.match(
      again.stdout,
      /1 aide\(s\) déjà importée\(s\) absente\(s\) du fichier : conservée\(s\)\. Pour les retirer, importez le fichier avec --replace\./,
    );
    const replaced = await importFile(file, "--replace");
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.match(
      replaced.stdout,
      /0 ajoutée\(s\), 0 mise\(s\) à jour, 12 inchangée\(s\), 1 retirée\(s\)\./,
    );
    assert.match(replaced.stdout, /Fiches des aides : 12 intégrée\(s\)/);
    const list = await cli(["kb", "list"]);
    assert.match(list.stdout, /Aides jeunes\tJeunesse\t12 documents/);
  });

  it("refuses a malformed file with its line and field, and changes nothing", async () => {
    const lines = LINES.map((line, index) =>
      index === 6 ? line.replace('"values": ["84"]', '"values": "84"') : line,
    );
    const run = await importFile(write("casse.jsonl", `${lines.join("\n")}\n`), "--replace");
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      "Erreur : Ligne 7, champ « conditions_generales[1].values » : valeur attendue : une liste. Rien n'a été importé ; les aides déjà importées sont conservées.\n",
    );
    const list = await cli(["kb", "list"]);
    assert.match(list.stdout, /Aides jeunes\tJeunesse\t12 documents/);
  });

  it("says what is missing or wrong on the command line", async () => {
    const noFile = await cli(["aids", "import", "--kb", "Aides jeunes"]);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /Indiquez le fichier à importer/);
    const noBase = await cli(["aids", "import", "aides.jsonl"]);
    assert.equal(noBase.code, 2);
    assert.match(noBase.stderr, /--kb/);
    const unknown = await cli(["aids", "import", "aides.jsonl", "--kb", "Inconnue"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Base de connaissances introuvable : Inconnue/);
    const missing = await cli(["aids", "import", "absent.jsonl", "--kb", "Aides jeunes"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /fichier ou dossier introuvable/);
    const action = await cli(["aids", "export"]);
    assert.equal(action.code, 2);
    assert.match(action.stderr, /Commande inconnue : aids export/);
  });
});
