/**
 * The worker thread's side of `ThreadedReader`: reads one document per message and answers
 * with its passages, or with why it cannot be read. Loaded only as a thread's entry.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ChunkOptions } from "./chunker.js";
import { DocumentRejected, type ParseLimits, type RejectionCode } from "./parsers/index.js";
import { type ReadDocument, readDocument } from "./read-document.js";

export interface ReaderThreadData {
  limits: ParseLimits;
  chunking: ChunkOptions;
}

export interface ReadRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}

/** The thread's answers: ready once loaded, then one per request. Codes and names only, never text. */
export type ReaderAnswer =
  | { ready: true }
  | { id: number; read: ReadDocument }
  | { id: number; rejected: { code: RejectionCode; detail: string } }
  | { id: number; failed: { name: string } };

const port = parentPort;
if (port) {
  const { limits, chunking } = workerData as ReaderThreadData;
  const answer = (message: ReaderAnswer) => port.postMessage(message);
  port.on("message", async ({ id, bytes, fileName }: ReadRequest) => {
    try {
      answer({ id, read: await readDocument(bytes, fileName, limits, chunking) });
    } catch (error) {
      if (error instanceof DocumentRejected) {
        answer({ id, rejected: { code: error.code, detail: error.detail ?? "" } });
      } else answer({ id, failed: { name: error instanceof Error ? error.name : "Error" } });
    }
  });
  answer({ ready: true });
}
