import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../shared/errors.js";
import { lintPlainLanguage, MAX_TEXT_LENGTH } from "./index.js";

const PARAGRAPH =
  "Nonobstant les dispositions susvisées, il vous appartient de transmettre les pièces " +
  "justificatives à l'effet de constituer votre dossier. Le CCAS instruira la demande. " +
  "Les frais afférents au dossier sont pris en charge par la commune. Le CCAS vous répondra.";

describe("plain-language linter (the baseline, no model)", () => {
  it("lints a short administrative paragraph and suggests a plain rewrite", () => {
    const lint = lintPlainLanguage(PARAGRAPH);
    assert.deepEqual(
      lint.jargon.map((f) => [PARAGRAPH.slice(f.start, f.end), f.plain]),
      [
        ["Nonobstant", "malgré"],
        ["susvisées", "citées plus haut"],
        ["il vous appartient de", "vous devez"],
        ["pièces justificatives", "documents à fournir"],
        ["à l'effet de", "pour"],
        ["CCAS", "centre communal d'action sociale (CCAS)"],
        ["afférents", "liés"],
        ["CCAS", "centre communal d'action sociale (CCAS)"],
      ],
    );
    assert.equal(
      lint.rewrite,
      "Malgré les dispositions citées plus haut, vous devez transmettre les documents à fournir " +
        "pour constituer votre dossier. Le centre communal d'action sociale (CCAS) instruira la " +
        "demande. Les frais liés au dossier sont pris en charge par la commune. Le CCAS vous répondra.",
    );
    assert.equal(lint.measures.sentences, 4);
    assert.equal(lint.passiveSentences.length, 1);
    const [passive] = lint.passiveSentences;
    assert.ok(passive);
    assert.equal(
      PARAGRAPH.slice(passive.start, passive.end),
      "Les frais afférents au dossier sont pris en charge par la commune.",
    );
    assert.equal(PARAGRAPH.slice(passive.participle.start, passive.participle.end), "pris");
    assert.equal(passive.agent, true);
    assert.deepEqual(lint.longSentences, []);
    assert.ok(lint.rewriteMeasures);
    assert.equal(lint.rewriteMeasures.sentences, 4);
  });

  it("reports long sentences with their positions, at the length asked", () => {
    const text = "Le conseil municipal a examiné le projet de budget. Il vote.";
    const lint = lintPlainLanguage(text, { longSentenceWords: 5 });
    assert.deepEqual(
      lint.longSentences.map((s) => [text.slice(s.start, s.end), s.words]),
      [["Le conseil municipal a examiné le projet de budget.", 9]],
    );
    assert.equal(lint.measures.longSentences, 1);
  });

  it("capitalises a replacement where the expression was, an acronym at a sentence's start", () => {
    assert.equal(
      lintPlainLanguage("RSA : la demande. Dans le cas où il part, ledit dossier reste.").rewrite,
      "Revenu de solidarité active (RSA) : la demande. Si il part, ce dossier reste.",
    );
  });

  it("leaves a text without jargon as it is, and an empty one empty", () => {
    const plain = "Vous pouvez venir lundi.";
    const lint = lintPlainLanguage(plain);
    assert.equal(lint.rewrite, plain);
    assert.deepEqual(lint.jargon, []);
    const empty = lintPlainLanguage("");
    assert.equal(empty.rewrite, "");
    assert.equal(empty.measures.readingEase, null);
  });

  it("refuses a text above the limit", () => {
    assert.throws(
      () => lintPlainLanguage("a".repeat(MAX_TEXT_LENGTH + 1)),
      (error: unknown) =>
        error instanceof AppError && error.code === "plain_language_text_too_long",
    );
  });
});
