import type { TurnAssistant } from "./turn.js";

/**
 * How an assistant uses its knowledge bases. `required`: only from their
 * passages, abstaining when none is relevant (a reception desk must not
 * answer from memory). `preferred`: the passages when retrieval finds
 * relevant ones, otherwise the model answers alone and the answer says so.
 * `off`: the bases are not searched.
 */
export const GROUNDING_MODES = ["required", "preferred", "off"] as const;
export type GroundingMode = (typeof GROUNDING_MODES)[number];

/**
 * The mode a turn applies. An assistant that does not say (a model named
 * directly, an older caller) keeps the behaviour that came before the
 * modes: bound to bases, `required`; searching every base the agent may
 * read (the default assistant), `preferred`.
 */
export function groundingOf(assistant: TurnAssistant | undefined): GroundingMode {
  if (assistant?.grounding) return assistant.grounding;
  return (assistant?.knowledgeBases ?? "all") === "all" ? "preferred" : "required";
}
