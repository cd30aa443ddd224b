import { BlockList, cleanTitle, normalizeWhitespace } from "./blocks.js";
import { decodeText } from "./encoding.js";
import type { ParsedDocument } from "./types.js";

const BULLET = /^[ \t]*(?:[-*•–—▪◦·]|\d{1,3}[.)])[ \t]+(\S.*)$/u;
const MAX_HEADING_CHARACTERS = 80;
const MAX_TITLE_CHARACTERS = 120;
/** A line that ends a sentence or announces what follows is not a heading. */
const SENTENCE_END = /[.,;:!?…]$/u;

/**
 * Plain text, with two predictable rules. Paragraphs are split on blank lines; a bulleted or
 * numbered line is a list item. A short line is a heading when it is in capitals (level 1) or
 * stands alone before more text without ending like a sentence (level 2). Title: the first line,
 * when short; standing alone and short enough for a heading, it is also a level-1 heading.
 */
export function parseText(bytes: Uint8Array): ParsedDocument {
  const text = decodeText(bytes);
  const groups = text
    .split(/\r?\n[ \t\u00a0]*\r?\n|\r\r/)
    .map((group) =>
      group
        .split(/\r?\n|\r/)
        .map(normalizeWhitespace)
        .filter((line) => line !== ""),
    )
    .filter((lines) => lines.length > 0);
  const out = new BlockList();
  groups.forEach((lines, index) => {
    const [first, ...rest] = lines as [string, ...string[]];
    const isLast = index === groups.length - 1;
    if (index === 0 && rest.length === 0 && !isLast && first.length <= MAX_HEADING_CHARACTERS) {
      out.heading(first, 1);
    } else if (isCapitals(first) && (rest.length > 0 || !isLast)) {
      out.heading(first, 1);
      emitLines(out, rest);
    } else if (rest.length === 0 && !isLast && isStandaloneHeading(first)) {
      out.heading(first, 2);
    } else emitLines(out, lines);
  });
  const firstLine = groups[0]?.[0] ?? null;
  const title =
    firstLine && firstLine.length <= MAX_TITLE_CHARACTERS ? cleanTitle(firstLine) : null;
  return { title, blocks: out.blocks };
}

/** Lines of one group: bulleted lines are list items, the others join into paragraphs. */
function emitLines(out: BlockList, lines: string[]): void {
  let paragraph: string[] = [];
  let item: string[] | null = null;
  const flush = () => {
    if (item) out.listItem(item.join(" "));
    else out.paragraph(paragraph.join(" "));
    item = null;
    paragraph = [];
  };
  for (const line of lines) {
    const bullet = BULLET.exec(line);
    if (bullet) {
      flush();
      item = [bullet[1] ?? ""];
    } else if (item) item.push(line);
    else paragraph.push(line);
  }
  flush();
}

function isCapitals(line: string): boolean {
  const letters = line.match(/\p{L}/gu) ?? [];
  return (
    line.length <= MAX_HEADING_CHARACTERS &&
    letters.length >= 3 &&
    letters.every((letter) => letter === letter.toUpperCase())
  );
}

function isStandaloneHeading(line: string): boolean {
  return line.length <= MAX_HEADING_CHARACTERS && !SENTENCE_END.test(line) && !BULLET.test(line);
}
