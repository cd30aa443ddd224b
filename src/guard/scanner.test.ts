import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stricterClass } from "../pipeline/index.js";
import type { Recognizer } from "./entity.js";
import { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";
import { scanText } from "./scanner.js";

const scan = (text: string) => scanText(text, DEFAULT_RECOGNIZERS);

describe("scanner", () => {
  it("classifies public, personal and sensitive texts", () => {
    assert.equal(scan("Le conseil municipal se réunira jeudi à 18 h.").dataClass, "public");
    assert.equal(scan("Merci de rappeler Mme Lefebvre.").dataClass, "personal");
    assert.equal(
      scan("Mme Lefebvre est en congé maladie pour une dépression.").dataClass,
      "sensitive",
    );
  });

  it("counts an article-9 term only about someone", () => {
    assert.equal(
      scan("La commune accompagne les personnes en situation de handicap.").dataClass,
      "public",
    );
    // A pronoun alone identifies no one; a name, or someone speaking of themselves, does.
    assert.equal(scan("Son handicap l'empêche de venir au guichet.").dataClass, "public");
    assert.equal(
      scan("Mme Durand a appelé. Son handicap l'empêche de venir au guichet.").dataClass,
      "sensitive",
    );
    assert.equal(scan("Mon handicap m'empêche de venir au guichet.").dataClass, "sensitive");
    assert.equal(
      scan("Le CCAS aide les malades d'Alzheimer et leurs aidants.").dataClass,
      "public",
    );
  });

  it("drops what overlaps a look-alike, and keeps the surest of overlapping entities", () => {
    const numbers: Recognizer = {
      name: "numbers",
      find: (text) => {
        const index = text.indexOf("123");
        return index < 0
          ? []
          : [
              { type: "PHONE", start: index, end: index + 9, confidence: 0.6, rule: "weak" },
              { type: "NIR", start: index, end: index + 6, confidence: 0.9, rule: "strong" },
            ];
      },
      lookAlikes: (text) =>
        text.includes("SIRET") ? [{ start: 0, end: text.length, rule: "siret" }] : [],
    };
    assert.deepEqual(
      scanText("n° 123456789", [numbers]).entities.map((e) => e.rule),
      ["strong"],
    );
    assert.deepEqual(scanText("SIRET 123456789", [numbers]).entities, []);
  });

  it("orders classes from public to sensitive", () => {
    assert.equal(stricterClass("public", "personal"), "personal");
    assert.equal(stricterClass("sensitive", "personal"), "sensitive");
  });
});
