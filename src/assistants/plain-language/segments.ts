import { isDigit, isUpper } from "./text.js";

/** A span of the text: `start` inclusive, `end` exclusive, in UTF-16 units. */
export interface Span {
  start: number;
  end: number;
}

/** A word as the measures count it: letters (elisions and hyphens kept inside), or a number. */
export interface Word extends Span {
  text: string;
  number: boolean;
}

/**
 * Words: letters with the apostrophes of elision and hyphens kept inside
 * ("l'administration", "aujourd'hui", "peut-être" are one word each), or a
 * number, its thousands groups ("2 500"), decimals ("3,5", "1.5"), ranges of
 * article numbers ("2121-29") and ordinal suffix ("1er") included.
 */
const WORD =
  /\p{L}[\p{L}\p{M}]*(?:['\u2019\u02bc-][\p{L}\p{M}]+)*|\d+(?:[ \u00a0\u202f]\d{3}(?!\d))*(?:[.,/-]\d+)*\p{L}*/gu;

export function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    found.push({
      start,
      end: start + match[0].length,
      text: match[0],
      number: isDigit(match[0].charAt(0)),
    });
  }
  return found;
}

/**
 * Abbreviations whose period ends no sentence, as written (case counts:
 * « M. » is an abbreviation, the "m." of a measure at the end of a sentence is not).
 */
const ABBREVIATIONS: ReadonlySet<string> = new Set(
  `M MM Mme Mmes Mlle Mlles Me Mgr Dr Pr Sr St Ste art Art al Al cf Cf chap ex Ex env av bd fg
  p pp vol éd réf Réf tél Tél n N no No fasc coll dir sq hab`.split(/\s+/),
);

const TERMINATORS = ".!?…";
/** Closing marks that belong to the sentence they follow. */
const CLOSERS = '»"”’)]';
/** A list item at the start of a line: a bullet, or a number or letter with "." or ")". */
const LIST_ITEM = /(?:[-–—•*·▪]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]/y;

/**
 * Sentences, with their offsets (leading and trailing spaces left out). A
 * sentence ends at ".", "!", "?", "…" (or "...") followed by a space and
 * something that is not a lowercase letter (« Quoi ? dit-il » goes on), at
 * a blank line, and before a line that starts a list item: each item of a
 * list counts as a sentence, and so does the line that introduces it. A
 * period ends nothing when it is followed by no space (3.5, c.-à-d.,
 * www.ville.fr), after an abbreviation (« M. », « art. », « n. »), or after
 * a single letter followed by a number (« article L. 2121-29 »). Closing
 * quotes and brackets after the mark stay with the sentence, « » included.
 * Known misses: an initial before a name (« J. Dupont ») ends a sentence,
 * and an abbreviation at the very end of a sentence (« … etc. ») is read
 * correctly only because "etc" is not in the list.
 */
export function sentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const cut = (end: number, next: number) => {
    spans.push({ start, end });
    start = next;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (TERMINATORS.includes(char)) {
      let after = i;
      while (after < text.length && TERMINATORS.includes(text.charAt(after))) after++;
      const end = closeQuotes(text, after);
      if (endsSentence(text, i, after, end)) cut(end, end);
      i = Math.max(i, end - 1);
    } else if (char === "\n" && breaksLine(text, i + 1)) {
      cut(i, i + 1);
    }
  }
  cut(text.length, text.length);
  return spans
    .map((span) => trim(text, span))
    .filter((span) => span.end > span.start && hasWord(text, span));
}

/** The end of the sentence after its closing marks, a French « … » with its inner space included. */
function closeQuotes(text: string, from: number): number {
  let end = from;
  for (;;) {
    let next = end;
    while (
      text.charAt(next) === " " ||
      text.charAt(next) === "\u00a0" ||
      text.charAt(next) === "\u202f"
    )
      next++;
    if (text.charAt(next) === "»") end = next + 1;
    else if (CLOSERS.includes(text.charAt(end)) && text.charAt(end) !== "") end++;
    else return end;
  }
}

function endsSentence(text: string, first: number, after: number, end: number): boolean {
  let next = end;
  while (next < text.length && /\s/.test(text.charAt(next))) next++;
  if (next === text.length) return true;
  if (next === end) return false; // no space: 3.5, c.-à-d., www.ville.fr
  const following = text.charAt(next);
  if (following !== following.toUpperCase() && following === following.toLowerCase()) return false;
  if (after - first === 1 && text.charAt(first) === ".") {
    const before = wordBefore(text, first);
    if (ABBREVIATIONS.has(before)) return false;
    if (before.length === 1 && isUpper(before) && isDigit(following)) return false;
  }
  return true;
}

function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && /[\p{L}\p{M}]/u.test(text.charAt(start - 1))) start--;
  return text.slice(start, index);
}

/** Whether the line starting at `from` is blank or starts a list item. */
function breaksLine(text: string, from: number): boolean {
  let next = from;
  while (text.charAt(next) === " " || text.charAt(next) === "\t" || text.charAt(next) === "\r")
    next++;
  if (next >= text.length || text.charAt(next) === "\n") return true;
  LIST_ITEM.lastIndex = next;
  return LIST_ITEM.test(text);
}

function trim(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start, end };
}

function hasWord(text: string, span: Span): boolean {
  return /[\p{L}\d]/u.test(text.slice(span.start, span.end));
}
