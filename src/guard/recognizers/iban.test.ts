import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ibanRecognizer } from "./iban.js";

/** The number an IBAN's check reads: letters as 10–35, whole string as one BigInt. */
const numeric = (value: string) =>
  BigInt([...value.toUpperCase()].map((char) => String(Number.parseInt(char, 36))).join(""));

/** A compact IBAN with the right check digits: 98 − (BBAN + country + "00" mod 97). */
function iban(country: string, bban: string): string {
  const check = 98n - (numeric(`${bban}${country}00`) % 97n);
  return `${country}${String(check).padStart(2, "0")}${bban}`;
}

/** The same IBAN with its check digits changed. */
function wrongCheck(value: string): string {
  const check = (Number(value.slice(2, 4)) + 1) % 100;
  return `${value.slice(0, 2)}${String(check).padStart(2, "0")}${value.slice(4)}`;
}

const byFour = (value: string) => value.replace(/(.{4})(?=.)/g, "$1 ");

const found = (text: string) =>
  ibanRecognizer.find(text).map((e) => [e.type, text.slice(e.start, e.end), e.rule, e.confidence]);

const FR = iban("FR", "30006000011234567890189");

describe("IBAN recognizer", () => {
  it("computes check digits like the registry's examples", () => {
    assert.equal(iban("DE", "370400440532013000"), "DE89370400440532013000");
    assert.equal(iban("GB", "WEST12345698765432"), "GB82WEST12345698765432");
    assert.equal(iban("FR", "20041010050500013M02606"), "FR1420041010050500013M02606");
  });

  it("finds a grouped French IBAN, with exact offsets", () => {
    const grouped = byFour(FR);
    const text = `Virement sur le ${grouped} de Mme Martin.`;
    assert.deepEqual(ibanRecognizer.find(text), [
      { type: "IBAN", start: 16, end: 16 + grouped.length, confidence: 0.99, rule: "iban.mod97" },
    ]);
    assert.equal(text.slice(16, 16 + grouped.length), grouped);
  });

  it("reads compact, lowercase, non-breaking-space and irregularly grouped forms", () => {
    for (const written of [
      FR,
      FR.toLowerCase(),
      byFour(FR).toLowerCase(),
      byFour(FR).replace(/ /g, "\u00a0"),
      `${FR.slice(0, 4)} ${FR.slice(4, 9)} ${FR.slice(9, 14)} ${FR.slice(14, 25)} ${FR.slice(25)}`,
    ]) {
      assert.deepEqual(
        found(`IBAN : ${written}.`),
        [["IBAN", written, "iban.mod97", 0.99]],
        written,
      );
    }
  });

  it("checks every country's own length", () => {
    const cases: [string, string][] = [
      ["DE", "370400440532013000"],
      ["BE", "539007547034"],
      ["IT", "X0542811101000000123456"],
      ["ES", "21000418450200051332"],
      ["MC", "11222000010123456789030"],
      ["LU", "0019400644750000"],
      ["CH", "00762011623852957"],
      ["GB", "NWBK60161331926819"],
      ["NL", "ABNA0417164300"],
      ["PT", "000201231234567890154"],
      ["IE", "AIBK93115212345678"],
      ["AT", "1904300234573201"],
      ["NO", "86011117947"],
      ["MT", "MALT011000012345MTLCAST001S"],
      ["RE", "30006000011234567890189"],
    ];
    for (const [country, bban] of cases) {
      const value = iban(country, bban);
      assert.deepEqual(found(`Compte ${byFour(value)}`), [
        ["IBAN", byFour(value), "iban.mod97", 0.99],
      ]);
      // One character more or less, check digits recomputed: the length is wrong.
      for (const other of [iban(country, `${bban}1`), iban(country, bban.slice(0, -1))]) {
        assert.deepEqual(
          found(`Compte ${other}`).filter((entity) => entity[2] === "iban.mod97"),
          [],
          other,
        );
      }
    }
  });

  it("keeps a wrong checksum as possible only (a mistyped account), and an unknown country out", () => {
    const possible = [wrongCheck(FR), byFour(wrongCheck(FR))];
    const swapped = `${FR.slice(0, 15)}${FR[16]}${FR[15]}${FR.slice(17)}`;
    assert.notEqual(swapped, FR);
    for (const value of [...possible, swapped]) {
      assert.deepEqual(
        ibanRecognizer.find(`IBAN ${value}`).map((e) => [e.rule, e.certainty]),
        [["iban.shape", "possible"]],
        value,
      );
    }
    assert.deepEqual(found(`Compte ${iban("XX", "30006000011234567890189")}`), []);
  });

  it("reads dashes, dots and spaces anywhere, the country's code apart included", () => {
    const dashed = byFour(FR).replace(/ /g, "-");
    const spaced = `${FR.slice(0, 2)} ${FR.slice(2, 4)} ${FR.slice(4, 9)} ${FR.slice(9)}`;
    for (const written of [dashed, spaced, dashed.toLowerCase()]) {
      assert.deepEqual(
        found(`RIB : ${written}.`),
        [["IBAN", written, "iban.mod97", 0.99]],
        written,
      );
    }
  });

  it("stops at the IBAN's length and never matches inside a longer word or run", () => {
    const grouped = byFour(FR);
    assert.deepEqual(found(`${grouped} de M. Durand, ${grouped} 12 rue`), [
      ["IBAN", grouped, "iban.mod97", 0.99],
      ["IBAN", grouped, "iban.mod97", 0.99],
    ]);
    assert.deepEqual(found(`X${FR}`), []);
    assert.deepEqual(found(`${FR}7`), []);
    assert.deepEqual(found(`${FR}A`), []);
    assert.deepEqual(found(`${grouped}A`), []);
  });
});
