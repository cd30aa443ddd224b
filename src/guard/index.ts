export {
  ENTITY_TYPES,
  type Entity,
  type EntityType,
  type LookAlike,
  type Recognizer,
  SCAN_PURPOSES,
  type ScanPurpose,
} from "./entity.js";
export {
  DEFAULT_EXTERNAL_ENTITIES,
  type ExternalRecognizerSettings,
  externalSettings,
} from "./external.js";
export { guardRoutes } from "./guard.routes.js";
export { type GuardOptions, GuardService, PIECE, piecesOf } from "./guard.service.js";
export { isCommonFirstName, lexicon, warmLexicon } from "./lexicon.js";
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
  countTypes,
  DATA_CLASSES,
  type DataClass,
  describePossible,
  describeTypes,
  type FoundSpan,
  type GuardFinding,
  type OpenPseudonyms,
  type Pseudonyms,
  type ScanPort,
  stricterClass,
  typeLabel,
} from "./personal-data.js";
export {
  documentPseudonymiser,
  normaliseValue,
  PLACEHOLDER_LABELS,
  type PseudonymEntry,
  PseudonymTable,
  pseudonymise,
  restore,
} from "./pseudonymiser.js";
export { PseudonymService, TurnPseudonyms } from "./pseudonyms.js";
export { FIRST_NAMES } from "./recognizers/first-names.js";
export { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";
export {
  createPersonRecognizer,
  type PersonNames,
} from "./recognizers/person.js";
export { type OrganisationContact, type ScanResult, scanText } from "./scanner.js";
export {
  decodeVaultKey,
  loadVaultKey,
  VAULT_KEY_BYTES,
  Vault,
  VaultCipher,
} from "./vault.js";
export { VaultRepository } from "./vault.repository.js";
