import { contextOf, type Entity, matches, type Recognizer } from "../entity.js";

/** Between groups: one space (non-breaking ones too), one dot, or nothing. */
const SEP = "[ .\\u00a0\\u202f]?";

/**
 * The shape of a NIR, not inside a longer run of letters or digits: sex (1,
 * 2; 3, 4, 7, 8 for temporary NIA numbers), year, month (01–12, or 20–42 and
 * 50–99 when the month is unknown), place of birth (a 2-character
 * department, 2A/2B for Corsica, and a 3-digit commune; or an overseas 97x/98x
 * department and a 2-digit commune), order, key.
 */
const NIR = new RegExp(
  [
    // Not inside a longer run: the look-behind reads the first digit back (faster after it).
    `[1-478](?<![\\p{L}\\p{N}][^])${SEP}`,
    `\\d{2}${SEP}`,
    `(?:0[1-9]|1[0-2]|[23]\\d|4[0-2]|[5-9]\\d)${SEP}`,
    `(?:(?:0[1-9]|[1-9]\\d|2[ABab])${SEP}\\d{3}|9[78]\\d${SEP}\\d{2})${SEP}`,
    `\\d{3}${SEP}`,
    "\\d{2}",
    "(?![\\p{L}\\p{N}])",
  ].join(""),
  "gu",
);

/**
 * Words that introduce a social security number (accents folded, lowercase):
 * "sécurité sociale", "sécu", "NIR", "n° SS", "numéro SS", "INSEE",
 * "immatriculation", "assuré", "carte Vitale".
 */
const CONTEXT =
  /securite sociale|(?<![a-z])secu(?![a-z])|(?<![a-z])nir(?![a-z])|(?<![a-z])n(?:[°º]|o\.?) ?ss(?![a-z])|(?<![a-z])num(?:ero|\.)? (?:de )?ss(?![a-z])|insee|immatriculation|(?<![a-z])assure(?:e|s|es)?(?![a-z])|carte vitale/;

/** How far before a number its context word may be. */
const BEFORE = 50;

/**
 * The key a NIR's 13 first characters call for: 97 − (number mod 97), with
 * Corsica's 2A read as 19 and 2B as 18.
 */
function nirKey(body: string): number {
  const digits = body.replace(/2A/i, "19").replace(/2B/i, "18");
  return 97 - Number(BigInt(digits) % 97n);
}

/**
 * Whether the number is written in its seven groups, one same separator
 * between each ("1 85 05 78 006 084 36").
 */
function isCanonical(written: string): boolean {
  const separators = written.replace(/[\p{L}\p{N}]/gu, "");
  return separators.length === 6 && new Set(separators).size === 1;
}

/**
 * French social security numbers (NIR, and temporary NIA numbers), written
 * with spaces, dots or nothing between groups. A valid key is a `NIR`
 * (`nir.key-valid`): 0.99 when introduced by a context word ("sécurité
 * sociale", "NIR", "carte Vitale"… in the 50 characters before) or written
 * in the canonical grouping, 0.97 otherwise. A wrong key is a `NIR_INVALID`
 * (`nir.key-invalid`, 0.6) only with such a context word or in the canonical
 * grouping, so that invoice numbers and other 15-digit references are left
 * alone.
 */
export const nirRecognizer: Recognizer = {
  name: "nir",
  find(text, context) {
    const found: Entity[] = [];
    let folded: string | undefined;
    for (const match of matches(NIR, text)) {
      const written = match[0];
      const compact = written.replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();
      folded ??= contextOf(text, context).folded;
      const introduced = CONTEXT.test(folded.slice(Math.max(0, match.index - BEFORE), match.index));
      const strong = introduced || isCanonical(written);
      const valid = nirKey(compact.slice(0, 13)) === Number(compact.slice(13));
      if (!valid && !strong) continue;
      found.push({
        type: valid ? "NIR" : "NIR_INVALID",
        start: match.index,
        end: match.index + written.length,
        confidence: valid ? (strong ? 0.99 : 0.97) : 0.6,
        rule: valid ? "nir.key-valid" : "nir.key-invalid",
      });
    }
    return found;
  },
};
