import { t } from "../../i18n/index.js";
import { findPassive, type PassiveMatch } from "./passive.js";
import { type Span, sentences, type Word, words } from "./segments.js";
import { countSyllables } from "./syllables.js";
import { assertMeasurable } from "./text.js";

/** Sentences longer than this many words are flagged, unless the caller says otherwise. */
export const DEFAULT_LONG_SENTENCE_WORDS = 25;

export interface MeasuredSentence extends Span {
  words: number;
  syllables: number;
  long: boolean;
  /** The passive form found, its offsets in the whole text. */
  passive?: PassiveMatch;
}

export type ReadingEaseBand =
  | "very_easy"
  | "easy"
  | "fairly_easy"
  | "standard"
  | "fairly_difficult"
  | "difficult"
  | "very_difficult";

export interface ReadabilityMeasures {
  sentences: number;
  words: number;
  syllables: number;
  letters: number;
  /** Mean sentence length, in words (0 for a text without words). */
  wordsPerSentence: number;
  /** Mean word length, in syllables and in letters (digits for a number). */
  syllablesPerWord: number;
  lettersPerWord: number;
  /** Flesch reading ease adapted to French by Kandel and Moles; null without a word. */
  readingEase: number | null;
  band: ReadingEaseBand | null;
  /** The band in French, for the page and the CLI. */
  bandLabel: string | null;
  passiveSentences: number;
  /** Passive sentences over all sentences, from 0 to 1. */
  passiveShare: number;
  longSentences: number;
  longSentenceWords: number;
}

export interface Readability {
  measures: ReadabilityMeasures;
  sentences: MeasuredSentence[];
}

/**
 * Flesch reading ease adapted to French by L. Kandel and A. Moles,
 * « Application de l'indice de Flesch à la langue française », Cahiers
 * d'études de radio-télévision, 19, 1958, p. 253-274:
 * 207 − 1.015 × (words / sentences) − 73.6 × (syllables / words).
 * Flesch's English constants (206.835, 1.015, 84.6) were refitted because
 * French words have more syllables; the scale is read like Flesch's.
 */
export function kandelMoles(words: number, sentences: number, syllables: number): number | null {
  if (words === 0 || sentences === 0) return null;
  return 207 - 1.015 * (words / sentences) - 73.6 * (syllables / words);
}

/** Flesch's bands, which Kandel and Moles kept: 90 and above is very easy, below 30 very difficult. */
export function readingEaseBand(score: number): ReadingEaseBand {
  if (score >= 90) return "very_easy";
  if (score >= 80) return "easy";
  if (score >= 70) return "fairly_easy";
  if (score >= 60) return "standard";
  if (score >= 50) return "fairly_difficult";
  if (score >= 30) return "difficult";
  return "very_difficult";
}

export const bandLabel = (band: ReadingEaseBand) => t(`readability.band.${band}`);

/**
 * Measures a text, at most MAX_TEXT_LENGTH characters (see text.ts: refused
 * above, with `plain_language_text_too_long`). One pass to cut sentences,
 * one to find words, one over each sentence for the passive: linear in the text.
 * A number counts as a word of one syllable whose letters are its digits.
 */
export function measure(text: string, options: { longSentenceWords?: number } = {}): Readability {
  assertMeasurable(text);
  const longSentenceWords = options.longSentenceWords ?? DEFAULT_LONG_SENTENCE_WORDS;
  const allWords = words(text);
  const measured: MeasuredSentence[] = [];
  let next = 0;
  let totalWords = 0;
  let totalSyllables = 0;
  let totalLetters = 0;
  for (const span of sentences(text)) {
    while (next < allWords.length && (allWords[next]?.end ?? 0) <= span.start) next++;
    let count = 0;
    let syllables = 0;
    let previous: Word | undefined;
    for (; next < allWords.length; next++) {
      const word = allWords[next];
      if (word === undefined || word.start >= span.end) break;
      count++;
      syllables += wordSyllables(word, previous);
      totalLetters += letters(word);
      previous = word;
    }
    totalWords += count;
    totalSyllables += syllables;
    const sentence: MeasuredSentence = {
      start: span.start,
      end: span.end,
      words: count,
      syllables,
      long: count > longSentenceWords,
    };
    const passive = findPassive(text.slice(span.start, span.end));
    if (passive !== undefined) sentence.passive = shift(passive, span.start);
    measured.push(sentence);
  }
  const readingEase = kandelMoles(totalWords, measured.length, totalSyllables);
  const band = readingEase === null ? null : readingEaseBand(readingEase);
  const passiveSentences = measured.filter((sentence) => sentence.passive !== undefined).length;
  return {
    measures: {
      sentences: measured.length,
      words: totalWords,
      syllables: totalSyllables,
      letters: totalLetters,
      wordsPerSentence: ratio(totalWords, measured.length),
      syllablesPerWord: ratio(totalSyllables, totalWords),
      lettersPerWord: ratio(totalLetters, totalWords),
      readingEase,
      band,
      bandLabel: band === null ? null : bandLabel(band),
      passiveSentences,
      passiveShare: ratio(passiveSentences, measured.length),
      longSentences: measured.filter((sentence) => sentence.long).length,
      longSentenceWords,
    },
    sentences: measured,
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** « ils mangent », « elles doivent »: the one place where a final -ent is known to be mute. */
const PLURAL_SUBJECTS: ReadonlySet<string> = new Set(["ils", "elles", "qu'ils", "qu'elles"]);

function wordSyllables(word: Word, previous: Word | undefined): number {
  if (word.number) return 1;
  const subject = previous?.text.toLowerCase().replace(/[\u2019\u02bc]/g, "'") ?? "";
  return countSyllables(word.text, PLURAL_SUBJECTS.has(subject));
}

function letters(word: Word): number {
  return (word.text.match(word.number ? /\d/g : /\p{L}/gu) ?? []).length;
}

function shift(match: PassiveMatch, offset: number): PassiveMatch {
  return {
    auxiliary: { start: match.auxiliary.start + offset, end: match.auxiliary.end + offset },
    participle: { start: match.participle.start + offset, end: match.participle.end + offset },
    agent: match.agent,
  };
}
