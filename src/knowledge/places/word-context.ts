import {
  ARTICLES,
  BUILDINGS,
  CONTRACTIONS,
  NOT_AFTER_DEPARTEMENT,
  PLACE_HEADS,
  PREPOSITION_HEADS,
  PREPOSITIONS,
  STREETS,
  TITLES,
} from "./place-cues.js";
import { isStopWord } from "./place-names.js";
import {
  ALL_CAPS,
  BREAK,
  CAPITAL,
  COMMA,
  COMPOUND,
  DOT,
  JOIN,
  LINK,
  SPACE,
  type TextWords,
} from "./text-words.js";

/** What precedes a mention: 0 nothing, 1 a preposition or a list, 2 a word of place ("habite à"). */
export interface Cue {
  level: 0 | 1 | 2;
  /**
   * What precedes speaks of an area, not of a commune (whose article is in its name): an
   * article ("la Manche"), a contraction ("du Nord"), "en" ("en Savoie").
   */
  area: boolean;
  /** "à" just before: a town's preposition ("à Vienne" is the commune, "dans la Vienne" the département). */
  town: boolean;
  /** A person's title or a street's type: not a place. */
  blocked: boolean;
}

const NO_CUE: Cue = { level: 0, area: false, town: false, blocked: false };
const BLOCKED: Cue = { level: 0, area: false, town: false, blocked: true };
/** A preposition or a list of places before. */
const LISTED: Cue = { level: 1, area: false, town: false, blocked: false };
/** A word of place before ("habite à", "commune de"). */
const HEADED: Cue = { level: 2, area: false, town: false, blocked: false };

export const NUMBER = /^\d+$/;

/**
 * What the words around a name say of it: what precedes it (a cue, a
 * title, a street), how it is written, whether it reads as a person's name
 * or a number as a date. Reads a few words either side: constant work per
 * name.
 */
export class WordContext {
  /** The last word of the last mention found (a list of places continues it). */
  lastEnd = -2;

  constructor(
    private readonly words: TextWords,
    private readonly text: string,
    /** Whether a folded word begins some place's name. */
    private readonly beginsAName: (key: string) => boolean,
  ) {}

  /** Whether word `at` continues the name before it ("Saint-Étienne", "St. Étienne"). */
  joined(at: number): boolean {
    if ((this.words.shape[at] ?? 0) & LINK) return false;
    const gap = this.words.gap[at] ?? 0;
    if (gap & JOIN) return true;
    const before = this.words.folded[at - 1];
    return (gap & DOT) !== 0 && (before === "st" || before === "ste");
  }

  /** What precedes word `at`: a preposition, a word of place, a list of places, an article, a title. */
  cueBefore(at: number): Cue {
    const { folded, gap } = this.words;
    const before = at - 1;
    if (before < 0) return NO_CUE;
    const word = folded[before] ?? "";
    if (TITLES.has(word) && (gap[at] ?? 0) & (SPACE | DOT)) return BLOCKED;
    if ((gap[at] ?? 0) & BREAK) return NO_CUE;
    if (STREETS.has(word) || BUILDINGS.has(word)) return BLOCKED;
    // "du Nord" is "de le Nord": a preposition and an article.
    if (CONTRACTIONS.has(word) || word === "en") return { ...this.precedingCue(at), area: true };
    if (ARTICLES.has(word)) return { ...this.precedingCue(before), area: true };
    const cue = this.precedingCue(at);
    return word === "a" ? { ...cue, town: true } : cue;
  }

  /** The cue the word before `at` gives, articles aside. */
  private precedingCue(at: number): Cue {
    const { folded, gap } = this.words;
    const before = at - 1;
    if (before < 0 || (gap[at] ?? 0) & BREAK) return NO_CUE;
    const word = folded[before] ?? "";
    // A list of places: "à Lyon, Sens et Orange", "dans le Nord et le Pas-de-Calais".
    if (this.lastEnd === before && (gap[at] ?? 0) & COMMA) return LISTED;
    if ((word === "et" || word === "ou") && this.lastEnd === before - 1) return LISTED;
    if (PLACE_HEADS.has(word)) return HEADED;
    if (!PREPOSITIONS.has(word)) return NO_CUE;
    const head = before - 1;
    if (head < 0 || (gap[before] ?? 0) & BREAK) return LISTED;
    const headWord = folded[head] ?? "";
    if (STREETS.has(headWord)) return BLOCKED;
    return PLACE_HEADS.has(headWord) || PREPOSITION_HEADS.has(headWord) ? HEADED : LISTED;
  }

  /**
   * Whether a name is written as no phrase of ordinary words is: with
   * hyphens ("Seine-Saint-Denis", not "seine saint denis"), with a capital on
   * each of its words ("Grand Est"), or as a saint's name ("Saint-Denis":
   * churches, schools and feasts that bear one are told apart by what
   * precedes them).
   */
  writtenAsAName(first: number, last: number): boolean {
    const { gap, key, shape, folded } = this.words;
    if (key[first] === "saint" || key[first] === "sainte") return true;
    if (first === last) return false;
    let capitals = 0;
    for (let at = first; at <= last; at++) {
      if (at > first && (gap[at] ?? 0) & COMPOUND) return true;
      const word = folded[at] ?? "";
      if (ARTICLES.has(word)) continue; // "L'Union européenne" has one capital that counts
      if ((shape[at] ?? 0) & CAPITAL) capitals++;
      else if (!isStopWord(word)) return false;
    }
    return capitals >= 2;
  }

  /** The first word of a name that is not an article or a preposition ("Havre" in "Le Havre"). */
  contentWord(first: number, last: number): number {
    for (let at = first; at <= last; at++) if (!isStopWord(this.words.folded[at] ?? "")) return at;
    return first;
  }

  /**
   * A one-word name with no cue, beside a capitalised word that is no place
   * and no acronym: a first name and a surname ("Nancy Dupont", "Aminata
   * Koné").
   */
  looksLikeAPerson(first: number, last: number): boolean {
    if (first !== last) return false;
    const { shape, gap, key, folded, count } = this.words;
    const namePart = (at: number) => {
      const wordShape = shape[at] ?? 0;
      return (
        (wordShape & CAPITAL) !== 0 &&
        (wordShape & ALL_CAPS) === 0 &&
        !isStopWord(folded[at] ?? "") &&
        !this.beginsAName(key[at] ?? "")
      );
    };
    const next = last + 1;
    if (next < count && (gap[next] ?? 0) & SPACE && namePart(next)) return true;
    const before = first - 1;
    return before >= 0 && (gap[first] ?? 0) & SPACE && this.lastEnd !== before
      ? namePart(before)
      : false;
  }

  /** Whether the number at `at` reads as a date, a time, an amount, a phone number or an address. */
  dateOrQuantity(at: number): boolean {
    const { folded, gap, count } = this.words;
    const end = this.words.end[at] ?? 0;
    const mark = this.text[end] ?? "";
    if (mark !== "" && "%€$/:°h".includes(mark)) return true;
    if ((mark === "." || mark === ",") && /\d/.test(this.text[end + 1] ?? "")) return true;
    const next = at + 1;
    if (next >= count || (gap[next] ?? 0) & BREAK) return false;
    const word = folded[next] ?? "";
    if (NOT_AFTER_DEPARTEMENT.has(word) || STREETS.has(word) || NUMBER.test(word)) return true;
    const after = folded[next + 1] ?? "";
    if ((word === "au" || word === "a") && NUMBER.test(after)) return true;
    return (
      (word === "et" || word === "ou") &&
      NUMBER.test(after) &&
      NOT_AFTER_DEPARTEMENT.has(folded[next + 2] ?? "")
    );
  }
}
