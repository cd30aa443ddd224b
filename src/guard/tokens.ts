import type { ScanContext } from "./entity.js";

/** How a word is written: "dupont", "Dupont", "DUPONT", or a lone capital ("J" of "J."). */
export type Shape = "lower" | "capital" | "upper" | "letter";

/** One word of a text, with what the recognizers ask of it. */
export interface Token {
  start: number;
  end: number;
  /** As written. */
  text: string;
  /** Lowercase, accents folded (same length as `text`). */
  key: string;
  shape: Shape;
  /** The first word of the text, of a line, or after ". ! ? : ; « (": its capital says nothing. */
  opens: boolean;
  /** What separates it from the previous word: `space` (spaces or tabs only), `line` (a line break among them), `hyphen`, `other`. */
  gap: "space" | "line" | "hyphen" | "other";
  /** The characters just before it, back to the previous word (at most 12). */
  before: string;
  /** A capital and a full stop: "J." of "J. Dupont". */
  initial: boolean;
  /** Glued to an "@", a dot, a digit or an underscore: part of an address, a link or a code. */
  glued: boolean;
  /**
   * Its line is written in capitals ("MON VOISIN DU DESSUS FAIT DU BRUIT"):
   * capitals say nothing there, the word is read as if in lowercase.
   */
  shouting: boolean;
}

/**
 * A word: letters (and combining marks), joined by inner hyphens or
 * apostrophes ("Jean-Pierre", "aujourd'hui", "N'Diaye"). Linear: each
 * repetition starts with a separator the letters never hold.
 */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

/** Elisions glued to the next word in lowercase: "d'Ornano" is "d'" and "Ornano". */
const ELISION = /^(?:d|l|qu|j|n|s|m|c|t|jusqu|lorsqu|puisqu)['’]/i;

/** Marks after which a capital says nothing (a new sentence, a field's value, a quotation). */
const OPENERS = new Set([".", "!", "?", ":", ";", "«", "(", '"', "“", "…", "•", "*", "–", "—"]);

/** A word longer than this is no one's name part (and a crafted text gains nothing from it). */
export const LONGEST_WORD = 40;

/** The shape from the written word and its folded key: a capital is where they differ. */
function shapeOf(text: string, key: string): Shape {
  // Folding lowercases: a letter the key writes otherwise was a capital (accents fold to the same letter).
  const upperFirst = text.charCodeAt(0) !== key.charCodeAt(0) && text[0] !== text[0]?.toLowerCase();
  if (!upperFirst) return "lower";
  if (text.length === 1) return "letter";
  for (let index = 1; index < text.length; index += 1) {
    const char = text[index] as string;
    if (char !== char.toUpperCase()) return "capital";
  }
  return "upper";
}

function gapOf(between: string): Token["gap"] {
  if (between === "-") return "hyphen";
  let line = false;
  for (let index = 0; index < between.length; index += 1) {
    const code = between.charCodeAt(index);
    if (code === 10 || code === 13) line = true;
    else if (code !== 32 && code !== 9 && code !== 0xa0 && code !== 0x202f) return "other";
  }
  if (between.length === 0) return "other";
  return line ? "line" : "space";
}

/** Short words whose full stop ends the word, not the sentence ("M. Dupont", "Mme. Diallo", "av. Foch"). */
const ABBREVIATED = new Set([
  "m",
  "mm",
  "mme",
  "mmes",
  "mlle",
  "mr",
  "dr",
  "pr",
  "me",
  "st",
  "ste",
  "av",
  "bd",
  "ch",
  "cf",
  "p",
  "n",
  "no",
  "tel",
  "tél",
  "port",
  "mob",
  "env",
  "etc",
  "bat",
  "bât",
  "apt",
  "appt",
  "esc",
  "res",
  "rés",
]);

/**
 * Whether the characters between two words open a new sentence: the text's
 * start, a line break, or a mark of {@link OPENERS} (a full stop after an
 * initial or an abbreviation does not).
 */
function opensAfter(between: string, previous: Token | undefined): boolean {
  if (!previous) return true;
  for (let index = between.length - 1; index >= 0; index -= 1) {
    const char = between[index] as string;
    if (char === "\n" || char === "\r") return true;
    if (OPENERS.has(char)) {
      return (
        char !== "." ||
        index !== 0 ||
        (previous.shape !== "letter" && !ABBREVIATED.has(previous.key))
      );
    }
  }
  return false;
}

/** An "@", "_" or digit next to the word, or a dot between it and a letter or a digit ("jean.dupont"). */
function isGlue(text: string, at: number, beyond: number): boolean {
  const char = text[at];
  if (char === undefined) return false;
  if (char === "@" || char === "_" || (char >= "0" && char <= "9")) return true;
  const next = text[beyond] ?? "";
  if (char === "-" || char === "/") return next >= "0" && next <= "9";
  return char === "." && /[\p{L}\p{N}]/u.test(next);
}

/** Links and web addresses: their words are no one's name. */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;

function tokenize(context: ScanContext): Token[] {
  const { text, folded } = context;
  const tokens: Token[] = [];
  const links: [number, number][] = [];
  if (text.includes("http") || text.includes("www.")) {
    for (const match of text.matchAll(LINK)) {
      links.push([match.index as number, (match.index as number) + match[0].length]);
    }
  }
  let link = 0;
  let previousEnd = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    let start = match.index;
    let word = match[0];
    const elision = ELISION.exec(word);
    // "N'Diaye", "M'Baye" are names; "L'Église", "d'Ornano" an article and a word.
    const name = /^[NM]['’]\p{Lu}/u.test(word);
    if (elision && word.length > elision[0].length && !name) {
      push(start, start + elision[0].length);
      start += elision[0].length;
      word = word.slice(elision[0].length);
    }
    push(start, start + word.length);
  }
  markShouting(tokens);
  return tokens;

  function push(start: number, end: number): void {
    const between = text.slice(previousEnd, start);
    const written = text.slice(start, end);
    const key = folded.slice(start, end);
    while (link < links.length && (links[link] as [number, number])[1] <= start) link += 1;
    const inLink = link < links.length && (links[link] as [number, number])[0] <= start;
    const shape = shapeOf(written, key);
    tokens.push({
      start,
      end,
      text: written,
      key,
      shape,
      opens: opensAfter(between.length > 40 ? between.slice(-40) : between, tokens.at(-1)),
      gap: gapOf(between),
      before: between.length > 12 ? between.slice(-12) : between,
      initial: shape === "letter" && text[end] === ".",
      glued: inLink || isGlue(text, start - 1, start - 2) || isGlue(text, end, end + 1),
      shouting: false,
    });
    previousEnd = end;
  }
}

/** Lines with at least this many words of two letters or more, most in capitals, are shouted. */
const SHOUTED_WORDS = 4;

/** Marks the words of lines written in capitals (a linear pass over the tokens, line by line). */
function markShouting(tokens: Token[]): void {
  let lineStart = 0;
  for (let index = 0; index <= tokens.length; index += 1) {
    const token = tokens[index];
    if (token && (index === lineStart || token.gap !== "line")) continue;
    let words = 0;
    let upper = 0;
    for (let at = lineStart; at < index; at += 1) {
      const word = tokens[at] as Token;
      if (word.text.length < 2) continue;
      words += 1;
      if (word.shape === "upper") upper += 1;
    }
    if (words >= SHOUTED_WORDS && upper / words > 0.6) {
      for (let at = lineStart; at < index; at += 1) (tokens[at] as Token).shouting = true;
    }
    lineStart = index;
  }
}

/** The text's words, computed once per scan. */
export const tokensOf = (context: ScanContext): Token[] => context.memo(tokenize);
