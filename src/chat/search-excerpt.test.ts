import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { searchWords } from "../store/index.js";
import { searchExcerpt } from "./search-excerpt.js";

const text = (parts: { text: string }[]) => parts.map((part) => part.text).join("");
const marked = (parts: { text: string; match: boolean }[]) =>
  parts.filter((part) => part.match).map((part) => part.text);

describe("a search's excerpt", () => {
  it("marks the words as written, accents and case aside, at the start of words only", () => {
    const parts = searchExcerpt(
      "Le DÉMÉNAGEMENT du service : redéménagement prévu, puis déménagements.",
      searchWords("demenagement"),
    );
    assert.deepEqual(marked(parts), ["DÉMÉNAGEMENT", "déménagement"]);
    assert.equal(
      text(parts),
      "Le DÉMÉNAGEMENT du service : redéménagement prévu, puis déménagements.",
    );
  });

  it("cuts around the first match at spaces, says so, and collapses spaces", () => {
    const before = "mot ".repeat(40);
    const after = " suite".repeat(60);
    const parts = searchExcerpt(`${before}la\n\ncrèche municipale${after}`, searchWords("creche"));
    const shown = text(parts);
    assert.match(shown, /^… (mot )+la crèche municipale( suite)+ …$/);
    assert.ok(shown.length < 260, `${shown.length} characters`);
    assert.deepEqual(marked(parts), ["crèche"]);
  });

  it("matches a short word as a whole word, and ligatures typed as two letters", () => {
    assert.deepEqual(marked(searchExcerpt("Le chœur et le CA du CCAS", searchWords("choeur ca"))), [
      "chœur",
      "CA",
    ]);
  });

  it("shows the start of the message when it holds no word (a title matched elsewhere)", () => {
    assert.deepEqual(searchExcerpt("Bonjour", searchWords("absent")), [
      { text: "Bonjour", match: false },
    ]);
  });

  it("walks a message built against it once: one word of 100,000 letters", () => {
    const word = "a".repeat(100_000);
    // Every position holds "aa" and "aaa", none at the start of a word but the first.
    assert.deepEqual(marked(searchExcerpt(word, searchWords("aa"))), []);
    const parts = searchExcerpt(word, searchWords("aaa"));
    assert.equal(parts[0]?.match, true);
    assert.equal(parts[0]?.text, "aaa");
  });
});
