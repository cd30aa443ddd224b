import { hasMessage, t } from "../../i18n/index.js";
import type { Principal } from "../../identity/index.js";
import type { Stage } from "../pipeline.js";
import type { TurnCharter } from "../turn.js";

/** The charter as the stage needs it: its rules for a principal, and who accepted which version. */
export interface CharterPort {
  rulesFor(principal: Principal): Promise<{
    turn: TurnCharter;
    citizensAllowed: boolean;
    forbiddenCategories: readonly string[];
    /** Whether this assistant's answers are drafts until an agent validates them. */
    requiresValidation: (assistantId: string, ownSetting: boolean) => boolean;
    pilot: boolean;
  }>;
  accepted(userId: string, version: number): Promise<boolean>;
}

/**
 * charter: is this use allowed? The agent has accepted the charter's current
 * version (the local CLI acts for the administrator at the machine); the
 * assistant does not face citizens unless the charter allows it; its
 * category is not one the charter forbids. The turn then carries the
 * charter's rules for this agent (the data matrix the route stage applies,
 * the validation label, the disclosure). A refusal names the rule and says
 * what the agent can do instead.
 */
export function charterStage(charter: CharterPort): Stage {
  return async (turn, { decide }) => {
    const principal = turn.principal;
    if (!principal) return;
    const rules = await charter.rulesFor(principal);
    turn.charter = rules.turn;
    const { version } = rules.turn;
    if (principal.via !== "cli" && !(await charter.accepted(principal.userId, version))) {
      decide("charter.acceptance", "deny", t("charter.not_accepted", { version }));
      return;
    }
    const assistant = turn.assistant;
    if (assistant) {
      if (assistant.audience === "citizens" && !rules.citizensAllowed) {
        decide("charter.audience", "deny", t("charter.audience", { assistant: assistant.name }));
        return;
      }
      if (assistant.category && rules.forbiddenCategories.includes(assistant.category)) {
        const why = `charter.category.${assistant.category}`;
        decide(
          "charter.category",
          "deny",
          t("charter.category", {
            category: assistant.category,
            assistant: assistant.name,
            why: hasMessage(why) ? t(why) : t("charter.category.other"),
          }),
        );
        return;
      }
      assistant.requiresValidation = rules.requiresValidation(
        assistant.id,
        assistant.requiresValidation,
      );
    }
    if (rules.pilot) decide("charter.pilot", "note", t("charter.pilot"));
    decide("charter.applied", "allow", t("charter.applied", { title: rules.turn.title, version }));
  };
}
