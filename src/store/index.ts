export { Counters } from "./counters.js";
export {
  type Database,
  type Dialect,
  ensureSchema,
  isUniqueViolation,
  openStore,
  ping,
  type Store,
  type StoreOptions,
} from "./database.js";
export { migrateToLatest, pendingMigrations } from "./migrator.js";
export type * from "./schema.js";
