import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../shared/errors.js";
import type { YamlProblem } from "../../shared/yaml-problems.js";
import { buildPrompt, runBaseline } from "./baseline.js";
import { runChecks } from "./checks.js";
import { exportUseCase, loadUseCase, shippedUseCases } from "./loader.js";

const catalogue = shippedUseCases();
const deliberation = catalogue.get("deliberation");
const marche = catalogue.get("marche-public");
if (!deliberation || !marche) throw new Error("shipped use cases missing");

const DELIBERATION_VALUES = {
  collectivite: "Commune de Saint-Amand",
  organe: "Conseil municipal",
  date_seance: "2025-03-01",
  objet: "Attribution d'une subvention au club de football",
  rapporteur: "M. le premier adjoint chargé des finances",
  visas: [
    "le code général des collectivités territoriales, notamment son article L. 2121-29",
    "l'article L. 1611-4 du CGCT",
  ],
  considerants: ["que le club participe à l'animation de la commune"],
  decisions: [
    "Une subvention de 1 500 € est attribuée au club.",
    "La dépense est imputée au chapitre 65.",
  ],
};

const MARCHE_VALUES = {
  acheteur: "Commune de Saint-Amand",
  objet: "Entretien des espaces verts des écoles",
  nature: "Services",
  procedure: "Procédure adaptée (MAPA)",
  besoin: "Tonte, taille des haies et ramassage des feuilles dans trois écoles.",
  montant: "45 000 € HT par an",
  criteres: ["Prix : 40 %", "Valeur technique : 60 %"],
  chapitres_cctp: ["Tonte", "Taille des haies"],
};

/** The problems of a refused definition (the error's details). */
function problemsOf(yaml: string): YamlProblem[] {
  try {
    loadUseCase(yaml);
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, "usecase_invalid");
    return error.details as YamlProblem[];
  }
  assert.fail("accepted");
}

const shipped = exportUseCase(deliberation);

describe("use-case definitions", () => {
  it("ship deliberation and marche-public, each one's baseline passing its own checks", async () => {
    assert.ok(catalogue.has("deliberation") && catalogue.has("marche-public"));
    const document = await runBaseline(deliberation, { values: DELIBERATION_VALUES });
    assert.match(
      document,
      /^Commune de Saint-Amand\nConseil municipal\n\nSéance du 1er mars 2025\n/,
    );
    assert.match(
      document,
      /Vu le code général des collectivités territoriales, notamment son article L\. 2121-29 ;/,
    );
    assert.match(
      document,
      /DÉCIDE\n\nArticle 1 : Une subvention de 1 500 € est attribuée au club\.\nArticle 2 : /,
    );
    assert.deepEqual(
      runChecks(deliberation, document).filter((check) => !check.passed),
      [],
    );
    const outline = await runBaseline(marche, { values: MARCHE_VALUES });
    assert.match(outline, /Montant estimé : 45 000 € HT par an\nDurée : \[À COMPLÉTER\]/);
    assert.match(outline, /1\. Prix : 40 %\n2\. Valeur technique : 60 %/);
    assert.match(outline, /Article 2\.2 : Taille des haies/);
    assert.deepEqual(
      runChecks(marche, outline).filter((check) => !check.passed),
      [],
    );
    const unbalanced = await runBaseline(marche, {
      values: { ...MARCHE_VALUES, criteres: ["Prix : 70 %", "Valeur technique : 60 %"] },
    });
    assert.equal(
      runChecks(marche, unbalanced).find((check) => check.id === "ponderation")?.passed,
      false,
    );
  });

  it("build the user prompt from the fields, values kept as typed", () => {
    const prompt = buildPrompt(deliberation, { ...DELIBERATION_VALUES, objet: "{{rapporteur}}" });
    assert.match(prompt, /Objet : \{\{rapporteur\}\}\n/);
    assert.match(prompt, /- Considérant que le club participe/);
    assert.doesNotMatch(prompt, /Exposé des motifs/);
  });

  it("name the missing required fields, and refuse bad values", async () => {
    await assert.rejects(
      () => runBaseline(deliberation, { values: { collectivite: "Commune", visas: [] } }),
      (error: AppError) =>
        error.code === "usecase_fields_missing" &&
        /« Organe délibérant », « Date de la séance », « Objet », « Rapporteur », « Visas »/.test(
          error.message,
        ),
    );
    const refused = (values: object, pattern: RegExp) =>
      assert.rejects(
        () => runBaseline(deliberation, { values: { ...DELIBERATION_VALUES, ...values } }),
        pattern,
      );
    await refused({ date_seance: "2025-02-30" }, /Date de la séance » : une date AAAA-MM-JJ/);
    await refused({ organe: "Bureau" }, /valeurs possibles : Conseil municipal/);
    await refused({ visas: [3] }, /une liste de textes est attendue/);
    await refused({ inconnu: "x" }, /Champ\(s\) inconnu\(s\) de ce cas d'usage : inconnu/);
  });

  it("export to a YAML file that imports back identically, byte for byte the second time", () => {
    for (const useCase of catalogue.values()) {
      const exported = exportUseCase(useCase);
      const imported = loadUseCase(exported);
      assert.deepEqual(imported, useCase);
      assert.equal(exportUseCase(imported), exported);
    }
  });

  it("refuse a definition that does not validate, with the field and line at fault", () => {
    const wrongType = shipped.replace("type: date", "type: heure");
    const line = wrongType.split("\n").findIndex((text) => text.includes("type: heure")) + 1;
    const [problem] = problemsOf(wrongType);
    assert.equal(problem?.line, line);
    assert.equal(problem?.path, "fields.2.type");

    const unknownKey = shipped.replace(
      "requiresValidation: true",
      "requiresValidation: true\ncouleur: bleu",
    );
    const unknown = problemsOf(unknownKey);
    assert.equal(unknown[0]?.message, "clé inconnue : « couleur »");
    assert.equal(unknown[0]?.line, unknownKey.split("\n").indexOf("couleur: bleu") + 1);

    const badTemplate = shipped.replace("{{objet}}", "{{objet_inconnu}}");
    const template = problemsOf(badTemplate);
    assert.equal(template[0]?.path, "template");
    assert.match(template[0]?.message ?? "", /champ inconnu : « objet_inconnu »/);

    const badPattern = shipped.replace(/pattern: .*Vu.*/, "pattern: (a+)+$");
    assert.match(problemsOf(badPattern)[0]?.message ?? "", /répétitions imbriquées/);

    const syntax = problemsOf("id: deliberation\n\tversion: 1\n");
    assert.equal(syntax[0]?.line, 2);
    assert.throws(
      () => loadUseCase(wrongType),
      /Définition de cas d'usage invalide : ligne \d+, fields\.2\.type/,
    );
  });
});
