export {
  type Action,
  type Decision,
  type ExtractOptions,
  extractMinutes,
  type Minutes,
  type MinutesSource,
  type OpenQuestion,
  sentences,
} from "./extract.js";
export { type MinutesDocumentOptions, minutesMarkdown } from "./markdown.js";
export {
  DEFAULT_TRANSCRIPT_LIMITS,
  readTranscript,
  type SpeakerTurn,
  type Transcript,
  type TranscriptLimits,
  TranscriptRejected,
  type TranscriptRejectionCode,
} from "./transcript.js";
export { type Deadline, findDeadline, formatWhen } from "./when.js";
