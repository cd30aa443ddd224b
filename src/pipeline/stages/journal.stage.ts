import { t } from "../../i18n/index.js";
import type { Stage } from "../pipeline.js";
import type { Turn } from "../turn.js";

/** Keeps one usage record of a turn (never its prompt or its answer). */
export type RecordUsage = (turn: Turn) => Promise<void>;

/**
 * journal: one usage record per turn, whatever its outcome (the pipeline
 * runs this stage after a refusal or a failure too): who, which assistant
 * and model, the data class, the tokens, the time, the impact and the
 * decisions — never the text of the question or of the answer.
 */
export function journalStage(record: RecordUsage): Stage {
  return async (turn, { decide }) => {
    await record(turn);
    decide("journal.recorded", "note", t("journal.recorded"));
  };
}
