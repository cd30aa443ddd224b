import { hasMessage, t } from "../../i18n/index.js";
import type { Principal } from "../../identity/index.js";
import type { Stage } from "../pipeline.js";
import type { QuotaHold, Turn, TurnCharter } from "../turn.js";

export type QuotaMetric = "requests" | "tokens" | "wh" | "gco2e";

/** The charter's monthly quotas, as the stage hands them to the quota port. */
export interface TurnQuotaRules {
  agent?: Partial<Record<QuotaMetric, number>> | undefined;
  direction?: Partial<Record<QuotaMetric, number>> | undefined;
  onExceed: "warn" | "degrade" | "deny";
}

/** A quota the turn reached. */
export interface QuotaExceeded {
  scope: "agent" | "direction";
  metric: QuotaMetric;
  limit: number;
  /** When the month's counts start again (ISO, the first of next month, UTC). */
  resetsAt: string;
  /** Not reached yet, but answers in progress may reach it: the agent may retry shortly. */
  busy?: boolean;
}

/**
 * What admission gave: the scopes the turn holds (released when its
 * consumption is recorded) and the quota it reached, if any. Refused
 * (`deny`), it holds nothing.
 */
export interface QuotaAdmission {
  held: QuotaHold[];
  exceeded?: QuotaExceeded;
}

/** Admits a turn against the month's quotas, atomically (several instances may share them). */
export interface QuotaPort {
  admit(principal: Principal, rules: TurnQuotaRules): Promise<QuotaAdmission>;
}

/** The charter as the stage needs it: its rules for a principal, and who accepted which version. */
export interface CharterPort {
  rulesFor(principal: Principal): Promise<{
    turn: TurnCharter;
    citizensAllowed: boolean;
    forbiddenCategories: readonly string[];
    /** Whether requests may bring tools for a model to ask for, and for which assistants not. */
    toolUse: { allowed: boolean; forbiddenAssistants: readonly string[] };
    /** Whether this assistant's answers are drafts until an agent validates them. */
    requiresValidation: (assistantId: string, ownSetting: boolean) => boolean;
    pilot: boolean;
    quotas: TurnQuotaRules;
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
export function charterStage(charter: CharterPort, quotas?: QuotaPort): Stage {
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
    if (turn.input.tools?.length) {
      if (!rules.toolUse.allowed) {
        decide("charter.tools", "deny", t("charter.tools_forbidden"));
        return;
      }
      if (assistant && rules.toolUse.forbiddenAssistants.includes(assistant.id)) {
        decide(
          "charter.tools",
          "deny",
          t("charter.tools_forbidden_assistant", { assistant: assistant.name }),
        );
        return;
      }
    }
    if (rules.pilot) decide("charter.pilot", "note", t("charter.pilot"));
    // The local CLI acts for the administrator at the machine: no quota.
    if (quotas && principal.via !== "cli") {
      const admission = await quotas.admit(principal, rules.quotas);
      turn.quota = { held: admission.held, degraded: false };
      const exceeded = admission.exceeded;
      if (exceeded) {
        const params = describeQuota(turn, exceeded);
        if (exceeded.busy) {
          decide("charter.quota", "deny", t("charter.quota.busy", params));
          return;
        }
        if (rules.quotas.onExceed === "deny") {
          decide("charter.quota", "deny", t("charter.quota.deny", params));
          return;
        }
        if (rules.quotas.onExceed === "degrade") {
          turn.quota.degraded = true;
          decide("charter.quota-degrade", "note", t("charter.quota.degrade", params));
        } else decide("charter.quota-warn", "note", t("charter.quota.warn", params));
      }
    }
    decide("charter.applied", "allow", t("charter.applied", { title: rules.turn.title, version }));
  };
}

const MONTHS = new Intl.DateTimeFormat("fr-FR", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** The French words for a reached quota: which one, its limit, when it starts again. */
function describeQuota(turn: Turn, exceeded: QuotaExceeded) {
  const metric = t(`charter.quota.metric.${exceeded.metric}`);
  return {
    quota:
      exceeded.scope === "agent"
        ? t("charter.quota.scope.agent", { metric })
        : t("charter.quota.scope.direction", {
            metric,
            direction: turn.principal?.directionPath ?? "",
          }),
    limit: t(`charter.quota.limit.${exceeded.metric}`, {
      limit: exceeded.limit.toLocaleString("fr-FR"),
    }),
    resets: `1er ${MONTHS.format(new Date(exceeded.resetsAt))}`,
  };
}
