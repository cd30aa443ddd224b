import { contextOf, type Entity, matches, type Recognizer } from "../entity.js";

/** A space between digits (non-breaking ones too). */
const SPACE = "[ \\u00a0\\u202f]";

/**
 * Thirteen digits, the first from 0 to 3, one space allowed between any two;
 * not inside a longer run of letters or digits, grouped or not.
 */
const FISCAL_ID = new RegExp(
  `(?<![\\p{L}\\p{N}]|\\p{N}${SPACE})[0-3](?:${SPACE}?\\d){12}(?![\\p{L}\\p{N}]|${SPACE}\\p{N})`,
  "gu",
);

/**
 * Words that introduce a tax number (accents folded): "fiscal", "SPI",
 * "impôts", "avis d'imposition".
 */
const CONTEXT = /fiscal|(?<![a-z])spi(?![a-z])|impot|avis d'imposition/;

/** How far before a number its context word may be. */
const BEFORE = 50;

/** Whether the last three digits are the first ten, as a number, mod 511. */
function hasValidKey(digits: string): boolean {
  return Number(digits.slice(0, 10)) % 511 === Number(digits.slice(10));
}

/**
 * French tax numbers (numéro fiscal, SPI): 13 digits, the first from 0 to 3,
 * the last three the first ten mod 511, spaces allowed
 * (`fiscal-id.mod511`): 0.97 after "fiscal", "SPI", "impôts" or "avis
 * d'imposition" in the 50 characters before, 0.9 otherwise.
 */
export const fiscalIdRecognizer: Recognizer = {
  name: "fiscal-id",
  find(text, context) {
    const found: Entity[] = [];
    for (const match of matches(FISCAL_ID, text)) {
      if (!hasValidKey(match[0].replace(/\D/g, ""))) continue;
      const before = contextOf(text, context).folded.slice(
        Math.max(0, match.index - BEFORE),
        match.index,
      );
      found.push({
        type: "FISCAL_ID",
        start: match.index,
        end: match.index + match[0].length,
        confidence: CONTEXT.test(before) ? 0.97 : 0.9,
        rule: "fiscal-id.mod511",
      });
    }
    return found;
  },
};
