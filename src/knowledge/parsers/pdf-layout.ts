import { BlockList } from "./blocks.js";

/** One piece of text as placed on the page: baseline position (y grows downwards), font size and weight. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

export interface PageText {
  /** 1-based page number. */
  page: number;
  height: number;
  runs: TextRun[];
}

interface Line {
  page: number;
  text: string;
  x: number;
  y: number;
  endX: number;
  size: number;
  bold: boolean;
  /** Characters per font size, to tell the line's dominant size. */
  sizes: Map<number, number>;
}

// Page numbers alone on their line: "3", "- 3 -", "Page 3", "3/12", "page 3 sur 12", "iv".
const PAGE_NUMBER =
  /^[-–\s]*(?:(?:[Pp]age\s*)?\d{1,4}(?:\s*(?:\/|sur|of)\s*\d{1,4})?|[ivxlc]{1,7})[-–\s]*$/;
// Dot leaders of a table of contents: ". . . . ." or ".......".
const DOT_LEADER = /(?:\s?\.){5,}/g;
// Symbol-font glyphs (Wingdings, OpenSymbol bullets) land in the private use area.
const PRIVATE_USE = /[\ue000-\uf8ff]/gu;
const BULLET = /^(?:[\ue000-\uf8ff•◦▪▫■□●○‣⁃∙·➢➤►▶✓✔❖]\s*|[-–—*]\s+)(?=\S)/u;
const SENTENCE_END = /[.!?:;…»)]$/u;
const HEADING_TERMINATOR = /[.,;:]$/u;
/** Fonts this much larger than the body text make headings. */
const HEADING_SIZE_RATIO = 1.15;

// French compounds split at their hyphen at a line end: the hyphen belongs to the word.
const COMPOUND_FIRST = new Set(
  (
    "après arrière au avant c'est c’est ci contre demi ex grand grande mi non peut porte " +
    "quelques semi sous vice celle celui ceux belle beau"
  ).split(" "),
);
const COMPOUND_SECOND = new Set(
  (
    "ci dire elle elles en être il ils je la là le les leur lui même mêmes moi nous on t toi " +
    "tu uns unes vous y"
  ).split(" "),
);

/**
 * Rebuilds structure from positioned text: runs on one baseline make a line, lines close
 * together in the same font make a block, a wider gap, a change of font or a bullet starts a new
 * one. Blocks in a font larger than the body are headings, levelled by size; a short, bold line
 * at body size is a heading below them. Page numbers and running headers/footers are dropped.
 */
export function layoutBlocks(pages: PageText[]): BlockList {
  const linesByPage = pages.map((page) => toLines(page));
  dropFurniture(pages, linesByPage);
  const allLines = linesByPage.flat();
  const bodySize = dominantSize(allLines);
  const boldBody = share(allLines, (line) => line.bold) > 0.5;
  const headingSizes = [
    ...new Set(
      allLines
        .filter((line) => line.size >= bodySize * HEADING_SIZE_RATIO)
        .map((line) => Math.round(line.size)),
    ),
  ].sort((a, b) => b - a);
  const out = new BlockList();
  for (const lines of linesByPage) {
    for (const block of groupLines(lines)) {
      const first = block[0] as Line;
      const joined = joinBlock(block.map((line) => line.text));
      const bullet = BULLET.exec(joined);
      const text = (bullet ? joined.slice(bullet[0].length) : joined)
        .replace(PRIVATE_USE, " ")
        .replace(DOT_LEADER, " ");
      if (first.size >= bodySize * HEADING_SIZE_RATIO && block.length <= 3 && text.length <= 200) {
        out.heading(text, headingSizes.indexOf(Math.round(first.size)) + 1, first.page);
      } else if (
        first.bold &&
        !boldBody &&
        !bullet &&
        block.length <= 2 &&
        text.length <= 120 &&
        !HEADING_TERMINATOR.test(text)
      ) {
        out.heading(text, headingSizes.length + 1, first.page);
      } else if (bullet) {
        out.listItem(text, first.page);
      } else {
        out.paragraph(text, first.page);
      }
    }
  }
  return out;
}

function toLines(page: PageText): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  for (const run of page.runs) {
    const text = run.text;
    const sameLine =
      line !== null &&
      Math.abs(run.y - line.y) <= Math.max(run.size, line.size) * 0.4 &&
      run.x >= line.endX - Math.max(run.size, line.size);
    if (!line || !sameLine) {
      if (text.trim() === "") continue;
      line = {
        page: page.page,
        text: "",
        x: run.x,
        y: run.y,
        endX: run.x,
        size: run.size,
        bold: true,
        sizes: new Map(),
      };
      lines.push(line);
    }
    const gap = run.x - line.endX;
    if (line.text !== "" && gap > run.size * 0.2 && !/\s$/.test(line.text) && !/^\s/.test(text))
      line.text += " ";
    line.text += text;
    line.endX = Math.max(line.endX, run.x + run.width);
    const visible = text.replace(/\s/g, "").length;
    if (visible > 0) {
      const size = Math.round(run.size * 2) / 2;
      line.sizes.set(size, (line.sizes.get(size) ?? 0) + visible);
      line.bold &&= run.bold;
    }
  }
  for (const each of lines) {
    each.size = [...each.sizes].reduce(
      (best, entry) => (entry[1] > best[1] ? entry : best),
      [each.size, 0],
    )[0];
  }
  return lines.filter(
    (each) => each.text.replace(PRIVATE_USE, "").trim() !== "" || BULLET.test(each.text),
  );
}

/** Drops page numbers, and lines repeated at the top or bottom of most pages (running headers, footers). */
function dropFurniture(pages: PageText[], linesByPage: Line[][]): void {
  const margin = (line: Line, page: PageText) =>
    line.y < page.height * 0.08 || line.y > page.height * 0.92;
  const key = (line: Line) => line.text.replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
  const pagesWith = new Map<string, number>();
  if (pages.length >= 3) {
    linesByPage.forEach((lines, index) => {
      const page = pages[index] as PageText;
      for (const text of new Set(lines.filter((line) => margin(line, page)).map(key))) {
        pagesWith.set(text, (pagesWith.get(text) ?? 0) + 1);
      }
    });
  }
  linesByPage.forEach((lines, index) => {
    const page = pages[index] as PageText;
    linesByPage[index] = lines.filter((line) => {
      if (PAGE_NUMBER.test(line.text)) return false;
      return !(margin(line, page) && (pagesWith.get(key(line)) ?? 0) > pages.length / 2);
    });
  });
}

/** Splits a page's lines into blocks. */
function groupLines(lines: Line[]): Line[][] {
  const spacing = lineSpacing(lines);
  const right = Math.max(...lines.map((line) => line.endX));
  const left = Math.min(...lines.map((line) => line.x));
  const blocks: Line[][] = [];
  let previous: Line | null = null;
  for (const line of lines) {
    const current = blocks.at(-1);
    if (!previous || !current || startsBlock(previous, line, spacing, left, right))
      blocks.push([line]);
    else current.push(line);
    previous = line;
  }
  return blocks;
}

function startsBlock(
  previous: Line,
  line: Line,
  spacing: Map<number, number>,
  left: number,
  right: number,
): boolean {
  if (Math.abs(previous.size - line.size) >= 0.5 || previous.bold !== line.bold) return true;
  const delta = line.y - previous.y;
  const usual = spacing.get(line.size) ?? line.size * 1.2;
  if (delta > usual * 1.35 || delta < -line.size) return true;
  if (BULLET.test(line.text)) return true;
  // A sentence ending well short of the right margin closes its paragraph (no spacing between paragraphs).
  const endsParagraph = SENTENCE_END.test(previous.text.trimEnd());
  if (endsParagraph && right - previous.endX > (right - left) * 0.2) return true;
  // A first-line indent after a finished sentence.
  return endsParagraph && line.x > previous.x + line.size;
}

/** The usual distance between baselines for each font size on the page. */
function lineSpacing(lines: Line[]): Map<number, number> {
  const deltas = new Map<number, number[]>();
  for (let index = 1; index < lines.length; index++) {
    const [previous, line] = [lines[index - 1] as Line, lines[index] as Line];
    const delta = line.y - previous.y;
    if (previous.size === line.size && delta > 0 && delta < line.size * 2.5) {
      deltas.set(line.size, [...(deltas.get(line.size) ?? []), delta]);
    }
  }
  const spacing = new Map<number, number>();
  for (const [size, values] of deltas) {
    values.sort((a, b) => a - b);
    spacing.set(size, values[Math.floor(values.length / 2)] as number);
  }
  return spacing;
}

function dominantSize(lines: Line[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) {
    for (const [size, count] of line.sizes) weights.set(size, (weights.get(size) ?? 0) + count);
  }
  return [...weights].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [12, 0])[0];
}

function share(lines: Line[], test: (line: Line) => boolean): number {
  const total = lines.reduce((sum, line) => sum + line.text.length, 0);
  const matching = lines.filter(test).reduce((sum, line) => sum + line.text.length, 0);
  return total === 0 ? 0 : matching / total;
}

/**
 * Joins two lines of a block. A word cut by a hyphen at the line end is mended ("adminis-" +
 * "tration"), unless the hyphen belongs to a French compound ("peut-" + "être", "Saint-" +
 * "Denis"); a soft hyphen always goes.
 */
export function joinLines(previous: string, next: string): string {
  return joinBlock([previous, next]);
}

/** How far back the end of a line is looked at to decide how it meets the next. */
const SEAM_WINDOW = 64;

/**
 * A block's lines joined (see `joinLines`). Each seam is decided on the last characters written
 * so far, never on the whole block: deciding on the block's text, which grows at every line,
 * would cost its length at every line.
 */
export function joinBlock(lines: string[]): string {
  const parts: string[] = [];
  for (const line of lines) {
    // The text so far without its trailing spaces, as `trimEnd` would leave it.
    while (parts.length > 0) {
      const last = (parts.pop() as string).trimEnd();
      if (last !== "") {
        parts.push(last);
        break;
      }
    }
    if (parts.length === 0) {
      parts.push(line);
      continue;
    }
    let window = "";
    for (let index = parts.length - 1; index >= 0 && window.length < SEAM_WINDOW; index--)
      window = (parts[index] as string).slice(-SEAM_WINDOW) + window;
    const tail = line.trimStart();
    const { mend, space } = seam(window.slice(-SEAM_WINDOW), tail);
    if (mend) parts.push((parts.pop() as string).slice(0, -1));
    parts.push(space ? ` ${tail}` : tail);
  }
  return parts.join("");
}

/** How a head (its end) meets the next line: its last character dropped or not, a space or not. */
function seam(head: string, tail: string): { mend: boolean; space: boolean } {
  if (head.endsWith("\u00ad")) return { mend: true, space: false };
  if (!/[-‐]$/u.test(head)) return { mend: false, space: true };
  if (/\s[-‐]$/u.test(head)) return { mend: false, space: true };
  const before = /([\p{L}'’]+)[-‐]$/u.exec(head)?.[1];
  const after = /^\p{L}+/u.exec(tail)?.[0];
  if (!before || !after || !/^\p{Ll}/u.test(after)) return { mend: false, space: false };
  const keep =
    /^\p{Lu}/u.test(before) ||
    COMPOUND_FIRST.has(before.toLowerCase()) ||
    COMPOUND_SECOND.has(after.toLowerCase());
  return { mend: !keep, space: false };
}
