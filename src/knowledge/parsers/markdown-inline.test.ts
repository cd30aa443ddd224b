import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeHTML } from "entities";
import { inline } from "./markdown-inline.js";

/** The regular expressions the linear stripper replaces: right on short text, quadratic on long. */
function byExpressions(text: string): string {
  const stripped = text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, "")
    .replace(/\[\^[^\]]+\]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, "$1")
    .replace(/<\/?[a-zA-Z][^>]*>/g, "")
    .replace(/(`+)(.+?)\1/g, "$2")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, "$1")
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, "$1")
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, "$1$2")
    .replace(/\\([\\`*_{}[\]()#+\-.!>|~])/g, "$1");
  return decodeHTML(stripped);
}

/** A small deterministic generator (mulberry32), so that a failure names its case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  ..."[]()!^<>/*_~`\\ ",
  "a",
  "é",
  "7",
  "mot",
  "http:",
  "mailto:",
  "https:",
  "&amp;",
  "\n",
  "**",
  "__",
  "~~",
  "[^",
  "![",
];

describe("Markdown inline markup", () => {
  it("is stripped as the regular expressions did, on thousands of generated lines", () => {
    const next = random(13);
    let compared = 0;
    for (let round = 0; round < 20_000; round++) {
      const length = 1 + Math.floor(next() * 24);
      let text = "";
      for (let index = 0; index < length; index++)
        text += PIECES[Math.floor(next() * PIECES.length)];
      // Code spans of two backticks or more are paired by run length (CommonMark), not as the
      // expression did: compared by the cases below.
      if (text.includes("``")) continue;
      assert.equal(inline(text), byExpressions(text), `case ${round}: ${JSON.stringify(text)}`);
      compared += 1;
    }
    assert.ok(compared > 10_000);
  });

  it("keeps links' text, drops images, tags and marks, pairs code spans by length", () => {
    assert.equal(
      inline(
        "Voir [le site](https://valmont.fr) ![logo](l.png) <b>gras</b> **fort** _souligné_ nom_prenom_date",
      ),
      "Voir le site  gras fort souligné nom_prenom_date",
    );
    assert.equal(inline("``a ` b`` et `c`"), "a ` b et c");
    assert.equal(inline("``non fermé`"), "``non fermé`");
  });

  it("leaves unclosed openers as they are, whatever their number", () => {
    for (const unit of ["[", "![a](", "[a](", "<a", "<http:x", "*a ", "_a ", "~~a "]) {
      const text = unit.repeat(Math.ceil(50_000 / unit.length));
      // Compared without assert.equal's diff of two 50,000-character strings.
      assert.ok(inline(text) === text, unit);
    }
  });
});
