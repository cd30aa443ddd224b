import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { en } from "./en.js";
import { fr } from "./fr.js";
import { preferredLanguage, tIn } from "./index.js";

const placeholders = (message: string) =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The API's errors in English, for clients that ask: the same messages as the French ones. */
describe("English error messages", () => {
  it("exist for every error of the French catalogue, with the same placeholders, and nothing else", () => {
    const french = Object.keys(fr).filter((key) => key.startsWith("error."));
    assert.deepEqual(Object.keys(en).sort(), french.sort());
    for (const [key, message] of Object.entries(en)) {
      assert.deepEqual(placeholders(message), placeholders(fr[key as keyof typeof fr]), key);
    }
  });

  it("are chosen from Accept-Language, French by default and on a tie", () => {
    assert.equal(preferredLanguage(undefined), "fr");
    assert.equal(preferredLanguage("en-GB,en;q=0.9"), "en");
    assert.equal(preferredLanguage("fr-FR,fr;q=0.9,en;q=0.8"), "fr");
    assert.equal(preferredLanguage("de-DE,en;q=0.5"), "en");
    assert.equal(preferredLanguage("en;q=0.5,fr;q=0.5"), "fr");
    assert.equal(preferredLanguage("es"), "fr");
    assert.match(tIn("en", "error.model_unknown", { model: "a/b" }), /a\/b/);
    assert.equal(
      tIn("en", "ground.none", { assistant: "x" }),
      tIn("fr", "ground.none", { assistant: "x" }),
    );
  });
});
