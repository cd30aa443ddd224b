export { type Decision, STAGES, type StageName } from "./decision.js";
export { publicDecisions, turnError } from "./outcome.js";
export { Pipeline, type Stage, type StageContext } from "./pipeline.js";
export { type Generate, generateStage } from "./stages/generate.stage.js";
export { groundStage, questionOf, type Retrieve } from "./stages/ground.stage.js";
export { type GuardFinding, guardStage, type ScanPort } from "./stages/guard.stage.js";
export { identifyStage, type ResolveCredential } from "./stages/identify.stage.js";
export { type Route, type RouteResult, routeStage } from "./stages/route.stage.js";
export type {
  ChatMessage,
  Credential,
  DataClass,
  Grounding,
  GroundingPassage,
  PassageSource,
  RouteCandidate,
  SovereigntyClass,
  Turn,
  TurnAssistant,
  TurnCitation,
  TurnOutput,
  TurnUsage,
} from "./turn.js";
