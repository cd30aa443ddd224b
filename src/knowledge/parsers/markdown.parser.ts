import MarkdownIt, { type Token } from "markdown-it";
import footnote from "markdown-it-footnote";
import { parse as parseYaml } from "yaml";
import { BlockList, cleanTitle } from "./blocks.js";
import { decodeText } from "./encoding.js";
import type { ParsedDocument } from "./types.js";

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
/** Front matter longer than this is still dropped, but not read for its title. */
const MAX_FRONT_MATTER_CHARACTERS = 16_384;
/** A task list item's box (`- [x] fait`), a GitHub extension CommonMark reads as text. */
const TASK_BOX = /^\[[ xX]\]\s+/;

/**
 * CommonMark, as markdown-it reads it (its parser is linear on the inputs crafted against
 * Markdown parsers: nested brackets, unclosed marks, deep nesting), with GitHub's tables and
 * strikethrough and footnotes. Raw HTML is allowed so that comments and tags are recognised,
 * then dropped; their text is kept.
 */
const markdown = new MarkdownIt("commonmark", { html: true, maxNesting: 100 })
  .enable(["table", "strikethrough"])
  .use(footnote);

/**
 * Markdown: headings (ATX and Setext), paragraphs, list items (nested lists give their own
 * items), blockquotes and code as paragraphs, table rows as paragraphs of cells joined by
 * " | ", footnotes as paragraphs. YAML front matter is dropped, its `title` kept. Inline markup
 * is stripped: links keep their text, images and footnote references go.
 */
export function parseMarkdown(bytes: Uint8Array): ParsedDocument {
  let source = decodeText(bytes);
  let frontTitle: string | null = null;
  const frontMatter = FRONT_MATTER.exec(source);
  if (frontMatter) {
    source = source.slice(frontMatter[0].length);
    const yaml = frontMatter[1] ?? "";
    if (yaml.length <= MAX_FRONT_MATTER_CHARACTERS) frontTitle = titleFromFrontMatter(yaml);
  }
  const out = new BlockList();
  // The text of the list item being read: flushed when it ends or nests a list.
  let item: string[] | null = null;
  let row: string[] | null = null;
  const flushItem = () => {
    if (item) out.listItem(item.join(" ").replace(TASK_BOX, ""));
    item = null;
  };
  const tokens = markdown.parse(source, {});
  for (const [index, token] of tokens.entries()) {
    switch (token.type) {
      case "list_item_open":
        flushItem();
        item = [];
        break;
      case "list_item_close":
      case "bullet_list_open":
      case "ordered_list_open":
        flushItem();
        break;
      case "inline": {
        const text = inlineText(token);
        const opener = tokens[index - 1];
        if (opener?.type === "heading_open") out.heading(text, Number(opener.tag.slice(1)));
        else if (opener?.type === "th_open" || opener?.type === "td_open") row?.push(text.trim());
        else if (item) item.push(text);
        else out.paragraph(text);
        break;
      }
      case "tr_open":
        row = [];
        break;
      case "tr_close":
        if (row) out.paragraph(row.filter((cell) => cell !== "").join(" | "));
        row = null;
        break;
      case "fence":
      case "code_block":
        flushItem();
        out.paragraph(token.content);
        break;
      case "html_block":
        out.paragraph(htmlText(token.content));
        break;
    }
  }
  flushItem();
  return { title: frontTitle ?? out.firstHeading(), blocks: out.blocks };
}

/** A paragraph's or a heading's text: links keep theirs; images, raw HTML and footnote marks go. */
function inlineText(token: Token): string {
  const parts: string[] = [];
  for (const child of token.children ?? []) {
    if (child.type === "text" || child.type === "code_inline") parts.push(child.content);
    else if (child.type === "softbreak" || child.type === "hardbreak") parts.push(" ");
  }
  return parts.join("");
}

/**
 * The text of a block of raw HTML: comments and tags dropped, entities decoded. One pass with
 * `indexOf`, as a `/<[^>]*>/g` would do but without trying every "<" against the rest.
 */
function htmlText(html: string): string {
  const parts: string[] = [];
  let from = 0;
  while (from < html.length) {
    const open = html.indexOf("<", from);
    if (open === -1) break;
    const comment = html.startsWith("<!--", open);
    const close = comment ? html.indexOf("-->", open + 4) : html.indexOf(">", open + 1);
    if (close === -1) break;
    parts.push(html.slice(from, open), " ");
    from = close + (comment ? 3 : 1);
  }
  parts.push(html.slice(from));
  return markdown.utils.unescapeAll(parts.join(""));
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
