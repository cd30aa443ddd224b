export { type Decision, STAGES, type StageName } from "./decision.js";
export { Pipeline, type Stage, type StageContext } from "./pipeline.js";
export { identifyStage, type ResolveCredential } from "./stages/identify.stage.js";
export type { ChatMessage, Credential, Turn } from "./turn.js";
