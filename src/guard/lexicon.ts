import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { foldSameLength } from "./fold.js";
import { COMMON_WORDS, FIRST_NAMES } from "./recognizers/first-names.js";
import { ABROAD, EVERYDAY_WORDS } from "./words.js";

/**
 * What the guard knows of the language, folded (lowercase, accents folded,
 * {@link foldSameLength}): the words of French, and the first names and
 * surnames borne in France and its places as shipped (src/guard/data,
 * derived from INSEE's open files by scripts/derive-names.ts and
 * derive-places.ts). Read once per process, at first
 * use (about 0.3 s, 30 MB): a name is told from a word by looking it up.
 */
export interface Lexicon {
  /** Everything known of a word at once ({@link WORD}, {@link FIRST_NAME}…): one lookup. */
  flags(key: string): number;
  /** A word of French (any inflection: "petit", "petites", "mangeait"), or of agents' everyday writing ("rdv", "CCAS"). */
  isWord(key: string): boolean;
  /** A first name given in France (shipped, built-in or imported). */
  isFirstName(key: string): boolean;
  /** A surname borne in France (shipped or imported). */
  isSurname(key: string): boolean;
  /** A commune of 1,000 inhabitants or more, a département or a région ("roubaix", "la rochelle"). */
  isPlace(key: string): boolean;
}

/** What a word is, as bits of {@link Lexicon.flags}. */
export const WORD = 1;
export const FIRST_NAME = 2;
export const SURNAME = 4;
export const PLACE = 8;
/**
 * Common enough to be someone's name by itself: among the 5,000 first names
 * most given (about 800 bearers or more) or the 20,000 surnames most borne
 * (about 400). Rarer ones ("Cuma", "Thalys", "Dublin") are as often a
 * brand, a place or an acronym. Built-in and imported names count as common.
 */
export const COMMON_NAME = 16;
const COMMON_FIRST_NAMES = 5000;
const COMMON_SURNAMES = 20_000;

/** The shipped lists sit in src/guard/data, read from src/ and dist/ alike. */
const DATA = new URL("../../src/guard/data/", import.meta.url);

function readList(file: string): string[] {
  return readFileSync(new URL(file, DATA), "utf8")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** French words, from the `an-array-of-french-words` package (MIT, derived from Letterpress's list). */
function readWords(): Set<string> {
  const require = createRequire(import.meta.url);
  const words = JSON.parse(
    readFileSync(require.resolve("an-array-of-french-words/index.json"), "utf8"),
  ) as string[];
  const folded = new Set<string>(EVERYDAY_WORDS);
  for (const word of words) {
    const key = foldSameLength(word);
    folded.add(key);
    // "soeur" as the list writes it is "sœur" folded one character for one: "sour".
    if (key.includes("oe")) folded.add(key.replaceAll("oe", "o"));
  }
  for (const word of COMMON_WORDS) folded.add(word);
  return folded;
}

let shipped: Map<string, number> | undefined;

/** The shipped lists, read at first call, as one map of flags. */
function lists(): Map<string, number> {
  if (shipped) return shipped;
  const flags = new Map<string, number>();
  const mark = (key: string, bits: number) => flags.set(key, (flags.get(key) ?? 0) | bits);
  for (const word of readWords()) mark(word, WORD);
  for (const name of FIRST_NAMES) mark(name, FIRST_NAME | COMMON_NAME);
  readList("first-names.txt").forEach((name, index) => {
    mark(name, FIRST_NAME | (index < COMMON_FIRST_NAMES ? COMMON_NAME : 0));
  });
  readList("surnames.txt").forEach((name, index) => {
    mark(name, SURNAME | (index < COMMON_SURNAMES ? COMMON_NAME : 0));
  });
  for (const place of readList("places.txt")) {
    mark(place, PLACE);
    if (place.includes("-")) mark(place.replaceAll("-", " "), PLACE);
    // How people shorten a commune's name: "Brive" for Brive-la-Gaillarde, "Abymes" for Les Abymes.
    const short =
      /^(?:les|le|la|l') ?([a-z]{4,})$/.exec(place)?.[1] ??
      /^([a-z]{4,})-(?:la|le|les|sur|sous|en|de|du|des|d'|lez|les|mont|sainte?)-/.exec(place)?.[1];
    if (short && !flags.has(short)) mark(short, PLACE);
  }
  for (const place of ABROAD) {
    mark(place, PLACE);
    if (place.includes("-")) mark(place.replaceAll("-", " "), PLACE);
  }
  shipped = flags;
  return flags;
}

/** Names imported with `beffroi guard names import`, on top of the shipped ones (folded). */
export interface ExtraNames {
  firstNames?: ReadonlySet<string>;
  surnames?: ReadonlySet<string>;
}

/**
 * The words looked up lately and their flags: a text's words are mostly the
 * same few thousand, and a small table answers them from the processor's
 * cache where the whole lexicon (half a million entries) cannot.
 */
const recent = new Map<string, number>();
const RECENT_SIZE = 8192;

function hot(shipped: ReadonlyMap<string, number>, key: string): number {
  let flags = recent.get(key);
  if (flags === undefined) {
    flags = shipped.get(key) ?? 0;
    if (recent.size >= RECENT_SIZE) recent.clear();
    recent.set(key, flags);
  }
  return flags;
}

/** The lexicon: shipped words and names, and imported names when given. */
export function lexicon(extra: ExtraNames = {}): Lexicon {
  const shippedFlags = lists();
  const moreFirst = extra.firstNames?.size ? extra.firstNames : undefined;
  const moreLast = extra.surnames?.size ? extra.surnames : undefined;
  const flags =
    moreFirst || moreLast
      ? (key: string) =>
          hot(shippedFlags, key) |
          (moreFirst?.has(key) ? FIRST_NAME | COMMON_NAME : 0) |
          (moreLast?.has(key) ? SURNAME | COMMON_NAME : 0)
      : (key: string) => hot(shippedFlags, key);
  return {
    flags,
    isWord: (key) => (flags(key) & WORD) !== 0,
    isFirstName: (key) => (flags(key) & FIRST_NAME) !== 0,
    isSurname: (key) => (flags(key) & SURNAME) !== 0,
    // "Hô Chi Minh-Ville" is read with spaces and hyphens mixed: both spellings are known.
    isPlace: (key) => ((flags(key) | flags(key.replaceAll("-", " "))) & PLACE) !== 0,
  };
}

/**
 * Whether a word (folded: lower case, no accents) is a first name common
 * enough to be someone's by itself ({@link COMMON_NAME}): "nancy",
 * "mathieu". Other domains read it through the composition root (places in
 * a question: "je m'appelle Nancy" names no town).
 */
export function isCommonFirstName(key: string): boolean {
  const both = FIRST_NAME | COMMON_NAME;
  return (hot(lists(), key) & both) === both;
}

/** Reads the shipped lists now (a server does it at start, so that no request pays for it). */
export function warmLexicon(): void {
  lists();
}
