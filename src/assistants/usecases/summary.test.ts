import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractiveSummary, MAX_SUMMARY_SENTENCES } from "./summary.js";

describe("extractiveSummary", () => {
  it("keeps the sentences on the frequent subject, in reading order, stop words aside", () => {
    const text = [
      "Le conseil examine le budget des écoles.",
      "Le budget des écoles augmente de dix pour cent cette année.",
      "Il pleuvait ce jour-là sur toute la région.",
      "Les écoles recevront ce budget au printemps prochain.",
      "Oui.",
    ].join(" ");
    const kept = extractiveSummary([{ name: "Rapport", text }], 3);
    assert.deepEqual(
      kept.map((sentence) => sentence.text),
      [
        "Le conseil examine le budget des écoles.",
        "Le budget des écoles augmente de dix pour cent cette année.",
        "Les écoles recevront ce budget au printemps prochain.",
      ],
    );
    assert.deepEqual(extractiveSummary([{ name: "Vide", text: "Oui. Non." }], 3), []);
  });

  it("gives a paragraph's first sentence a head start, and says which document each comes from", () => {
    const kept = extractiveSummary(
      [
        {
          name: "A",
          text: "Une phrase d'ouverture sur un autre sujet tout à fait.\n\nLe projet de médiathèque avance bien.",
        },
        { name: "B", text: "Le projet de médiathèque ouvrira en juin prochain." },
      ],
      2,
    );
    assert.deepEqual(
      kept.map((sentence) => sentence.source),
      [0, 1],
    );
    assert.match(kept[0]?.text ?? "", /médiathèque avance/);
  });

  it("reads at most MAX_SUMMARY_SENTENCES sentences, and cuts a very long one", () => {
    const many = "Le marché des repas scolaires est relancé. ".repeat(
      MAX_SUMMARY_SENTENCES + 5_000,
    );
    const started = performance.now();
    const kept = extractiveSummary([{ name: "Long", text: many }], 5);
    assert.equal(kept.length, 5);
    assert.ok(performance.now() - started < 5_000);
    const long = `Le marché ${"des repas scolaires ".repeat(100)}est relancé.`;
    const [cut] = extractiveSummary([{ name: "Une", text: long }], 1);
    assert.ok((cut?.text.length ?? 0) <= 610);
    assert.match(cut?.text ?? "", / \[…\]$/);
  });
});
