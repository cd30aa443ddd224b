import { decodeWindows1252 } from "../../shared/text-encoding.js";
import { DocumentRejected } from "./types.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

// Controls that have no place in text: C0 except tab, line feed, form feed, carriage return
// (and ESC, which some old printer-formatted exports keep), DEL and the C1 range.
// Windows-1252's five undefined bytes decode into C1 too.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f-\u009f]/gu;
/** Share of control characters above which a file is taken for binary. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with a BOM (what Windows calls
 * "Unicode"), or else Windows-1252/Latin-1. Throws `unsupported_type` when the bytes are not
 * text: a NUL byte outside UTF-16, or more than 1 % of control characters.
 */
export function decodeText(bytes: Uint8Array): string {
  const text = decode(bytes);
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > 0 && controls > text.length * MAX_CONTROL_SHARE) {
    throw new DocumentRejected("unsupported_type", "binary content");
  }
  return text.replace(CONTROL, "");
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  if (bytes.includes(0)) throw new DocumentRejected("unsupported_type", "binary content");
  try {
    return utf8.decode(bytes);
  } catch {
    // Legacy French files are Windows-1252 or Latin-1, which it extends.
    return decodeWindows1252(bytes);
  }
}
