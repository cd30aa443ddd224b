import { hasMessage, type MessageKey, t } from "../i18n/index.js";
import type { AuditVerification } from "./audit.service.js";

/** The verification's outcome in one French sentence (API and CLI). */
export function verificationMessage(result: AuditVerification): string {
  if (!result.ok)
    return t("audit.broken", {
      seq: result.brokenAt,
      reason: t(`audit.reason.${result.reason}` as MessageKey),
    });
  if (result.count === 0) return t("audit.intact_empty");
  return t("audit.intact", { count: result.count, seq: result.head.seq, hash: result.head.hash });
}

/** An action's French label, or its id when the catalogue has none (an action of a later version). */
export function actionLabel(action: string): string {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? t(key) : action;
}

/** Who acted, for the CLI: a user's id, the command line or Beffroi itself. */
export function actorLabel(actor: { kind: string; id: string | null }): string {
  if (actor.kind === "user") return t("audit.actor.user", { id: actor.id ?? "?" });
  return t(actor.kind === "cli" ? "audit.actor.cli" : "audit.actor.system");
}
