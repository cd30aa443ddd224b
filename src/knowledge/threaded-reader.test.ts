import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { deepHtml, normalHtml } from "../../test/knowledge/crafted-documents.js";
import { DEFAULT_CHUNKING } from "./chunker.js";
import { DEFAULT_PARSE_LIMITS, DocumentRejected } from "./parsers/index.js";
import { readDocument } from "./read-document.js";
import { ThreadedReader } from "./threaded-reader.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const SHEET = utf8("# Piscine\n\n## Horaires\n\nLa piscine ouvre le mercredi de 14 h à 19 h.");

const readers: ThreadedReader[] = [];
const reader = (settings: { timeoutMs?: number; memoryMb?: number } = {}) => {
  const made = new ThreadedReader({
    limits: DEFAULT_PARSE_LIMITS,
    chunking: DEFAULT_CHUNKING,
    timeoutMs: settings.timeoutMs ?? 30_000,
    memoryMb: settings.memoryMb ?? 512,
  });
  readers.push(made);
  return made;
};

const rejected = (code: string) => (error: unknown) =>
  error instanceof DocumentRejected && error.code === code;

describe("threaded reader", () => {
  after(() => Promise.all(readers.map((each) => each.close())));

  it("reads in its thread what the parsers read here, rejections included", async () => {
    const threaded = reader();
    for (const [bytes, fileName] of [
      [SHEET, "piscine.md"],
      [deepHtml(200_000), "arrete.html"],
    ] as const) {
      assert.deepEqual(
        await threaded.read(bytes, fileName),
        await readDocument(bytes, fileName, DEFAULT_PARSE_LIMITS, DEFAULT_CHUNKING),
      );
    }
    await assert.rejects(threaded.read(utf8(" \n"), "vide.txt"), rejected("empty_document"));
    await assert.rejects(threaded.read(utf8("{\\rtf1"), "note.rtf"), rejected("unsupported_type"));
  });

  it("stops a reading past its budget, fails it parse_timeout, and reads the next in a new thread", async () => {
    // A 12 MB page takes seconds to read, a sheet milliseconds: a budget between the two.
    const threaded = reader({ timeoutMs: 250 });
    assert.equal((await threaded.read(SHEET, "piscine.md")).title, "Piscine");
    await assert.rejects(
      threaded.read(normalHtml(12_000_000), "guide.html"),
      rejected("parse_timeout"),
    );
    assert.equal((await threaded.read(SHEET, "piscine.md")).title, "Piscine");
  });

  it("fails parse_crashed a document that exhausts the thread's heap, and carries on", async () => {
    const small = reader({ memoryMb: 16 });
    await assert.rejects(small.read(normalHtml(), "guide.html"), rejected("parse_crashed"));
    assert.equal((await small.read(SHEET, "piscine.md")).title, "Piscine");
  });
});
