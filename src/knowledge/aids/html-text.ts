import { isTag, isText } from "domhandler";
import { normalizeWhitespace } from "../parsers/blocks.js";
import { type AnyNode, parseMarkup } from "../parsers/xml.js";

/** Never text: scripts, styles and the like are dropped with what they hold. */
const DROPPED = new Set(
  (
    "script style noscript template iframe object embed svg math canvas head title " +
    "form button select textarea input"
  ).split(" "),
);

/** Elements that end a paragraph (a `<br>` does too: the format writes `<br><br>` between paragraphs). */
const BLOCK = new Set(
  (
    "address article aside blockquote body br dd div dl dt figcaption figure footer h1 h2 h3 " +
    "h4 h5 h6 header hr li main ol p pre section table tbody td tfoot th thead tr ul"
  ).split(" "),
);

/** A scheme's fields nest a few elements; deeper markup is read into the deepest one kept. */
const MAX_DEPTH = 64;

/**
 * The text of an HTML fragment (a scheme's description or one of its
 * conditions), as paragraphs: markup and entities are resolved by the HTML
 * parser the document parsers use (depth-capped, linear), links keep their
 * text, scripts and styles go with their content. Nothing of the markup
 * survives, so the text can be stored and shown anywhere.
 */
export function htmlText(fragment: string): string[] {
  const paragraphs: string[] = [];
  let current = "";
  const flush = () => {
    const text = normalizeWhitespace(current);
    if (text !== "") paragraphs.push(text);
    current = "";
  };
  const visit = (node: AnyNode) => {
    if (isText(node)) {
      current += node.data;
      return;
    }
    if (!isTag(node) || DROPPED.has(node.name)) return;
    const block = BLOCK.has(node.name);
    if (block) flush();
    for (const child of node.children) visit(child);
    if (block) flush();
  };
  const root = parseMarkup(fragment, { decodeEntities: true, lowerCaseTags: true }, MAX_DEPTH);
  for (const child of root.children) visit(child);
  flush();
  return paragraphs;
}

/** One line of text from an HTML fragment (a title, a condition). */
export const htmlLine = (fragment: string): string => htmlText(fragment).join(" ");
