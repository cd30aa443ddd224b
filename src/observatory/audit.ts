/**
 * What the domains need to record an administrative action: the action ids,
 * the actor, and the port they call. Domains import these types only, from
 * `observatory/index.ts`; the composition root hands them the function.
 */

/** Every action the audit log records; ids are permanent (exports and reports rely on them). */
export const AUDIT_ACTIONS = [
  "user.created",
  "user.disabled",
  "user.enabled",
  "user.direction-changed",
  "user.password-reset",
  "role.granted",
  "role.revoked",
  "api-key.created",
  "api-key.revoked",
  "knowledge-base.created",
  "knowledge-base.deleted",
  "knowledge-base.readers-changed",
  "knowledge-base.personal-data-changed",
  "document.released",
  "document.deleted",
  "aid-schemes.imported",
  "assistant.created",
  "assistant.updated",
  "assistant.deleted",
  "usecase.created",
  "usecase.updated",
  "usecase.imported",
  "usecase.deleted",
  "prompt.created",
  "prompt.updated",
  "prompt.deleted",
  "watch-source.created",
  "watch-source.updated",
  "watch-source.deleted",
  "arena-campaign.created",
  "arena-campaign.closed",
  "experience.published",
  "experience.set-aside",
  "proposal.accepted",
  "proposal.declined",
  "provider.added",
  "provider.updated",
  "provider.removed",
  "charter.changed",
  "charter.accepted-for",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted: a signed-in user (their id only), the local command line, or Beffroi itself (configuration, ProConnect login). */
export type AuditActor = { kind: "user"; id: string } | { kind: "cli" } | { kind: "system" };

export const AUDIT_ACTOR_KINDS = ["user", "cli", "system"] as const;

/** A JSON value; details hold ids, role names, settings — never a secret, a name, an address or a prompt. */
export type AuditValue =
  | string
  | number
  | boolean
  | null
  | AuditValue[]
  | { [key: string]: AuditValue };
export type AuditDetails = { [key: string]: AuditValue };

export interface AuditEvent {
  action: AuditAction;
  /** The id of what was acted on (user, API key, base, document, assistant, provider, charter version). */
  target: string | null;
  details?: AuditDetails;
  /** When absent, the recorder's default: the command line for the CLI, `system` for the server. */
  actor?: AuditActor;
}

/**
 * The port a domain calls after (or, given a transaction, within) an
 * administrative change. It throws when the entry could not be written.
 */
export type RecordAudit = (event: AuditEvent) => Promise<void>;

/** The actor for a principal (anything with a user id) or the CLI. */
export const auditActor = (who: { userId: string } | "cli"): AuditActor =>
  who === "cli" ? { kind: "cli" } : { kind: "user", id: who.userId };
