import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { WATCH_FEED } from "../http/usecase-values.js";
import { describeCli, runIn } from "../support/cli.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";

const dir = mkdtempSync(path.join(tmpdir(), "beffroi-usecases-cli-"));
const env: NodeJS.ProcessEnv = {
  BEFFROI_DATA_DIR: path.join(dir, "data"),
  BEFFROI_LOG_LEVEL: "silent",
};

/** Runs `beffroi usecases …` in-process on this test's folder: no database, no model. */
const run = (args: string[]) => runIn(dir, ["usecases", ...args], env);

const write = (name: string, content: string) => {
  writeFileSync(path.join(dir, name), content);
  return name;
};

const MARCHE = {
  acheteur: "Communauté de communes du Val",
  objet: "Fourniture de repas pour les cantines",
  nature: "Fournitures",
  procedure: "Appel d'offres ouvert",
  besoin: "Environ 800 repas par jour scolaire, dont 50 % de produits durables.",
  criteres: ["Prix : 30 %", "Qualité des repas : 50 %", "Performance environnementale : 20 %"],
};

describe("beffroi usecases", () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the catalogue as JSON: id, version, name, category, fields", async () => {
    const result = await run(["list", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const list = JSON.parse(result.stdout);
    assert.deepEqual(
      list.map((useCase: { id: string; version: number; category: string }) => [
        useCase.id,
        useCase.version,
        useCase.category,
      ]),
      [
        ["accueil", 1, "reception"],
        ["compte-rendu", 1, "minutes"],
        ["deliberation", 2, "drafting"],
        ["langage-clair", 2, "plain-language"],
        ["marche-public", 1, "procurement"],
        ["note-de-synthese", 1, "summary"],
        ["permission-voirie", 1, "general"],
        ["reponse-apa", 1, "reception"],
        ["reponse-cee", 1, "reception"],
        ["ressources-humaines", 1, "hr"],
        ["veille", 1, "watch"],
      ],
    );
    const rapporteur = list[2].fields.find((field: { id: string }) => field.id === "rapporteur");
    assert.deepEqual(rapporteur, {
      type: "text",
      id: "rapporteur",
      label: "Rapporteur",
      help: "L'élu qui présente l'affaire, avec sa fonction (« M. le premier adjoint chargé des finances »).",
      required: true,
      personalData: true,
    });
  });

  it("lists the catalogue in French for a reader", async () => {
    const result = await run(["list"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^deliberation \(version 2\) — Délibération \/ rapport au conseil \[drafting\]$/m,
    );
    assert.match(
      result.stdout,
      /rapporteur : Rapporteur \(texte, obligatoire, données personnelles possibles\)/,
    );
    assert.match(result.stdout, /date_seance : Date de la séance \(date, obligatoire\)/);
  });

  it("prints a baseline for the form's values, without any model", async () => {
    const result = await run([
      "baseline",
      "marche-public",
      "--input",
      write("marche.json", JSON.stringify(MARCHE)),
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^# Définition du besoin\n/);
    assert.match(
      result.stdout,
      /1\. Prix : 30 %\n2\. Qualité des repas : 50 %\n3\. Performance environnementale : 20 %/,
    );
    assert.match(
      result.stdout,
      /# Plan du CCTP\n\nArticle 1 : Objet du marché — Fourniture de repas/,
    );
    assert.equal(result.stderr, "");
  });

  it("prints the plain-language lint of a text: measures, jargon, rewrite", async () => {
    const result = await run([
      "baseline",
      "langage-clair",
      "--input",
      write(
        "clair.json",
        JSON.stringify({
          texte: "Nonobstant les dispositions susvisées, votre dossier doit être complété.",
          public: "Grand public",
        }),
      ),
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^# Langage clair : relecture sans IA\n/);
    assert.match(
      result.stdout,
      /\| Facilité de lecture \(Flesch adapté au français par Kandel et Moles\) \| \d/,
    );
    assert.match(result.stdout, /- « susvisées » → « citées plus haut »/);
    assert.match(
      result.stdout,
      /\n\nMalgré les dispositions citées plus haut, votre dossier doit être complété\.\n$/,
    );
  });

  it("reads a document field named as a file: a WebVTT transcript for the minutes, a DOCX for a summary", async () => {
    write(
      "reunion.vtt",
      "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Paul Martin>Le bureau valide le budget du festival.\n\n00:00:05.000 --> 00:00:08.000\n<v Léa Petit>Je m'engage à réserver la salle d'ici vendredi.\n",
    );
    const minutes = await run([
      "baseline",
      "compte-rendu",
      "--input",
      write(
        "reunion.json",
        JSON.stringify({
          date_reunion: "2025-03-10",
          instance: "Bureau du festival",
          transcription: "reunion.vtt",
        }),
      ),
    ]);
    assert.equal(minutes.code, 0, minutes.stderr);
    assert.match(minutes.stdout, /^# Compte rendu — Bureau du festival\n/);
    assert.match(minutes.stdout, /## Décisions\n\n1\. Le bureau valide le budget du festival\./);
    assert.match(
      minutes.stdout,
      /\| Léa Petit \| .*réserver la salle.* \| vendredi 14 mars 2025 \|/,
    );

    const docx = path.resolve("test/fixtures/documents/reglement-cantine.docx");
    const summary = await run([
      "baseline",
      "note-de-synthese",
      "--input",
      write("synthese.json", JSON.stringify({ objet: "Cantine", document_1: docx })),
    ]);
    assert.equal(summary.code, 0, summary.stderr);
    assert.match(summary.stdout, /^# Note de synthèse : extraits principaux — Cantine\n/);
    assert.match(summary.stdout, /\n- .*cantine/i);
    assert.doesNotMatch(summary.stdout, /reglement-cantine\.docx/);

    write("vide.docx", "PK\u0003\u0004 pas un vrai fichier");
    const broken = await run([
      "baseline",
      "note-de-synthese",
      "--input",
      write("casse.json", JSON.stringify({ objet: "Cantine", document_1: "vide.docx" })),
    ]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /Document « Document à synthétiser » illisible : /);
  });

  it("says that a search baseline needs a database, and creates none", async () => {
    const result = await run([
      "baseline",
      "accueil",
      "--input",
      write("accueil.json", JSON.stringify({ question: "Horaires ?", canal: "Guichet" })),
    ]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /recherche dans ses bases documentaires : il lui faut la base de données de Beffroi/,
    );
    assert.equal(existsSync(path.join(dir, "data", "beffroi.db")), false);
    const watch = await run([
      "baseline",
      "veille",
      "--input",
      write("veille.json", JSON.stringify({ themes: ["voirie"], public: "Élus" })),
    ]);
    assert.equal(watch.code, 1);
    assert.match(
      watch.stderr,
      /éléments de la veille documentaire : il lui faut la base de données/,
    );
    assert.equal(existsSync(path.join(dir, "data", "beffroi.db")), false);
  });

  it("says in French what is wrong: unknown id, missing file, invalid JSON, missing fields, usage", async () => {
    const unknown = await run(["baseline", "cantine", "--input", "x.json"]);
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /Cas d'usage inconnu : « cantine »\. Cas disponibles : accueil, compte-rendu, deliberation, /,
    );

    const missing = await run(["baseline", "deliberation", "--input", "absent.json"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /absent\.json/);

    const broken = await run([
      "baseline",
      "deliberation",
      "--input",
      write("broken.json", "{ objet: "),
    ]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /Le fichier broken\.json n'est pas un JSON valide/);

    const partial = { ...MARCHE, besoin: undefined, criteres: [] };
    const fields = await run([
      "baseline",
      "marche-public",
      "--input",
      write("partial.json", JSON.stringify(partial)),
    ]);
    assert.equal(fields.code, 1);
    assert.match(
      fields.stderr,
      /Champ\(s\) obligatoire\(s\) à remplir : « Description du besoin », « Critères d'attribution »\./,
    );

    const notObject = await run([
      "baseline",
      "marche-public",
      "--input",
      write("list.json", "[1]"),
    ]);
    assert.equal(notObject.code, 1);
    assert.match(notObject.stderr, /objet JSON/);

    const noInput = await run(["baseline", "deliberation"]);
    assert.equal(noInput.code, 2);
    assert.match(noInput.stderr, /--input FICHIER\.json/);

    const noAction = await run(["supprimer"]);
    assert.equal(noAction.code, 2);
    assert.match(noAction.stderr, /Commande inconnue : usecases supprimer/);
  });
});

describeCli("beffroi usecases baseline (search)", ({ dataDir, cli }) => {
  it("lists the passages of the local database's bases that answer the question", async () => {
    assert.equal((await cli(["direction", "add", "Accueil"])).code, 0);
    assert.equal((await cli(["kb", "create", "Accueil", "--direction", "Accueil"])).code, 0);
    writeFileSync(
      path.join(dataDir, "horaires.md"),
      "# Horaires de la mairie\n\nLa mairie ouvre du lundi au vendredi, de 8 h 30 à 17 h. Le samedi matin, seul l'état civil reçoit.\n",
    );
    const ingested = await cli(["ingest", "horaires.md", "--kb", "Accueil"]);
    assert.equal(ingested.code, 0, ingested.stderr);
    writeFileSync(
      path.join(dataDir, "question.json"),
      JSON.stringify({
        question: "Quels sont les horaires de la mairie le samedi ?",
        canal: "Téléphone",
      }),
    );
    const result = await cli([
      "usecases",
      "baseline",
      "accueil",
      "--input",
      "question.json",
      "--kb",
      "Accueil",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^# Résultats de la recherche\n/);
    assert.match(result.stdout, /Question : Quels sont les horaires de la mairie le samedi \?/);
    assert.match(
      result.stdout,
      /## Sources\n\n1\. \*\*.*\*\* \(.*base « Accueil »\)\n {3}> La mairie ouvre du lundi au vendredi/,
    );

    const unknown = await cli([
      "usecases",
      "baseline",
      "accueil",
      "--input",
      "question.json",
      "--kb",
      "Inconnue",
    ]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Inconnue/);
    assert.equal(unknown.stdout, "");
  });
});

describeCli(
  "beffroi watch, and the watch's baseline",
  ({ dataDir, cli }) => {
    let feeds: FeedServer;
    before(async () => {
      feeds = await startFeedServer();
      feeds.serve("/jo.xml", { body: WATCH_FEED });
    });
    after(() => feeds.close());

    it("declares a source, reads the due ones, lists them, and prints the items on the topics", async () => {
      const added = await cli([
        "watch",
        "add",
        "Journal officiel",
        "--url",
        `${feeds.url}/jo.xml`,
        "--kind",
        "feed",
        "--every",
        "60",
      ]);
      assert.equal(added.code, 0, added.stderr);
      assert.match(added.stdout, /Source de veille « Journal officiel » ajoutée/);
      const checked = await cli(["watch", "check"]);
      assert.equal(checked.code, 0, checked.stderr);
      assert.match(checked.stdout, /1 source\(s\) lue\(s\)/);
      const listed = await cli(["watch", "list"]);
      assert.match(listed.stdout, /Journal officiel \[feed\] — lue — 3 élément\(s\)/);
      writeFileSync(
        path.join(dataDir, "veille.json"),
        JSON.stringify({ themes: ["marchés publics"], public: "Élus" }),
      );
      const result = await cli(["usecases", "baseline", "veille", "--input", "veille.json"]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^# Veille documentaire : éléments retenus par mots-clés\n/);
      assert.match(result.stdout, /Thèmes : marchés publics/);
      assert.match(
        result.stdout,
        /1\. \*\*Décret relatif aux seuils de la commande publique\*\*\n {3}Journal officiel — 4 janvier 2026 — thèmes : marchés publics\n {3}> Le seuil de dispense/,
      );
      assert.doesNotMatch(result.stdout, /Bulletin météo|Appel à projets/);
    });

    it("refuses a bad kind, interval or address, in French", async () => {
      const kind = await cli([
        "watch",
        "add",
        "X",
        "--url",
        "https://example.fr/",
        "--kind",
        "pdf",
      ]);
      assert.equal(kind.code, 2);
      assert.match(kind.stderr, /--kind attend l'un de : feed, page/);
      const every = await cli([
        "watch",
        "add",
        "X",
        "--url",
        "https://example.fr/",
        "--every",
        "5",
      ]);
      assert.match(every.stderr, /--every attend un nombre entier de minutes/);
      const internal = await cli(["watch", "add", "X", "--url", "http://192.168.0.10/flux"]);
      assert.equal(internal.code, 1);
      assert.match(internal.stderr, /réseau interne/);
    });
  },
  { BEFFROI_WATCH__PRIVATE_HOSTS: "127.0.0.1" },
);
