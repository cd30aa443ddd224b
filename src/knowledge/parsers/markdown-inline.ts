import { decodeHTML } from "entities";

/**
 * Markdown's inline markup, stripped in linear time. Each step does what a global regular
 * expression with a lazy middle would (`\[([^\]]*)\]\([^)]*\)` for a link), but such an
 * expression tries every opener against the rest of the line: a paragraph of 400,000 "[" costs
 * 400,000² steps. Here the closer each opener needs is looked up in a scan that only moves
 * forward, so each step reads the text a bounded number of times.
 */
export function inline(text: string): string {
  const stripped = STEPS.reduce((out, step) => step(out), text);
  return decodeHTML(stripped.replace(/\\([\\`*_{}[\]()#+\-.!>|~])/g, "$1"));
}

/** What a matcher found at an index: where the match ends, and what replaces it. */
interface Match {
  end: number;
  keep: string;
}

interface Matcher {
  /** Where a match may start next, at or after `from` (the text's length when nowhere). */
  candidate(from: number): number;
  /** The match that starts at `index`, or null; `previousEnd` is where the previous match ended. */
  at(index: number, previousEnd: number): Match | null;
}

/** Replaces matches left to right without overlap, as `String.replace` with a global expression. */
function replaceMatches(text: string, matcher: Matcher): string {
  const parts: string[] = [];
  let last = 0;
  for (let index = matcher.candidate(0); index < text.length; ) {
    const found = matcher.at(index, last);
    if (found) {
      parts.push(text.slice(last, index), found.keep);
      last = found.end;
    }
    index = matcher.candidate(found ? found.end : index + 1);
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(last));
  return parts.join("");
}

/** A step that only runs on text holding one of its markers (most lines hold no markup at all). */
function replacing(markers: string | string[], matcher: (text: string) => Matcher) {
  const any = [markers].flat();
  return (text: string) =>
    any.some((marker) => text.includes(marker)) ? replaceMatches(text, matcher(text)) : text;
}

/** The steps in order, each over what the one before left. */
const STEPS: ((text: string) => string)[] = [
  replacing("![", (text) => bracketed(text, "![", "(", { keepText: false })),
  replacing("![", (text) => bracketed(text, "![", "[", { keepText: false })),
  replacing("[^", (text) => bracketed(text, "[^", null, { keepText: false, nonEmpty: true })),
  replacing("[", (text) => bracketed(text, "[", "(", { keepText: true })),
  replacing("[", (text) => bracketed(text, "[", "[", { keepText: true })),
  replacing("<", autolinks),
  replacing("<", tags),
  stripCodeSpans,
  replacing(["**", "__"], (text) => emphasis(text, ["**", "__"])),
  replacing("~~", (text) => emphasis(text, ["~~"])),
  replacing("*", (text) => emphasis(text, ["*"])),
  replacing("_", underscoreEmphasis),
];

/**
 * Remembers a forward search: asked with growing `from`, a later question either gets the last
 * answer again or searches past it, so the text is searched once in all.
 */
function remembered(search: (from: number) => number): (from: number) => number {
  let askedFrom = Number.POSITIVE_INFINITY;
  let answer = -1;
  return (from) => {
    if (from < askedFrom || from > answer) answer = search(from);
    askedFrom = from;
    return answer;
  };
}

const PATTERNS = new Map<string, RegExp>();

/** The first index at or after `from` where `characters` (a pattern of one character) match. */
function finder(text: string, characters: string): (from: number) => number {
  // One expression per pattern for the process: every search sets `lastIndex` before it runs.
  let pattern = PATTERNS.get(characters);
  if (!pattern) {
    pattern = new RegExp(characters, "g");
    PATTERNS.set(characters, pattern);
  }
  const search = pattern;
  return (from) => {
    search.lastIndex = from;
    return search.exec(text)?.index ?? text.length;
  };
}

/** Whether the code unit at `index` is white space (`\s`); outside the text counts as not. */
function isSpaceAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code > 0x20 && code < 0x7f) return false;
  return SPACE.test(text[index] ?? "x");
}

const SPACE = /\s/;
const WORD = /[\p{L}\p{N}_]/u;
/** Where `.` stops: it never crosses a line terminator. */
const LINE_TERMINATORS = "[\\n\\r\\u2028\\u2029]";

/**
 * `O[^\]]*\]` after an opener O (`[`, `![`, `[^`), then, with `tail`, `\([^)]*\)` or
 * `\[[^\]]*\]`: a link keeps the text in its brackets, an image or a footnote mark goes.
 */
function bracketed(
  text: string,
  opener: string,
  tail: "(" | "[" | null,
  options: { keepText: boolean; nonEmpty?: boolean },
): Matcher {
  const closeBracket = remembered(finder(text, "\\]"));
  const closeTail = remembered(finder(text, tail === "(" ? "\\)" : "\\]"));
  return {
    candidate: finder(text, opener === "![" ? "!" : "\\["),
    at: (index) => {
      if (!text.startsWith(opener, index)) return null;
      const start = index + opener.length;
      const close = closeBracket(start);
      if (close >= text.length || (options.nonEmpty && close === start)) return null;
      let end = close;
      if (tail) {
        if (text[close + 1] !== tail) return null;
        end = closeTail(close + 2);
        if (end >= text.length) return null;
      }
      return { end: end + 1, keep: options.keepText ? text.slice(start, close) : "" };
    },
  };
}

const SCHEMES = ["https:", "http:", "mailto:"];

/** `<((?:https?|mailto):[^>\s]+)>`: an autolink keeps its address. */
function autolinks(text: string): Matcher {
  const addressEnd = remembered(finder(text, ">|\\s"));
  return {
    candidate: finder(text, "<"),
    at: (index) => {
      const scheme = SCHEMES.find((name) => text.startsWith(name, index + 1));
      if (!scheme) return null;
      const start = index + 1 + scheme.length;
      const end = addressEnd(start);
      if (end <= start || text[end] !== ">") return null;
      return { end: end + 1, keep: text.slice(index + 1, end) };
    },
  };
}

/** `<\/?[a-zA-Z][^>]*>`: an HTML tag goes. */
function tags(text: string): Matcher {
  const tagEnd = remembered(finder(text, ">"));
  return {
    candidate: finder(text, "<"),
    at: (index) => {
      const name = text[index + 1] === "/" ? index + 2 : index + 1;
      if (!/[a-zA-Z]/.test(text[name] ?? "")) return null;
      const end = tagEnd(name + 1);
      return end < text.length ? { end: end + 1, keep: "" } : null;
    },
  };
}

/**
 * Code spans: a run of backticks opens one that the next run of the same length closes (as
 * CommonMark has it), on the same line. Runs are listed once and paired through one cursor per
 * length, so that runs of every length do not each rescan the text.
 */
function stripCodeSpans(text: string): string {
  const runs: { start: number; length: number }[] = [];
  for (let index = text.indexOf("`"); index !== -1; ) {
    let end = index;
    while (text[end] === "`") end += 1;
    runs.push({ start: index, length: end - index });
    index = text.indexOf("`", end);
  }
  if (runs.length < 2) return text;
  const byLength = new Map<number, number[]>();
  runs.forEach((run, ordinal) => {
    const list = byLength.get(run.length) ?? [];
    list.push(ordinal);
    byLength.set(run.length, list);
  });
  const cursors = new Map<number, number>();
  const lineBreak = remembered(finder(text, LINE_TERMINATORS));
  const parts: string[] = [];
  let last = 0;
  for (let ordinal = 0; ordinal < runs.length; ) {
    const run = runs[ordinal] as { start: number; length: number };
    const list = byLength.get(run.length) as number[];
    let cursor = cursors.get(run.length) ?? 0;
    while (cursor < list.length && (list[cursor] as number) <= ordinal) cursor += 1;
    cursors.set(run.length, cursor);
    const closer = runs[list[cursor] ?? -1];
    const contentStart = run.start + run.length;
    if (closer && lineBreak(contentStart) >= closer.start) {
      parts.push(text.slice(last, run.start), text.slice(contentStart, closer.start));
      last = closer.start + closer.length;
      ordinal = (list[cursor] as number) + 1;
    } else ordinal += 1;
  }
  parts.push(text.slice(last));
  return parts.join("");
}

/** The next `delimiter` at or after `from` that follows a non-space character (`(?<=\S)D`). */
function closerFinder(text: string, delimiter: string): (from: number) => number {
  return remembered((from) => {
    let index = text.indexOf(delimiter, from);
    while (index !== -1 && isSpaceAt(text, index - 1)) index = text.indexOf(delimiter, index + 1);
    return index === -1 ? text.length : index;
  });
}

/**
 * `(D)(?=\S)(.+?)(?<=\S)\1` for each delimiter D: emphasis keeps its text. The closer is the
 * first D after at least one character that follows a non-space, on the same line.
 */
function emphasis(text: string, delimiters: string[]): Matcher {
  const lineBreak = remembered(finder(text, LINE_TERMINATORS));
  const closers = delimiters.map((delimiter) => ({
    delimiter,
    closer: closerFinder(text, delimiter),
  }));
  const first = [...new Set(delimiters.map((delimiter) => `\\${delimiter[0]}`))].join("|");
  return {
    candidate: finder(text, first),
    at: (index) => {
      for (const { delimiter, closer } of closers) {
        if (!text.startsWith(delimiter, index)) continue;
        const start = index + delimiter.length;
        if (start >= text.length || isSpaceAt(text, start)) return null;
        const end = closer(start + 1);
        if (end >= text.length || lineBreak(start) < end) return null;
        return { end: end + delimiter.length, keep: text.slice(start, end) };
      }
      return null;
    },
  };
}

const isWordCodePoint = (codePoint: number | undefined) =>
  codePoint !== undefined && WORD.test(String.fromCodePoint(codePoint));

/**
 * `(^|[^\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])`: underscore emphasis, only between
 * word boundaries, so that `nom_prenom_date` stays whole.
 */
function underscoreEmphasis(text: string): Matcher {
  const lineBreak = remembered(finder(text, LINE_TERMINATORS));
  const closer = remembered((from) => {
    let index = text.indexOf("_", from);
    while (
      index !== -1 &&
      (isSpaceAt(text, index - 1) || isWordCodePoint(text.codePointAt(index + 1)))
    )
      index = text.indexOf("_", index + 1);
    return index === -1 ? text.length : index;
  });
  return {
    candidate: finder(text, "_"),
    at: (index, previousEnd) => {
      if (index > 0) {
        // The character before the opener belongs to the match: a word character cannot be it,
        // nor one that an earlier match took.
        const low = text.charCodeAt(index - 1);
        const before = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
        if (before < previousEnd || isWordCodePoint(text.codePointAt(before))) return null;
      }
      const start = index + 1;
      if (start >= text.length || isSpaceAt(text, start)) return null;
      const end = closer(start + 1);
      if (end >= text.length || lineBreak(start) < end) return null;
      return { end: end + 1, keep: text.slice(start, end) };
    },
  };
}
