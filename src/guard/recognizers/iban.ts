import { type Entity, matches, type Recognizer } from "../entity.js";

/**
 * IBAN lengths by country (SWIFT IBAN registry): every SEPA country and
 * the other countries that issue IBANs. Territories that share a country's
 * format may be written with their own code: France's overseas ones (GF, GP,
 * MQ, RE, YT, PM, BL, MF, NC, PF, WF, TF), Åland (AX, as Finland), Guernsey,
 * the Isle of Man and Jersey (GG, IM, JE, as the United Kingdom).
 */
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AX: 18,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BL: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GF: 27,
  GG: 22,
  GI: 23,
  GL: 18,
  GP: 27,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IM: 22,
  IQ: 23,
  IS: 26,
  IT: 27,
  JE: 22,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MF: 27,
  MK: 19,
  MN: 20,
  MQ: 27,
  MR: 27,
  MT: 31,
  MU: 30,
  NC: 27,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PF: 27,
  PK: 24,
  PL: 28,
  PM: 27,
  PS: 29,
  PT: 25,
  QA: 29,
  RE: 27,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TF: 27,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  WF: 27,
  XK: 20,
  YE: 30,
  YT: 27,
  // Countries of the SWIFT registry's experimental list, whose banks write IBANs too.
  AO: 25,
  BF: 28,
  BJ: 28,
  CF: 27,
  CG: 27,
  CI: 28,
  CM: 27,
  CV: 25,
  DZ: 26,
  GA: 27,
  GQ: 27,
  GW: 25,
  IR: 26,
  KM: 27,
  MA: 28,
  MG: 27,
  ML: 28,
  MZ: 25,
  NE: 28,
  SN: 28,
  TD: 27,
  TG: 28,
};

/** Where an IBAN may begin: two letters and two check digits, a space or a dash between them allowed, not inside a word. */
const START = /(?<![\p{L}\p{N}])[A-Za-z]{2}[ \-\u00a0]?\d{2}/gu;

const ALPHANUMERIC = /^[A-Za-z0-9]$/;
/** Between two characters of an IBAN: a space, a dash or a dot, as people group them. */
const SEPARATOR = /^[ \-.\u00a0\u202f]$/;
const WORD = /^[\p{L}\p{N}]$/u;

/**
 * The end of the `length` letters and digits from `start`, one separator
 * (space, dash, dot) allowed between two of them ("FR76-3000-…", "FR 76
 * 13335…", "IT 16 R 02008…"); -1 when the text holds fewer, or when the
 * run goes on with a letter or a digit.
 */
function endOf(text: string, start: number, length: number): number {
  let count = 0;
  let index = start;
  while (count < length) {
    const char = text[index] ?? "";
    if (ALPHANUMERIC.test(char)) {
      count += 1;
      index += 1;
    } else if (count >= 2 && SEPARATOR.test(char) && ALPHANUMERIC.test(text[index + 1] ?? "")) {
      index += 1;
    } else {
      return -1;
    }
  }
  return WORD.test(text[index] ?? "") ? -1 : index;
}

/** The IBAN's remainder mod 97, its first four characters moved to the end, A = 10 … Z = 35. */
function mod97(iban: string): number {
  let remainder = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(char, 36);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}

/**
 * IBANs of every country that issues them, grouped by four or not, cut by
 * spaces, dashes or dots anywhere, in any case: the country's length and
 * the mod-97 check (`iban.mod97`, 0.99). A number of an IBAN's country and
 * length whose check fails is `possible` (`iban.shape`): mistyped, it is
 * still someone's account.
 */
export const ibanRecognizer: Recognizer = {
  name: "iban",
  find(text) {
    const found: Entity[] = [];
    let lastEnd = 0;
    for (const match of matches(START, text)) {
      if (match.index < lastEnd) continue;
      const length = LENGTHS[match[0].slice(0, 2).toUpperCase()];
      if (length === undefined) continue;
      const end = endOf(text, match.index, length);
      if (end < 0) continue;
      const iban = text
        .slice(match.index, end)
        .replace(/[^A-Za-z0-9]/g, "")
        .toUpperCase();
      // Past the country's code and check digits, an IBAN holds digits (a run of words is not one).
      if ((iban.slice(4).match(/\d/g)?.length ?? 0) < 6) continue;
      const valid = mod97(iban) === 1;
      found.push({
        type: "IBAN",
        start: match.index,
        end,
        confidence: valid ? 0.99 : 0.5,
        rule: valid ? "iban.mod97" : "iban.shape",
        ...(!valid && { certainty: "possible" as const }),
      });
      lastEnd = end;
    }
    return found;
  },
};
