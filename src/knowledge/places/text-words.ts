import { foldWord, nameWord, WORD } from "./place-names.js";

/** Only spaces, hyphens and apostrophes, four at most: two words of one name ("Saint - Étienne", "l'Haÿ"). */
export const JOIN = 1;
/** A sentence or a line ends there (. ! ? ; : « » " • newline), or the text starts. */
export const BREAK = 2;
/** Ends with "(". */
export const OPEN = 4;
/** Starts with ")". */
export const CLOSE = 8;
/** One comma, and spaces. */
export const COMMA = 16;
/** Spaces only, on one line. */
export const SPACE = 32;
/** One colon, and spaces. */
export const COLON = 64;
/** One dot, then spaces or a hyphen: after an abbreviation ("St.", "M.", "dép."). */
export const DOT = 128;
/** A line ends there, or the text. */
export const LINE = 256;
/** Holds "?" or "!". */
export const ASKS = 512;
/** Hyphens only, no space: inside a compound word ("Saint-Pol-sur-Mer"). */
export const COMPOUND = 1024;

/** The word starts with a capital. */
export const CAPITAL = 1;
/** Two letters or more, all capitals. */
export const ALL_CAPS = 2;
/** Inside a web or e-mail address ("www.lyon.fr", "ccas@chenove.fr") or an HTML tag (`<a target="_blank">`): no place. */
export const LINK = 4;

/**
 * A text read as words, with what lies between them classified once: after
 * this, recognition reads words and flags, never characters again.
 */
export interface TextWords {
  readonly count: number;
  readonly start: number[];
  readonly end: number[];
  /** Lowercase, accents folded. */
  readonly folded: string[];
  /** As names are keyed ({@link nameWord}: "st" → "saint"). */
  readonly key: string[];
  /** {@link CAPITAL}, {@link ALL_CAPS}. */
  readonly shape: number[];
  /** Flags of what lies before word i; `gap[count]` is what follows the last word. */
  readonly gap: number[];
}

/** The words of a text, in order, and what lies between them. */
export function readWords(text: string): TextWords {
  const start: number[] = [];
  const end: number[] = [];
  const folded: string[] = [];
  const key: string[] = [];
  const shape: number[] = [];
  const gap: number[] = [];
  const links = merge(linkRanges(text), tagRanges(text));
  let link = 0;
  let previous = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const at = match.index;
    gap.push(gapFlags(text, previous, at, start.length === 0));
    start.push(at);
    end.push(at + word.length);
    const lower = foldWord(word);
    folded.push(lower);
    key.push(nameWord(lower));
    while (link < links.length && (links[link + 1] ?? 0) <= at) link += 2;
    const inLink = link < links.length && (links[link] ?? 0) <= at;
    shape.push(shapeOf(word) | (inLink ? LINK : 0));
    previous = at + word.length;
  }
  gap.push(gapFlags(text, previous, text.length, false) | LINE);
  return { count: start.length, start, end, folded, key, shape, gap };
}

function shapeOf(word: string): number {
  const first = word[0] ?? "";
  const capital = first !== first.toLowerCase() ? CAPITAL : 0;
  const upper = word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
  return capital | (upper ? ALL_CAPS : 0);
}

const SPACES = " \t\u00a0\u2007\u2009\u202f";
const HYPHENS = "-\u2010\u2011\u2012\u2013\u2014";
const JOINERS = `${HYPHENS}'\u2019\u02bb\u02bc\``;
const BREAKS = '.!?…;:«»"“”•*#|\n\r';

/** Classifies the characters between two words (each gap is read once). */
function gapFlags(text: string, from: number, to: number, first: boolean): number {
  let spaces = 0;
  let joiners = 0;
  let commas = 0;
  let colons = 0;
  let dots = 0;
  let hyphens = 0;
  let flags = first ? BREAK | LINE : 0;
  let firstMark = "";
  let lastMark = "";
  for (let at = from; at < to; at++) {
    const char = text[at] ?? "";
    if (SPACES.includes(char)) {
      spaces++;
      continue;
    }
    if (firstMark === "") firstMark = char;
    lastMark = char;
    if (JOINERS.includes(char)) {
      joiners++;
      if (HYPHENS.includes(char)) hyphens++;
    } else if (char === ",") commas++;
    else if (char === ":") colons++;
    else if (char === ".") dots++;
    if (BREAKS.includes(char)) flags |= BREAK;
    if (char === "\n" || char === "\r") flags |= LINE;
    if (char === "?" || char === "!") flags |= ASKS;
  }
  const length = to - from;
  const marks = length - spaces;
  if (marks === 0 && length > 0) flags |= SPACE;
  if (joiners === marks && length <= 4 && length > 0) flags |= JOIN;
  if (hyphens === length && length > 0) flags |= COMPOUND;
  if (commas === 1 && marks === 1) flags |= COMMA;
  if (colons === 1 && marks === 1) flags |= COLON;
  if (dots === 1 && firstMark === "." && marks === 1 + joiners && length <= 3) flags |= DOT;
  if (lastMark === "(") flags |= OPEN;
  if (firstMark === ")") flags |= CLOSE;
  return flags;
}

const LINK_MARKERS = ["://", "@", "www."];
/** Where an address ends: a space, a quote, a bracket ("href="https://…">Lyon</a>"). */
const ADDRESS_END = /[\s"'<>()[\]{}]/;

/**
 * Where web and e-mail addresses lie, as [start, end) pairs in order: the
 * runs of characters up to a space, a quote or a bracket that hold "://",
 * "@" or "www.". Each marker's
 * next position is kept until passed, so the text is read a bounded number
 * of times whatever it holds.
 */
function linkRanges(text: string): number[] {
  const ranges: number[] = [];
  const next = LINK_MARKERS.map((marker) => text.indexOf(marker));
  let from = 0;
  for (;;) {
    let at = -1;
    LINK_MARKERS.forEach((marker, index) => {
      if ((next[index] ?? -1) >= 0 && (next[index] ?? 0) < from)
        next[index] = text.indexOf(marker, from);
      const found = next[index] ?? -1;
      if (found >= 0 && (at < 0 || found < at)) at = found;
    });
    if (at < 0) return ranges;
    let start = at;
    while (start > from && !ADDRESS_END.test(text[start - 1] ?? " ")) start--;
    let end = at;
    while (end < text.length && !ADDRESS_END.test(text[end] ?? " ")) end++;
    ranges.push(start, end);
    from = end;
  }
}

/** How far an HTML tag may run before its "<" is read as "less than". */
const LONGEST_TAG = 1000;
const TAG_START = /[a-zA-Z/!]/;

/** Where HTML tags lie ("<a href=…>", "</p>"), as [start, end) pairs in order. */
function tagRanges(text: string): number[] {
  const ranges: number[] = [];
  let close = -1;
  for (let open = text.indexOf("<"); open >= 0; open = text.indexOf("<", open + 1)) {
    if (!TAG_START.test(text[open + 1] ?? "")) continue;
    if (close >= 0 && close <= open) close = -1;
    if (close < 0) close = text.indexOf(">", open);
    if (close < 0) return ranges;
    if (close - open > LONGEST_TAG) continue;
    ranges.push(open, close + 1);
    open = close;
  }
  return ranges;
}

/** Two lists of ranges as one, in order, overlapping ranges joined. */
function merge(first: number[], second: number[]): number[] {
  if (second.length === 0) return first;
  if (first.length === 0) return second;
  const pairs: Array<[number, number]> = [];
  for (const list of [first, second]) {
    for (let at = 0; at < list.length; at += 2) pairs.push([list[at] ?? 0, list[at + 1] ?? 0]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [start, end] of pairs) {
    const last = merged.length - 1;
    if (last > 0 && start <= (merged[last] ?? 0)) merged[last] = Math.max(merged[last] ?? 0, end);
    else merged.push(start, end);
  }
  return merged;
}
