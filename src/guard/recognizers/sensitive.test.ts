import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sensitiveRecognizer } from "./sensitive.js";

const found = (text: string) =>
  sensitiveRecognizer.find(text).map((e) => [text.slice(e.start, e.end), e.rule]);

describe("SENSITIVE recognizer", () => {
  it("finds article-9 terms and offences whatever the accents and case, with exact offsets", () => {
    assert.deepEqual(found("Agent en ARRÊT MALADIE, reconnu RQTH par la MDPH."), [
      ["ARRÊT MALADIE", "sensitive.health"],
      ["RQTH", "sensitive.health"],
      ["MDPH", "sensitive.health"],
    ]);
    assert.deepEqual(found("Il est délégué syndical et a un casier judiciaire."), [
      ["délégué syndical", "sensitive.union"],
      ["casier judiciaire", "sensitive.offences"],
    ]);
    assert.deepEqual(found("Elle est enceinte de cinq mois."), [
      ["est enceinte", "sensitive.health"],
    ]);
  });

  it("matches whole words only", () => {
    assert.deepEqual(found("Le cancre de la classe ; une caldera ; la prisonnière"), []);
    assert.deepEqual(found("Une enceinte acoustique ; l'enceinte de la mairie"), []);
  });

  it("reads a union named before the membership, and drinking at work", () => {
    assert.deepEqual(found("elle a prévenu la CGT, dont elle est adhérente depuis 2019"), [
      ["CGT, dont elle est adhérente", "sensitive.union"],
    ]);
    assert.deepEqual(found("alcoolisation constatée sur le lieu de travail"), [
      ["alcoolisation", "sensitive.health"],
    ]);
  });
});
