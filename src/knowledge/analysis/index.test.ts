import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { questionTerms } from "../terms.js";
import { analyse, FRENCH_STOP_WORDS, foldAccents } from "./index.js";

describe("analyse", () => {
  it("gives the subject terms of a question about school registration", () => {
    assert.deepEqual(
      analyse("Quelles sont les démarches pour l'inscription scolaire de mon enfant ?"),
      ["demarch", "inscript", "scolair", "enfant"],
    );
  });

  it("gives a question and a passage phrased differently their key terms in common", () => {
    const question = questionTerms("Comment renouveler ma carte d'identité ?").words;
    const passage = analyse(
      "Le renouvellement de la carte nationale d'identité (CNI) se fait en mairie, sur rendez-vous.",
    );
    assert.deepEqual(question, ["renouvel", "cart", "ident"]);
    assert.deepEqual(
      question.filter((term) => passage.includes(term)),
      question,
    );
  });

  it("strips elisions written with any apostrophe", () => {
    assert.deepEqual(analyse("l'allocation"), ["alloc"]);
    assert.deepEqual(analyse("L’allocation"), ["alloc"]);
    assert.deepEqual(analyse("d’inscription"), ["inscript"]);
    assert.deepEqual(analyse("lʼécole"), ["ecol"]);
    assert.deepEqual(analyse("qu’il"), []);
    assert.deepEqual(analyse("lorsqu'on jusqu'à puisqu'elle quoiqu'il aujourd'hui"), []);
    assert.deepEqual(analyse("une presqu'île"), ["ile"]);
  });

  it("gives accented, unaccented and capitalised spellings the same term", () => {
    for (const spelling of ["Élève", "élèves", "eleve", "ÉLÈVES", "élève"]) {
      assert.deepEqual(analyse(spelling), ["elev"], spelling);
    }
    assert.deepEqual(analyse("cœur, Œuvre"), ["coeur", "oeuvr"]);
  });

  it("drops stop words and single letters but keeps words that change the question", () => {
    assert.deepEqual(
      analyse(
        "le la les de du des et ou où à au aux je il nous vous ce cette mon ma est sont a ont pas ne",
      ),
      [],
    );
    assert.deepEqual(analyse("a b c x"), []);
    assert.deepEqual(
      analyse("sans justificatif, non imposable, moins de 25 ans, avant le 31 mars"),
      ["san", "justif", "non", "impos", "moin", "25", "an", "avant", "31", "mar"],
    );
    assert.deepEqual(analyse("les sommes dues pendant l'été, le car scolaire"), [
      "somm",
      "du",
      "pend",
      "ete",
      "car",
      "scolair",
    ]);
  });

  it("keeps numbers as terms: amounts without separators, dates and decimals by parts", () => {
    assert.deepEqual(analyse("1 500 €"), ["1500"]);
    assert.deepEqual(analyse("1\u202f500,00 €"), ["1500"]);
    assert.deepEqual(analyse("1.500 €"), ["1500"]);
    assert.deepEqual(analyse("12,50 €"), ["12", "50"]);
    assert.deepEqual(analyse("avant le 15/03/2025"), ["avant", "15", "3", "2025"]);
    assert.deepEqual(analyse("le 1er mars 2025"), ["1", "mar", "2025"]);
    assert.deepEqual(analyse("2 enfants, logement T2, code postal 06000"), [
      "2",
      "enfant",
      "log",
      "t2",
      "cod",
      "postal",
      "06000",
    ]);
    assert.deepEqual(analyse("de 9h à 12h30"), ["9", "12", "30"]);
  });

  it("keeps acronyms whole, in lowercase", () => {
    assert.deepEqual(analyse("la CAF, le RSA, l'APL, le CCAS, le PLU et la RQTH"), [
      "caf",
      "rsa",
      "apl",
      "ccas",
      "plu",
      "rqth",
    ]);
    // The stemmer would make PACS "pac", the stem of PACEA; CERFA would be "cerf".
    assert.deepEqual(analyse("PACS, Pacs, pacs, PACEA, formulaire Cerfa"), [
      "pacs",
      "pacs",
      "pacs",
      "pacea",
      "formulair",
      "cerfa",
    ]);
  });

  it("stems a heading in capitals like the same words in lowercase", () => {
    assert.deepEqual(analyse("DEMANDE D'AIDE AU LOGEMENT"), analyse("demande d'aide au logement"));
    assert.deepEqual(analyse("DEMANDE D'AIDE AU LOGEMENT"), ["demand", "aid", "log"]);
  });

  it("indexes hyphenated words by their parts", () => {
    assert.deepEqual(analyse("Saint-Étienne"), ["saint", "etien"]);
    assert.deepEqual(analyse("Saint-Étienne"), analyse("saint etienne"));
    assert.deepEqual(analyse("un arrêté-type"), ["arret", "typ"]);
  });

  it("produces terms that a full-text tokenizer keeps whole", () => {
    const terms = analyse(
      "« Bonjour ! » — l’accueil (9h–12h) : e-mail mairie@commune.fr 🙂 n° 12 ; taux : 3,5 % [voir p. 4]",
    );
    assert.ok(terms.length > 5);
    for (const term of terms) assert.match(term, /^[a-z0-9]+$/);
  });

  it("drops runs of letters too long to be words", () => {
    assert.deepEqual(analyse(`avant ${"qu".repeat(50_000)} ${"a1".repeat(50_000)} après`), [
      "avant",
      "apres",
    ]);
  });
});

describe("a question's terms", () => {
  it("gives each term once, in the order of the question", () => {
    assert.deepEqual(questionTerms("aide, aides, aider : quelle aide au logement ?").words, [
      "aid",
      "log",
    ]);
  });
});

describe("foldAccents", () => {
  it("removes diacritics and expands ligatures, keeping the case", () => {
    assert.equal(
      foldAccents("Élève à l'œuvre, Ça, straße, Æsope"),
      "Eleve a l'oeuvre, Ca, strasse, AEsope",
    );
  });
});

describe("FRENCH_STOP_WORDS", () => {
  it("holds accented and accentless spellings, and not the words that carry meaning", () => {
    for (const word of ["où", "ou", "être", "etre", "à", "le", "qu", "pas"]) {
      assert.ok(FRENCH_STOP_WORDS.has(word), word);
    }
    for (const word of ["non", "sans", "moins", "plus", "avant", "après", "été", "car", "sommes"]) {
      assert.ok(!FRENCH_STOP_WORDS.has(word), word);
    }
  });
});
