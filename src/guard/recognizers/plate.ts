import {
  contextOf,
  type Entity,
  type LookAlike,
  matches,
  type Recognizer,
  type ScanContext,
} from "../entity.js";
import { VEHICLE_MAKES, VEHICLE_MODELS } from "../words.js";

/** SIV letters: A to Z without I, O and U. */
const LETTER = "[A-HJ-NP-TV-Z]";
/** Not glued to a longer code ("REF-AB-123-CD-2", "XAB-123-CDX"). */
const NOT_AFTER_CODE = "(?<![\\p{L}\\p{N}_]|[\\p{L}\\p{N}]-)";
const NOT_BEFORE_CODE = "(?![\\p{L}\\p{N}_]|-[\\p{L}\\p{N}])";

/**
 * AB-123-CD, with dashes, spaces or nothing between blocks; lowercase only
 * with dashes. The look-behind comes after the first letter (it reads that
 * letter back): the engine then skips quickly to letters.
 */
const SIV = new RegExp(
  `(?<left>${LETTER}(?<![\\p{L}\\p{N}_][^]|[\\p{L}\\p{N}]-[^])${LETTER})(?<sep1>[- ]?)(?<number>\\d{3})(?<sep2>[- ]?)(?<right>${LETTER}{2})${NOT_BEFORE_CODE}`,
  "giu",
);

/**
 * The old FNI format: 1 to 4 digits, 1 to 3 letters, a département
 * (01–95, 2A, 2B, 971–976): "1234 AB 56", "123 ABC 2A", "12 AB 971".
 */
const FNI = new RegExp(
  `${NOT_AFTER_CODE}\\d{1,4}[- ]?(?<letters>[A-Z]{1,3})[- ]?(?:97[1-6]|2[AB]|0[1-9]|[1-8]\\d|9[0-5])${NOT_BEFORE_CODE}`,
  "gu",
);

/** Vehicle words (accents folded) that make an FNI-looking string a plate. */
const VEHICLE = new RegExp(
  `immatricul|plaque|vehicule|voiture|camion|fourgon|moto|scooter|(?<![a-z])(?:${[...VEHICLE_MAKES, ...VEHICLE_MODELS].join("|")})(?![a-z])`,
);
/** Words that make a SIV-looking string a reference of some other kind (accents folded). */
const REFERENCE =
  /(?<![a-z])(?:facture|ref|reference|commande|devis|article|produit|modele|code)(?![a-z])/;

/** How far before a match its context may be, and after it for FNI plates. */
const BEFORE = 40;
const AFTER = 30;

/** Whether a SIV match follows the SIV rules: no SS or WW on the left, no SS on the right, no 000. */
function isSiv(groups: Record<string, string | undefined>): boolean {
  const { left = "", right = "", number = "", sep1 = "", sep2 = "" } = groups;
  const upper = `${left}${right}`.toUpperCase();
  // Lowercase is how people type words, not plates, unless they put the dashes.
  if (upper !== `${left}${right}` && (sep1 !== "-" || sep2 !== "-")) return false;
  const [l, r] = [upper.slice(0, 2), upper.slice(2)];
  return l !== "SS" && l !== "WW" && r !== "SS" && number !== "000";
}

interface Candidate {
  start: number;
  end: number;
  rule: "plate.siv" | "plate.fni";
  /** An invoice's or a product's reference rather than a plate. */
  reference: boolean;
}

/** The specimens that explain the SIV format, separators removed. */
const SPECIMEN = /^(?:AA111AA|AB123CD|XX123XX|AA123AA|AB123AB|AA000AA|ZZ999ZZ)$/;

/** Every plate in the text; SIV ones introduced as a reference, and specimens, are marked. */
function candidates(scan: ScanContext): Candidate[] {
  const text = scan.text;
  const found: Candidate[] = [];
  let folded: string | undefined;
  const context = (start: number, end: number) => {
    folded ??= scan.folded;
    return {
      before: folded.slice(Math.max(0, start - BEFORE), start),
      around: folded.slice(Math.max(0, start - BEFORE), end + AFTER),
    };
  };
  for (const match of matches(SIV, text)) {
    if (!isSiv(match.groups ?? {})) continue;
    const end = match.index + match[0].length;
    const { before, around } = context(match.index, end);
    // "AA-111-AA", "AB-123-CD": in a document, the format's own specimens (every sheet that explains it).
    const specimen =
      scan.purpose === "documents" && SPECIMEN.test(match[0].toUpperCase().replace(/[\s-]/g, ""));
    const reference = specimen || (REFERENCE.test(before) && !VEHICLE.test(around));
    found.push({ start: match.index, end, rule: "plate.siv", reference });
  }
  // An FNI plate needs a vehicle word around it: none in the text, no FNI plate.
  if (!VEHICLE.test(scan.folded)) return found;
  for (const match of matches(FNI, text)) {
    // "14 H 30" is a time.
    if (match.groups?.letters === "H") continue;
    const end = match.index + match[0].length;
    if (!VEHICLE.test(context(match.index, end).around)) continue;
    found.push({ start: match.index, end, rule: "plate.fni", reference: false });
  }
  return found;
}

/**
 * French number plates: the SIV format AB-123-CD (`plate.siv`, 0.9) —
 * letters without I, O, U, no SS or WW on the left, no SS on the right, no
 * 000 — and the old FNI format "1234 AB 56" only near a vehicle word
 * ("immatriculé", "plaque", "véhicule", "voiture"; `plate.fni`, 0.8). A
 * SIV-looking string introduced as a reference ("facture", "réf.",
 * "commande"…) with no vehicle word near is a look-alike (`plate.reference`).
 */
export const plateRecognizer: Recognizer = {
  name: "plate",
  find(text, context) {
    return contextOf(text, context)
      .memo(candidates)
      .filter((candidate) => !candidate.reference)
      .map(
        (candidate): Entity => ({
          type: "PLATE",
          start: candidate.start,
          end: candidate.end,
          confidence: candidate.rule === "plate.siv" ? 0.9 : 0.8,
          rule: candidate.rule,
        }),
      );
  },
  lookAlikes(text, context) {
    return contextOf(text, context)
      .memo(candidates)
      .filter((candidate) => candidate.reference)
      .map(
        (candidate): LookAlike => ({
          start: candidate.start,
          end: candidate.end,
          rule: "plate.reference",
        }),
      );
  },
};
