export { JARGON, type JargonEntry } from "./jargon.fr.js";
export { findJargon, type JargonFinding } from "./jargon.js";
export {
  type FlaggedSentence,
  lintPlainLanguage,
  type PassiveSentence,
  type PlainLanguageLint,
} from "./linter.js";
export { findPassive, type PassiveMatch } from "./passive.js";
export {
  bandLabel,
  DEFAULT_LONG_SENTENCE_WORDS,
  kandelMoles,
  type MeasuredSentence,
  measure,
  type Readability,
  type ReadabilityMeasures,
  type ReadingEaseBand,
  readingEaseBand,
} from "./readability.js";
export { type Span, sentences, type Word, words } from "./segments.js";
export { countSyllables } from "./syllables.js";
export { MAX_TEXT_LENGTH } from "./text.js";
