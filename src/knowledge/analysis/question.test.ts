import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { questionTerms, searchedPart } from "../terms.js";
import { analyse } from "./index.js";
import { analyseQuestion } from "./question.js";
import { THESAURUS } from "./thesaurus.js";

describe("analyseQuestion", () => {
  it("leaves a resident's chatter out and keeps the subject", () => {
    const read = analyseQuestion(
      "Bonjour, je voudrais savoir si j'ai droit à une aide pour le permis, merci d'avance !",
    );
    assert.equal(read.chatter, true);
    assert.deepEqual(analyse(read.searched), ["aid", "perm"]);
  });

  it("reads chatter typed without accents, apostrophes or capitals", () => {
    const read = analyseQuestion("bjr est ce que c possible davoir une bourse svp mrc");
    assert.deepEqual(analyse(read.searched), ["davoir", "bours", "mrc"]);
    const framed = analyseQuestion("Pouvez-vous me dire s'il existe une aide au BAFA ? Cdlt");
    assert.deepEqual(analyse(framed.searched), ["aid", "bafa"]);
  });

  it("keeps what only looks like chatter: an aid, a request, a lost card", () => {
    assert.deepEqual(analyse(analyseQuestion("demande d'aide carte perdue").searched), [
      "demand",
      "aid",
      "cart",
      "perdu",
    ]);
    assert.equal(analyseQuestion("demande d'aide carte perdue").chatter, false);
  });

  it("recognises the asker's age and statuses as their situation", () => {
    const read = analyseQuestion(
      "j'ai 19 ans, je suis etudiante et au chomage l'été, maman solo, je touche le RSA",
    );
    assert.equal(read.situation.age, 19);
    assert.deepEqual(read.situation.statuses.sort(), [
      "beneficiaire_rsa",
      "demandeur_emploi",
      "etudiant",
      "parent_isole",
    ]);
    assert.equal(analyseQuestion("aide permis 18ans").situation.age, 18);
    assert.equal(analyseQuestion("ma fille de 17 ans").situation.age, 17);
    assert.equal(analyseQuestion("article 19 du règlement").situation.age, undefined);
    assert.equal(
      analyseQuestion("une carte pour les moins de 26 ans ? j'ai 22 ans").situation.age,
      22,
    );
    assert.equal(analyseQuestion("ma fille de 12 ans et moi, j'ai 40 ans").situation.age, 40);
    assert.equal(analyseQuestion("aide pour les jeunes de 16 à 25 ans").situation.age, undefined);
  });

  it("finds the thesaurus's wording for everyday words, phrases first", () => {
    const read = analyseQuestion("je cherche un petit boulot et un appart pas cher");
    assert.deepEqual(
      read.expansions.map((expansion) => expansion.everyday),
      ["petit boulot", "appart"],
    );
    assert.deepEqual(analyseQuestion("aide psy", { thesaurus: false }).expansions, []);
  });

  it("is turned off piece by piece", () => {
    const question = "Bonjour, aide au permis";
    assert.equal(analyseQuestion(question, { chatter: false }).searched, question);
  });
});

describe("questionTerms", () => {
  it("gives an everyday word its administrative terms as alternatives", () => {
    const terms = questionTerms("un psy pour mon fils qui cherche du boulot");
    assert.deepEqual(terms.words, ["psy", "fil", "cherch", "boulot"]);
    assert.ok(terms.alternatives.get("psy")?.includes(analyse("psychologue")[0] as string));
    assert.deepEqual(terms.alternatives.get("boulot"), ["emploi", "travail", "emploi_travail"]);
    assert.equal(terms.alternatives.has("fil"), false);
  });
});

describe("searchedPart", () => {
  it("reads a pasted text's start and end, where what is asked sits", () => {
    const question = `Bonjour, ${"texte collé ".repeat(100_000)} quels sont les horaires ?`;
    const read = searchedPart(question);
    assert.equal(read.length, 8_001);
    assert.ok(read.startsWith("Bonjour, texte"));
    assert.ok(read.endsWith("quels sont les horaires ?"));
    assert.equal(searchedPart("horaires de la mairie"), "horaires de la mairie");
  });
});

describe("the thesaurus", () => {
  it("has one entry per everyday phrase, each with administrative wording", () => {
    const seen = new Set<string>();
    for (const [everyday, administrative] of THESAURUS) {
      assert.ok(!seen.has(everyday), `${everyday} is listed twice`);
      seen.add(everyday);
      assert.ok(analyse(administrative).length > 0, everyday);
      assert.equal(everyday, everyday.toLowerCase(), everyday);
    }
  });
});
