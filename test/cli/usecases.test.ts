import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { runIn } from "../support/cli.js";

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
        ["deliberation", 1, "drafting"],
        ["marche-public", 1, "procurement"],
      ],
    );
    const rapporteur = list[0].fields.find((field: { id: string }) => field.id === "rapporteur");
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
      /^deliberation \(version 1\) — Délibération \/ rapport au conseil \[drafting\]$/m,
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

  it("says in French what is wrong: unknown id, missing file, invalid JSON, missing fields, usage", async () => {
    const unknown = await run(["baseline", "cantine", "--input", "x.json"]);
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /Cas d'usage inconnu : « cantine »\. Cas disponibles : deliberation, marche-public\./,
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
