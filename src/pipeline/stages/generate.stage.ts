import type { Stage } from "../pipeline.js";
import type { Grounding, TurnOutput } from "../turn.js";
import { questionOf } from "./ground.stage.js";

/** Produces the answer from the question and its grounding. */
export type Generate = (question: string, grounding: Grounding | undefined) => Promise<TurnOutput>;

/**
 * generate: the answer. Until the model gateway lands, the extractive
 * generator (quoted passages with citations, or a plain abstention) is the
 * only one, as it is the embedded default and the degraded mode.
 */
export function generateStage(generate: Generate): Stage {
  return async (turn, { decide }) => {
    turn.output = await generate(questionOf(turn.input.messages), turn.grounding);
    decide(
      `generate.${turn.output.mode}`,
      "allow",
      turn.output.abstained
        ? "Réponse extractive : aucune source pertinente, abstention."
        : `Réponse extractive : ${turn.output.citations.length} source(s) citée(s), sans modèle de langue.`,
    );
  };
}
