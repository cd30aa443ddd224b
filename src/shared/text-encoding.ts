/**
 * Windows-1252, the encoding of legacy French files (older INSEE exports,
 * Excel's "CSV"): a superset of the printable part of Latin-1 that adds "œ",
 * "€", typographic quotes and dashes at 0x80–0x9F. Node 20's
 * `TextDecoder("windows-1252")` decodes that range as Latin-1's controls, so
 * it is mapped here; the five bytes Windows-1252 leaves undefined stay C1
 * controls.
 */
const HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\u0080-\u009f]/g, (character) => HIGH[character.charCodeAt(0) - 0x80] ?? character);
}
