import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  normaliseValue,
  PseudonymTable,
  pseudonymise,
  restore,
  StreamRestorer,
} from "./pseudonymiser.js";
import { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";
import { scanText } from "./scanner.js";

const mask = (text: string, table = new PseudonymTable()) =>
  pseudonymise(text, scanText(text, DEFAULT_RECOGNIZERS).entities, table);

describe("pseudonymiser", () => {
  it("numbers placeholders per type, the same value keeping its placeholder", () => {
    const table = new PseudonymTable();
    const first = mask(
      "Mme Martine Dupont (martine.dupont@example.fr) a appelé ; M. Karim Benali aussi.",
      table,
    );
    assert.equal(first.text, "Mme [PERSONNE_1] ([EMAIL_1]) a appelé ; M. [PERSONNE_2] aussi.");
    assert.equal(first.replaced, 3);
    const second = mask("Rappeler Mme Martine DUPONT au 06 12 34 56 78.", table);
    assert.equal(second.text, "Rappeler Mme [PERSONNE_1] au [TELEPHONE_1].");
  });

  it("gives a surname seen alone the full name's placeholder", () => {
    const table = new PseudonymTable();
    const { text } = mask("Mme Martine Dupont est venue. Dupont a signé le dossier.", table);
    assert.equal(text, "Mme [PERSONNE_1] est venue. [PERSONNE_1] a signé le dossier.");
  });

  it("counts a value written two ways once", () => {
    assert.equal(normaliseValue("PHONE", "+33 (0)6 12 34 56 78"), "0612345678");
    assert.equal(normaliseValue("PHONE", "06.12.34.56.78"), "0612345678");
    assert.equal(normaliseValue("IBAN", "fr76 3000 6000"), "FR7630006000");
    assert.equal(normaliseValue("PERSON", "Hélène  LEFÈVRE"), "helene lefevre");
  });

  it("keeps article-9 words: without the person they name no one", () => {
    const { text } = mask("Mme Martine Dupont est diabétique.");
    assert.equal(text, "Mme [PERSONNE_1] est diabétique.");
  });

  it("restores placeholders, bracketed or echoed without brackets, and leaves unknown ones", () => {
    const table = new PseudonymTable();
    mask("M. Karim Benali, karim.benali@example.fr", table);
    assert.equal(
      restore("Bonjour [PERSONNE_1], j'écris à EMAIL_1 ; [PERSONNE_9] reste.", table),
      "Bonjour Karim Benali, j'écris à karim.benali@example.fr ; [PERSONNE_9] reste.",
    );
  });

  it("numbers past the placeholders a vault already holds", () => {
    const table = new PseudonymTable([
      { placeholder: "[PERSONNE_1]", type: "PERSON", value: "Martine Dupont" },
      { placeholder: "[PERSONNE_2]", type: "PERSON", value: "Karim Benali" },
    ]);
    assert.equal(table.placeholderFor("PERSON", "Karim  BENALI"), "[PERSONNE_2]");
    assert.equal(table.placeholderFor("PERSON", "Jeanne Durand"), "[PERSONNE_3]");
    assert.deepEqual(
      table.unsaved().map((entry) => entry.placeholder),
      ["[PERSONNE_3]"],
    );
    table.markSaved();
    assert.deepEqual(table.unsaved(), []);
  });
});

describe("stream restoration", () => {
  const table = new PseudonymTable([
    { placeholder: "[PERSONNE_1]", type: "PERSON", value: "Martine Dupont" },
    { placeholder: "[DATE_NAISSANCE_1]", type: "BIRTHDATE", value: "12/03/1985" },
  ]);
  const answer = "Madame [PERSONNE_1], née le [DATE_NAISSANCE_1], PERSONNE_1 signe. [NOTE] A B.";
  const expected = "Madame Martine Dupont, née le 12/03/1985, Martine Dupont signe. [NOTE] A B.";

  it("restores whatever way the answer is cut, one character at a time included", () => {
    for (const size of [1, 2, 3, 5, 7, 11, 64]) {
      const restorer = new StreamRestorer(table);
      let shown = "";
      for (let at = 0; at < answer.length; at += size) {
        shown += restorer.push(answer.slice(at, at + size));
      }
      shown += restorer.end();
      assert.equal(shown, expected, `chunks of ${size}`);
    }
  });

  it("holds back no more than a placeholder's length", () => {
    const restorer = new StreamRestorer(table);
    assert.equal(restorer.push("Bonjour Madame "), "Bonjour Madame ");
    assert.equal(restorer.push("[PERS"), "");
    assert.equal(restorer.push("ONNE_1] merci"), "Martine Dupont merci");
    const shown = restorer.push(" [ce texte entre crochets n'est pas un pseudonyme");
    assert.ok(shown.includes("crochets"), "ordinary brackets are not held back");
  });
});
