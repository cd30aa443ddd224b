import { type AnyNode, type Document, type Element, isTag, isText } from "domhandler";
import { parseDocument } from "htmlparser2";

/** Parses an XML part (DOCX, ODT) into a DOM; tag and attribute names keep their prefix, e.g. `w:p`. */
export function parseXml(xml: string): Document {
  return parseDocument(xml, { xmlMode: true, decodeEntities: true });
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

/** Concatenated text of every text node under `node`. */
export function textContent(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!("children" in node)) return "";
  return node.children.map(textContent).join("");
}

export type { AnyNode, Element };
export { isTag, isText };
