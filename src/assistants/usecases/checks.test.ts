import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isSafePattern, runChecks } from "./checks.js";
import { shippedUseCases } from "./loader.js";

const deliberation = shippedUseCases().get("deliberation");
if (!deliberation) throw new Error("deliberation not shipped");

const GOOD = `Commune de Saint-Amand — Conseil municipal
Séance du 14 mars 2025
Objet : attribution d'une subvention au club de football

Le conseil municipal,

Vu le code général des collectivités territoriales, notamment son article L. 2121-29 ;
Vu l'article L. 1611-4 du CGCT ;
Vu les articles L. 2311-7 et L. 2311-8 du code général des collectivités territoriales ;

Considérant que le club participe à l'animation de la commune ;

Après en avoir délibéré,

**DÉCIDE :**

**Article 1er** : Une subvention de 1 500 € est attribuée au club.
Article 2 : La dépense est imputée au chapitre 65 du budget.
`;

const BAD = `Projet de délibération
Objet : attribution d'une subvention

En application de l'article L2121-29 du CGTC et de l'article A. 12 du CGCT,

Le maire décide :
Article 1 : Une subvention est attribuée.
Article 3 : La dépense est imputée.
`;

const byId = (answer: string) =>
  Object.fromEntries(runChecks(deliberation, answer).map((result) => [result.id, result]));

describe("use-case checks", () => {
  it("pass on a well-formed deliberation, as a French checklist", () => {
    const results = runChecks(deliberation, GOOD);
    assert.deepEqual(
      results.filter((result) => !result.passed),
      [],
    );
    assert.deepEqual(
      results.map((result) => result.id),
      ["visas", "considerants", "decide", "references", "date", "organe"],
    );
    assert.match(results[0]?.label ?? "", /Visas présents/);
  });

  it("say what is wrong in a bad one", () => {
    const results = byId(BAD);
    assert.equal(results.visas?.passed, false);
    assert.equal(results.visas?.detail, "trouvé 0 fois");
    assert.equal(results.considerants?.passed, false);
    assert.equal(results.decide?.passed, false);
    assert.match(results.decide?.detail ?? "", /« DÉCIDE » introuvable/);
    assert.equal(results.references?.passed, false);
    assert.match(results.references?.detail ?? "", /« article L2121-29 », « article A\. 12 »/);
    assert.equal(results.date?.passed, false);
    assert.equal(results.organe?.passed, false);
  });

  it("want articles numbered in order after DÉCIDE", () => {
    const results = byId("DÉCIDE\nArticle 1 : a\nArticle 3 : b\n");
    assert.equal(results.decide?.passed, false);
    assert.match(results.decide?.detail ?? "", /1, 3/);
  });

  it("sum criteria weights and count words", () => {
    const weights = {
      checks: [
        { kind: "weights-sum", id: "w", label: "w", section: "Critères", total: 100 },
        { kind: "max-words", id: "m", label: "m", max: 8 },
      ] as const,
    };
    const [sum, words] = runChecks(
      { checks: [...weights.checks] },
      "# Critères\n- Prix : 40 %\n- Valeur : 50,5 %\n# Autre\n- 10 %",
    );
    assert.equal(sum?.passed, false);
    assert.equal(sum?.detail, "total des pondérations : 90,5 % au lieu de 100 %");
    assert.equal(words?.passed, false);
  });

  it("refuses patterns whose backtracking explodes, and checks a long crafted answer whole", () => {
    for (const pattern of ["(a+)+$", "(a|ab)*c", "((a)*)*", "(\\w+\\s?)+$", "(.*)\\1", "["])
      assert.equal(isSafePattern(pattern), false, pattern);
    for (const pattern of ["^\\s*Vu\\s", "\\b(?:conseil municipal|comité syndical)\\b", "[(+]a+"])
      assert.equal(isSafePattern(pattern), true, pattern);
    const long = `${"Vu ".repeat(50_000)}\n${"article L. ".repeat(20_000)}\n${"a".repeat(100_000)}`;
    // Its time is measured by no test (benchmarks do that): here, every check answers.
    const results = runChecks(deliberation, long);
    assert.equal(results.length, deliberation.checks.length);
    assert.ok(results.every((result) => typeof result.passed === "boolean"));
  });
});
