import type { Block, ParsedDocument } from "./parsers/types.js";

export interface Chunk {
  /** The passage's text; headings of sub-sections it spans are kept inline. */
  text: string;
  /** Headings above the passage, outermost first. */
  sectionPath: string[];
  /** Page of the passage's first block, when the document has pages. */
  page: number | null;
  wordCount: number;
}

export interface ChunkOptions {
  minWords: number;
  maxWords: number;
  /** Words carried from the end of a passage into the next when a section is split. */
  overlapWords: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { minWords: 150, maxWords: 400, overlapWords: 40 };

interface Unit {
  text: string;
  path: string[];
  page: number | null;
  words: number;
  /** A heading line to show when the unit opens a section inside a passage. */
  heading: string | null;
}

const countWords = (text: string) => (text.match(/\S+/g) ?? []).length;

/**
 * Characters a passage may hold per word it may hold. Prose averages six or seven; a "word" of
 * thousands (a run of markup, a dump with no spaces) would otherwise make one passage of any
 * length, and every consumer (scan, index, a model's context) pays per character.
 */
const CHARACTERS_PER_WORD = 25;
const maxCharactersOf = (maxWords: number) => maxWords * CHARACTERS_PER_WORD;

/** Splits into sentences at a stop followed by a capital: "art. 12" or "3,50 €. le" stay whole. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«"(])/u)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Cuts a unit too long for one passage into pieces of whole sentences. */
function splitLong(unit: Unit, maxWords: number): Unit[] {
  const pieces: Unit[] = [];
  let current: string[] = [];
  let words = 0;
  let characters = 0;
  const target = Math.round(maxWords * 0.75);
  const maxCharacters = maxCharactersOf(maxWords);
  const characterTarget = maxCharactersOf(target);
  const flush = () => {
    if (current.length === 0) return;
    const text = current.join(" ");
    pieces.push({
      ...unit,
      text,
      words: countWords(text),
      heading: pieces.length === 0 ? unit.heading : null,
    });
    current = [];
    words = 0;
    characters = 0;
  };
  for (const sentence of sentences(unit.text)) {
    const size = countWords(sentence);
    if (words > 0 && (words + size > target || characters + sentence.length > characterTarget))
      flush();
    if (size > maxWords || sentence.length > maxCharacters) {
      // A "sentence" with no stop in sight (a table dump, a list without punctuation): cut by
      // words, and a word longer than a passage by characters.
      for (const piece of bounded(sentence.split(/\s+/), target, characterTarget)) {
        current.push(piece);
        flush();
      }
      continue;
    }
    current.push(sentence);
    words += size;
    characters += sentence.length + 1;
  }
  flush();
  return pieces;
}

/** Joins tokens into pieces of at most `words` tokens and about `characters` characters. */
function bounded(tokens: string[], words: number, characters: number): string[] {
  const pieces: string[] = [];
  let piece: string[] = [];
  let length = 0;
  const flush = () => {
    if (piece.length > 0) pieces.push(piece.join(" "));
    piece = [];
    length = 0;
  };
  for (const token of tokens) {
    if (token === "") continue;
    if (piece.length >= words || (piece.length > 0 && length + token.length > characters)) flush();
    if (token.length > characters) {
      for (let start = 0; start < token.length; start += characters)
        pieces.push(token.slice(start, start + characters));
      continue;
    }
    piece.push(token);
    length += token.length + 1;
  }
  flush();
  return pieces;
}

/** Turns blocks into units: one per paragraph, one per run of list items, each with its section path. */
function units(blocks: Block[], maxWords: number): Unit[] {
  const out: Unit[] = [];
  const stack: { level: number; text: string }[] = [];
  let pendingHeading: string | null = null;
  let list: Unit | null = null;
  const maxCharacters = maxCharactersOf(maxWords);
  const push = (unit: Unit) => {
    const long = unit.words > maxWords || unit.text.length > maxCharacters;
    for (const piece of long ? splitLong(unit, maxWords) : [unit]) out.push(piece);
  };
  const closeList = () => {
    if (list) push(list);
    list = null;
  };
  for (const block of blocks) {
    const page = block.page ?? null;
    if (block.kind === "heading") {
      closeList();
      const level = block.level ?? 1;
      while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
      stack.push({ level, text: block.text });
      pendingHeading = block.text;
      continue;
    }
    const path = stack.map((entry) => entry.text);
    if (block.kind === "list-item") {
      const line = `- ${block.text}`;
      if (
        list &&
        list.words + countWords(line) <= maxWords &&
        list.text.length + line.length < maxCharacters
      ) {
        list.text += `\n${line}`;
        list.words += countWords(line);
      } else {
        closeList();
        list = { text: line, path, page, words: countWords(line), heading: pendingHeading };
      }
      pendingHeading = null;
      continue;
    }
    closeList();
    push({ text: block.text, path, page, words: countWords(block.text), heading: pendingHeading });
    pendingHeading = null;
  }
  closeList();
  return out;
}

const samePath = (a: string[], b: string[]) =>
  a.length === b.length && a.every((name, i) => name === b[i]);

function commonPrefix(paths: string[][]): string[] {
  const [first = [], ...rest] = paths;
  let length = first.length;
  for (const path of rest) {
    let i = 0;
    while (i < length && i < path.length && path[i] === first[i]) i += 1;
    length = i;
  }
  return first.slice(0, length);
}

/**
 * Cuts a parsed document into passages by its structure: paragraphs and lists
 * are never split unless longer than a passage; small neighbouring sections
 * are merged (their headings kept inline) until a passage reaches `minWords`;
 * a passage closes before passing `maxWords`; a section cut in two repeats
 * its last sentences at the start of the next passage.
 */
export function chunk(document: ParsedDocument, options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const chunks: Chunk[] = [];
  const maxCharacters = maxCharactersOf(options.maxWords);
  let current: Unit[] = [];
  let words = 0;
  let characters = 0;
  const flush = (): Unit[] => {
    if (current.length === 0) return [];
    const paths = current.map((unit) => unit.path);
    const spansSections = !paths.every((path) => samePath(path, paths[0] ?? []));
    const text = current
      .map((unit, index) =>
        spansSections && index > 0 && unit.heading ? `${unit.heading}\n${unit.text}` : unit.text,
      )
      .join("\n\n");
    chunks.push({
      text,
      sectionPath: spansSections ? commonPrefix(paths) : (paths[0] ?? []),
      page: current.find((unit) => unit.page !== null)?.page ?? null,
      wordCount: countWords(text),
    });
    const last = current.at(-1) as Unit;
    current = [];
    words = 0;
    characters = 0;
    return [last];
  };
  for (const unit of units(document.blocks, options.maxWords)) {
    const sameSection = current.length > 0 && samePath(current.at(-1)?.path ?? [], unit.path);
    if (
      current.length > 0 &&
      (words + unit.words > options.maxWords || characters + unit.text.length > maxCharacters)
    ) {
      const [last] = flush();
      if (last && sameSection && options.overlapWords > 0) {
        const tail = sentences(last.text).reverse();
        const carried: string[] = [];
        let carriedWords = 0;
        let carriedCharacters = 0;
        for (const sentence of tail) {
          const size = countWords(sentence);
          carriedCharacters += sentence.length;
          if (
            carriedWords + size > options.overlapWords ||
            carriedCharacters > maxCharactersOf(options.overlapWords)
          )
            break;
          carried.unshift(sentence);
          carriedWords += size;
        }
        if (carried.length > 0) {
          const text = carried.join(" ");
          current.push({ ...last, text, words: carriedWords, heading: null });
          words = carriedWords;
          characters = text.length;
        }
      }
    } else if (current.length > 0 && !sameSection && words >= options.minWords) {
      flush();
    }
    current.push(unit);
    words += unit.words;
    characters += unit.text.length + 2;
  }
  flush();
  return chunks;
}
