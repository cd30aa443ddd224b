import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findJargon, JARGON } from "./index.js";

const terms = (text: string) => findJargon(text).map((finding) => finding.term);

describe("administrative jargon list", () => {
  it("ships at least 150 entries, each with plain words and no duplicate", () => {
    assert.ok(JARGON.length >= 150, String(JARGON.length));
    assert.equal(new Set(JARGON.map((entry) => entry.term)).size, JARGON.length);
    for (const entry of JARGON) {
      assert.ok(entry.term.length > 0 && entry.plain.length > 0, entry.term);
      assert.notEqual(entry.term, entry.plain);
    }
  });

  it("matches whatever the accents and the case, with the offsets of the text", () => {
    const text = "NONOBSTANT la règle, les frais Afferents et l’effet… À l’effet de payer";
    const found = findJargon(text);
    assert.deepEqual(
      found.map((f) => [f.term, f.expression, f.plain]),
      [
        ["nonobstant", "NONOBSTANT", "malgré"],
        ["afférents", "Afferents", "liés"],
        ["à l'effet de", "À l’effet de", "pour"],
      ],
    );
    for (const finding of found)
      assert.equal(text.slice(finding.start, finding.end), finding.expression);
  });

  it("prefers the longest expression, and never overlaps", () => {
    assert.deepEqual(terms("Nonobstant toute disposition contraire, le délai court."), [
      "nonobstant toute disposition contraire",
    ]);
    assert.deepEqual(terms("les frais y afférents et les pièces justificatives"), [
      "y afférents",
      "pièces justificatives",
    ]);
  });

  it("matches whole words only, and not across punctuation", () => {
    assert.deepEqual(terms("Une clause inopérante, une caducité, des emprises."), ["caducité"]);
    assert.deepEqual(terms("à l'effet. De plus"), []);
    assert.deepEqual(terms("préalablement à la réunion"), ["préalablement à"]);
  });

  it("finds acronyms only in capitals", () => {
    assert.deepEqual(terms("Le RSA et la CAF ; le rsa, la caf, RSAX."), ["RSA", "CAF"]);
    assert.deepEqual(terms("Il a plu. Voir le PLU."), ["PLU"]);
  });

  it("takes a custom list", () => {
    const list = [{ term: "ci-devant", plain: "ancien" }];
    assert.deepEqual(
      findJargon("Le Ci-Devant maire", list).map((f) => [f.expression, f.plain]),
      [["Ci-Devant", "ancien"]],
    );
  });
});
