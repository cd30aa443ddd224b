import { t } from "../i18n/index.js";
import type { Clock } from "../shared/clock.js";
import { AppError } from "../shared/errors.js";
import { type Log, silentLog } from "../shared/log.js";
import { type Decision, STAGES, type StageName } from "./decision.js";
import type { Turn } from "./turn.js";

/** What a stage may do besides editing the turn: record a decision. */
export interface StageContext {
  decide(rule: string, outcome: Decision["outcome"], reason: string): void;
}

export type Stage = (turn: Turn, context: StageContext) => Promise<void>;

/** Stages that run even after a denial or a failure, so that every turn is accounted for. */
const ALWAYS: ReadonlySet<StageName> = new Set(["journal"]);

/**
 * The pipeline, composed in one place. Stages run in the order of STAGES; the
 * first `deny` decision stops the walk; a stage that throws fails the turn
 * closed (a `deny` decision is recorded, nothing after it runs but the
 * journal). A slot with no stage yet records a `<stage>.not-installed` note,
 * so that a turn's decisions always say which protections ran.
 */
export class Pipeline {
  constructor(
    private readonly stages: Partial<Record<StageName, Stage>>,
    private readonly clock: Clock,
    private readonly log: Log = silentLog,
  ) {}

  /** The stage names this pipeline runs, in order. */
  get order(): StageName[] {
    return STAGES.filter((name) => this.stages[name] !== undefined);
  }

  async walk(turn: Turn): Promise<Turn> {
    for (const name of STAGES) {
      const stage = this.stages[name];
      if (turn.status !== "walking" && !ALWAYS.has(name)) continue;
      // The stages that run whatever happened (the journal) see how the walk ended.
      if (ALWAYS.has(name) && turn.status === "walking") turn.status = "completed";
      const context: StageContext = {
        decide: (rule, outcome, reason) => {
          turn.decisions.push({
            stage: name,
            rule,
            outcome,
            reason,
            at: this.clock.now().toISOString(),
          });
        },
      };
      if (!stage) {
        context.decide(`${name}.not-installed`, "note", t("pipeline.stage_not_installed"));
        continue;
      }
      try {
        await stage(turn, context);
      } catch (error) {
        const reason = error instanceof AppError ? error.message : t("pipeline.stage_failed");
        if (error instanceof AppError) turn.failure = error;
        context.decide(`${name}.failed`, "deny", reason);
        // Codes and ids only: an error's message may quote what the turn carried.
        this.log.error(
          {
            turnId: turn.id,
            stage: name,
            code: error instanceof AppError ? error.code : ((error as Error)?.name ?? "unknown"),
          },
          "stage-failed",
        );
        if (turn.status === "walking") {
          turn.status = "failed";
          turn.stoppedAt = name;
        }
        continue;
      }
      if (
        turn.status === "walking" &&
        turn.decisions.some((d) => d.stage === name && d.outcome === "deny")
      ) {
        turn.status = "denied";
        turn.stoppedAt = name;
      }
    }
    if (turn.status === "walking") turn.status = "completed";
    return turn;
  }
}
