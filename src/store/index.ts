export {
  type ConversationSearch,
  conversationSearch,
  foldForSearch,
  type MessageMatch,
  type SearchWord,
  searchWords,
} from "./conversation-search.js";
export { Counters } from "./counters.js";
export {
  type Database,
  type Dialect,
  ensureSchema,
  isUniqueViolation,
  locksRows,
  openStore,
  ping,
  type Store,
  type StoreOptions,
} from "./database.js";
export { claimJob } from "./job-queue.js";
export {
  type IndexedPassage,
  type LexicalHit,
  type LexicalIndex,
  lexicalIndex,
} from "./lexical-index.js";
export {
  AGENT_KINDS,
  fillSums,
  journalKey,
  monthBit,
  OPEN_DATA_ROW,
  OPTIONAL_AGENT_KEYS,
  SUM_COLUMNS,
  SUM_KINDS,
  type SumKind,
} from "./migrations/0026-observatory.js";
export { migrateToLatest, migrateUpTo, pendingMigrations } from "./migrator.js";
export type * from "./schema.js";
export {
  type EmbeddingRow,
  type PassageToEmbed,
  type VectorHit,
  type VectorIndex,
  type VectorSupport,
  vectorIndex,
} from "./vector-index.js";
