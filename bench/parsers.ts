/**
 * npm run bench:parsers
 *
 * The parsers on files crafted against them (`test/knowledge/crafted-documents.ts`: an HTML
 * page nesting its elements 150,000 deep, Markdown nesting brackets or opening marks it never
 * closes, a DOCX nesting tables in cells), against a normal file of the same format and size
 * measured in the same run: the time to read each (parse, then cut into passages, on this
 * thread), the ratio crafted / normal, and how the crafted file's time grows when it is four
 * times larger (about 4 for linear work, 16 for quadratic). Then each crafted file once through
 * the reading thread, as ingestion reads it, with the longest stall of this thread's event loop
 * meanwhile.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { DEFAULT_CHUNKING } from "../src/knowledge/chunker.js";
import { DEFAULT_PARSE_LIMITS } from "../src/knowledge/parsers/index.js";
import { readDocument } from "../src/knowledge/read-document.js";
import { ThreadedReader } from "../src/knowledge/threaded-reader.js";
import {
  ATTACK_BYTES,
  deepHtml,
  nestedBracketsMarkdown,
  nestedDocx,
  normalDocx,
  normalHtml,
  normalMarkdown,
  unclosedMarkupMarkdown,
} from "../test/knowledge/crafted-documents.js";

type Make = (bytes: number) => Uint8Array;

const CASES: { name: string; fileName: string; bytes: number; normal: Make; crafted: Make }[] = [
  {
    name: "HTML, elements nested",
    fileName: "page.html",
    bytes: ATTACK_BYTES.html,
    normal: normalHtml,
    crafted: deepHtml,
  },
  {
    name: "Markdown, brackets nested",
    fileName: "fiche.md",
    bytes: ATTACK_BYTES.markdown,
    normal: normalMarkdown,
    crafted: nestedBracketsMarkdown,
  },
  {
    name: "Markdown, marks unclosed",
    fileName: "fiche.md",
    bytes: ATTACK_BYTES.markdown,
    normal: normalMarkdown,
    crafted: unclosedMarkupMarkdown,
  },
  {
    name: "DOCX, tables nested",
    fileName: "marche.docx",
    bytes: ATTACK_BYTES.docx,
    normal: normalDocx,
    crafted: nestedDocx,
  },
];

const read = (bytes: Uint8Array, fileName: string) =>
  readDocument(bytes, fileName, DEFAULT_PARSE_LIMITS, DEFAULT_CHUNKING).catch((error: Error) => {
    throw new Error(`${fileName} not read: ${error.message}`);
  });

/** Median of three timed readings, after an untimed one (the engine compiles the parsers). */
async function timeOf(bytes: Uint8Array, fileName: string): Promise<number> {
  await read(bytes, fileName);
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await read(bytes, fileName);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1] as number;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const column = (value: string, width: number) => value.padStart(width);

console.log("Reading on this thread (parse and chunk), median of 3 after a warm-up:");
console.log(
  `${"file".padEnd(28)}${column("size", 8)}${column("normal ms", 11)}${column("crafted ms", 12)}${column("crafted/normal", 16)}${column("×4 size: time ×", 17)}`,
);
for (const each of CASES) {
  const normal = each.normal(each.bytes);
  const crafted = each.crafted(each.bytes);
  const normalMs = await timeOf(normal, each.fileName);
  const craftedMs = await timeOf(crafted, each.fileName);
  const quarterMs = await timeOf(each.crafted(each.bytes / 4), each.fileName);
  console.log(
    `${each.name.padEnd(28)}${column(megabytes(crafted.byteLength), 8)}${column(normalMs.toFixed(0), 11)}${column(craftedMs.toFixed(0), 12)}${column((craftedMs / normalMs).toFixed(2), 16)}${column((craftedMs / quarterMs).toFixed(1), 17)}`,
  );
}

console.log("");
console.log("Through the reading thread (as ingestion reads), with this thread's longest stall:");
console.log(`${"file".padEnd(28)}${column("read ms", 9)}${column("loop stall ms", 15)}`);
const reader = new ThreadedReader({
  limits: DEFAULT_PARSE_LIMITS,
  chunking: DEFAULT_CHUNKING,
  timeoutMs: 60_000,
  memoryMb: 1024,
});
await reader.read(normalMarkdown(10_000), "demarrage.md");
for (const each of CASES) {
  const crafted = each.crafted(each.bytes);
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  stalls.enable();
  const started = performance.now();
  await reader.read(crafted, each.fileName);
  const readMs = performance.now() - started;
  stalls.disable();
  console.log(
    `${each.name.padEnd(28)}${column(readMs.toFixed(0), 9)}${column((stalls.max / 1e6).toFixed(1), 15)}`,
  );
}
await reader.close();
