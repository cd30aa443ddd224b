import { BlockList, cleanTitle } from "./blocks.js";
import type { ParsedDocument, ParseLimits } from "./types.js";
import {
  type AnyNode,
  childElements,
  type Element,
  findFirst,
  isTag,
  isText,
  parseXml,
  textContent,
} from "./xml.js";
import { ZipArchive } from "./zip.js";

/** Elements whose text is not part of the body's reading: generated indexes, notes, comments, tracked deletions. */
const SKIPPED = new Set([
  "text:table-of-content",
  "text:alphabetical-index",
  "text:illustration-index",
  "text:table-index",
  "text:object-index",
  "text:user-index",
  "text:bibliography",
  "text:tracked-changes",
  "text:note",
  "office:annotation",
  "text:soft-page-break",
  "office:forms",
  "text:sequence-decls",
  "text:variable-decls",
  "text:user-field-decls",
]);

/**
 * ODT (LibreOffice): content.xml in reading order. `text:h` gives headings with their outline
 * level, `text:list-item` list items, table cells and text frames their paragraphs; a paragraph
 * styled "Title" is a level-1 heading and a title candidate.
 */
export function parseOdt(bytes: Uint8Array, limits: ParseLimits): ParsedDocument {
  const archive = ZipArchive.open(bytes, limits);
  const parse = (xml: string) => parseXml(xml, limits.maxNestingDepth);
  const contentXml = archive.readText("content.xml");
  if (contentXml === null) return { title: null, blocks: [] };
  const content = parse(contentXml);
  const stylesXml = archive.readText("styles.xml");
  const parents = styleParents([content, ...(stylesXml ? [parse(stylesXml)] : [])]);
  const reader = new OdtReader(parents);
  const text = findFirst(content, "office:text");
  if (text) reader.container(text, false);
  const metaXml = archive.readText("meta.xml");
  const metaTitle = metaXml ? findFirst(parse(metaXml), "dc:title") : null;
  const title =
    cleanTitle(metaTitle ? textContent(metaTitle) : null) ??
    reader.styledTitle ??
    reader.out.firstHeading();
  return { title, blocks: reader.out.blocks };
}

/** Paragraph style name → its parent's name, from automatic (content.xml) and common (styles.xml) styles. */
function styleParents(documents: AnyNode[]): Map<string, string | null> {
  const parents = new Map<string, string | null>();
  const visit = (node: AnyNode) => {
    for (const element of childElements(node)) {
      if (element.name === "style:style" && element.attribs["style:family"] === "paragraph") {
        const name = element.attribs["style:name"];
        if (name && !parents.has(name))
          parents.set(name, element.attribs["style:parent-style-name"] ?? null);
      } else if (element.name.startsWith("office:")) visit(element);
    }
  };
  for (const document of documents) visit(document);
  return parents;
}

class OdtReader {
  readonly out = new BlockList();
  styledTitle: string | null = null;

  constructor(private readonly parents: Map<string, string | null>) {}

  container(node: Element, inList: boolean): void {
    for (const child of childElements(node)) {
      if (SKIPPED.has(child.name)) continue;
      switch (child.name) {
        case "text:h": {
          const level = Number.parseInt(child.attribs["text:outline-level"] ?? "1", 10);
          this.withText(child, (text) => this.out.heading(text, Number.isNaN(level) ? 1 : level));
          break;
        }
        case "text:p":
          this.paragraph(child, inList);
          break;
        case "text:list-item":
          this.container(child, true);
          break;
        case "text:list-header":
          this.container(child, false);
          break;
        default:
          // Lists, sections, tables, rows, cells, frames, text boxes: their paragraphs in order.
          this.container(child, inList);
      }
    }
  }

  private paragraph(paragraph: Element, inList: boolean): void {
    this.withText(paragraph, (text) => {
      if (this.isTitle(paragraph.attribs["text:style-name"])) {
        this.styledTitle ??= cleanTitle(text);
        this.out.heading(text, 1);
      } else if (inList) this.out.listItem(text);
      else this.out.paragraph(text);
    });
  }

  private isTitle(styleName: string | undefined): boolean {
    let name = styleName;
    for (let depth = 0; name && depth < 20; depth++) {
      if (name === "Title") return true;
      name = this.parents.get(name) ?? undefined;
    }
    return false;
  }

  /** Emits a paragraph's text, then the frames anchored in it (text boxes, captions). */
  private withText(paragraph: Element, emit: (text: string) => void): void {
    const frames: Element[] = [];
    emit(inlineText(paragraph, frames));
    for (const frame of frames) this.container(frame, false);
  }
}

/** A paragraph's text; frames met on the way are set aside. Gathered once, joined once: linear. */
function inlineText(paragraph: Element, frames: Element[]): string {
  const parts: string[] = [];
  const visit = (node: AnyNode) => {
    if (isText(node)) {
      parts.push(node.data);
      return;
    }
    if (!isTag(node) || SKIPPED.has(node.name)) return;
    switch (node.name) {
      case "text:s":
        parts.push(
          " ".repeat(Math.min(100, Number.parseInt(node.attribs["text:c"] ?? "1", 10) || 1)),
        );
        return;
      case "text:tab":
        parts.push("\t");
        return;
      case "text:line-break":
        parts.push("\n");
        return;
      case "draw:frame":
        frames.push(node);
        return;
      case "text:ruby-text":
        return;
    }
    for (const child of node.children) visit(child);
  };
  visit(paragraph);
  return parts.join("");
}
