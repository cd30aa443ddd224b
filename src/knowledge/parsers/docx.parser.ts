import { BlockList, cleanTitle } from "./blocks.js";
import type { ParsedDocument, ParseLimits } from "./types.js";
import {
  type AnyNode,
  childElements,
  type Document,
  type Element,
  findFirst,
  isTag,
  parseXml,
  textContent,
} from "./xml.js";
import { ZipArchive } from "./zip.js";

interface ParagraphStyle {
  name: string;
  basedOn: string | null;
  outlineLevel: number | null;
  numbered: boolean;
}

// Built-in heading styles by their English name ("heading 1") or a localised id (Heading1, Titre1).
const HEADING_STYLE = /^(?:heading|titre|berschrift|titolo|t[ií]tulo|kop)\s*([1-9])$/i;
const TITLE_STYLE = /^(?:title|titre|titel|titolo|t[ií]tulo)$/i;
/** `w:outlineLvl` 9 means body text. */
const BODY_OUTLINE_LEVEL = 9;

/**
 * DOCX: word/document.xml in reading order. Headings come from the paragraph's outline level or
 * its style (followed through `w:basedOn`), list items from numbering, table cells become
 * paragraphs; headers, footers, footnotes, comments and deleted revisions are not read.
 */
export function parseDocx(bytes: Uint8Array, limits: ParseLimits): ParsedDocument {
  const archive = ZipArchive.open(bytes, limits);
  const parse = (xml: string) => parseXml(xml, limits.maxNestingDepth);
  const documentXml = archive.readText("word/document.xml");
  if (documentXml === null) return { title: null, blocks: [] };
  const stylesXml = archive.readText("word/styles.xml");
  const styles = readStyles(stylesXml === null ? null : parse(stylesXml));
  const reader = new DocxReader(styles);
  const body = findFirst(parse(documentXml), "w:body");
  if (body) reader.container(body);
  const coreXml = archive.readText("docProps/core.xml");
  const coreTitle = coreXml ? findFirst(parse(coreXml), "dc:title") : null;
  const title =
    cleanTitle(coreTitle ? textContent(coreTitle) : null) ??
    reader.styledTitle ??
    reader.out.firstHeading();
  return { title, blocks: reader.out.blocks };
}

function readStyles(xml: Document | null): Map<string, ParagraphStyle> {
  const styles = new Map<string, ParagraphStyle>();
  if (!xml) return styles;
  const root = findFirst(xml, "w:styles");
  for (const style of root ? childElements(root, "w:style") : []) {
    if (style.attribs["w:type"] !== "paragraph") continue;
    const id = style.attribs["w:styleId"];
    if (!id) continue;
    const paragraphProperties = findFirst(style, "w:pPr");
    styles.set(id, {
      name: childElements(style, "w:name")[0]?.attribs["w:val"] ?? id,
      basedOn: childElements(style, "w:basedOn")[0]?.attribs["w:val"] ?? null,
      outlineLevel: outlineLevelOf(paragraphProperties),
      numbered: paragraphProperties ? hasNumbering(paragraphProperties) : false,
    });
  }
  return styles;
}

function outlineLevelOf(paragraphProperties: Element | null): number | null {
  const element = paragraphProperties
    ? childElements(paragraphProperties, "w:outlineLvl")[0]
    : undefined;
  const value = Number.parseInt(element?.attribs["w:val"] ?? "", 10);
  return Number.isNaN(value) ? null : value;
}

function hasNumbering(paragraphProperties: Element): boolean {
  const numbering = childElements(paragraphProperties, "w:numPr")[0];
  if (!numbering) return false;
  // numId 0 is Word's way of switching numbering off for a paragraph.
  return childElements(numbering, "w:numId")[0]?.attribs["w:val"] !== "0";
}

class DocxReader {
  readonly out = new BlockList();
  styledTitle: string | null = null;

  constructor(private readonly styles: Map<string, ParagraphStyle>) {}

  /** A run of block content: body, table cell, content control, text box. */
  container(node: Element): void {
    for (const child of childElements(node)) {
      switch (child.name) {
        case "w:p":
          this.paragraph(child);
          break;
        case "w:tbl":
          for (const row of childElements(child, "w:tr")) {
            for (const cell of childElements(row, "w:tc")) this.container(cell);
          }
          break;
        case "w:sdt":
          for (const content of childElements(child, "w:sdtContent")) this.container(content);
          break;
        case "w:customXml":
        case "w:ins":
        case "w:smartTag":
          this.container(child);
          break;
      }
    }
  }

  private paragraph(paragraph: Element): void {
    const textBoxes: Element[] = [];
    const text = runText(paragraph, textBoxes);
    const properties = childElements(paragraph, "w:pPr")[0] ?? null;
    const styleId = properties
      ? childElements(properties, "w:pStyle")[0]?.attribs["w:val"]
      : undefined;
    const kind = this.classify(properties, styleId);
    if (kind === "title") {
      this.styledTitle ??= cleanTitle(text);
      this.out.heading(text, 1);
    } else if (typeof kind === "number") this.out.heading(text, kind);
    else if (kind === "list-item") this.out.listItem(text);
    else this.out.paragraph(text);
    for (const box of textBoxes) this.container(box);
  }

  private classify(
    properties: Element | null,
    styleId: string | undefined,
  ): "title" | number | "list-item" | "paragraph" {
    const chain = this.styleChain(styleId);
    if (chain.some((style) => TITLE_STYLE.test(style.name))) return "title";
    const outline =
      outlineLevelOf(properties) ??
      chain.find((style) => style.outlineLevel !== null)?.outlineLevel ??
      null;
    if (outline !== null && outline < BODY_OUTLINE_LEVEL) return outline + 1;
    for (const style of chain) {
      const match = HEADING_STYLE.exec(style.name);
      if (match) return Number(match[1]);
    }
    if ((properties && hasNumbering(properties)) || chain.some((style) => style.numbered))
      return "list-item";
    return "paragraph";
  }

  /** The paragraph's style and the styles it is based on, nearest first. */
  private styleChain(styleId: string | undefined): ParagraphStyle[] {
    const chain: ParagraphStyle[] = [];
    let id = styleId;
    while (id && chain.length < 20) {
      const style = this.styles.get(id) ?? {
        name: id,
        basedOn: null,
        outlineLevel: null,
        numbered: false,
      };
      chain.push(style);
      id = style.basedOn ?? undefined;
    }
    return chain;
  }
}

/** A paragraph's visible text; text boxes met on the way are set aside to be read after it. */
function runText(paragraph: Element, textBoxes: Element[]): string {
  // Gathered into one list and joined once: a join per level would copy the text once per level.
  const parts: string[] = [];
  const visit = (node: AnyNode) => {
    if (!isTag(node)) return;
    switch (node.name) {
      case "w:t":
        parts.push(textContent(node));
        return;
      case "w:tab":
      case "w:ptab":
        parts.push("\t");
        return;
      case "w:br":
      case "w:cr":
        parts.push("\n");
        return;
      case "w:noBreakHyphen":
        parts.push("-");
        return;
      case "w:txbxContent":
        textBoxes.push(node);
        return;
      // Deleted revisions, field instructions, footnote and comment marks, the fallback copy of
      // drawings (the mc:Choice branch already holds their text), paragraph properties.
      case "w:del":
      case "w:delText":
      case "w:instrText":
      case "w:pPr":
      case "w:rPr":
      case "mc:Fallback":
        return;
    }
    for (const child of node.children) visit(child);
  };
  visit(paragraph);
  return parts.join("");
}
