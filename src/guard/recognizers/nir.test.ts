import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nirRecognizer } from "./nir.js";

/** The key of a 13-character body: 97 − (number mod 97), 2A read as 19 and 2B as 18. */
function key(body: string): string {
  const number = BigInt(body.replace(/2A/i, "19").replace(/2B/i, "18"));
  return String(97n - (number % 97n)).padStart(2, "0");
}

/** A key that is not the right one. */
const wrongKey = (body: string) => String(((Number(key(body)) + 40) % 97) + 1).padStart(2, "0");

const found = (text: string) =>
  nirRecognizer.find(text).map((e) => ({
    type: e.type,
    text: text.slice(e.start, e.end),
    rule: e.rule,
    confidence: e.confidence,
  }));

describe("NIR recognizer", () => {
  it("computes keys as the administration does (test helper checked on worked values)", () => {
    // 1850578006084 = 97 × 19078123774 + 6 → key 91;
    // 2A → 19: 2690519012345 = 97 × 27737309405 + 60 → key 37.
    assert.equal(key("1850578006084"), "91");
    assert.equal(key("269052A012345"), "37");
  });

  it("finds a NIR in the canonical grouping, with exact offsets", () => {
    const nir = `1 85 05 78 006 084 ${key("1850578006084")}`;
    const text = `M. Dupont, ${nir}, a déposé sa demande.`;
    const entities = nirRecognizer.find(text);
    assert.deepEqual(entities, [
      { type: "NIR", start: 11, end: 11 + nir.length, confidence: 0.99, rule: "nir.key-valid" },
    ]);
    assert.equal(text.slice(11, 11 + nir.length), nir);
  });

  it("reads compact, dotted, Corsican, overseas and temporary numbers", () => {
    const cases = [
      [`1850578006084${key("1850578006084")}`, 0.97],
      [`2.69.05.2A.012.345.${key("269052A012345")}`, 0.99],
      [`2 69 05 2b 012 345 ${key("269052B012345")}`, 0.99],
      [`2690519012345${key("2690519012345")}`, 0.97],
      [`2 85 05 971 23 456 ${key("2850597123456")}`, 0.99],
      [`2 85 05 97 123 456 ${key("2850597123456")}`, 0.99],
      [`1\u00a085\u00a005\u00a0988\u00a012\u00a0345\u00a0${key("1850598812345")}`, 0.99],
      // Unknown month (20–42, 50–99), born abroad (99), temporary NIA (7, 8).
      [`1 62 35 99 123 456 ${key("1623599123456")}`, 0.99],
      [`7950575001012${key("7950575001012")}`, 0.97],
      [`8 01 12 13 055 001 ${key("8011213055001")}`, 0.99],
    ] as const;
    for (const [nir, confidence] of cases) {
      const text = `Numéro : ${nir}.`;
      assert.deepEqual(
        found(text),
        [{ type: "NIR", text: nir, rule: "nir.key-valid", confidence }],
        nir,
      );
    }
  });

  it("gives 0.99 to a compact NIR introduced by a context word", () => {
    const nir = `1850578006084${key("1850578006084")}`;
    assert.deepEqual(found(`Son numéro de Sécu : ${nir}`), [
      { type: "NIR", text: nir, rule: "nir.key-valid", confidence: 0.99 },
    ]);
  });

  it("reports a wrong key as NIR_INVALID only with a context word or the canonical grouping", () => {
    const body = "1850578006084";
    const compact = `${body}${wrongKey(body)}`;
    const invalid = (nir: string) => [
      { type: "NIR_INVALID", text: nir, rule: "nir.key-invalid", confidence: 0.6 },
    ];
    // Compact, no context: a reference like any other.
    assert.deepEqual(found(`Référence ${compact}`), []);
    for (const intro of [
      "Numéro de sécurité sociale :",
      "N° SS",
      "NIR",
      "numéro SS :",
      "INSEE",
      "n° d'immatriculation",
      "Assurée :",
      "CARTE VITALE n°",
      "SÉCU",
    ]) {
      assert.deepEqual(found(`${intro} ${compact}`), invalid(compact), intro);
    }
    // The canonical grouping is enough by itself.
    const grouped = `1 85 05 78 006 084 ${wrongKey(body)}`;
    assert.deepEqual(found(`Réf. ${grouped}`), invalid(grouped));
    // The brief's sample "1 85 05 78 006 084 36" has a wrong key (91 is right).
    assert.deepEqual(found("1 85 05 78 006 084 36"), invalid("1 85 05 78 006 084 36"));
  });

  it("reads context only in the 50 characters before, and whole words only", () => {
    const compact = `1850578006084${wrongKey("1850578006084")}`;
    const far = `Numéro de sécurité sociale à fournir plus tard ; la référence du dossier est ${compact}`;
    assert.deepEqual(found(far), []);
    // "nir" inside "fournir", "venir" is not the word NIR.
    assert.deepEqual(found(`Pièce à fournir : ${compact}`), []);
  });

  it("leaves implausible structures alone, even with a context word", () => {
    for (const nir of [
      "5 85 05 78 006 084 12", // no sex digit 5
      "1 85 13 78 006 084 12", // month 13
      "1 85 00 78 006 084 12", // month 00
      "1 85 05 00 006 084 12", // department 00
      "1 85 05 2C 006 084 12", // no 2C
    ]) {
      assert.deepEqual(found(`Numéro de sécurité sociale : ${nir}`), [], nir);
    }
  });

  it("does not take invoice numbers, phone numbers or longer runs for a NIR", () => {
    const body = "1850578006084";
    const nir = `${body}${key(body)}`;
    for (const text of [
      "Facture n° 202403150001234",
      "Tél. 01 85 05 78 00, portable 06 12 34 56 78, +33 1 85 05 78 00",
      "Appeler le 0033185057800 ou le +33185057800.",
      `Commande 9${nir}`,
      `Commande ${nir}7`,
      `Lot A${nir}`,
      `Lot ${nir}B`,
      `Référence ${body}`,
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it("finds several numbers in one text", () => {
    const first = `1 85 05 78 006 084 ${key("1850578006084")}`;
    const second = `2690519012345${key("2690519012345")}`;
    const text = `Époux : ${first} ; épouse : ${second}.`;
    const entities = nirRecognizer.find(text);
    assert.deepEqual(
      entities.map((e) => [e.type, text.slice(e.start, e.end)]),
      [
        ["NIR", first],
        ["NIR", second],
      ],
    );
  });
});
