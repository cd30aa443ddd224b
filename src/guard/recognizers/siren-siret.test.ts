import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scanText } from "../scanner.js";
import { cardRecognizer } from "./card.js";
import { nirRecognizer } from "./nir.js";
import { sirenSiretRecognizer } from "./siren-siret.js";

/** The number with its Luhn check digit appended. */
function withCheck(partial: string): string {
  let sum = 0;
  [...partial].reverse().forEach((char, index) => {
    const doubled = index % 2 === 0 ? Number(char) * 2 : Number(char);
    sum += doubled > 9 ? doubled - 9 : doubled;
  });
  return `${partial}${(10 - (sum % 10)) % 10}`;
}

const wrongCheck = (number: string) => `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`;

/** "213 100 555" and "213 100 555 00014" groupings. */
const spaced = (n: string) =>
  [n.slice(0, 3), n.slice(3, 6), n.slice(6, 9), n.slice(9)].filter(Boolean).join(" ");

const lookAlikes = (text: string) =>
  (sirenSiretRecognizer.lookAlikes?.(text) ?? []).map((l) => [text.slice(l.start, l.end), l.rule]);

const SIREN = withCheck("21310055");
const SIRET = withCheck(`${SIREN}0001`);

const digitSum = (digits: string) => [...digits].reduce((total, digit) => total + Number(digit), 0);
const isLuhn = (digits: string) => withCheck(digits.slice(0, -1)) === digits;

/** The first SIRET of a SIREN whose digits sum to a multiple of 5 (or not) and that fails Luhn. */
function siretFailingLuhn(siren: string, multipleOfFive: boolean): string {
  for (let nic = 0; nic < 100000; nic += 1) {
    const siret = `${siren}${String(nic).padStart(5, "0")}`;
    if ((digitSum(siret) % 5 === 0) === multipleOfFive && !isLuhn(siret)) return siret;
  }
  throw new Error("none");
}

describe("SIREN/SIRET and article look-alikes", () => {
  it("computes Luhn check digits like the issuers' test numbers", () => {
    assert.equal(withCheck("411111111111111"), "4111111111111111");
    assert.equal(withCheck("35600000"), "356000000");
  });

  it("finds no entity, whatever the text", () => {
    assert.deepEqual(sirenSiretRecognizer.find(`SIRET ${SIRET}, article L2122-22`), []);
  });

  it("marks Luhn-valid SIRENs and SIRETs, with exact offsets", () => {
    const siret = spaced(SIRET);
    const text = `La commune (SIRET ${siret}) et son CCAS (SIREN ${SIREN}).`;
    const found = sirenSiretRecognizer.lookAlikes?.(text) ?? [];
    const siretStart = text.indexOf(siret);
    const sirenStart = text.indexOf(`${SIREN})`);
    assert.deepEqual(found, [
      { start: siretStart, end: siretStart + siret.length, rule: "siret.luhn" },
      { start: sirenStart, end: sirenStart + SIREN.length, rule: "siren.luhn" },
    ]);
    for (const written of [
      SIRET,
      spaced(SIREN),
      `${SIREN} ${SIRET.slice(9)}`,
      `${SIREN} 000 ${SIRET.slice(12)}`,
    ]) {
      const rule = written.replace(/\D/g, "").length === 9 ? "siren.luhn" : "siret.luhn";
      assert.deepEqual(lookAlikes(`n° ${written}`), [[written, rule]], written);
    }
  });

  it("knows La Poste's exception", () => {
    const siret = siretFailingLuhn("356000000", true);
    assert.deepEqual(lookAlikes(`La Poste, SIRET ${spaced(siret)}`), [
      [spaced(siret), "siret.la-poste"],
    ]);
    assert.deepEqual(lookAlikes(`La Poste, SIRET ${siret}`), [[siret, "siret.la-poste"]]);
    // La Poste's SIREN with a wrong sum, or another SIREN with a sum of 5: not valid.
    assert.deepEqual(lookAlikes(`SIRET ${siretFailingLuhn("356000000", false)}`), []);
    assert.deepEqual(lookAlikes(`SIRET ${siretFailingLuhn(SIREN, true)}`), []);
  });

  it("leaves wrong check digits and longer runs alone", () => {
    for (const text of [
      `SIREN ${wrongCheck(SIREN)}`,
      `SIRET ${wrongCheck(SIRET)}`,
      `Réf. 7${SIREN}`,
      `Réf. ${SIREN}7`,
      `Réf. 12 ${spaced(SIREN)}`,
      `Réf. ${spaced(SIREN)} 12`,
      `Réf. A${SIREN}`,
      "Tél. 06 12 34 56 78",
    ]) {
      assert.deepEqual(lookAlikes(text), [], text);
    }
  });

  it("marks references to articles of law", () => {
    const cases: [string, string][] = [
      ["En application de l'article L2122-22 du CGCT, le maire", "article L2122-22"],
      ["Vu l'art. R. 123-4 du code de l'urbanisme", "art. R. 123-4"],
      ["Les articles L. 1411-1 à L. 1411-18 du CGCT", "articles L. 1411-1 à L. 1411-18"],
      ["Articles L2121-29, L2122-21 et L2122-22", "Articles L2121-29, L2122-21 et L2122-22"],
      ["l'article 9 du RGPD", "article 9"],
      ["L'ARTICLE 1er de la loi", "ARTICLE 1er"],
      ["article 34 bis de la loi", "article 34 bis"],
      ["article L.O. 141 du code électoral", "article L.O. 141"],
      ["Vu l'article R.* 423-1", "article R.* 423-1"],
      ["conformément au L. 2122-22 du CGCT", "L. 2122-22"],
      ["voir R123-4", "R123-4"],
    ];
    for (const [text, reference] of cases) {
      assert.deepEqual(lookAlikes(text), [[reference, "law.article"]], text);
    }
  });

  it("never lets an article reference swallow a personal number next to it", () => {
    const nir = "1 85 05 78 006 084 91";
    assert.deepEqual(lookAlikes(`Article 9, ${nir}`), [["Article 9", "law.article"]]);
    assert.deepEqual(lookAlikes(`article 3 à ${nir}`), [["article 3", "law.article"]]);
    assert.deepEqual(lookAlikes(`Article 9 ${nir}`), []);
    assert.deepEqual(lookAlikes("article 12 185057800608491"), []);
    assert.deepEqual(lookAlikes("article 12, 185057800608491"), [["article 12", "law.article"]]);
    // Through the scanner: the NIR survives an article reference just before it.
    const text = `Selon l'article 9, le NIR ${nir} est sensible.`;
    const result = scanText(text, [nirRecognizer, sirenSiretRecognizer]);
    assert.deepEqual(
      result.entities.map((e) => [e.type, text.slice(e.start, e.end)]),
      [["NIR", nir]],
    );
  });

  it("keeps a SIRET from being reported as a card by the scanner", () => {
    const siret = withCheck("3012345678901");
    const text = `Carte professionnelle, SIRET ${siret}`;
    assert.equal(cardRecognizer.find(text).length, 1);
    assert.deepEqual(scanText(text, [cardRecognizer, sirenSiretRecognizer]).entities, []);
  });
});
