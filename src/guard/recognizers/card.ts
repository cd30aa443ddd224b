import { contextOf, type Entity, matches, type Recognizer } from "../entity.js";

/** A run of digit groups, one space or dash between groups. */
const RUN = /\d+(?:[ \-\u00a0\u202f]\d+)*/g;

const WORD = /^[\p{L}\p{N}]$/u;

/** Words that introduce a card (accents folded): needed for 14-digit numbers, most often SIRETs. */
const CONTEXT =
  /carte|(?<![a-z])cb(?![a-z])|visa|master ?card|(?<![a-z])amex(?![a-z])|american express|diners/;

/** How far before a number its context word may be. */
const BEFORE = 40;

/** Whether a string of digits passes the Luhn check (ISO/IEC 7812). */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Whether an issuer uses this prefix with this many digits: Visa (4; 13, 16
 * or 19), Mastercard (51–55, 2221–2720; 16), American Express (34, 37; 15),
 * Discover (6011, 644–649, 65; 16–19), JCB (3528–3589; 16–19), Diners Club
 * (36, 38, 300–305; 14–19). French CB cards carry Visa or Mastercard numbers.
 */
function hasIssuer(digits: string): boolean {
  const length = digits.length;
  const prefix = (size: number) => Number(digits.slice(0, size));
  const within = (size: number, low: number, high: number) =>
    prefix(size) >= low && prefix(size) <= high;
  if (digits.startsWith("4")) return length === 13 || length === 16 || length === 19;
  if (within(2, 51, 55) || within(4, 2221, 2720)) return length === 16;
  if (prefix(2) === 34 || prefix(2) === 37) return length === 15;
  if (prefix(4) === 6011 || within(3, 644, 649) || prefix(2) === 65) {
    return length >= 16 && length <= 19;
  }
  if (within(4, 3528, 3589)) return length >= 16 && length <= 19;
  if (prefix(2) === 36 || prefix(2) === 38 || within(3, 300, 305)) {
    return length >= 14 && length <= 19;
  }
  return false;
}

/**
 * Whether the groups are a card's: one block, or one same separator between
 * groups of four (the last one shorter), or Amex's and Diners' 4-6-5 / 4-6-4.
 */
function isCardGrouping(written: string): boolean {
  const groups = written.split(/[^\d]/);
  if (groups.length === 1) return true;
  if (new Set(written.replace(/\d/g, "")).size !== 1) return false;
  const lengths = groups.map((group) => group.length).join("-");
  if (lengths === "4-6-5" || lengths === "4-6-4") return true;
  const last = groups.at(-1)?.length ?? 0;
  return groups.slice(0, -1).every((group) => group.length === 4) && last >= 1 && last <= 4;
}

/** Whether a run stands alone: no letter or digit touching it ("FR76 3000…" is an IBAN's). */
const standsAlone = (text: string, start: number, end: number) =>
  !WORD.test(text[start - 1] ?? "") && !WORD.test(text[end] ?? "");

/**
 * Payment card numbers: 13 to 19 digits, in one block or grouped with
 * spaces or dashes (4-4-4-4, Amex 4-6-5), Luhn-valid, with an issuer's
 * prefix and length (`card.luhn`, 0.95). A 14-digit number is most often a
 * SIRET: it counts only after a card word ("carte", "CB", "Visa"… in the
 * 40 characters before).
 */
export const cardRecognizer: Recognizer = {
  name: "card",
  find(text, context) {
    const found: Entity[] = [];
    for (const match of matches(RUN, text)) {
      // Fewer than 13 characters, fewer than 13 digits: most runs (dates, amounts) stop here.
      if (match[0].length < 13) continue;
      const start = match.index;
      const end = start + match[0].length;
      const digits = match[0].replace(/\D/g, "");
      if (digits.length < 13 || digits.length > 19) continue;
      if (!standsAlone(text, start, end) || !isCardGrouping(match[0])) continue;
      if (!hasIssuer(digits) || !isLuhnValid(digits)) continue;
      if (digits.length === 14) {
        const before = contextOf(text, context).folded.slice(Math.max(0, start - BEFORE), start);
        if (!CONTEXT.test(before)) continue;
      }
      found.push({ type: "CARD", start, end, confidence: 0.95, rule: "card.luhn" });
    }
    return found;
  },
};
