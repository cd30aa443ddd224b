import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chunk, sentences } from "./chunker.js";
import type { Block } from "./parsers/types.js";

const words = (count: number, word = "mot") =>
  Array.from({ length: count }, (_, i) => `${word}${i}`).join(" ");
const paragraph = (count: number, page?: number): Block => ({
  kind: "paragraph",
  text: `${words(count - 1)} fin.`,
  ...(page !== undefined && { page }),
});

describe("chunker", () => {
  it("keeps a short document in one passage with its section path", () => {
    const chunks = chunk({
      title: "Inscription scolaire",
      blocks: [
        { kind: "heading", level: 1, text: "Inscription scolaire" },
        { kind: "heading", level: 2, text: "Pièces à fournir" },
        { kind: "list-item", text: "livret de famille" },
        { kind: "list-item", text: "justificatif de domicile de moins de trois mois" },
      ],
    });
    assert.equal(chunks.length, 1);
    assert.deepEqual(chunks[0]?.sectionPath, ["Inscription scolaire", "Pièces à fournir"]);
    assert.equal(
      chunks[0]?.text,
      "- livret de famille\n- justificatif de domicile de moins de trois mois",
    );
  });

  it("merges small sections until a passage is long enough, keeping their headings inline", () => {
    const chunks = chunk({
      title: "Carte d'identité",
      blocks: [
        { kind: "heading", level: 1, text: "Carte d'identité" },
        { kind: "heading", level: 2, text: "Qui est concerné" },
        paragraph(60),
        { kind: "heading", level: 2, text: "Délais" },
        paragraph(60),
        { kind: "heading", level: 2, text: "Tarifs" },
        paragraph(60),
      ],
    });
    assert.equal(chunks.length, 1);
    assert.deepEqual(chunks[0]?.sectionPath, ["Carte d'identité"]);
    assert.match(chunks[0]?.text ?? "", /\n\nDélais\nmot0/);
    assert.match(chunks[0]?.text ?? "", /\n\nTarifs\nmot0/);
  });

  it("closes passages before 400 words, never cuts a paragraph that fits, and overlaps a split section", () => {
    const blocks: Block[] = [{ kind: "heading", level: 1, text: "Règlement" }];
    for (let i = 0; i < 6; i += 1) blocks.push(paragraph(120));
    const chunks = chunk({ title: "Règlement", blocks });
    assert.ok(chunks.length >= 2);
    for (const piece of chunks) assert.ok(piece.wordCount <= 400 + 40, `${piece.wordCount} words`);
    for (const piece of chunks.slice(0, -1))
      assert.ok(piece.wordCount >= 150, `${piece.wordCount} words`);
    // The second passage starts with the last sentence of the first (overlap).
    const lastSentence = sentences(chunks[0]?.text ?? "").at(-1) ?? "";
    assert.ok(chunks[1]?.text.startsWith(lastSentence));
  });

  it("splits a paragraph longer than a passage at sentence ends", () => {
    const long = Array.from(
      { length: 60 },
      (_, i) => `Phrase numéro ${i} avec quelques mots de plus.`,
    ).join(" ");
    const chunks = chunk({ title: null, blocks: [{ kind: "paragraph", text: long }] });
    assert.ok(chunks.length >= 2);
    for (const piece of chunks) {
      assert.ok(piece.wordCount <= 440);
      assert.match(piece.text, /\.$/);
    }
  });

  it("cuts text with no spaces (a run of markup, a dump) into passages of bounded length", () => {
    const run = "[".repeat(100_000);
    const chunks = chunk({
      title: null,
      blocks: [
        { kind: "paragraph", text: run },
        { kind: "list-item", text: run },
      ],
    });
    assert.equal(chunks.map((piece) => piece.text.replace(/[\s-]/g, "")).join(""), run + run);
    // 400 words of 25 characters at most, the overlap carried from one to the next included.
    for (const piece of chunks) assert.ok(piece.text.length <= 10_000, `${piece.text.length}`);
  });

  it("keeps the page of each passage's first block", () => {
    const chunks = chunk({
      title: "Délibération",
      blocks: [paragraph(250, 1), paragraph(250, 2), paragraph(250, 3)],
    });
    assert.deepEqual(
      chunks.map((piece) => piece.page),
      [1, 2, 3],
    );
  });

  it("splits sentences without breaking on abbreviations followed by lowercase or on decimals", () => {
    assert.deepEqual(
      sentences("Le tarif est de 3,50 €. M. le maire signe l'arrêté. Voir art. 12 du règlement."),
      ["Le tarif est de 3,50 €.", "M. le maire signe l'arrêté.", "Voir art. 12 du règlement."],
    );
  });
});
