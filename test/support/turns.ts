import type { Decision, StageContext, Turn } from "../../src/pipeline/index.js";

/** A turn as the stages before the one under test would leave it. */
export function turnOf(messages: string[], extra: Partial<Turn> = {}): Turn {
  return {
    id: "turn-1",
    startedAt: "2026-12-06T08:00:00.000Z",
    credential: { kind: "session", token: "" },
    input: { messages: messages.map((content) => ({ role: "user" as const, content })) },
    decisions: [],
    status: "walking",
    ...extra,
  };
}

/** The context a stage decides through, keeping the decisions on the turn as the pipeline does. */
export function contextFor(turn: Turn, stage: Decision["stage"]): StageContext {
  return {
    decide: (rule, outcome, reason) => {
      turn.decisions.push({ stage, rule, outcome, reason, at: turn.startedAt });
    },
  };
}

/** The turn's decisions as "rule outcome", in order. */
export const rulesOf = (turn: Turn) =>
  turn.decisions.map((decision) => `${decision.rule} ${decision.outcome}`);
