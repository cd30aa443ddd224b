import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  adoptPlaceholders,
  normaliseValue,
  PseudonymTable,
  pseudonymise,
  restore,
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

describe("placeholders written elsewhere", () => {
  it("gives each document's placeholders their own, never a value's nor another document's", () => {
    const table = new PseudonymTable();
    const asked = mask("Où en est le dossier de Mme Martine Dupont ?", table).text;
    assert.match(asked, /\[PERSONNE_1\]/);
    const first = adoptPlaceholders(
      "[PERSONNE_1] a été remboursée le 3 mars.",
      table,
      "document:a",
    );
    const second = adoptPlaceholders(
      "L'inscription de [PERSONNE_1] est validée.",
      table,
      "document:b",
    );
    assert.equal(first, "[PERSONNE_2] a été remboursée le 3 mars.");
    assert.equal(second, "L'inscription de [PERSONNE_3] est validée.");
    // The same document's placeholder keeps its own, turn after turn.
    assert.equal(adoptPlaceholders("[PERSONNE_1]", table, "document:a"), "[PERSONNE_2]");
    // Restored, the conversation's is the value; a document's stays a placeholder.
    assert.equal(
      restore("[PERSONNE_1], [PERSONNE_2], [PERSONNE_3]", table),
      "Martine Dupont, [PERSONNE_2], [PERSONNE_3]",
    );
    // A new value is numbered past them all.
    assert.match(mask("Et M. Karim Benali ?", table).text, /\[PERSONNE_4\]/);
  });

  it("in a message, keeps a document's placeholder given earlier and reads any other as written text", () => {
    const table = new PseudonymTable();
    mask("Dossier de Mme Martine Dupont.", table);
    adoptPlaceholders("[PERSONNE_1] est remboursée.", table, "document:a");
    // The stored answer showed [PERSONNE_2] (the document's); a quoted passage showed [PERSONNE_1].
    const history = adoptPlaceholders("D'après la note, [PERSONNE_2] et [PERSONNE_1].", table);
    assert.equal(history, "D'après la note, [PERSONNE_2] et [PERSONNE_3].");
    assert.equal(restore(history, table), "D'après la note, [PERSONNE_2] et [PERSONNE_1].");
  });

  it("keeps these entries through the vault's form (what it seals is read back the same)", () => {
    const table = new PseudonymTable();
    mask("Dossier de Mme Martine Dupont.", table);
    adoptPlaceholders("[PERSONNE_1]", table, "document:a");
    const reopened = new PseudonymTable(table.unsaved());
    assert.equal(adoptPlaceholders("[PERSONNE_1]", reopened, "document:a"), "[PERSONNE_2]");
    assert.equal(reopened.placeholderFor("PERSON", "Martine Dupont"), "[PERSONNE_1]");
  });
});
