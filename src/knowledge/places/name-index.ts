import { countryNameKeys } from "./countries.js";
import { frenchWordsAmong } from "./french-words.js";
import type { NameCollector } from "./name-collector.js";
import { contentWords } from "./place-names.js";

/** Its content words are all words of French ("Vue", "Sens", "Saint-Pierre"), or it has three letters or fewer ("Apt"). */
export const WORDLIKE = 1;
/** One or two letters ("Y", "Eu"). */
export const SHORT = 2;
/** Spelt as an acronym ("AURA", "CCEL"): in capitals, a place whatever the rules for words say ("il aura"). */
export const ACRONYM = 4;
/** Also the name of a country or a territory abroad ("Suisse", "Soudan"). */
export const FOREIGN = 8;

/** A key that only begins longer names ("saint" before "saint etienne"). */
export const PREFIX_ONLY = -1;

/**
 * Every name, keyed by its folded words joined by spaces, with what it is
 * like ({@link WORDLIKE}…) and the territories bearing it, most populous
 * first; the keys that only begin longer names are there too, so that a
 * text's words are followed one by one and abandoned at the first that
 * begins no name. The territories of all names share one array.
 */
export class NameIndex {
  /** The longest name, in words. */
  readonly longest: number;
  private readonly entries = new Map<string, number>();
  private readonly start: Int32Array;
  private readonly ids: Int32Array;
  private readonly flagsOf: Uint8Array;

  constructor(collector: NameCollector, order: (a: number, b: number) => number) {
    const count = collector.entries.size;
    this.start = new Int32Array(count + 1);
    this.flagsOf = new Uint8Array(count);
    const split: string[][] = [];
    const content = new Set<string>();
    let longest = 0;
    for (const key of collector.entries.keys()) {
      const words = key.split(" ");
      split.push(words);
      longest = Math.max(longest, words.length);
      for (const word of contentWords(words)) content.add(word);
    }
    this.longest = longest;
    const french = frenchWordsAmong(content);
    const countries = countryNameKeys();
    const ids: number[] = [];
    let entry = 0;
    for (const [key, bearers] of collector.entries) {
      this.start[entry] = ids.length;
      if (typeof bearers === "number") ids.push(bearers);
      else ids.push(...bearers.sort(order));
      const flags = nameFlags(key, split[entry] ?? [], collector.acronyms.has(key), french);
      this.flagsOf[entry] = flags | (countries.has(key) ? FOREIGN : 0);
      this.entries.set(key, entry++);
    }
    this.start[entry] = ids.length;
    this.ids = Int32Array.from(ids);
    for (const key of collector.entries.keys()) {
      for (let end = key.indexOf(" "); end > 0; end = key.indexOf(" ", end + 1)) {
        const prefix = key.slice(0, end);
        if (!this.entries.has(prefix)) this.entries.set(prefix, PREFIX_ONLY);
      }
    }
  }

  /** The entry of a name key, {@link PREFIX_ONLY}, or undefined when no name begins so. */
  entry(key: string): number | undefined {
    return this.entries.get(key);
  }

  /** The territories bearing a name, most populous first. */
  namesakes(entry: number): Int32Array {
    return this.ids.subarray(this.start[entry], this.start[entry + 1]);
  }

  /** {@link WORDLIKE}, {@link SHORT}, {@link ACRONYM}, {@link FOREIGN}. */
  flags(entry: number): number {
    return this.flagsOf[entry] ?? 0;
  }
}

function nameFlags(
  key: string,
  words: readonly string[],
  acronym: boolean,
  french: ReadonlySet<string>,
): number {
  const letters = key.length - words.length + 1;
  // "Paris 15e" is no word: a number in a name makes it one.
  const numbered = words.some((word) => /\d/.test(word));
  const wordLike =
    !numbered &&
    ((letters <= 3 && !acronym) || contentWords(words).every((word) => french.has(word)));
  return (wordLike ? WORDLIKE : 0) | (letters <= 2 ? SHORT : 0) | (acronym ? ACRONYM : 0);
}
