import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * Which of `wanted` (folded words: lowercase, no accents, œ → oe) are words
 * of French, by the word list the guard reads too (`an-array-of-french-words`,
 * every inflection: "vienne", "sens", "moulins", "paris").
 *
 * The list holds 323,000 words: parsing it and folding each word took 110 ms
 * and left 20 MB of garbage, for a loading that happens at a request. Its
 * bytes are read instead, each word folded and hashed as it goes by, and only
 * the hashes of the wanted words are kept. Two 32-bit hashes make a false match between
 * 30,000 wanted words and the list's 323,000 a one-in-a-hundred-million event.
 */
export function frenchWordsAmong(wanted: ReadonlySet<string>): Set<string> {
  const require = createRequire(import.meta.url);
  const bytes = readFileSync(require.resolve("an-array-of-french-words/index.json"));
  // Keyed by the first hash's low 30 bits (a small integer, which maps look up fastest), then checked by the second.
  const byHash = new Map<number, number>();
  const seconds: number[] = [];
  const words: string[] = [];
  const sameKey: number[] = [];
  for (const word of wanted) {
    const [first, second] = hashOf(word);
    const key = first & SMALL;
    sameKey.push(byHash.get(key) ?? -1);
    byHash.set(key, words.length);
    seconds.push(second);
    words.push(word);
  }
  const found = new Set<string>();
  let first = FIRST_SEED;
  let second = SECOND_SEED;
  let inWord = false;
  for (let at = 0; at < bytes.length; at++) {
    let byte = bytes[at] as number;
    if (byte === QUOTE) {
      let index = inWord ? (byHash.get(first & SMALL) ?? -1) : -1;
      for (; index >= 0; index = sameKey[index] ?? -1) {
        if (seconds[index] === second) found.add(words[index] ?? "");
      }
      inWord = !inWord;
      first = FIRST_SEED;
      second = SECOND_SEED;
      continue;
    }
    if (!inWord) continue;
    if (byte === 0xc3 || byte === 0xc5) {
      const folded = (byte === 0xc3 ? LATIN_1 : LATIN_EXTENDED)[(bytes[at + 1] as number) - 0x80];
      if (folded !== undefined) {
        at++;
        byte = folded.charCodeAt(0);
        if (folded.length === 2) {
          first = Math.imul(first ^ byte, FIRST_PRIME);
          second = Math.imul(second ^ byte, SECOND_PRIME);
          byte = folded.charCodeAt(1);
        }
      }
    }
    first = Math.imul(first ^ byte, FIRST_PRIME);
    second = Math.imul(second ^ byte, SECOND_PRIME);
  }
  return found;
}

// Two FNV-1a-style hashes of the folded bytes.
const FIRST_SEED = 0x811c9dc5 | 0;
const SECOND_SEED = 0x01000193;
const FIRST_PRIME = 0x01000193;
const SECOND_PRIME = 0x5bd1e995;
const SMALL = 0x3fffffff;

/** The hashes of a folded word (ASCII: its characters are its bytes). */
function hashOf(word: string): [number, number] {
  let first = FIRST_SEED;
  let second = SECOND_SEED;
  const ascii = !/[^\p{ASCII}]/u.test(word);
  for (const byte of ascii ? [] : Buffer.from(word, "utf8")) {
    first = Math.imul(first ^ byte, FIRST_PRIME);
    second = Math.imul(second ^ byte, SECOND_PRIME);
  }
  for (let at = 0; ascii && at < word.length; at++) {
    const code = word.charCodeAt(at);
    first = Math.imul(first ^ code, FIRST_PRIME);
    second = Math.imul(second ^ code, SECOND_PRIME);
  }
  return [first, second];
}

const QUOTE = 0x22;

/** What the second byte of a two-byte UTF-8 letter after 0xC3 (à…ÿ) folds to. */
const LATIN_1: ReadonlyArray<string | undefined> = (() => {
  const table: Array<string | undefined> = [];
  const pairs =
    "àa áa âa ãa äa åa æae çc èe ée êe ëe ìi íi îi ïi ñn òo óo ôo õo öo øo ùu úu ûu üu ýy ÿy";
  for (const pair of pairs.split(" ")) {
    const second = Buffer.from(pair.slice(0, 1), "utf8")[1] ?? 0;
    table[second - 0x80] = pair.slice(1);
  }
  return table;
})();

/** After 0xC5: œ (0x93). */
const LATIN_EXTENDED: ReadonlyArray<string | undefined> = (() => {
  const table: Array<string | undefined> = [];
  table[0x93 - 0x80] = "oe";
  return table;
})();
