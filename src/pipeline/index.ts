export { type Decision, STAGES, type StageName } from "./decision.js";
export { GROUNDING_MODES, type GroundingMode, groundingOf } from "./grounding.js";
export { publicDecisions, turnError } from "./outcome.js";
export { Pipeline, type Stage, type StageContext } from "./pipeline.js";
export { accountStage, type EstimateImpact } from "./stages/account.stage.js";
export {
  ATTACHMENTS_POSITION,
  type AttachmentsPorts,
  attachmentsStage,
} from "./stages/attachments.stage.js";
export {
  type CharterPort,
  charterStage,
  type QuotaAdmission,
  type QuotaExceeded,
  type QuotaPort,
  type TurnQuotaRules,
} from "./stages/charter.stage.js";
export { type Generate, generateStage } from "./stages/generate.stage.js";
export { groundStage, questionOf, type Retrieve } from "./stages/ground.stage.js";
export { guardStage } from "./stages/guard.stage.js";
export { identifyStage, type ResolveCredential } from "./stages/identify.stage.js";
export { journalStage, type RecordUsage } from "./stages/journal.stage.js";
export { restoreStage } from "./stages/restore.stage.js";
export {
  describeFindings,
  type Route,
  type RouteResult,
  routeStage,
} from "./stages/route.stage.js";
export type {
  ChatMessage,
  Credential,
  DataAction,
  Grounding,
  GroundingPassage,
  ImpactRange,
  ModelParameter,
  PassageSource,
  PersonalDataSpan,
  QuotaHold,
  RouteCandidate,
  Sampling,
  SamplingParameter,
  SovereigntyClass,
  ToolCall,
  ToolDefinition,
  Turn,
  TurnAssistant,
  TurnAttachment,
  TurnCharter,
  TurnCitation,
  TurnImpact,
  TurnOutput,
  TurnQuota,
  TurnSobriety,
  TurnUsage,
} from "./turn.js";
