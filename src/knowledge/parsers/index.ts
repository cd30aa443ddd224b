import { parseDocx } from "./docx.parser.js";
import { parseHtml } from "./html.parser.js";
import { parseMarkdown } from "./markdown.parser.js";
import { parseOdt } from "./odt.parser.js";
import { parsePdf } from "./pdf.parser.js";
import { sniff } from "./sniff.js";
import { parseText } from "./text.parser.js";
import {
  DEFAULT_PARSE_LIMITS,
  DocumentRejected,
  MEDIA_TYPES,
  type MediaType,
  type ParsedDocument,
  type ParseLimits,
} from "./types.js";

export * from "./types.js";
export { sniff };

type Parser = (bytes: Uint8Array, limits: ParseLimits) => ParsedDocument | Promise<ParsedDocument>;

const PARSERS: Record<MediaType, Parser> = {
  [MEDIA_TYPES.pdf]: parsePdf,
  [MEDIA_TYPES.docx]: parseDocx,
  [MEDIA_TYPES.odt]: parseOdt,
  [MEDIA_TYPES.html]: parseHtml,
  [MEDIA_TYPES.markdown]: parseMarkdown,
  [MEDIA_TYPES.text]: parseText,
};

/**
 * Reads a file into structural blocks: size first (`too_large`), then its type by content
 * (`sniff`), then the format's parser. Every failure is a `DocumentRejected`: a parser
 * library's own error on broken input becomes `corrupt_file`, a document with no text
 * `empty_document`, one with more text than the limit `too_much_text`.
 */
export async function parseDocument(
  bytes: Uint8Array,
  fileName: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Promise<{ mediaType: MediaType; document: ParsedDocument }> {
  if (bytes.byteLength > limits.maxFileBytes) throw new DocumentRejected("too_large");
  if (bytes.byteLength === 0) throw new DocumentRejected("empty_document");
  const mediaType = sniff(bytes, fileName);
  let document: ParsedDocument;
  try {
    document = await PARSERS[mediaType](bytes, limits);
  } catch (error) {
    if (error instanceof DocumentRejected) throw error;
    // The library's message names the fault, never the document's text; the stack stays here.
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new DocumentRejected("corrupt_file", detail.slice(0, 200));
  }
  if (document.blocks.length === 0) throw new DocumentRejected("empty_document");
  let characters = 0;
  for (const block of document.blocks) characters += block.text.length;
  if (characters > limits.maxTextCharacters) throw new DocumentRejected("too_much_text");
  return { mediaType, document };
}
