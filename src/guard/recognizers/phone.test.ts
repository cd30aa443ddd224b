import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { phoneRecognizer } from "./phone.js";

const spans = (text: string) =>
  phoneRecognizer
    .find(text)
    .map(({ type, start, end }) => ({ type, start, end, text: text.slice(start, end) }));
const found = (text: string) =>
  phoneRecognizer.find(text).map((e) => [text.slice(e.start, e.end), e.rule, e.confidence]);
const lookAlikes = (text: string) =>
  (phoneRecognizer.lookAlikes?.(text) ?? []).map((l) => [text.slice(l.start, l.end), l.rule]);

describe("PHONE recognizer", () => {
  it("finds a mobile in an agent's sentence, with exact offsets", () => {
    const text =
      "Mme Martin, joignable au 06 12 34 56 78, nous a écrit depuis jeanne.martin@gmail.com.";
    assert.deepEqual(spans(text), [{ type: "PHONE", start: 25, end: 39, text: "06 12 34 56 78" }]);
  });

  it("keeps personal numbers and leaves a town hall's switchboard as a look-alike", () => {
    const text =
      "Standard de la mairie : 01 23 45 67 89 ; M. Durand au 07.12.34.56.78 ou au +33 (0)1 45 67 89 10.";
    assert.deepEqual(spans(text), [
      { type: "PHONE", start: 54, end: 68, text: "07.12.34.56.78" },
      { type: "PHONE", start: 75, end: 95, text: "+33 (0)1 45 67 89 10" },
    ]);
    assert.deepEqual(lookAlikes(text), [["01 23 45 67 89", "phone.organisation"]]);
  });

  it("reads national numbers with spaces, dots, dashes or nothing", () => {
    assert.deepEqual(found("Tél. 0612345678"), [["0612345678", "phone.fr", 0.95]]);
    assert.deepEqual(found("Tél. 07-12-34-56-78"), [["07-12-34-56-78", "phone.fr", 0.95]]);
    assert.deepEqual(found("Tél. 02.35.12.34.56"), [["02.35.12.34.56", "phone.fr", 0.85]]);
    assert.deepEqual(found("Tél. 09\u00a012\u00a034\u00a056\u00a078"), [
      ["09\u00a012\u00a034\u00a056\u00a078", "phone.fr", 0.85],
    ]);
  });

  it("reads +33, 0033 and overseas codes", () => {
    for (const [number, confidence] of [
      ["+33 6 12 34 56 78", 0.95],
      ["+33612345678", 0.95],
      ["0033 7 12 34 56 78", 0.95],
      ["+33 (0)1 23 45 67 89", 0.85],
      ["+33 06 12 34 56 78", 0.95],
      ["+262 692 12 34 56", 0.95],
      ["+262 (0)692 12 34 56", 0.95],
      ["+262 0262 12 34 56", 0.85],
      ["00262 262 12 34 56", 0.85],
      ["+590 690 12 34 56", 0.95],
      ["+594 594 12 34 56", 0.85],
      ["+596 696 12 34 56", 0.95],
      ["+269 773 12 34", 0.85],
      ["+508 41 23 45", 0.85],
      ["+687 28 12 34", 0.85],
      ["+689 87 12 34 56", 0.85],
    ] as const) {
      const text = `Rappeler le ${number}.`;
      assert.deepEqual(found(text), [[number, "phone.intl", confidence]], number);
    }
  });

  it("reads any separator, any grouping, the letter O for zero and numbers spelled out", () => {
    for (const number of [
      "06/20/48/91/33",
      "06 - 45 - 12 - 78 - 90",
      "0612 845 903",
      "076 512 3498",
      "O6 45 12 98 O3",
      "07 O2 39 18 64",
      "06 12 trente-huit 45 91",
      "zéro six, quarante-deux, dix-sept, quatre-vingt-huit, zéro trois",
      "zero six 16 27 44 90",
    ]) {
      const text = `Merci de la rappeler au ${number}, c'est urgent.`;
      assert.deepEqual(
        phoneRecognizer.find(text).map((e) => [text.slice(e.start, e.end), e.certainty]),
        [[number, undefined]],
        number,
      );
    }
  });

  it("reads numbers abroad after + or 00, and overseas ones", () => {
    for (const number of [
      "+49 171 5532 908",
      "+34 612 45 78 90",
      "0034 612 48 97 03",
      "+380 67 123 45 67",
    ]) {
      assert.deepEqual(
        found(`Tél. ${number}.`).map((entity) => entity[0]),
        [number],
        number,
      );
    }
  });

  it("keeps an irregular number without a word saying phone as possible only", () => {
    assert.deepEqual(
      phoneRecognizer.find("Kamel Meziane 062 190 3358").map((e) => [e.rule, e.certainty]),
      [["phone.irregular", "possible"]],
    );
  });

  it("never matches short public numbers, nor inside longer digit runs", () => {
    for (const text of [
      "Appeler le 3939, le 15, le 17, le 18, le 112, le 115, le 119 ou le 3919.",
      "IBAN FR76 3000 6000 0112 3456 7890 189",
      "Dossier n° 10612345678.",
      "Référence 12 06 12 34 56 78.",
      "0012345678",
      "06 12 34 56 7",
      "+33 6 12 34 56 789",
      "Facture n° 0612345678901",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it("treats a landline introduced as a service's as public, whatever the case and accents", () => {
    for (const text of [
      "Accueil de la Mairie : 02 35 12 34 56",
      "HOTEL DE VILLE, tél. 03 12 34 56 78",
      "Le secrétariat du service urbanisme répond au 04 12 34 56 78.",
      "Numéro vert : 0805 12 34 56",
      "Permanence juridique le mardi au 05 12 34 56 78.",
      // 08 numbers are special-rate or free lines: always a service's.
      "Hotline du fournisseur : 0892 12 34 56",
      // As official sheets and aid schemes give a public body's number.
      "Contacter le CCAS au 02 99 71 22 97 pour effectuer la demande.",
      "Bureau Information Jeunesse au 04 68 34 56 56, ou par courriel.",
      "Depuis l'étranger : +33 9 70 83 07 07",
      "Du lundi au vendredi de 9 h à 17 h : 01 40 15 73 00",
      "Préfecture de la Gironde, 05 56 90 60 60",
    ]) {
      assert.deepEqual(found(text), [], text);
      assert.equal(lookAlikes(text).length, 1, text);
    }
  });

  it("keeps mobiles and unrelated landlines even near a service word", () => {
    assert.deepEqual(found("Le secrétariat m'a donné son portable : 06 12 34 56 78."), [
      ["06 12 34 56 78", "phone.fr", 0.95],
    ]);
    // "mairie" inside an e-mail domain does not make the number public.
    assert.deepEqual(found("jeanne@mairie-lyon.fr, ligne directe 04 12 34 56 78"), [
      ["04 12 34 56 78", "phone.fr", 0.85],
    ]);
    // The context is the 50 characters before the number.
    const far = `Service état civil. ${"Mme Durand a rappelé pour son dossier, ".repeat(2)}au 04 12 34 56 78.`;
    assert.deepEqual(found(far), [["04 12 34 56 78", "phone.fr", 0.85]]);
  });

  it("reads a landline followed by its extension as a switchboard's", () => {
    const text = "Si question : 03 20 30 59 59, poste 1142.";
    assert.deepEqual(found(text), []);
    assert.deepEqual(lookAlikes(text), [["03 20 30 59 59", "phone.organisation"]]);
    // "en mission", "en métropole" say where someone is, not which body answers.
    assert.deepEqual(found("sinon en métropole au 01 48 - 52 - 77 - 06."), [
      ["01 48 - 52 - 77 - 06", "phone.irregular", 0.9],
    ]);
  });
});
