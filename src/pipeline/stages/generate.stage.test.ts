import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextFor, rulesOf, turnOf } from "../../../test/support/turns.js";
import type { Grounding, TurnOutput } from "../turn.js";
import { generateStage } from "./generate.stage.js";

const ungrounded: Grounding = {
  knowledgeBaseIds: ["kb"],
  passages: [],
  confidence: 0.1,
  abstained: false,
  ungrounded: true,
};

const model: TurnOutput = {
  text: "Madame, Monsieur…",
  mode: "model",
  citations: [],
  abstained: false,
};
const quoted: TurnOutput = {
  text: "Je n'ai trouvé aucun passage…",
  mode: "extractive",
  citations: [],
  abstained: true,
};

/**
 * The generate stage around its generator: a model's answer written with no
 * passage because none was relevant carries the notice; quoted passages,
 * which abstain when nothing was found, and grounded answers do not.
 */
describe("generate stage", () => {
  const run = async (grounding: Grounding | undefined, output: TurnOutput) => {
    const turn = turnOf(["Reformule ce courrier."], grounding ? { grounding } : {});
    await generateStage(async () => output)(turn, contextFor(turn, "generate"));
    return turn;
  };

  it("says that a model answered without sources when the bases had nothing relevant", async () => {
    const turn = await run(ungrounded, model);
    assert.deepEqual(rulesOf(turn), ["generate.ungrounded note"]);
    assert.equal(
      turn.decisions[0]?.reason,
      "Aucun passage des bases ne correspond : réponse du modèle sans source.",
    );
  });

  it("adds nothing to an honest abstention, nor to an answer from passages", async () => {
    assert.deepEqual(rulesOf(await run(ungrounded, quoted)), []);
    assert.deepEqual(
      rulesOf(await run({ ...ungrounded, ungrounded: undefined, passages: [] }, model)),
      [],
    );
    assert.deepEqual(rulesOf(await run(undefined, model)), []);
  });
});
