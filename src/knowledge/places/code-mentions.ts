/**
 * Places written as numbers: postal codes, départements' numbers, INSEE
 * codes. A number is a place only when its neighbours say so: most numbers
 * in a text are amounts, dates, times and addresses.
 */
import type { Gazetteer } from "./gazetteer.js";
import { DEPARTEMENT_HEADS, PLACE_HEADS, POSTCODE_HEADS } from "./place-cues.js";
import type { PlaceMention } from "./territory.js";
import {
  ASKS,
  BREAK,
  CAPITAL,
  CLOSE,
  COLON,
  COMMA,
  DOT,
  LINE,
  OPEN,
  SPACE,
  type TextWords,
} from "./text-words.js";
import { NUMBER, type WordContext } from "./word-context.js";

/** A place found, before it is recorded. */
export interface Found {
  first: number;
  last: number;
  ids: Int32Array;
  via: PlaceMention["via"];
}

/** What reading a number needs of the scan around it. */
export interface CodeScan {
  readonly words: TextWords;
  readonly gazetteer: Gazetteer;
  readonly context: WordContext;
  /** The territories of the last mention. */
  readonly lastIds: Int32Array;
  /** The territories of each name that starts at a word, longest name first. */
  namesakesAt(at: number): Int32Array[];
}

export const POSTCODE = /^\d{5}$/;
const INSEE_CODE = /^(?:\d{5}|2[ab]\d{3})$/;
const THOUSANDS = /^\d{1,3}$/;
/** Before a postal code with nothing after it on its line: "j'habite à 69001". */
const TOWARDS = new Set(["a", "au", "sur", "vers"]);
/** Before a number that counts something ("de 45000", "soit 12500", "total 45000"). */
const COUNTING = new Set("de d soit environ et ou total montant budget plus moins".split(" "));
/** Before "le 93": "dans le 93", "sur le 93", "vers le 93". */
const NUMBER_PREPOSITIONS = new Set(["dans", "sur", "vers"]);

/**
 * A known postal code, when something says it is one: "cedex" after it, a
 * commune it serves next to it, "CP", a word of place ("habite à"), "à"
 * with nothing after it on the line, or its place last in a question ("aide
 * au logement 69001 ?"). Five-digit numbers are amounts more often than
 * places ("45000 habitants", "12500 €").
 */
export function postcodeAt(scan: CodeScan, at: number): Found | undefined {
  const { folded, gap, count } = scan.words;
  const code = folded[at] ?? "";
  if (!POSTCODE.test(code)) return undefined;
  const served = scan.gazetteer.postcodes.get(code);
  if (!served) return undefined;
  const before = folded[at - 1] ?? "";
  const after = folded[at + 1] ?? "";
  const gapBefore = gap[at] ?? 0;
  const gapAfter = gap[at + 1] ?? 0;
  if (
    (THOUSANDS.test(before) && gapBefore & (SPACE | DOT)) ||
    (THOUSANDS.test(after) && gapAfter & SPACE)
  ) {
    return undefined; // "1 25000", "12345 678": a longer number
  }
  if (after === "cedex" && gapAfter & SPACE) {
    const number =
      at + 2 < count && NUMBER.test(folded[at + 2] ?? "") && (gap[at + 2] ?? 0) & SPACE;
    return found(at, number ? at + 2 : at + 1, served, "postcode");
  }
  if (POSTCODE_HEADS.has(before) && gapBefore & (SPACE | COLON))
    return found(at, at, served, "postcode");
  if (scan.context.lastEnd === at - 1 && gapBefore & (SPACE | COMMA | OPEN)) {
    const kept = intersect(served, scan.lastIds);
    if (kept.length > 0) return found(at, at, kept, "postcode");
  }
  if (at + 1 < count && gapAfter & (SPACE | COMMA)) {
    for (const namesakes of scan.namesakesAt(at + 1)) {
      const kept = intersect(served, namesakes);
      if (kept.length > 0) return found(at, at, kept, "postcode");
    }
  }
  // After a cue, the code ends the phrase: "j'habite à 69001", not "une ville de 33000 habitants".
  const cue = scan.context.cueBefore(at);
  const ends = at + 1 >= count || gapAfter & (LINE | COMMA | CLOSE | ASKS);
  if (cue.level === 2 && (ends || gapAfter & BREAK)) return found(at, at, served, "postcode");
  if (cue.level === 1 && TOWARDS.has(before) && ends) return found(at, at, served, "postcode");
  // Last in a question ("aide au logement 69001 ?"), after a word that does not count.
  const asked = at + 1 >= count || (gapAfter & ASKS) !== 0;
  const counted = NUMBER.test(before) || COUNTING.has(before) || gapBefore & COLON;
  return asked && !counted ? found(at, at, served, "postcode") : undefined;
}

/**
 * A département's number after a cue: "dans le 74", "le 93", "du 13",
 * "département 2A", "dépt. 74", "Annecy (74)", "départements 74 et 73";
 * not a date or a quantity ("le 14 juillet", "le 12 à 14 h", "le 75 rue").
 */
export function departementNumberAt(scan: CodeScan, at: number): Found | undefined {
  const { folded, gap, shape } = scan.words;
  const id = scan.gazetteer.departementCodes.get(folded[at] ?? "");
  if (id === undefined) return undefined;
  const ids = Int32Array.of(id);
  const gapBefore = gap[at] ?? 0;
  if (gapBefore & OPEN && (gap[at + 1] ?? 0) & CLOSE && at > 0) {
    const capitalised = ((shape[at - 1] ?? 0) & CAPITAL) !== 0 || scan.context.lastEnd === at - 1;
    return capitalised ? found(at, at, ids, "code") : undefined;
  }
  const before = folded[at - 1] ?? "";
  const earlier = folded[at - 2] ?? "";
  const last = scan.lastIds[0] ?? -1;
  const listed =
    scan.lastIds.length === 1 &&
    last >= scan.gazetteer.firstDepartement &&
    last < scan.gazetteer.firstRegion &&
    ((scan.context.lastEnd === at - 1 && gapBefore & COMMA) ||
      ((before === "et" || before === "ou") && scan.context.lastEnd === at - 2));
  if (listed) return found(at, at, ids, "code");
  if (!(gapBefore & (SPACE | DOT))) return undefined;
  if (DEPARTEMENT_HEADS.has(before)) return found(at, at, ids, "code");
  if ((before !== "le" && before !== "du") || scan.context.dateOrQuantity(at)) return undefined;
  // "le 15" is a date far more often than the Cantal: the number needs a place before it
  // ("dans le 93", "habitants du 93", "département du 74"), or to open a sentence as a subject
  // ("Le 93 est le département le plus jeune").
  const afterPlace = (earlier === "et" || earlier === "ou") && scan.context.lastEnd === at - 3;
  if (
    DEPARTEMENT_HEADS.has(earlier) ||
    NUMBER_PREPOSITIONS.has(earlier) ||
    PLACE_HEADS.has(earlier) ||
    afterPlace
  ) {
    return found(at, at, ids, "code");
  }
  const opens = at === 1 || ((gap[at - 1] ?? 0) & BREAK) !== 0;
  const next = folded[at + 1] ?? "";
  const continues = (gap[at + 1] ?? 0) & COMMA || next === "et" || next === "ou";
  return before === "le" && opens && !continues ? found(at, at, ids, "code") : undefined;
}

/** "code INSEE 69123", "INSEE : 2A004". */
export function inseeCodeAt(scan: CodeScan, at: number): Found | undefined {
  const { folded, gap } = scan.words;
  const code = folded[at] ?? "";
  if (!INSEE_CODE.test(code) || folded[at - 1] !== "insee" || !((gap[at] ?? 0) & (SPACE | COLON))) {
    return undefined;
  }
  const id = scan.gazetteer.id("commune", code.toUpperCase());
  return id === undefined ? undefined : found(at, at, Int32Array.of(id), "code");
}

function found(first: number, last: number, ids: Int32Array, via: Found["via"]): Found {
  return { first, last, ids, via };
}

/** The ids of `ids` also in `among`, in the order of `ids`. */
export function intersect(ids: Int32Array, among: Int32Array): Int32Array {
  const set = new Set(among);
  return ids.filter((id) => set.has(id));
}
