import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextFor, rulesOf, turnOf } from "../../../test/support/turns.js";
import { DEFAULT_RECOGNIZERS, GuardService } from "../../guard/index.js";
import type { Turn, TurnOutput } from "../turn.js";
import { restoreStage } from "./restore.stage.js";

/**
 * The restore stage on its own, with the real guard: a model's answer that
 * brings personal data nobody gave it is reported, by type; one that repeats
 * what the agent wrote (however spaced) is not; an extractive answer quotes
 * the passages and is not scanned again.
 */
describe("restore stage", () => {
  const guard = new GuardService(DEFAULT_RECOGNIZERS);
  const answer = (text: string, mode: TurnOutput["mode"] = "model"): TurnOutput => ({
    text,
    mode,
    citations: [],
    abstained: false,
  });
  const run = async (turn: Turn) => {
    await restoreStage(guard.finding)(turn, contextFor(turn, "restore"));
    return turn;
  };

  it("reports personal data the answer brings from nowhere, by type only", async () => {
    const turn = await run(
      turnOf(["Rédige une réponse au courrier de l'usager sur son dossier de cantine."], {
        output: answer("Vous pouvez rappeler le service au 06 98 76 54 32 pour régler la facture."),
      }),
    );
    assert.deepEqual(rulesOf(turn), ["restore.new-personal-data note"]);
    assert.match(turn.decisions[0]?.reason ?? "", /téléphone/i);
    assert.doesNotMatch(turn.decisions[0]?.reason ?? "", /06 98/);
  });

  it("lets an answer repeat what the agent gave it, written another way", async () => {
    const turn = await run(
      turnOf(["Le demandeur est joignable au 06 98 76 54 32 : propose-lui un rendez-vous."], {
        output: answer("Appelez le 06.98.76.54.32 pour fixer le rendez-vous de mardi."),
      }),
    );
    assert.deepEqual(rulesOf(turn), ["restore.clean allow"]);
  });

  it("does not scan an extractive answer, which only quotes the passages", async () => {
    const turn = await run(
      turnOf(["Numéro de l'accueil ?"], {
        output: answer("Accueil : 06 98 76 54 32.", "extractive"),
      }),
    );
    assert.deepEqual(rulesOf(turn), []);
  });
});
