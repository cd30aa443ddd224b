import { foldForSearch, type SearchWord } from "../store/index.js";

/** A piece of an excerpt: the words searched are the pieces marked `match`. */
export interface ExcerptPart {
  text: string;
  match: boolean;
}

/** Characters shown before the first match, and in the whole excerpt, about (cut at spaces). */
const BEFORE = 60;
const LENGTH = 220;

const isWordCharacter = (character: string | undefined) =>
  character !== undefined && /[\p{L}\p{N}]/u.test(character);

/**
 * Where the words occur in `folded` between `from` and `to`, as the indexes
 * match them: at the start of a word, a short word as a whole word. Each
 * `indexOf` moves on, so the walk is linear in the text for each word.
 */
function matches(
  folded: string,
  words: readonly SearchWord[],
  from: number,
  to: number,
  first = false,
): [number, number][] {
  const found: [number, number][] = [];
  for (const word of words) {
    let at = folded.indexOf(word.text, from);
    while (at !== -1 && at + word.text.length <= to) {
      const end = at + word.text.length;
      if (!isWordCharacter(folded[at - 1]) && (word.prefix || !isWordCharacter(folded[end]))) {
        found.push([at, end]);
        if (first) break;
      }
      at = folded.indexOf(word.text, at + 1);
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/**
 * A short excerpt of a message around the first place it holds a word of the
 * search, the words marked, spaces collapsed. Linear in the message: it is
 * folded once and each word looked for once.
 */
export function searchExcerpt(content: string, words: readonly SearchWord[]): ExcerptPart[] {
  const { folded, offsets } = foldForSearch(content);
  const [first] = matches(folded, words, 0, folded.length, true);
  const anchor = first ? (offsets[first[0]] ?? 0) : 0;
  let start = Math.max(0, anchor - BEFORE);
  if (start > 0) {
    const space = content.slice(start, anchor).search(/\s/);
    if (space !== -1) start += space + 1;
  }
  let end = Math.min(content.length, start + LENGTH);
  if (end < content.length) {
    const space = content.slice(anchor, end).search(/\s\S*$/);
    if (space > 0) end = anchor + space;
  }
  // The folded range of the window, then every match inside it, back in the message's offsets.
  let foldedStart = 0;
  while (foldedStart < folded.length && (offsets[foldedStart] ?? 0) < start) foldedStart += 1;
  let foldedEnd = foldedStart;
  while (foldedEnd < folded.length && (offsets[foldedEnd] ?? 0) < end) foldedEnd += 1;
  const marked: [number, number][] = [];
  for (const [from, to] of matches(folded, words, foldedStart, foldedEnd)) {
    const range: [number, number] = [offsets[from] ?? 0, Math.min(end, offsets[to] ?? end)];
    const last = marked.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else marked.push(range);
  }
  const parts: ExcerptPart[] = [];
  const add = (text: string, match: boolean) => {
    const collapsed = text.replace(/\s+/g, " ");
    if (collapsed) parts.push({ text: collapsed, match });
  };
  let at = start;
  for (const [from, to] of marked) {
    add(content.slice(at, from), false);
    add(content.slice(from, to), true);
    at = to;
  }
  add(content.slice(at, end), false);
  if (start > 0) parts.unshift({ text: "… ", match: false });
  if (end < content.length) parts.push({ text: " …", match: false });
  const [head] = parts;
  if (head && !head.match) head.text = head.text.trimStart();
  return parts;
}
