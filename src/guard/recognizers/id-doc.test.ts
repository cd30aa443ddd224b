import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { documentRule, idDocRecognizer } from "./id-doc.js";

const spans = (text: string) =>
  idDocRecognizer.find(text).map(({ type, start, end, rule }) => ({
    type,
    start,
    end,
    text: text.slice(start, end),
    rule,
  }));
const found = (text: string) =>
  idDocRecognizer.find(text).map((e) => [text.slice(e.start, e.end), e.rule]);

describe("ID_DOC recognizer", () => {
  it("finds document numbers in an agent's sentence, with exact offsets", () => {
    const text =
      "Mme Diallo présente son passeport n° 12AB34567 et sa carte d'identité 123456789012.";
    assert.deepEqual(spans(text), [
      { type: "ID_DOC", start: 37, end: 46, text: "12AB34567", rule: "id-doc.passport" },
      { type: "ID_DOC", start: 70, end: 82, text: "123456789012", rule: "id-doc.cni" },
    ]);
    assert.equal(idDocRecognizer.find(text)[0]?.confidence, 0.9);
  });

  it("reads every kind of document after any of its names", () => {
    assert.deepEqual(found("Carte d’identité : X4RTBPFW4"), [["X4RTBPFW4", "id-doc.cni"]]);
    assert.deepEqual(found("CNI n° 123456789012"), [["123456789012", "id-doc.cni"]]);
    assert.deepEqual(found("Titre de séjour n° 1234567890 valable"), [
      ["1234567890", "id-doc.residence"],
    ]);
    assert.deepEqual(found("PIÈCE D'IDENTITÉ (passeport) 12ab34567"), [
      ["12ab34567", "id-doc.passport"],
    ]);
    assert.deepEqual(found("carte nationale d'identité numéro 7KQ2M9TXB"), [
      ["7KQ2M9TXB", "id-doc.cni"],
    ]);
  });

  it("needs a document named within about 40 characters before", () => {
    assert.deepEqual(found("Facture n° 123456789012 réglée."), [], "an invoice number");
    assert.deepEqual(found("Commande 1234567890"), []);
    assert.deepEqual(
      found("Passeport à renouveler, comme indiqué dans le courrier du 3 mai : 12AB34567"),
      [],
      "too far",
    );
    assert.deepEqual(found("12AB34567 : passeport"), [], "after, not before");
    assert.deepEqual(found("La CNIL a reçu le dossier 123456789012."), [], "CNIL is not CNI");
  });

  it("reads any number right after a document's n° or colon, foreign ones included", () => {
    for (const [text, number] of [
      ["passeport roumain n° 057834129.", "057834129"],
      ["carte d'identité roumaine de M. : RX 483920. Tél", "RX 483920"],
      ["ma carte d'identité n° 592-1234567-89. Merci", "592-1234567-89"],
      ["autorisation provisoire de séjour n° 75031298 ;", "75031298"],
      ["CNI : 12345678901", "12345678901"],
    ] as const) {
      assert.deepEqual(found(text), [[number, "id-doc.number"]], text);
    }
    assert.deepEqual(found("Pièce d'identité : cerfa n° 14011*03"), [], "a form's number");
  });

  it("rejects shapes no document has", () => {
    assert.deepEqual(found("Passeport : PASSEPORTS"), [], "letters only");
    assert.deepEqual(found("CNI 12345678901"), [], "11 digits, no n°");
    assert.deepEqual(found("CNI 1234567890123"), [], "13 digits, no n°");
    assert.equal(documentRule("123456789"), undefined);
    assert.equal(documentRule("12AB34567"), "id-doc.passport");
  });

  it("reads Spanish, Portuguese and German identity documents", () => {
    assert.deepEqual(found("née à Séville, DNI n° 48291735S"), [["48291735S", "id-doc.cni"]]);
    assert.deepEqual(found("NIE X1234567L"), [["X1234567L", "id-doc.cni"]]);
    assert.deepEqual(found("il nie les faits, dossier 123456789"), []);
  });
});
