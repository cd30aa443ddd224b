export {
  ENTITY_TYPES,
  type Entity,
  type EntityType,
  type LookAlike,
  type Recognizer,
} from "./entity.js";
export { guardRoutes } from "./guard.routes.js";
export { GuardService } from "./guard.service.js";
export { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";
export { type ScanResult, scanText, stricter } from "./scanner.js";
export {
  normaliseValue,
  PLACEHOLDER_LABELS,
  type PseudonymEntry,
  PseudonymTable,
  pseudonymise,
  restore,
  StreamRestorer,
} from "./pseudonymiser.js";
