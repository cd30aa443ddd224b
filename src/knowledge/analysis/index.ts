import { isCapitalAcronym, KNOWN_ACRONYMS } from "./acronyms.js";
import { foldAccents } from "./fold-accents.js";
import { stemLowercase } from "./french.stemmer.js";
import { FRENCH_STOP_WORDS } from "./stop-words.js";

export { KNOWN_ACRONYMS } from "./acronyms.js";
export { foldAccents } from "./fold-accents.js";
export { stemFrench } from "./french.stemmer.js";
export { FRENCH_STOP_WORDS } from "./stop-words.js";

/**
 * The index terms of a French text, in order, for lexical retrieval (FTS5 and
 * PostgreSQL index them joined by spaces).
 *
 * - Words: NFKC, lowercase, Snowball French stem, then accents folded
 *   ("Élèves" → "elev"); stop words and one-letter words dropped; elisions
 *   (l', d’, qu’, lorsqu'…) and hyphens separate words ("Saint-Étienne" →
 *   "saint", "etien"), so a compound matches its parts typed with spaces.
 * - Acronyms stay whole: those of {@link KNOWN_ACRONYMS} in any case ("Pacs"
 *   → "pacs"), and any other word of 2 to 5 capitals A–Z ("CAF" → "caf")
 *   outside a heading in capitals.
 * - Numbers: thousands separators go ("1 500 €" and "1.500" → "1500"); dates
 *   and decimals give their parts ("15/03/2025" → "15", "3", "2025"; "12,50"
 *   → "12", "50"; ",00" adds nothing); a two-digit part loses its leading zero
 *   ("03" → "3", as in "3 mars"); ordinals lose their suffix ("1er" → "1");
 *   codes that start with a letter stay whole ("T2", "A4" → "t2", "a4").
 */
export function analyse(text: string): string[] {
  let normalised = text.normalize("NFKC");
  if (normalised.includes("\u02bc") || normalised.includes("\u02bb")) {
    normalised = normalised.replace(LETTER_APOSTROPHES, "'");
  }
  const terms: string[] = [];
  let previousWord = "";
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(normalised); match !== null; match = TOKEN.exec(normalised)) {
    const token = match[0];
    if (match[1] !== undefined) {
      if (match[1].length <= MAX_WORD_LENGTH) terms.push(normaliseNumber(match[1]));
      if (match[2] !== undefined && !ZEROS.test(match[2])) terms.push(match[2]);
    } else if (DIGIT.test(token[0] as string)) {
      addQuantity(token, terms);
    } else if (DIGIT.test(token)) {
      if (token.length > 1 && token.length <= MAX_WORD_LENGTH) {
        terms.push(foldAccents(token.toLowerCase()));
      }
    } else if (isCapitalAcronym(token, previousWord, normalised, TOKEN.lastIndex)) {
      const folded = token.toLowerCase();
      if (!FRENCH_STOP_WORDS.has(folded)) terms.push(folded);
    } else {
      const term = wordTerm(token);
      if (term !== "") terms.push(term);
    }
    if (token.length > 1) previousWord = token;
  }
  return terms;
}

// A number (thousands in groups after a space or a dot, then a decimal comma),
// or a run of letters and digits. NFKC has turned no-break and thin spaces
// into plain spaces.
const TOKEN =
  /(\d{1,3}(?:[ \u202f]\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\p{L}\p{M}\p{Nd}])|[\p{L}\p{M}\p{Nd}]+/gu;
// Modifier-letter apostrophes (lʼécole) count as letters for \p{L}.
const LETTER_APOSTROPHES = /[\u02bb\u02bc]/g;
const DIGIT = /\p{Nd}/u;
const ZEROS = /^0+$/;
const NUMBER_SEPARATORS = /[ .\u202f]/g;
const DIGITS_OR_LETTERS = /\p{Nd}+|[\p{L}\p{M}]+/gu;
const ORDINAL_SUFFIXES = new Set(["er", "re", "ere", "ère", "e", "eme", "ème", "nd", "nde", "d"]);

function normaliseNumber(digits: string): string {
  const joined = digits.length > 3 ? digits.replace(NUMBER_SEPARATORS, "") : digits;
  return joined.length === 2 && joined[0] === "0" ? (joined[1] as string) : joined;
}

/** "14h30" → "14", "30"; "1er" → "1"; "10km" → "10", "km". */
function addQuantity(text: string, terms: string[]): void {
  let afterNumber = false;
  for (const [part] of text.matchAll(DIGITS_OR_LETTERS)) {
    if (DIGIT.test(part[0] as string)) {
      terms.push(normaliseNumber(part));
      afterNumber = true;
    } else {
      if (!(afterNumber && ORDINAL_SUFFIXES.has(part.toLowerCase()))) {
        const term = wordTerm(part);
        if (term !== "") terms.push(term);
      }
      afterNumber = false;
    }
  }
}

// Words repeat (Zipf): most tokens of a text are found here. Cleared when full
// to bound memory.
const TERM_CACHE = new Map<string, string>();
const TERM_CACHE_SIZE = 50_000;

/** The stem of a word, or "" for a stop word, a single letter or a run too long to be a word. */
function wordTerm(word: string): string {
  let term = TERM_CACHE.get(word);
  if (term === undefined) {
    term = computeWordTerm(word);
    if (TERM_CACHE.size >= TERM_CACHE_SIZE) TERM_CACHE.clear();
    TERM_CACHE.set(word, term);
  }
  return term;
}

// Longer runs of letters or digits are not words (encoded data, joined-up
// text): stemming them is wasted, and their terms would only bloat the index.
const MAX_WORD_LENGTH = 40;

function computeWordTerm(word: string): string {
  if (word.length < 2 || word.length > MAX_WORD_LENGTH) return "";
  const lower = word.toLowerCase();
  const folded = foldAccents(lower);
  if (FRENCH_STOP_WORDS.has(folded)) return "";
  if (KNOWN_ACRONYMS.has(lower)) return folded;
  return foldAccents(stemLowercase(lower));
}
