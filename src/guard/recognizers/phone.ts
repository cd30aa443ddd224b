import {
  contextOf,
  type Entity,
  type LookAlike,
  matches,
  type Recognizer,
  type ScanContext,
} from "../entity.js";

/** Between digit groups: a space (non-breaking ones too), a dot, a dash, or nothing. */
const SEP = "[ .\\-\\u00a0\\u202f]?";
/** Not inside a longer run of digits, grouped or not ("FR76 3000 6000 0112 3456 7890 189"). */
const NO_DIGIT_BEFORE = "(?<![\\d+]|\\d[ .\\-\\u00a0\\u202f])";
const NO_DIGIT_AFTER = "(?![ .\\-\\u00a0\\u202f]?\\d)";

/** 0X XX XX XX XX, X from 1 to 9 after the 0. */
const NATIONAL = new RegExp(`${NO_DIGIT_BEFORE}0[1-9](?:${SEP}\\d{2}){4}${NO_DIGIT_AFTER}`, "g");

/**
 * +33 / 0033, "(0)" or a stray 0 allowed, then the 9 digits of the national
 * number without its leading 0 ("+33 (0)6 12 34 56 78", "0033612345678").
 */
const FRANCE = new RegExp(
  `${NO_DIGIT_BEFORE}(?:\\+|00)33${SEP}(?:\\(0\\)${SEP}|0)?(?<number>[1-9](?:${SEP}\\d{2}){4})${NO_DIGIT_AFTER}`,
  "g",
);

/**
 * Overseas codes and the length of the national number after them:
 * Réunion/Mayotte, Guadeloupe, Guyane, Martinique (9 digits), Comoros and
 * old Mayotte numbers (7, or 9 as often mistyped), Saint-Pierre-et-Miquelon
 * and New Caledonia (6), French Polynesia (8).
 */
const OVERSEAS = new RegExp(
  `${NO_DIGIT_BEFORE}(?:\\+|00)(?:(?:262|590|594|596)${SEP}(?:\\(0\\)${SEP}|0)?(?<domNumber>[1-9](?:${SEP}\\d){8})|269${SEP}\\d(?:${SEP}\\d){6}(?:(?:${SEP}\\d){2})?|(?:508|687)${SEP}\\d(?:${SEP}\\d){5}|689${SEP}\\d(?:${SEP}\\d){7})${NO_DIGIT_AFTER}`,
  "g",
);

/**
 * What introduces a town hall's or a public service's number (accents
 * folded, at the start of a word: "mairie" in "jean@mairie-lyon.fr" does not
 * count): its switchboard, a public body (CCAS, CAF, préfecture, France
 * services…), a free or shared-cost number, opening hours, how to call from
 * abroad — as official sheets and letterheads give them.
 */
const SWITCHBOARD =
  /(?<![\p{L}@.-])(?:standard|accueil de la mairie|mairie|hotel de ville|service|secretariat|numero (?:vert|azur|unique|gratuit)|permanence|ccas|caf|cpam|msa|prefecture|sous-prefecture|france services|france travail|pole emploi|information jeunesse|point information|depuis l'etranger|depuis l'outre-mer|depuis la metropole|appel gratuit|prix d'un appel|lundi au vendredi)/u;

/** How far before a number its switchboard context may be. */
const CONTEXT = 50;

interface Candidate {
  start: number;
  end: number;
  rule: "phone.fr" | "phone.intl";
  /** 06 and 07 (and overseas mobiles, whose national number starts 06 too). */
  mobile: boolean;
  /** 08: special-rate and free numbers, always a service's. */
  special: boolean;
}

const firstDigit = (digits: string) => digits.replace(/\D/g, "")[0] ?? "";

/** Every French or overseas number in the text. */
function candidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  const add = (match: RegExpExecArray, rule: Candidate["rule"], digit: string) =>
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      rule,
      mobile: digit === "6" || digit === "7",
      special: digit === "8",
    });
  for (const match of matches(NATIONAL, text)) add(match, "phone.fr", match[0][1] ?? "");
  for (const match of matches(FRANCE, text)) {
    add(match, "phone.intl", firstDigit(match.groups?.number ?? ""));
  }
  for (const match of matches(OVERSEAS, text)) {
    const domestic = match.groups?.domNumber;
    // Overseas departments' mobiles are 06 9X: their national number starts with 6.
    add(match, "phone.intl", domestic ? firstDigit(domestic) : "");
  }
  return found;
}

/** Whether a landline is introduced as a switchboard, or is a special-rate (08) number. */
function isPublic(folded: string, candidate: Candidate): boolean {
  if (candidate.mobile) return false;
  if (candidate.special) return true;
  return SWITCHBOARD.test(folded.slice(Math.max(0, candidate.start - CONTEXT), candidate.start));
}

/** The numbers split into personal ones and public ones. */
function classify(context: ScanContext): { personal: Candidate[]; public: Candidate[] } {
  const all = candidates(context.text);
  if (all.length === 0) return { personal: [], public: [] };
  const folded = context.folded;
  const personal: Candidate[] = [];
  const publicOnes: Candidate[] = [];
  for (const candidate of all) {
    (isPublic(folded, candidate) ? publicOnes : personal).push(candidate);
  }
  return { personal, public: publicOnes };
}

/**
 * French phone numbers: national (0X XX XX XX XX, `phone.fr`), +33/0033
 * and overseas codes (`phone.intl`); mobiles (06, 07) at 0.95, others at
 * 0.85. A landline introduced as a town hall's or a service's switchboard
 * ("standard", "mairie", "permanence"… in the 50 characters before) and
 * special-rate 08 numbers are look-alikes (`phone.public`). Short public
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
          confidence: candidate.mobile ? 0.95 : 0.85,
          rule: candidate.rule,
        }),
      );
  },
  lookAlikes(text, context) {
    return contextOf(text, context)
      .memo(classify)
      .public.map(
        (candidate): LookAlike => ({
          start: candidate.start,
          end: candidate.end,
          rule: "phone.public",
        }),
      );
  },
};
