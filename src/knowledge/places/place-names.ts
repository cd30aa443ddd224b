import { foldAccents } from "../analysis/fold-accents.js";
import { FRENCH_STOP_WORDS } from "../analysis/stop-words.js";

/**
 * A run of letters and digits. Apostrophes and hyphens separate words
 * ("l'Haÿ-les-Roses" is four), modifier-letter apostrophes (lʼHaÿ) too,
 * though Unicode counts them as letters.
 */
export const WORD = /(?:(?![\u02bb\u02bc])[\p{L}\p{M}\p{Nd}])+/gu;

/** Lowercase, accents folded ("Haÿ" → "hay", "Bœrsch" → "boersch"). */
export function foldWord(word: string): string {
  return foldAccents(word.toLowerCase());
}

const ABBREVIATIONS = new Map([
  ["st", "saint"],
  ["ste", "sainte"],
]);
const ORDINAL = /^(\d{1,2})(?:e|er|ere|eme|ieme|em)$/;

/**
 * A folded word as names are keyed: "St"/"Ste" are Saint/Sainte, and an
 * ordinal is written one way ("1er", "15ème" → "1e", "15e").
 */
export function nameWord(folded: string): string {
  const spelt = ABBREVIATIONS.get(folded);
  if (spelt !== undefined) return spelt;
  const first = folded.charCodeAt(0);
  const ordinal = first >= 48 && first <= 57 ? ORDINAL.exec(folded) : null;
  return ordinal ? `${ordinal[1]}e` : folded;
}

/** The words of a name as the index keys them ("Saint-Étienne" → ["saint", "etienne"]). */
export function nameWords(name: string): string[] {
  const folded = foldWord(name);
  // Official names fold to ASCII: split them without the Unicode-aware pattern (loading reads 50,000).
  if (!NON_ASCII.test(folded)) return folded.split(NOT_ALPHANUMERIC).filter(Boolean).map(nameWord);
  return Array.from(name.matchAll(WORD), (match) => nameWord(foldWord(match[0])));
}

const NON_ASCII = /[^\p{ASCII}]/u;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/;

/** The key of a name in the index: its words joined by one space. */
export function nameKey(name: string): string {
  const folded = foldWord(name);
  // Most names fold to plain letters with no abbreviation or ordinal: no need to split them.
  if (!NON_ASCII.test(folded) && !SPELT_OUT.test(folded)) {
    return folded.replace(NOT_ALPHANUMERICS, " ").trim();
  }
  return nameWords(name).join(" ");
}

const SPELT_OUT = /\bste?\b|\d/;
const NOT_ALPHANUMERICS = /[^a-z0-9]+/g;

/** Whether a folded word carries no meaning of its own (le, de, sur, en…). */
export function isStopWord(folded: string): boolean {
  return FRENCH_STOP_WORDS.has(folded);
}

/** Words of a name that say something: not stop words, not numbers. */
export function contentWords(words: readonly string[]): string[] {
  return words.filter((word) => {
    const first = word.charCodeAt(0);
    return !(first >= 48 && first <= 57) && !isStopWord(word);
  });
}
