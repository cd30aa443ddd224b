import { contextOf, type Entity, type Recognizer } from "../entity.js";
import { numberRunsOf } from "../numbers.js";

const WORD = /^[\p{L}\p{N}]$/u;

/** Words that introduce a card (accents folded): needed for 14-digit numbers, most often SIRETs. */
const CONTEXT =
  /carte|(?<![a-z])cb(?![a-z])|visa|master ?card|(?<![a-z])amex(?![a-z])|american express|diners/;

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

/** How far before a number its context word may be. */
const NEAR = 40;

/** Whether a run stands alone: no letter or digit touching it ("FR76 3000…" is an IBAN's). */
const standsAlone = (text: string, start: number, end: number) =>
  !WORD.test(text[start - 1] ?? "") && !WORD.test(text[end] ?? "");

/**
 * Payment card numbers, however grouped (4-4-4-4, "497401 8562 309175",
 * a digit or two spelled out or an O for a zero): 13 to 19 digits,
 * Luhn-valid, with an issuer's prefix and length (`card.luhn`, 0.95). A
 * 14-digit number is most often a SIRET: it counts only after a card word
 * ("carte", "CB", "Visa"… in the 40 characters before). Sixteen digits
 * after a card word that fail the check are `possible` (`card.shape`).
 */
export const cardRecognizer: Recognizer = {
  name: "card",
  find(text, context) {
    const scan = contextOf(text, context);
    const found: Entity[] = [];
    for (const run of numberRunsOf(scan)) {
      if (run.international) continue;
      const groups = run.groups;
      const wide = (group: number) => /[,/–]/.test(groups[group]?.separator ?? "");
      for (let from = 0; from < groups.length; from += 1) {
        let digits = "";
        for (let to = from; to < groups.length && digits.length < 19; to += 1) {
          digits += groups[to]?.digits ?? "";
          if (digits.length < 13 || digits.length > 19) continue;
          // The whole run, or a part of it between wide separators ("carte 4415…8370, 35 €"):
          // never inside a longer number.
          if ((from > 0 && !wide(from)) || (to < groups.length - 1 && !wide(to + 1))) continue;
          const start = groups[from]?.start as number;
          const end = groups[to]?.end as number;
          if (!standsAlone(text, start, end)) continue;
          // Cut 3-3-3-5, fourteen digits are a SIRET, whatever comes before.
          const sizes = groups
            .slice(from, to + 1)
            .map((group) => group.digits.length)
            .join("-");
          if (sizes === "3-3-3-5") continue;
          const cued = CONTEXT.test(scan.folded.slice(Math.max(0, start - NEAR), start));
          if (hasIssuer(digits) && isLuhnValid(digits)) {
            if (digits.length === 14 && !cued) continue;
            found.push({ type: "CARD", start, end, confidence: 0.95, rule: "card.luhn" });
          } else if (cued && digits.length === 16) {
            found.push({
              type: "CARD",
              start,
              end,
              confidence: 0.5,
              rule: "card.shape",
              certainty: "possible",
            });
          }
        }
      }
    }
    return found;
  },
};
