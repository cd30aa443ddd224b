import { type AnyNode, type Document, DomHandler, type Element, isTag, isText } from "domhandler";
import { Parser, type ParserOptions } from "htmlparser2";

/** A DOM builder that says how many elements are open. */
class DepthAwareHandler extends DomHandler {
  get depth(): number {
    return this.tagStack.length - 1;
  }
}

/**
 * htmlparser2 keeps its open elements in an array that it shifts and searches at every tag, and
 * the readers walk the tree recursively: both cost the nesting depth at every step, so a file
 * nesting 100,000 elements costs 100,000² steps, then overflows the stack. Past `maxDepth`, an
 * opening tag is ignored: what it holds joins the deepest element kept (no text is lost), and its
 * closing tag closes the nearest open element of that name, as any stray end tag does.
 */
class DepthCappedParser extends Parser {
  constructor(
    private readonly tree: DepthAwareHandler,
    options: ParserOptions,
    private readonly maxDepth: number,
  ) {
    super(tree, options);
  }

  override onopentagname(start: number, endIndex: number): void {
    if (this.tree.depth >= this.maxDepth) return;
    super.onopentagname(start, endIndex);
  }
}

/** Parses markup into a DOM no deeper than `maxDepth` elements (see DepthCappedParser). */
export function parseMarkup(text: string, options: ParserOptions, maxDepth: number): Document {
  const handler = new DepthAwareHandler(undefined, options);
  new DepthCappedParser(handler, options, maxDepth).end(text);
  return handler.root;
}

/** Parses an XML part (DOCX, ODT) into a DOM; tag and attribute names keep their prefix, e.g. `w:p`. */
export function parseXml(xml: string, maxDepth: number): Document {
  return parseMarkup(xml, { xmlMode: true, decodeEntities: true }, maxDepth);
}

export function childElements(node: AnyNode, name?: string): Element[] {
  if (!("children" in node)) return [];
  return node.children.filter(
    (child): child is Element => isTag(child) && (name === undefined || child.name === name),
  );
}

/** The first element named `name` under `node`, depth first. */
export function findFirst(node: AnyNode, name: string): Element | null {
  if (!("children" in node)) return null;
  for (const child of node.children) {
    if (!isTag(child)) continue;
    if (child.name === name) return child;
    const found = findFirst(child, name);
    if (found) return found;
  }
  return null;
}

/** Concatenated text of every text node under `node` (gathered once, joined once: linear). */
export function textContent(node: AnyNode): string {
  const parts: string[] = [];
  const visit = (current: AnyNode) => {
    if (isText(current)) parts.push(current.data);
    else if ("children" in current) for (const child of current.children) visit(child);
  };
  visit(node);
  return parts.join("");
}

export type { AnyNode, Document, Element };
export { isTag, isText };
