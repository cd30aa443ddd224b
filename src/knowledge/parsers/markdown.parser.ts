import { parse as parseYaml } from "yaml";
import { BlockList, cleanTitle } from "./blocks.js";
import { decodeText } from "./encoding.js";
import { inline } from "./markdown-inline.js";
import type { ParsedDocument } from "./types.js";

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(.*)$/;
const BLOCKQUOTE = /^ {0,3}>[ \t]?(.*)$/;
const TABLE_ROW = /^[ \t]*\|(.*)\|?[ \t]*$/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const LINK_DEFINITION = /^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+/;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^[^\]]+\]:[ \t]*(.*)$/;
/** Front matter longer than this is still dropped, but not read for its title. */
const MAX_FRONT_MATTER_CHARACTERS = 16_384;
/**
 * Longer runs of spaces and tabs are cut to this many. The line patterns above put `[ \t]*`
 * next to `[ \t]+` or a lazy `.*?`, which costs a run's length at each of its positions; no
 * decision depends on more than four (an indent of four is as good as forty), and the blocks'
 * text is whitespace-normalised anyway.
 */
const MAX_SPACE_RUN = 4;
const LONG_SPACE_RUN = /[ \t]{5,}/g;

/**
 * Markdown (CommonMark's block structure, simplified): ATX and Setext headings, paragraphs,
 * list items, blockquotes and fenced code as paragraphs, GFM table rows as paragraphs. YAML
 * front matter is dropped, its `title` kept. Inline markup is stripped: links keep their text,
 * images go.
 */
export function parseMarkdown(bytes: Uint8Array): ParsedDocument {
  let source = withoutComments(decodeText(bytes)).replace(LONG_SPACE_RUN, (run) =>
    run.slice(0, MAX_SPACE_RUN),
  );
  let frontTitle: string | null = null;
  const frontMatter = FRONT_MATTER.exec(source);
  if (frontMatter) {
    source = source.slice(frontMatter[0].length);
    const yaml = frontMatter[1] ?? "";
    if (yaml.length <= MAX_FRONT_MATTER_CHARACTERS) frontTitle = titleFromFrontMatter(yaml);
  }
  const out = new BlockList();
  let paragraph: string[] = [];
  let item: string[] | null = null;
  let fence: { marker: string; lines: string[] } | null = null;

  const flush = () => {
    if (item) out.listItem(inline(item.join(" ")));
    else if (paragraph.length > 0) out.paragraph(inline(paragraph.join(" ")));
    item = null;
    paragraph = [];
  };

  for (const line of source.split(/\r?\n|\r/)) {
    if (fence) {
      if (line.trim().startsWith(fence.marker)) {
        out.paragraph(fence.lines.join("\n"));
        fence = null;
      } else fence.lines.push(line);
      continue;
    }
    const fenceOpen = FENCE.exec(line);
    if (fenceOpen) {
      flush();
      fence = { marker: fenceOpen[1] ?? "```", lines: [] };
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    const setext = SETEXT_UNDERLINE.exec(line);
    if (setext && paragraph.length > 0 && !item) {
      out.heading(inline(paragraph.join(" ")), setext[1]?.startsWith("=") ? 1 : 2);
      paragraph = [];
      continue;
    }
    if (THEMATIC_BREAK.test(line) || LINK_DEFINITION.test(line)) {
      flush();
      continue;
    }
    const footnote = FOOTNOTE_DEFINITION.exec(line);
    if (footnote) {
      flush();
      paragraph.push(footnote[1] ?? "");
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      flush();
      out.heading(inline(heading[2] ?? ""), heading[1]?.length ?? 1);
      continue;
    }
    const listItem = LIST_ITEM.exec(line);
    if (listItem) {
      flush();
      item = [listItem[1] ?? ""];
      continue;
    }
    const quote = BLOCKQUOTE.exec(line);
    if (quote) {
      if (item) flush();
      const content = quote[1] ?? "";
      if (content.trim() === "") flush();
      else paragraph.push(content);
      continue;
    }
    if (TABLE_ROW.test(line)) {
      flush();
      if (!TABLE_SEPARATOR.test(line)) out.paragraph(tableRow(line));
      continue;
    }
    if (item) item.push(line);
    else paragraph.push(line);
  }
  if (fence) out.paragraph(fence.lines.join("\n"));
  flush();
  return { title: frontTitle ?? out.firstHeading(), blocks: out.blocks };
}

/**
 * Drops HTML comments, as `/<!--[\s\S]*?-->/g` would, in one pass: that expression scans to
 * the end of the text from every "<!--" that is never closed.
 */
function withoutComments(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (let open = text.indexOf("<!--"); open !== -1; open = text.indexOf("<!--", last)) {
    const close = text.indexOf("-->", open + 4);
    if (close === -1) break;
    parts.push(text.slice(last, open));
    last = close + 3;
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join("");
}

function titleFromFrontMatter(yaml: string): string | null {
  try {
    const data: unknown = parseYaml(yaml);
    if (data && typeof data === "object" && "title" in data) {
      const { title } = data as { title: unknown };
      if (typeof title === "string" || typeof title === "number") return cleanTitle(String(title));
    }
  } catch {
    // Malformed front matter: it is still dropped, only its title is lost.
  }
  return null;
}

function tableRow(line: string): string {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((cell) => inline(cell).trim())
    .filter((cell) => cell !== "")
    .join(" | ");
}
