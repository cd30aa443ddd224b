import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchTopics } from "./topics.js";

const items = [
  {
    title: "Subvention aux associations sportives",
    text: "La région ouvre un appel à projets. Les associations sportives peuvent demander une subvention avant le 31 janvier. Le dossier se dépose en ligne.",
  },
  {
    title: "Marchés publics : nouveaux seuils",
    text: "Le seuil de dispense de procédure est relevé. Il s'applique aux marchés publics conclus à compter du 1er janvier.",
  },
  { title: "Météo", text: "Il fera beau demain." },
];

describe("the watch's topic filter", () => {
  it("keeps the items that hold every word of a topic, whatever their form", async () => {
    const matches = await matchTopics(items, [
      "subventions associatives sportives",
      "marché public",
    ]);
    // « subventions associatives » finds « subvention aux associations » (the same stems).
    assert.deepEqual(
      matches.map(({ item }) => item.title),
      ["Subvention aux associations sportives", "Marchés publics : nouveaux seuils"],
    );
    // Every word of a topic must be there: nothing here is about culture.
    assert.equal((await matchTopics(items, ["subvention culturelle"])).length, 0);
    const plural = await matchTopics(items, ["subventions", "association"]);
    assert.deepEqual(
      plural.map(({ item, topics }) => [item.title, topics]),
      [["Subvention aux associations sportives", ["subventions", "association"]]],
    );
  });

  it("gives the sentences that name a topic as the excerpt", async () => {
    const [match] = await matchTopics(items, ["subvention"]);
    assert.deepEqual(match?.excerpt, [
      "Les associations sportives peuvent demander une subvention avant le 31 janvier.",
    ]);
  });

  it("keeps every item when no topic is given, and none when nothing matches", async () => {
    assert.equal((await matchTopics(items, [])).length, 3);
    assert.equal((await matchTopics(items, ["urbanisme"])).length, 0);
    // Stop words alone are no topic.
    assert.equal((await matchTopics(items, ["le la les"])).length, 3);
  });
});
