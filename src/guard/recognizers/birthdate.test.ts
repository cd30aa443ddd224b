import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { birthdateRecognizer } from "./birthdate.js";

const spans = (text: string) =>
  birthdateRecognizer
    .find(text)
    .map(({ type, start, end }) => ({ type, start, end, text: text.slice(start, end) }));
const found = (text: string) =>
  birthdateRecognizer.find(text).map((e) => text.slice(e.start, e.end));

describe("BIRTHDATE recognizer", () => {
  it("finds the date only, in an agent's sentence, with exact offsets", () => {
    const text = "Mme Martin, née le 12 mars 1985 à Lyon, a demandé un acte ; DDN : 03/04/90.";
    assert.deepEqual(spans(text), [
      { type: "BIRTHDATE", start: 19, end: 31, text: "12 mars 1985" },
      { type: "BIRTHDATE", start: 66, end: 74, text: "03/04/90" },
    ]);
    const [first] = birthdateRecognizer.find(text);
    assert.equal(first?.rule, "birthdate.context");
    assert.equal(first?.confidence, 0.95);
  });

  it("reads every birth context, whatever the case and accents", () => {
    for (const [text, date] of [
      ["Le dossier de M. Karim Benali, né le 12/03/1985, est complet.", "12/03/1985"],
      ["Née le 1er mars 1985 à Lyon", "1er mars 1985"],
      ["NÉ(E) LE 12.03.85", "12.03.85"],
      ["né·e le 12-03-1985", "12-03-1985"],
      ["Date de naissance : 12 mars 1985", "12 mars 1985"],
      ["date de naissance 03/04/1990", "03/04/1990"],
      ["DDN : 31/12/2001", "31/12/2001"],
      ["ddn 5 févr. 1970", "5 févr. 1970"],
      ["Naissance : 29/02/1984", "29/02/1984"],
      ["naissance : 12 Août 1960", "12 Août 1960"],
    ]) {
      assert.deepEqual(found(text as string), [date], text);
    }
  });

  it("ignores dates without a birth context", () => {
    for (const text of [
      "Le conseil municipal du 12 mars 2024 a voté le budget.",
      "Facture n° 2024-118 du 12/03/2024.",
      "Naissance prévue en mars ; réunion le 12/03/2024.",
      "Il ne le savait pas le 12/03/2024.",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it("rejects impossible or incomplete dates", () => {
    for (const text of [
      "né le 31/02/1985",
      "né le 12/13/1985",
      "né le 12/03/198",
      "née le 12 mars",
      "né le 32 mars 1985",
      "né le 12/03/19850",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it("reads a birth place between « né » and the date", () => {
    assert.deepEqual(
      found("Ricardo DA SILVA, né à Porto (Portugal) le 2 octobre 1989, technicien"),
      ["2 octobre 1989"],
    );
    assert.deepEqual(found("née en Algérie le 03/04/1970"), ["03/04/1970"]);
    assert.deepEqual(found("il est né à Lyon. Le 03/04/2020, réunion"), []);
    // A rule about anyone born before a date is no one's birth date.
    assert.deepEqual(found("Si vous êtes né au plus tard le 31 décembre 1987, vous pouvez"), []);
    assert.deepEqual(found("l'un de ses parents est né en Algérie avant le 3 juillet 1962"), []);
  });
});
