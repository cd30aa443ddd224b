export {
  ENTITY_TYPES,
  type Entity,
  type EntityType,
  type LookAlike,
  type Recognizer,
} from "./entity.js";
export { guardRoutes } from "./guard.routes.js";
export { GuardService } from "./guard.service.js";
export {
  DEFAULT_MIN_BEARERS,
  GuardNamesRepository,
  importNames,
  loadRecognizers,
  NAME_KINDS,
  type NameCounts,
  type NameFile,
  type NameFileFormat,
  type NameImport,
  type NameKind,
  readNameFile,
  readWordList,
  selectNames,
  withNames,
} from "./names.repository.js";
export {
  normaliseValue,
  PLACEHOLDER_LABELS,
  type PseudonymEntry,
  PseudonymTable,
  pseudonymise,
  restore,
  StreamRestorer,
} from "./pseudonymiser.js";
export { PseudonymService, TurnPseudonyms } from "./pseudonyms.js";
export { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";
export {
  createPersonRecognizer,
  type PersonNames,
} from "./recognizers/person.js";
export { type ScanResult, scanText } from "./scanner.js";
export {
  decodeVaultKey,
  loadVaultKey,
  VAULT_KEY_BYTES,
  Vault,
  VaultCipher,
} from "./vault.js";
