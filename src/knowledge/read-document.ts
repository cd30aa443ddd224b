import { type Chunk, type ChunkOptions, chunk } from "./chunker.js";
import {
  DocumentRejected,
  type MediaType,
  type ParseLimits,
  parseDocument,
} from "./parsers/index.js";

/** A document read from its bytes alone: what the ingestion worker then scans and stores. */
export interface ReadDocument {
  mediaType: MediaType;
  title: string | null;
  pageCount: number | null;
  chunks: Chunk[];
}

/** Reads documents; where the reading runs (a worker thread, see `ThreadedReader`) is its own affair. */
export interface DocumentReader {
  read(bytes: Uint8Array, fileName: string): Promise<ReadDocument>;
}

/** Parses and chunks a document, here and now: `DocumentRejected` when it cannot be read. */
export async function readDocument(
  bytes: Uint8Array,
  fileName: string,
  limits: ParseLimits,
  chunking: ChunkOptions,
): Promise<ReadDocument> {
  const { mediaType, document } = await parseDocument(bytes, fileName, limits);
  const chunks = chunk(document, chunking);
  if (chunks.length === 0) throw new DocumentRejected("empty_document");
  return { mediaType, title: document.title, pageCount: document.pageCount ?? null, chunks };
}
