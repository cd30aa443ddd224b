export { TimeSlices } from "../shared/time-slices.js";
export { DEFAULT_AID_FILE_LIMITS } from "./aids/aid-file.js";
export { AidFinder, type AidFinding, type AidRequest, type FoundAid } from "./aids/aid-finder.js";
export { AidsRepository } from "./aids/aids.repository.js";
export { aidsRoutes } from "./aids/aids.routes.js";
export type { AidCondition, AidConditions } from "./aids/aids.schema.js";
export { type AidImportReport, type AidSchemeView, AidsService } from "./aids/aids.service.js";
export {
  type ConditionCheck,
  describeCondition,
  type Evaluation,
  evaluateConditions,
  type Situation,
  type SituationPlaces,
} from "./aids/conditions.js";
export { analyse, FRENCH_STOP_WORDS, foldAccents } from "./analysis/index.js";
export {
  ABSTENTION_THRESHOLD,
  type Answer,
  type Citation,
  citationPlace,
  extractiveAnswer,
} from "./answer.js";
export { askRoutes } from "./ask.routes.js";
export { type Chunk, chunk, DEFAULT_CHUNKING } from "./chunker.js";
export { loadDemoBase } from "./demo.js";
export { DenseRetrieval, type DenseStatus } from "./dense.js";
export { DocumentsRepository } from "./documents.repository.js";
export { IngestionWorker } from "./ingestion.worker.js";
export { knowledgeRoutes } from "./knowledge.routes.js";
export { CitationSchema } from "./knowledge.schema.js";
export {
  type Actor,
  type Document,
  type IncomingFile,
  type KnowledgeBase,
  KnowledgeService,
  type QuarantinedDocument,
  type SubmitResult,
} from "./knowledge.service.js";
export { KnowledgeBasesRepository, type Reader } from "./knowledge-bases.repository.js";
/** A text file decoded as the parsers decode one (UTF-8, UTF-16 with a BOM, else Windows-1252). */
export { normalizeWhitespace } from "./parsers/blocks.js";
export { decodeText } from "./parsers/encoding.js";
export { parseDocument } from "./parsers/index.js";
export {
  DEFAULT_PARSE_LIMITS,
  DocumentRejected,
  type ParseLimits,
  type RejectionCode,
} from "./parsers/types.js";
export {
  DEFAULT_PERSONAL_DATA_SETTING,
  describeCounts,
  type FoundEntity,
  PERSONAL_DATA_SETTINGS,
  type PersonalDataGuard,
  type PersonalDataSetting,
  PersonalDataSettingSchema,
  personalDataAction,
  RELEASE_ACTIONS,
  type ReleaseAction,
  ReleaseActionSchema,
} from "./personal-data.js";
export { loadPlaces, type Places, type Territory } from "./places/index.js";
export { citedPassages, groundedMessages, promptPassages } from "./prompt.js";
export type { DocumentReader, ReadDocument } from "./read-document.js";
export {
  RetrievalService,
  reciprocalRankFusion,
  type SearchHit,
  type SearchResult,
} from "./retrieval.service.js";
export { passageTerms, questionTerms, searchedPart } from "./terms.js";
export { type Locality, Territories } from "./territories.js";
export { sharedReader, type ThreadedReaderSettings } from "./threaded-reader.js";
