/** The stages every turn walks, in this order (ARCHITECTURE.md). */
export const STAGES = [
  "identify",
  "charter",
  "guard",
  "ground",
  "route",
  "generate",
  "restore",
  "account",
  "journal",
] as const;
export type StageName = (typeof STAGES)[number];

/**
 * What a stage decided and why. `rule` is a stable id (`identity.chat-permission`);
 * `reason` is a French sentence the agent can read. Neither ever holds prompt
 * text or personal data: the journal keeps decisions as they are.
 */
export interface Decision {
  stage: StageName;
  rule: string;
  outcome: "allow" | "deny" | "transform" | "note";
  reason: string;
  at: string;
}
