import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { plateRecognizer } from "./plate.js";

const spans = (text: string) =>
  plateRecognizer.find(text).map(({ type, start, end, rule }) => ({
    type,
    start,
    end,
    text: text.slice(start, end),
    rule,
  }));
const found = (text: string) => plateRecognizer.find(text).map((e) => text.slice(e.start, e.end));
const lookAlikes = (text: string) =>
  (plateRecognizer.lookAlikes?.(text) ?? []).map((l) => [text.slice(l.start, l.end), l.rule]);

describe("PLATE recognizer", () => {
  it("finds SIV and FNI plates in an agent's sentence, with exact offsets", () => {
    const text = "Le véhicule AB-123-CD de M. Martin et sa voiture immatriculée 1234 AB 56.";
    assert.deepEqual(spans(text), [
      { type: "PLATE", start: 12, end: 21, text: "AB-123-CD", rule: "plate.siv" },
      { type: "PLATE", start: 62, end: 72, text: "1234 AB 56", rule: "plate.fni" },
    ]);
    assert.deepEqual(
      plateRecognizer.find(text).map((e) => e.confidence),
      [0.9, 0.8],
    );
  });

  it("reads SIV plates with dashes, spaces or nothing", () => {
    assert.deepEqual(found("Stationné : AB 123 CD."), ["AB 123 CD"]);
    assert.deepEqual(found("Stationné : GH456JK."), ["GH456JK"]);
    assert.deepEqual(found("Stationné : fg-789-zz."), ["fg-789-zz"]);
  });

  it("follows the SIV rules", () => {
    for (const text of [
      "SS-123-AB",
      "AB-123-SS",
      "WW-123-AB",
      "AB-000-CD",
      "AI-123-CD",
      "AB-123-CO",
      "AU-123-CD",
      "ab 123 cd",
      "ab123cd",
      "XAB-123-CD",
      "AB-123-CDE",
      "AB-123-CD-45",
      "ABC-123-DE",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
    assert.deepEqual(found("AB-123-WW"), ["AB-123-WW"], "WW is excluded on the left only");
  });

  it("reads FNI plates only near a vehicle word", () => {
    assert.deepEqual(found("Immatriculation : 123 ABC 2A"), ["123 ABC 2A"]);
    assert.deepEqual(found("La plaque 12 AB 971 est illisible."), ["12 AB 971"]);
    assert.deepEqual(found("5678 XY 33, voiture de Mme Durand"), ["5678 XY 33"]);
    assert.deepEqual(found("Courrier 1234 AB 56 reçu."), []);
    assert.deepEqual(found("Le véhicule est arrivé à 14 H 30."), [], "a time");
    assert.deepEqual(found("Le véhicule 12 AB 99"), [], "no such département");
  });

  it("leaves an invoice's or a product's reference out, as a look-alike", () => {
    const text = "Facture FA-123-CD du 12 mars ; réf. GH-456-JK.";
    assert.deepEqual(found(text), []);
    assert.deepEqual(lookAlikes(text), [
      ["FA-123-CD", "plate.reference"],
      ["GH-456-JK", "plate.reference"],
    ]);
    assert.deepEqual(found("Réf. AB-123-CD : véhicule de service accidenté"), ["AB-123-CD"]);
  });
});
