import { t } from "../../i18n/index.js";
import type { Stage, StageContext } from "../pipeline.js";
import type { Turn, TurnOutput } from "../turn.js";

/** Writes the answer: with the route's models in order, or extractively; records what it did. */
export type Generate = (turn: Turn, decide: StageContext["decide"]) => Promise<TurnOutput>;

/**
 * generate: the answer, passed to the turn's sink as it is written. The
 * generator falls back along the route's candidates, and to the extractive
 * answer (quoted passages with citations) when no model answers. A model's
 * answer given without passages because none was relevant (`preferred`
 * mode) carries a notice: the agent reads that nothing in the bases
 * supports it. Quoted passages need none: with nothing found, they abstain.
 */
export function generateStage(generate: Generate): Stage {
  return async (turn, { decide }) => {
    turn.output = await generate(turn, decide);
    if (turn.grounding?.ungrounded && turn.output.mode === "model") {
      decide("generate.ungrounded", "note", t("generate.ungrounded"));
    }
  };
}
