import type { AnyNode, Document, Element } from "domhandler";
import { isTag, isText } from "domhandler";
import { BlockList, cleanTitle, normalizeWhitespace } from "./blocks.js";
import { decodeText } from "./encoding.js";
import type { ParsedDocument, ParseLimits } from "./types.js";
import { findFirst, parseMarkup, textContent } from "./xml.js";

/** Never content: scripts, styles, forms and widgets, embedded media. */
const DROPPED = new Set(
  (
    "script style noscript template form nav aside iframe object embed svg canvas button " +
    "select textarea input dialog menu head link meta"
  ).split(" "),
);
const DROPPED_ROLES = new Set(
  "navigation banner contentinfo complementary search menu menubar dialog alertdialog".split(" "),
);
/** Cookie banners, consent managers, menus, breadcrumbs and skip links, by class or id. */
const CHROME =
  /(?:^|[\s_-])(?:cookies?|consent|rgpd|gdpr|tarteaucitron\w*|didomi\w*|axeptio\w*|onetrust\w*|cookiebanner|menu|navbar|breadcrumbs?|fil-ariane|skip-?links?|evitement|sidebar|share|partage|social)(?:$|[\s_-])/i;
/** Sections whose own header and footer belong to the content (an article's heading, say). */
const SECTIONING = new Set(["main", "article", "section"]);
const BLOCK = new Set(
  (
    "address article aside blockquote body caption dd details div dl dt fieldset " +
    "figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html li main ol p pre " +
    "section summary table tbody td tfoot th thead tr ul center legend"
  ).split(" "),
);
const HEADING = /^h([1-6])$/;

/**
 * HTML: the page's main content only — `<main>`, `[role=main]` or the article(s), else the body
 * without navigation, banners, footers, asides, scripts, forms, hidden elements and recognisable
 * cookie banners and menus. Headings keep their level, `li` are list items, a table row is one
 * paragraph. Title: `<title>` (or the first h1 when the title only adds a site name to it).
 */
export function parseHtml(bytes: Uint8Array, limits: ParseLimits): ParsedDocument {
  const document = parseMarkup(
    decodeText(bytes),
    { decodeEntities: true, lowerCaseTags: true },
    limits.maxNestingDepth,
  );
  const out = new BlockList();
  const roots = mainContent(document);
  for (const root of roots) new HtmlReader(out).block(root);
  const titleElement = findFirst(document, "title");
  const pageTitle = cleanTitle(titleElement ? textContent(titleElement) : null);
  const firstH1 =
    out.blocks.find((block) => block.kind === "heading" && block.level === 1)?.text ?? null;
  const title =
    firstH1 && pageTitle?.includes(firstH1) ? firstH1 : (pageTitle ?? out.firstHeading());
  return { title, blocks: out.blocks };
}

function mainContent(document: Document): (Element | Document)[] {
  const candidates: Element[] = [];
  // Outermost matches only, outside dropped parts.
  const collect = (node: AnyNode, test: (element: Element) => boolean) => {
    if (!("children" in node)) return;
    for (const child of node.children) {
      if (!isTag(child) || isDropped(child)) continue;
      if (test(child)) candidates.push(child);
      else collect(child, test);
    }
  };
  collect(document, (element) => element.name === "main");
  if (candidates.length === 0) collect(document, (element) => element.attribs.role === "main");
  if (candidates.length === 0) collect(document, (element) => element.name === "article");
  if (candidates.length > 0) return candidates;
  return [findFirst(document, "body") ?? document];
}

// Asked of an element by every reader that meets it, and recursive (`holdsContent`): each
// element is judged once, so that nested menus cost their size, not their size times their depth.
const droppedCache = new WeakMap<Element, boolean>();
const holdsContentCache = new WeakMap<Element, boolean>();

function isDropped(element: Element): boolean {
  let dropped = droppedCache.get(element);
  if (dropped === undefined) {
    dropped = judgeDropped(element);
    droppedCache.set(element, dropped);
  }
  return dropped;
}

function judgeDropped(element: Element): boolean {
  const { attribs } = element;
  if (DROPPED.has(element.name)) return true;
  if ("hidden" in attribs || attribs["aria-hidden"] === "true") return true;
  if (attribs.role && DROPPED_ROLES.has(attribs.role)) return true;
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(attribs.style ?? "")) return true;
  if (element.name === "header" || element.name === "footer") return !insideSection(element);
  return CHROME.test(`${attribs.class ?? ""} ${attribs.id ?? ""}`) && !holdsContent(element);
}

/** A wrapper such as WordPress's "content-sidebar-wrap" matches the chrome pattern but holds the page. */
function holdsContent(element: Element): boolean {
  let holds = holdsContentCache.get(element);
  if (holds === undefined) {
    holds = childHoldsContent(element);
    holdsContentCache.set(element, holds);
  }
  return holds;
}

function childHoldsContent(element: Element): boolean {
  return element.children.some(
    (child) =>
      isTag(child) &&
      (child.name === "main" ||
        child.name === "article" ||
        child.name === "h1" ||
        child.attribs.role === "main" ||
        holdsContent(child)),
  );
}

function insideSection(element: Element): boolean {
  for (let parent = element.parent; parent && isTag(parent); parent = parent.parent) {
    if (SECTIONING.has(parent.name) || parent.attribs.role === "main") return true;
  }
  return false;
}

class HtmlReader {
  private inline = "";

  constructor(private readonly out: BlockList) {}

  /** Reads a block container: inline runs between its block children become paragraphs. */
  block(element: Element | Document): void {
    for (const child of element.children) this.node(child);
    this.flush();
  }

  private node(node: AnyNode): void {
    if (isText(node)) {
      this.inline += node.data;
      return;
    }
    if (!isTag(node) || isDropped(node)) return;
    if (node.name === "br") {
      this.inline += "\n";
      return;
    }
    if (!BLOCK.has(node.name)) {
      if (node.name !== "img") for (const child of node.children) this.node(child);
      return;
    }
    this.flush();
    const heading = HEADING.exec(node.name);
    if (heading) this.out.heading(inlineText(node), Number(heading[1]));
    else if (node.name === "li") this.listItem(node);
    else if (node.name === "tr") this.out.paragraph(rowText(node));
    else if (node.name === "pre") this.out.paragraph(textContent(node));
    else if (
      node.name === "table" ||
      node.name === "thead" ||
      node.name === "tbody" ||
      node.name === "tfoot"
    ) {
      for (const child of node.children) if (isTag(child) && !isDropped(child)) this.node(child);
    } else this.block(node);
  }

  /** A list item's own text; lists and blocks nested in it follow as their own blocks. */
  private listItem(item: Element): void {
    const nested: Element[] = [];
    this.out.listItem(inlineText(item, nested));
    for (const element of nested) this.node(element);
  }

  private flush(): void {
    this.out.paragraph(this.inline);
    this.inline = "";
  }
}

/**
 * An element's text, blocks inside it separated by a space. With `nested`, lists and tables are
 * set aside there (a list item's sub-list) instead of being read into the text.
 */
function inlineText(element: Element, nested?: Element[]): string {
  let text = "";
  const visit = (node: AnyNode) => {
    if (isText(node)) text += node.data;
    else if (isTag(node) && !isDropped(node) && node.name !== "img") {
      if (nested && (node.name === "ul" || node.name === "ol" || node.name === "table")) {
        nested.push(node);
        return;
      }
      const separate = node.name === "br" || BLOCK.has(node.name);
      if (separate) text += " ";
      node.children.forEach(visit);
      if (separate) text += " ";
    }
  };
  element.children.forEach(visit);
  return text;
}

function rowText(row: Element): string {
  return row.children
    .filter(
      (cell): cell is Element =>
        isTag(cell) && (cell.name === "td" || cell.name === "th") && !isDropped(cell),
    )
    .map((cell) => normalizeWhitespace(inlineText(cell)))
    .filter((cell) => cell !== "")
    .join(" | ");
}
