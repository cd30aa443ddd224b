import { decodeText } from "./encoding.js";
import { DocumentRejected, MEDIA_TYPES, type MediaType } from "./types.js";
import { ZipArchive } from "./zip.js";

const ODT_MIMETYPE = "application/vnd.oasis.opendocument.text";
/** Enough to read an ODT's `mimetype` entry, never enough to inflate a bomb while sniffing. */
const SNIFF_BUDGET_BYTES = 4096;
/**
 * Of a text file, sniffing reads this much: enough to tell its kind, while decoding all of a
 * 20 MB file would hold the upload's request for a tenth of a second. The parser decodes the
 * whole file later, off the request path, and refuses it then if it is binary further on.
 */
const SNIFF_TEXT_BYTES = 256 * 1024;

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, index) => bytes[at + index] === byte);

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));
const PDF = ascii("%PDF-");
const ZIP = ascii("PK\x03\x04");
/** Formats that decode as "text" but are not documents we can read. */
const NOT_DOCUMENTS = [ascii("{\\rtf"), ascii("%!PS")];

// What may open an HTML file: a doctype or one of the usual top-level or body tags.
const HTML_START =
  /^<(?:!doctype\s+html|html|head|body|meta|title|link|base|style|script|main|article|section|header|nav|div|p|h[1-6]|table|ul|ol|form|span|a|br|img|iframe)[\s/>]/i;
const LEADING_NOISE = /^(?:\s+|<!--[\s\S]*?-->|<\?xml[^>]*\?>)*/;
const MARKDOWN_EXTENSION = /\.(?:md|markdown|mdown|mkd)$/i;
const MARKDOWN_HEADING = /^ {0,3}(?:#{1,6}[ \t]+\S|\S.*\n {0,3}=+[ \t]*$)/m;

/**
 * Decides a file's type from its content, never from its extension alone: `%PDF-`, a ZIP
 * holding an ODT or a DOCX, or text (HTML, Markdown, plain). The extension only breaks the
 * tie between Markdown and plain text. Throws `unsupported_type` for anything else.
 */
export function sniff(bytes: Uint8Array, fileName: string): MediaType {
  try {
    return sniffContent(bytes, fileName);
  } catch (error) {
    if (error instanceof DocumentRejected) throw error;
    throw new DocumentRejected("corrupt_file", error instanceof Error ? error.name : "unreadable");
  }
}

function sniffContent(bytes: Uint8Array, fileName: string): MediaType {
  if (startsWith(bytes, PDF)) return MEDIA_TYPES.pdf;
  if (startsWith(bytes, ZIP)) return sniffZip(bytes);
  if (NOT_DOCUMENTS.some((signature) => startsWith(bytes, signature))) {
    throw new DocumentRejected("unsupported_type");
  }
  const text = decodeText(head(bytes));
  const start = text.slice(0, 65_536).replace(LEADING_NOISE, "");
  if (HTML_START.test(start)) {
    const explicit = /^<(?:!doctype\s+html|html)[\s>]/i.test(start);
    if (explicit || !MARKDOWN_EXTENSION.test(fileName)) return MEDIA_TYPES.html;
  }
  // XML data (an export, an SVG image) is not a document, even though it decodes as text.
  if (/^\s*<\?xml/i.test(text.slice(0, 256)) || /^<(?:svg|!doctype)/i.test(start)) {
    throw new DocumentRejected("unsupported_type", "xml");
  }
  if (MARKDOWN_EXTENSION.test(fileName) || MARKDOWN_HEADING.test(text)) return MEDIA_TYPES.markdown;
  return MEDIA_TYPES.text;
}

/** The file's first SNIFF_TEXT_BYTES, cut between two characters (UTF-8 or UTF-16). */
function head(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength <= SNIFF_TEXT_BYTES) return bytes;
  let end = SNIFF_TEXT_BYTES;
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  // A UTF-8 continuation byte (10xxxxxx) belongs to the character before it.
  if (!utf16) while (end > SNIFF_TEXT_BYTES - 3 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

function sniffZip(bytes: Uint8Array): MediaType {
  const archive = ZipArchive.unguarded(bytes, SNIFF_BUDGET_BYTES);
  if (archive.has("mimetype")) {
    let mimetype: string | null = null;
    try {
      mimetype = archive.readText("mimetype");
    } catch (error) {
      if (!(error instanceof DocumentRejected) || error.code !== "archive_bomb") throw error;
    }
    if (mimetype?.trim() === ODT_MIMETYPE) return MEDIA_TYPES.odt;
  }
  if (archive.has("[Content_Types].xml") && archive.has("word/document.xml"))
    return MEDIA_TYPES.docx;
  throw new DocumentRejected("unsupported_type", "zip archive");
}
