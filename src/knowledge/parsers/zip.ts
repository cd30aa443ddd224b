import { inflateRawSync } from "node:zlib";
import { DocumentRejected, type ParseLimits } from "./types.js";

/**
 * A minimal, defensive ZIP reader for DOCX and ODT. It is synchronous (sniffing must look
 * inside a zip without awaiting) and extracts only the entries asked for, with Node's own
 * zlib: `maxOutputLength` stops inflating as soon as an entry passes its budget, so a
 * declared size that lies cannot make us inflate more than the cap.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x1;
const UTF8_FLAG = 0x800;
const MAX_32 = 0xffffffff;
/**
 * Entries inflating to less than this are not held to the compression ratio: a few kilobytes of
 * repeated markup legitimately compress past any ratio, and the total cap still bounds them.
 */
const RATIO_FLOOR_BYTES = 1024 * 1024;

const corrupt = (detail: string) => new DocumentRejected("corrupt_file", `zip: ${detail}`);

/** Reads the central directory: every entry's name and declared sizes, nothing inflated. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (offset: number) => checked(offset, 2) && view.getUint16(offset, true);
  const u32 = (offset: number) => checked(offset, 4) && view.getUint32(offset, true);
  const u64 = (offset: number) => {
    checked(offset, 8);
    const value = view.getBigUint64(offset, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt("size out of range");
    return Number(value);
  };
  function checked(offset: number, length: number): true {
    if (offset < 0 || offset + length > bytes.byteLength) throw corrupt("truncated");
    return true;
  }

  // The end-of-central-directory record sits in the last 22 bytes + up to 64 KB of comment.
  let end = -1;
  for (
    let offset = bytes.byteLength - 22;
    offset >= Math.max(0, bytes.byteLength - 22 - 0xffff);
    offset--
  ) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw corrupt("no central directory");
  let count = u16(end + 10);
  let directoryOffset = u32(end + 16);
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
    const zip64End = u64(end - 12);
    if (u32(zip64End) !== ZIP64_END_OF_CENTRAL_DIRECTORY) throw corrupt("bad zip64 record");
    count = u64(zip64End + 32);
    directoryOffset = u64(zip64End + 48);
  }

  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (u32(offset) !== CENTRAL_FILE_HEADER) throw corrupt("bad central directory entry");
    const flags = u16(offset + 8);
    const method = u16(offset + 10);
    let compressedSize = u32(offset + 20);
    let uncompressedSize = u32(offset + 24);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    let localHeaderOffset = u32(offset + 42);
    const nameStart = offset + 46;
    checked(nameStart, nameLength + extraLength + commentLength);
    const nameBytes = bytes.subarray(nameStart, nameStart + nameLength);
    const name = new TextDecoder(flags & UTF8_FLAG ? "utf-8" : "latin1").decode(nameBytes);
    // Sizes that do not fit 32 bits live in the zip64 extra field, in this order.
    let extra = nameStart + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(extra);
      const size = u16(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (uncompressedSize === MAX_32) {
          uncompressedSize = u64(field);
          field += 8;
        }
        if (compressedSize === MAX_32) {
          compressedSize = u64(field);
          field += 8;
        }
        if (localHeaderOffset === MAX_32) localHeaderOffset = u64(field);
      }
      extra += 4 + size;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    offset = extraEnd + commentLength;
  }
  return entries;
}

/** A zip whose declared sizes passed the bomb guard; `read` inflates one entry under the remaining budget. */
export class ZipArchive {
  private inflatedBytes = 0;
  private readonly entries: Map<string, ZipEntry>;

  private constructor(
    private readonly bytes: Uint8Array,
    entries: ZipEntry[],
    private readonly maxInflatedBytes: number,
  ) {
    this.entries = new Map(entries.map((entry) => [entry.name, entry]));
  }

  /** Reads the directory and refuses (`archive_bomb`) what declares too much or compresses too well. */
  static open(bytes: Uint8Array, limits: ParseLimits): ZipArchive {
    const entries = readZipDirectory(bytes);
    let declared = 0;
    for (const entry of entries) {
      declared += entry.uncompressedSize;
      if (declared > limits.maxInflatedBytes) {
        throw new DocumentRejected("archive_bomb", "declared sizes over the limit");
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxCompressionRatio) {
        throw new DocumentRejected("archive_bomb", `compression ratio ${Math.round(ratio)}`);
      }
    }
    return new ZipArchive(bytes, entries, limits.maxInflatedBytes);
  }

  /** Lists entries without the guard, for sniffing: reads may inflate `budget` bytes at most. */
  static unguarded(bytes: Uint8Array, budget: number): ZipArchive {
    return new ZipArchive(bytes, readZipDirectory(bytes), budget);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, or null when the archive has no such entry. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    if (entry.flags & ENCRYPTED_FLAG) throw corrupt("encrypted entry");
    const data = this.compressedData(entry);
    const budget = this.maxInflatedBytes - this.inflatedBytes;
    let content: Uint8Array;
    if (entry.method === STORED) {
      content = data;
    } else if (entry.method === DEFLATED) {
      try {
        // One byte over the declared size is enough to know the declaration lied.
        const cap = Math.min(budget, entry.uncompressedSize + 1);
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          throw new DocumentRejected(
            "archive_bomb",
            "entry inflates past its declared size or the limit",
          );
        }
        throw corrupt("bad deflate data");
      }
    } else {
      throw corrupt(`unsupported compression method ${entry.method}`);
    }
    if (content.byteLength > budget)
      throw new DocumentRejected("archive_bomb", "inflated bytes over the limit");
    if (content.byteLength !== entry.uncompressedSize) throw corrupt("size mismatch");
    this.inflatedBytes += content.byteLength;
    return content;
  }

  /** The entry's text, decoded as UTF-8 (the encoding of every XML part in DOCX and ODT). */
  readText(name: string): string | null {
    const content = this.read(name);
    return content === null ? null : new TextDecoder("utf-8").decode(content);
  }

  private compressedData(entry: ZipEntry): Uint8Array {
    const { bytes } = this;
    const offset = entry.localHeaderOffset;
    if (offset + 30 > bytes.byteLength) throw corrupt("truncated");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(offset, true) !== LOCAL_FILE_HEADER) throw corrupt("bad local header");
    const start =
      offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const stop = start + entry.compressedSize;
    if (stop > bytes.byteLength) throw corrupt("truncated");
    return bytes.subarray(start, stop);
  }
}
