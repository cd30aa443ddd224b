import { appError } from "../../shared/errors.js";

/**
 * The longest text the plain-language measures and linter read, in UTF-16
 * code units (JavaScript string length). Every function here is synchronous
 * and linear in its input: capped at 100 000 characters (about forty pages),
 * measuring takes about 40 ms and the whole lint (the text and its rewrite
 * measured) about 70 ms on a 2-core machine, a pause a request can bear;
 * a larger cap would need a worker thread. Longer texts are refused, never silently cut: a
 * measure of the first forty pages would be taken for the whole text's.
 */
export const MAX_TEXT_LENGTH = 100_000;

/** Refuses a text above MAX_TEXT_LENGTH with `plain_language_text_too_long` (413). */
export function assertMeasurable(text: string): void {
  if (text.length > MAX_TEXT_LENGTH) {
    throw appError("plain_language_text_too_long", { limit: MAX_TEXT_LENGTH });
  }
}

/**
 * Lowercase with accents removed and curly apostrophes straightened, one
 * UTF-16 unit for one, so an offset in the folded text is the same offset in
 * the original ("Afférent" → "afferent", "l’effet" → "l'effet").
 */
export function fold(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === "\u2019" || char === "\u02bc") {
      out += "'";
      continue;
    }
    const lower = char.toLowerCase();
    if (lower.length !== 1) {
      out += char;
      continue;
    }
    const base = lower.normalize("NFD").charAt(0);
    out += lower === "œ" || lower === "æ" ? lower.replace("œ", "o").replace("æ", "a") : base;
  }
  return out;
}

/** A letter of any script (the measures only care about French, but must not break on others). */
export const isLetter = (char: string) => /\p{L}/u.test(char);

export const isDigit = (char: string) => char >= "0" && char <= "9";

export const isUpper = (char: string) => char !== char.toLowerCase() && char === char.toUpperCase();
