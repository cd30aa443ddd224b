import { type LookAlike, matches, type Recognizer } from "../entity.js";
import { isLuhnValid } from "./card.js";

/** A space between digit groups (non-breaking ones too). */
const SPACE = "[ \\u00a0\\u202f]";

/**
 * A SIREN (9 digits, "213 100 555") or a SIRET (the SIREN and a 5-digit
 * establishment number, "213 100 555 00014", "213100555 000 14"); not
 * inside a longer run of letters or digits, grouped or not.
 */
const COMPANY_NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}]|\\p{N}[ .\\u00a0\\u202f])\\d{3}${SPACE}?\\d{3}${SPACE}?\\d{3}(?:${SPACE}?\\d{3}${SPACE}?\\d{2})?(?![\\p{L}\\p{N}]|[ .\\u00a0\\u202f]\\p{N})`,
  "gu",
);

/** La Poste's SIREN: its SIRETs need not pass Luhn, their digits sum to a multiple of 5. */
const LA_POSTE = "356000000";

/**
 * One reference: "L2122-22", "L. 1411-1", "R.* 123-4", "LO 141", "9", "1er",
 * "34 bis"; short numbers only, never followed by another digit group, so
 * that a personal number after "article 9, " stays out of it.
 */
const REFERENCE =
  "(?:(?:L\\.?\\s?O|[LRDA])\\.?\\s?\\*?\\s?)?\\d{1,5}(?:er)?(?:[-\\u2010\\u2011\\u2013.]\\d{1,4})*(?![\\p{N}]|[ .\\u00a0\\u202f]\\p{N})(?:\\s(?:bis|ter|quater|quinquies)(?![\\p{L}]))?";

/** What joins references in a list: ", ", " et ", " à ", " au ", " ou ". */
const JOIN = "(?:\\s?,\\s?|\\s(?:et|à|a|au|ou)\\s)";

/**
 * "article L2122-22", "art. R. 123-4", "articles L. 1411-1 à L. 1411-18". The
 * look-behind (not inside a word) comes after the "a", which it reads back:
 * the engine then skips quickly to the letter a.
 */
const ARTICLE = new RegExp(
  `a(?<![\\p{L}][^])(?:rticles?|rt\\.)\\s?${REFERENCE}(?:${JOIN}${REFERENCE})*`,
  "giu",
);

/** A code's reference without the word "article": "L. 2122-22", "R123-4", "D. 1617-19". */
const CODE_REFERENCE =
  /(?<![\p{L}\p{N}])[LRD]\.?\s?\d{1,4}(?:[-\u2010\u2011\u2013]\d{1,4})+(?![\p{N}]|[ .\u00a0\u202f]\p{N})/gu;

/** The rule a company number passes, if any: Luhn, or La Poste's sum of digits. */
function companyRule(digits: string): string | undefined {
  const kind = digits.length === 9 ? "siren" : "siret";
  if (isLuhnValid(digits)) return `${kind}.luhn`;
  if (kind === "siret" && digits.startsWith(LA_POSTE)) {
    const sum = [...digits].reduce((total, digit) => total + Number(digit), 0);
    if (sum % 5 === 0) return "siret.la-poste";
  }
  return undefined;
}

/** A person's document or card named just before a number. */
const DOCUMENT_BEFORE =
  /(?:passeport|identit[ée]|cni|s[ée]jour|r[ée]c[ée]piss[ée]|carte bancaire|\bcb\b|visa|mastercard|s[ée]curit[ée] sociale|\bnir\b)[^.\n]{0,30}$/i;

/** SIRENs and SIRETs that pass their check. */
function companyNumbers(text: string): LookAlike[] {
  const found: LookAlike[] = [];
  for (const match of matches(COMPANY_NUMBER, text)) {
    // A passport's or a card's number that happens to pass a SIREN's check is still theirs.
    if (DOCUMENT_BEFORE.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    const rule = companyRule(match[0].replace(/\D/g, ""));
    if (rule) found.push({ start: match.index, end: match.index + match[0].length, rule });
  }
  return found;
}

/** References to articles of law, with or without the word "article". */
function articles(text: string): LookAlike[] {
  const found: LookAlike[] = [];
  for (const pattern of [ARTICLE, CODE_REFERENCE]) {
    for (const match of matches(pattern, text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((other) => start < other.end && other.start < end)) continue;
      found.push({ start, end, rule: "law.article" });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Not personal data: a company's or a commune's SIREN and SIRET, Luhn-valid
 * (`siren.luhn`, `siret.luhn`) or La Poste's (`siret.la-poste`, the sum of
 * the digits a multiple of 5), and references to articles of law
 * (`law.article`: "article L2122-22 du CGCT", "art. R. 123-4"), so that
 * their digits are never taken for personal numbers. Finds no entity.
 */
export const sirenSiretRecognizer: Recognizer = {
  name: "siren-siret",
  find() {
    return [];
  },
  lookAlikes(text) {
    return [...companyNumbers(text), ...articles(text)].sort((a, b) => a.start - b.start);
  },
};
