export {
  type BreakReason,
  type ChainedEntry,
  ChainVerifier,
  canonicalJson,
  entryHash,
  GENESIS_HASH,
} from "./audit.chain.js";
export {
  AUDIT_ACTIONS,
  AUDIT_ACTOR_KINDS,
  type AuditAction,
  type AuditActor,
  type AuditDetails,
  type AuditEvent,
  type AuditValue,
  auditActor,
  type RecordAudit,
} from "./audit.js";
export { actionLabel, actorLabel, verificationMessage } from "./audit.messages.js";
export { AuditRepository } from "./audit.repository.js";
export { auditRoutes } from "./audit.routes.js";
export { parseAnchor } from "./audit.schema.js";
export {
  type AuditEntry,
  type AuditHead,
  AuditLog,
  type AuditVerification,
} from "./audit.service.js";
export { journalRoutes } from "./journal.routes.js";
export { UsageJournal, type UsageSummaryRow } from "./journal.service.js";
export { type RetentionPeriods, RetentionService } from "./retention.service.js";
export { UsageRepository } from "./usage.repository.js";
