import type { Decision, StageContext, Turn, TurnCharter } from "../../src/pipeline/index.js";

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

/** The default charter's rules as the charter stage puts them on a turn (version 3 of a city's). */
export const CHARTER_RULES: TurnCharter = {
  version: 3,
  title: "Charte de la ville",
  dataMatrix: {
    public: { local: "allow", sovereign: "allow", extraterritorial: "allow" },
    personal: { local: "allow", sovereign: "allow", extraterritorial: "pseudonymise" },
    sensitive: { local: "allow", sovereign: "pseudonymise", extraterritorial: "block" },
  },
  validationLabel: "Brouillon",
  disclosure: "",
};
