import {
  contextOf,
  type Entity,
  type LookAlike,
  type Recognizer,
  type ScanContext,
} from "../entity.js";
import { digitsOf, type NumberRun, numberRunsOf } from "../numbers.js";
import { isOrganisationContact } from "../organisations.js";

/**
 * Overseas country codes of France and neighbours written like it, and how
 * many digits follow them: Réunion/Mayotte, Guadeloupe, Guyane, Martinique
 * (9), Comoros (7), Saint-Pierre-et-Miquelon and New Caledonia (6), French
 * Polynesia (8).
 */
const OVERSEAS: Record<string, number> = {
  "262": 9,
  "590": 9,
  "594": 9,
  "596": 9,
  "269": 7,
  "508": 6,
  "687": 6,
  "689": 8,
};

/** Words that say a number is a phone's (folded), in the 40 characters before it. */
const PHONE_CUE =
  /(?<![a-z])(?:tel|telephone|tels|portable|port|mobile|mob|gsm|fixe|num|numero|n°|joindre|joignable|appeler|rappeler|rappelle|appelle|contact|coordonnees|whatsapp|sms|au|le)(?![a-z])[^0-9]{0,12}$/;

interface Candidate {
  start: number;
  end: number;
  rule: "phone.fr" | "phone.intl" | "phone.irregular";
  /** 06 and 07 (and overseas mobiles). */
  mobile: boolean;
  /** 08: special-rate and free numbers, always a service's. */
  special: boolean;
  /** Only its shape says so: a run of ten digits from 0, irregular, with no word saying "phone". */
  possible: boolean;
}

/** Whether groups from `from` to `to` are a whole number: the run's ends, or a wide separator around them. */
function standsAlone(run: NumberRun, from: number, to: number): boolean {
  const wide = (separator: string | undefined) =>
    separator !== undefined && /[,/–]|\s-\s/.test(separator);
  const before = from === 0 || wide(run.groups[from]?.separator);
  const after = to === run.groups.length - 1 || wide(run.groups[to + 1]?.separator);
  return before && after;
}

/** Written as a French number is: "06 12 34 56 78", "06.12.34.56.78", "0612345678", no disguise. */
function isCanonical(run: NumberRun, from: number, to: number): boolean {
  const groups = run.groups.slice(from, to + 1);
  if (groups.some((group) => group.disguised)) return false;
  if (groups.length === 1) return true;
  const separators = new Set(groups.slice(1).map((group) => group.separator));
  return separators.size === 1 && groups.every((group) => group.digits.length === 2);
}

/** Every phone number of every run. */
function candidates(context: ScanContext): Candidate[] {
  const found: Candidate[] = [];
  for (const run of numberRunsOf(context)) {
    if (run.international) {
      const candidate = international(run);
      if (candidate) found.push(candidate);
      continue;
    }
    for (let from = 0; from < run.groups.length; from += 1) {
      let digits = "";
      for (let to = from; to < run.groups.length && digits.length < 10; to += 1) {
        digits += run.groups[to]?.digits ?? "";
        if (digits.length !== 10 || !/^0[1-9]/.test(digits)) continue;
        if (!standsAlone(run, from, to)) continue;
        const start = run.groups[from]?.start as number;
        const end = run.groups[to]?.end as number;
        const canonical = isCanonical(run, from, to);
        const cue = PHONE_CUE.test(context.folded.slice(Math.max(0, start - 40), start));
        const words = run.groups
          .slice(from, to + 1)
          .filter((g) =>
            /\D/.test(context.text.slice(g.start, g.end).replace(/[oO]/g, "0")),
          ).length;
        found.push({
          start,
          end,
          rule: canonical ? "phone.fr" : "phone.irregular",
          mobile: digits[1] === "6" || digits[1] === "7",
          special: digits[1] === "8",
          possible: !canonical && !cue && words < 3,
        });
        from = to;
      }
    }
  }
  return found;
}

/** A number after "+" or "00": France, its overseas codes, or any country (8 to 15 digits). */
function international(run: NumberRun): Candidate | undefined {
  const digits = digitsOf(run, 0, run.groups.length - 1);
  const start = run.start;
  const end = run.end;
  const code = digits.slice(0, 3);
  let national: string | undefined;
  if (digits.startsWith("33")) {
    const rest = digits.slice(2).replace(/^0(?=\d{9}$)/, "");
    if (rest.length !== 9 || rest[0] === "0") return undefined;
    national = `0${rest}`;
  } else if (OVERSEAS[code] !== undefined) {
    const rest = digits.slice(3).replace(/^0(?=\d{9}$)/, "");
    const length = OVERSEAS[code] as number;
    // Comoros numbers are often written with two more digits.
    if (rest.length !== length && !(code === "269" && rest.length === 9)) return undefined;
    national = length === 9 ? `0${rest}` : rest;
  } else if (digits.length < 8 || digits.length > 15) return undefined;
  const first = national ? national[1] : digits[digits.length - 9];
  return {
    start,
    end,
    rule: "phone.intl",
    mobile: national?.length === 10 ? first === "6" || first === "7" : false,
    special: national?.length === 10 ? first === "8" : false,
    possible: false,
  };
}

/** An extension after a landline ("03 20 30 59 59, poste 1142"): a switchboard's, an organisation's (folded). */
const EXTENSION_AFTER = /^[ \t]*[,(–-]?[ \t]*(?:poste|p\.|ext\.?|extension)[ \t]*\d{2,5}(?!\d)/;

/** The numbers split into personal ones and organisations' (introduced as such, or special-rate 08). */
function classify(context: ScanContext): { personal: Candidate[]; organisations: Candidate[] } {
  const all = candidates(context);
  const personal: Candidate[] = [];
  const organisations: Candidate[] = [];
  for (const candidate of all) {
    const organisation =
      candidate.special ||
      (!candidate.mobile &&
        EXTENSION_AFTER.test(context.folded.slice(candidate.end, candidate.end + 16))) ||
      isOrganisationContact(context, candidate.start, {
        mobile: candidate.mobile,
        publicInDocuments: !candidate.mobile && candidate.rule !== "phone.intl",
      });
    (organisation ? organisations : personal).push(candidate);
  }
  return { personal, organisations };
}

/**
 * Phone numbers, however written: French national numbers (`phone.fr`:
 * 0X XX XX XX XX with one separator, or one block; mobiles 0.95, others
 * 0.85), with any grouping, separator (dot, dash, slash, " - "), the letter
 * O for zero or numbers spelled out (`phone.irregular`, 0.9; only
 * `possible` without a word such as "tél", "portable", "au" before it),
 * and after "+" or "00": France, its overseas codes and every other country
 * (`phone.intl`, 0.9). An organisation's number introduced as such (a
 * switchboard, a service, a CCAS…) and special-rate 08 numbers are
 * organisations' contact details (`phone.organisation`). Short public
 * numbers (15, 17, 112, 3919…) never match.
 */
export const phoneRecognizer: Recognizer = {
  name: "phone",
  find(text, context) {
    return contextOf(text, context)
      .memo(classify)
      .personal.map(
        (candidate): Entity => ({
          type: "PHONE",
          start: candidate.start,
          end: candidate.end,
          confidence: candidate.possible
            ? 0.5
            : candidate.rule === "phone.irregular"
              ? 0.9
              : candidate.mobile
                ? 0.95
                : 0.85,
          rule: candidate.rule,
          ...(candidate.possible && { certainty: "possible" as const }),
        }),
      );
  },
  lookAlikes(text, context) {
    return contextOf(text, context)
      .memo(classify)
      .organisations.map(
        (candidate): LookAlike => ({
          start: candidate.start,
          end: candidate.end,
          rule: "phone.organisation",
          organisation: "PHONE",
        }),
      );
  },
};
