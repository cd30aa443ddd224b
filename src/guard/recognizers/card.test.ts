import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cardRecognizer } from "./card.js";

/** The number with its Luhn check digit appended. */
function withCheck(partial: string): string {
  let sum = 0;
  [...partial].reverse().forEach((char, index) => {
    const doubled = index % 2 === 0 ? Number(char) * 2 : Number(char);
    sum += doubled > 9 ? doubled - 9 : doubled;
  });
  return `${partial}${(10 - (sum % 10)) % 10}`;
}

/** The same number with a wrong last digit. */
const wrongCheck = (number: string) => `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`;

/** Groups of `sizes` digits joined by `separator`. */
function grouped(number: string, sizes: number[], separator = " "): string {
  const groups: string[] = [];
  let index = 0;
  for (const size of sizes) {
    groups.push(number.slice(index, index + size));
    index += size;
  }
  return groups.join(separator);
}

const found = (text: string) =>
  cardRecognizer.find(text).map((e) => [e.type, text.slice(e.start, e.end), e.rule, e.confidence]);
const card = (written: string) => [["CARD", written, "card.luhn", 0.95]];

const VISA = withCheck("497010123456789");

describe("CARD recognizer", () => {
  it("computes check digits like the issuers' test numbers", () => {
    assert.equal(withCheck("411111111111111"), "4111111111111111");
    assert.equal(withCheck("37828224631000"), "378282246310005");
    assert.equal(withCheck("555555555555444"), "5555555555554444");
  });

  it("finds a grouped Visa number, with exact offsets", () => {
    const written = grouped(VISA, [4, 4, 4, 4]);
    const text = `Payé avec la carte ${written} le 3 mars.`;
    assert.deepEqual(cardRecognizer.find(text), [
      { type: "CARD", start: 19, end: 19 + written.length, confidence: 0.95, rule: "card.luhn" },
    ]);
    assert.equal(text.slice(19, 19 + written.length), written);
  });

  it("reads compact, dashed and non-breaking-space forms", () => {
    for (const written of [
      VISA,
      grouped(VISA, [4, 4, 4, 4], "-"),
      grouped(VISA, [4, 4, 4, 4], "\u00a0"),
    ]) {
      assert.deepEqual(found(`Numéro ${written}, exp. 12/27`), card(written), written);
    }
  });

  it("knows every issuer's prefixes and lengths", () => {
    const cases: [string, number[]][] = [
      [withCheck("512345678901234"), [4, 4, 4, 4]], // Mastercard 51–55
      [withCheck("555555555555444"), [4, 4, 4, 4]],
      [withCheck("222100000000000"), [4, 4, 4, 4]], // Mastercard 2221–2720
      [withCheck("272099999999999"), [4, 4, 4, 4]],
      [withCheck("37828224631000"), [4, 6, 5]], // American Express
      [withCheck("34123456789012"), [4, 6, 5]],
      [withCheck("601112345678901"), [4, 4, 4, 4]], // Discover
      [withCheck("650012345678901"), [4, 4, 4, 4]],
      [withCheck("644012345678901"), [4, 4, 4, 4]],
      [withCheck("352812345678901"), [4, 4, 4, 4]], // JCB 3528–3589
      [withCheck("358912345678901"), [4, 4, 4, 4]],
      [withCheck("412345678901"), [4, 4, 4, 1]], // Visa, 13 digits
      [withCheck("412345678901234567"), [4, 4, 4, 4, 3]], // Visa, 19 digits
      [withCheck("380012345678901"), [4, 4, 4, 4]], // Diners 38, 16 digits
    ];
    for (const [number, sizes] of cases) {
      const written = grouped(number, sizes);
      assert.deepEqual(found(`CB ${written}`), card(written), written);
      assert.deepEqual(found(`CB ${number}`), card(number), number);
    }
  });

  it("keeps a sixteen-digit number after a card word that fails its check as possible only", () => {
    const wrong = wrongCheck(VISA);
    assert.deepEqual(
      cardRecognizer.find(`Carte ${wrong}`).map((e) => [e.rule, e.certainty]),
      [["card.shape", "possible"]],
    );
    assert.deepEqual(cardRecognizer.find(`Réf. ${wrong}`), [], "no card word: nothing");
  });

  it("does not report a wrong Luhn digit, an unknown prefix or a wrong length", () => {
    for (const number of [
      wrongCheck(VISA),
      withCheck("123456789012345"), // no issuer starts with 1
      withCheck("900012345678901"),
      withCheck("560012345678901"), // Maestro-only prefix, not in the list
      withCheck("272100000000000"), // just past Mastercard's 2720
      withCheck("222000000000000"), // just before 2221
      withCheck("352712345678901"), // just before JCB's 3528
      withCheck("341234567890123"), // Amex prefix, 16 digits
      withCheck("51234567890123"), // Mastercard prefix, 15 digits
      withCheck("49701012345678"), // Visa prefix, 15 digits
    ]) {
      assert.deepEqual(
        found(`Carte ${number}`).filter((e) => e[2] !== "card.shape"),
        [],
        number,
      );
    }
  });

  it("reports a 14-digit number only after a card word", () => {
    const diners = withCheck("3012345678901");
    assert.equal(diners.length, 14);
    for (const intro of [
      "Carte",
      "n° de carte",
      "payé en CB :",
      "VISA",
      "Mastercard",
      "carte bancaire Diners",
    ]) {
      assert.deepEqual(found(`${intro} ${diners}`), card(diners), intro);
    }
    assert.deepEqual(
      found(`Carte Diners ${grouped(diners, [4, 6, 4])}`),
      card(grouped(diners, [4, 6, 4])),
    );
    // Alone, or as a SIRET, it is a company's number.
    assert.deepEqual(found(`Référence ${diners}`), []);
    assert.deepEqual(found(`SIRET ${diners}`), []);
    assert.deepEqual(found(`Cbis ${diners}`), []);
  });

  it("does not take a SIRET for a card, even a Luhn-valid one with a Diners prefix", () => {
    const siret = withCheck("3625218790003");
    assert.deepEqual(found(`SIRET ${siret}`), []);
    assert.deepEqual(found(`SIRET : ${grouped(siret, [3, 3, 3, 5])}`), []);
    // The SIRET grouping is not a card's, even after "carte".
    assert.deepEqual(found(`Carte de l'entreprise ${grouped(siret, [3, 3, 3, 5])}`), []);
  });

  it("reads any grouping, as people cut a card's number", () => {
    for (const written of [
      grouped(VISA, [4, 2, 2, 4, 4]),
      grouped(VISA, [2, 2, 4, 4, 4]),
      grouped(VISA, [6, 4, 6]),
      `${VISA.slice(0, 4)}-${VISA.slice(4, 8)} ${VISA.slice(8, 12)} ${VISA.slice(12)}`,
    ]) {
      assert.deepEqual(found(`Payé avec ${written}.`), card(written), written);
    }
  });

  it("never matches inside longer runs or words", () => {
    for (const text of [
      `Réf. 1234 ${grouped(VISA, [4, 4, 4, 4])}`,
      `Réf. ${grouped(VISA, [4, 4, 4, 4])} 12`,
      `Réf. 7${VISA}`,
      `Réf. ${VISA}0`,
      `Réf. X${VISA}`,
      `Réf. ${VISA}Z`,
      "IBAN FR76 4970 1012 3456 7890 189",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it("finds several cards in one text", () => {
    const amex = withCheck("37828224631000");
    const text = `Visa ${VISA} ; Amex ${grouped(amex, [4, 6, 5])}.`;
    assert.deepEqual(
      cardRecognizer.find(text).map((e) => text.slice(e.start, e.end)),
      [VISA, grouped(amex, [4, 6, 5])],
    );
  });

  it("reads a card followed by a comma and another number", () => {
    assert.deepEqual(found(`une carte bancaire ${VISA}, 35 € en espèces`), card(VISA));
  });
});
