import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fiscalIdRecognizer } from "./fiscal-id.js";

/** A tax number: ten digits and their key, the ten as a number mod 511, on three digits. */
const fiscal = (ten: string) => `${ten}${String(Number(ten) % 511).padStart(3, "0")}`;

/** The same number with a wrong key. */
const wrongKey = (number: string) =>
  `${number.slice(0, 10)}${String((Number(number.slice(10)) + 1) % 1000).padStart(3, "0")}`;

/** Spaces as tax notices print them: "01 23 456 789 012". */
const spaced = (n: string) =>
  `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 7)} ${n.slice(7, 10)} ${n.slice(10)}`;

const found = (text: string) =>
  fiscalIdRecognizer
    .find(text)
    .map((e) => [e.type, text.slice(e.start, e.end), e.rule, e.confidence]);

const NUMBER = fiscal("0123456789");

describe("FISCAL_ID recognizer", () => {
  it("computes keys as the tax administration does", () => {
    // 123456789 = 511 × 241598 + 211.
    assert.equal(NUMBER, "0123456789211");
    // 3999999999 = 511 × 7827788 + 331.
    assert.equal(fiscal("3999999999"), "3999999999331");
  });

  it("finds a spaced number after a context word, with exact offsets", () => {
    const written = spaced(NUMBER);
    const text = `Numéro fiscal : ${written} (voir l'avis).`;
    assert.deepEqual(fiscalIdRecognizer.find(text), [
      {
        type: "FISCAL_ID",
        start: 16,
        end: 16 + written.length,
        confidence: 0.97,
        rule: "fiscal-id.mod511",
      },
    ]);
    assert.equal(text.slice(16, 16 + written.length), written);
  });

  it("reads compact and irregularly spaced forms, at 0.9 without context", () => {
    for (const written of [
      NUMBER,
      spaced(NUMBER),
      spaced(NUMBER).replace(/ /g, "\u00a0"),
      `${NUMBER.slice(0, 4)} ${NUMBER.slice(4, 8)} ${NUMBER.slice(8)}`,
      fiscal("3999999999"),
      fiscal("0000000001"),
    ]) {
      assert.deepEqual(found(`Référence ${written}.`), [
        ["FISCAL_ID", written, "fiscal-id.mod511", 0.9],
      ]);
    }
  });

  it("reads the context words, accents and case folded", () => {
    for (const intro of [
      "N° FISCAL",
      "identifiant fiscal du foyer",
      "SPI :",
      "Espace impots.gouv, numéro",
      "Service des IMPÔTS :",
      "Avis d’imposition, n°",
    ]) {
      assert.deepEqual(found(`${intro} ${NUMBER}`), [
        ["FISCAL_ID", NUMBER, "fiscal-id.mod511", 0.97],
      ]);
    }
    // Too far before the number, or inside another word.
    const far = `Numéro fiscal demandé le 3 mars, rappel par courrier puis le dossier ${NUMBER}`;
    assert.deepEqual(found(far), [["FISCAL_ID", NUMBER, "fiscal-id.mod511", 0.9]]);
    assert.deepEqual(found(`Hospice ${NUMBER}`), [["FISCAL_ID", NUMBER, "fiscal-id.mod511", 0.9]]);
  });

  it("does not report a wrong key or a first digit above 3", () => {
    assert.deepEqual(found(`Numéro fiscal ${wrongKey(NUMBER)}`), []);
    assert.deepEqual(found(`Numéro fiscal ${spaced(wrongKey(NUMBER))}`), []);
    // 4123456789 mod 511 is a valid-looking key, but no tax number starts with 4.
    assert.deepEqual(found(`Numéro fiscal ${fiscal("4123456789")}`), []);
  });

  it("never matches inside longer runs or words", () => {
    for (const text of [
      `Réf. 9${NUMBER}`,
      `Réf. ${NUMBER}9`,
      `Réf. A${NUMBER}`,
      `Réf. ${NUMBER}B`,
      `Réf. 12 ${spaced(NUMBER)}`,
      `Réf. ${spaced(NUMBER)} 4`,
      `Réf. ${NUMBER.slice(0, 12)}`,
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });
});
