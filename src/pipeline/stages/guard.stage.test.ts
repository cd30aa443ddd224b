import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextFor, rulesOf, turnOf } from "../../../test/support/turns.js";
import { DEFAULT_RECOGNIZERS, GuardService } from "../../guard/index.js";
import { guardStage } from "./guard.stage.js";

/**
 * The guard stage on its own, with the real guard (its built-in lists): it
 * classifies the turn from every message, says what it found by type and
 * where, never the values, and lets nothing through when the scan fails.
 */
describe("guard stage", () => {
  const guard = new GuardService(DEFAULT_RECOGNIZERS);
  const run = async (messages: string[]) => {
    const turn = turnOf(messages);
    await guardStage(guard.finding)(turn, contextFor(turn, "guard"));
    return turn;
  };

  it("leaves a clean question public and says so", async () => {
    const turn = await run(["Quels sont les horaires de la médiathèque le samedi ?"]);
    assert.equal(turn.dataClass, "public");
    assert.deepEqual(turn.personalData, []);
    assert.deepEqual(rulesOf(turn), ["guard.clean allow"]);
  });

  it("classes the turn by its most sensitive message and says what was found, never the values", async () => {
    const turn = await run([
      "Mme Claire Martin, joignable au 06 12 34 56 78, est suivie pour une dépression.",
      "Peux-tu rédiger un courrier de relance ?",
    ]);
    assert.equal(turn.dataClass, "sensitive");
    const phone = turn.personalData?.find((span) => span.type === "PHONE");
    assert.equal(phone?.message, 0, "the finding is placed in the message that holds it");
    assert.ok(turn.personalData?.some((span) => span.type === "SENSITIVE"));
    assert.deepEqual(rulesOf(turn), ["guard.found note"]);
    const reason = turn.decisions[0]?.reason ?? "";
    assert.match(reason, /téléphone/i);
    assert.doesNotMatch(reason, /Martin|06 12|dépression/);
  });

  it("blocks the turn when the scan fails, rather than letting it through unchecked", async () => {
    const turn = turnOf(["Bonjour"]);
    const failing = guardStage(async () => {
      throw new Error("scanner down");
    });
    await assert.rejects(failing(turn, contextFor(turn, "guard")), /scanner down/);
    assert.equal(turn.dataClass, undefined, "no class is given to what was not scanned");
  });
});
