/**
 * Files crafted against the parsers, and normal files of the same size to compare them with:
 * what a referent could upload to stall ingestion. Each nests what its format nests (elements,
 * brackets, table cells) as deep as the file's size allows. `bench:parsers` times them beside
 * the normal ones; `test/http/ingestion-load.http.test.ts` checks that `/healthz` keeps
 * answering while they are uploaded and ingested.
 */
import { readdirSync, readFileSync } from "node:fs";
import { strToU8, unzipSync, type Zippable, zipSync } from "fflate";
import { buildDocx } from "../fixtures/documents/builders.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** `unit` repeated until the text holds `bytes` characters or a little more. */
const upTo = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

/** The demo base's sheets, as paragraphs of Markdown-free prose: the normal text of every format. */
function prose(): string[] {
  const folder = new URL("../../src/knowledge/demo/documents/", import.meta.url);
  return readdirSync(folder)
    .map((name) => readFileSync(new URL(name, folder), "utf8"))
    .join("\n\n")
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/[#*_[\]()`>|-]/g, " ").trim())
    .filter((paragraph) => paragraph.length > 40);
}

/** Paragraphs of prose, cycled, until they hold about `characters` characters. */
function paragraphs(characters: number): string[] {
  const source = prose();
  const out: string[] = [];
  for (let length = 0, index = 0; length < characters; index++) {
    const paragraph = source[index % source.length] as string;
    out.push(paragraph);
    length += paragraph.length;
  }
  return out;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A DOCX package with its document stored, not compressed: its size is its XML's. */
function storedDocx(bodyXml: string): Uint8Array {
  const entries = unzipSync(buildDocx(bodyXml));
  const stored: Zippable = {};
  for (const [name, data] of Object.entries(entries)) stored[name] = [data, { level: 0 }];
  return zipSync(stored);
}

/** Sizes close to the attacks measured in issue 13. */
export const ATTACK_BYTES = { html: 3_000_000, markdown: 400_000, docx: 4_000_000 };

/**
 * `<div>` inside `<div>`, a word in each, every one closed at the end: the depth of the tree is
 * the number of its elements.
 */
export function deepHtml(bytes = ATTACK_BYTES.html): Uint8Array {
  // 14 bytes open ("é" takes two), 6 close.
  const depth = Math.floor(bytes / 20);
  return utf8(
    `<!doctype html><html><head><title>Arrêté</title></head><body>${"<div>arrêté ".repeat(depth)}${"</div>".repeat(depth)}</body></html>`,
  );
}

/** The same size of ordinary page: paragraphs under headings, in an article. */
export function normalHtml(bytes = ATTACK_BYTES.html): Uint8Array {
  const body = paragraphs(bytes * 0.9)
    .map((paragraph, index) =>
      index % 6 === 0
        ? `<h2>Section ${index / 6 + 1}</h2><p>${escapeXml(paragraph)}</p>`
        : `<p>${escapeXml(paragraph)}</p>`,
    )
    .join("\n");
  return utf8(
    `<!doctype html><html><head><title>Guide des démarches</title></head><body><main><article><h1>Guide des démarches</h1>${body}</article></main></body></html>`,
  );
}

/** Brackets opened, then closed: a link's text that never ends, for every bracket. */
export function nestedBracketsMarkdown(bytes = ATTACK_BYTES.markdown): Uint8Array {
  const half = Math.floor(bytes / 2);
  return utf8(`# Délibération\n\n${"[".repeat(half)}${"]".repeat(half)}\n`);
}

/** Emphasis marks, backticks and links opened and never closed, on one line. */
export function unclosedMarkupMarkdown(bytes = ATTACK_BYTES.markdown): Uint8Array {
  return utf8(`# Délibération\n\n${upTo("*a _b `c [d](e <f ", bytes)}\n`);
}

/** The same size of ordinary Markdown: the demo sheets with their headings, lists and emphasis. */
export function normalMarkdown(bytes = ATTACK_BYTES.markdown): Uint8Array {
  const folder = new URL("../../src/knowledge/demo/documents/", import.meta.url);
  const sheets = readdirSync(folder).map((name) => readFileSync(new URL(name, folder), "utf8"));
  let text = "";
  for (let index = 0; text.length < bytes; index++) text += `${sheets[index % sheets.length]}\n\n`;
  return utf8(text);
}

/** A table in a cell of a table, a paragraph in each, every one closed at the end. */
export function nestedDocx(bytes = ATTACK_BYTES.docx): Uint8Array {
  const open = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>mot</w:t></w:r></w:p>";
  const close = "</w:tc></w:tr></w:tbl>";
  const depth = Math.floor(bytes / (open.length + close.length));
  return storedDocx(`${open.repeat(depth)}${close.repeat(depth)}`);
}

/** The same size of ordinary DOCX: paragraphs under heading-styled paragraphs. */
export function normalDocx(bytes = ATTACK_BYTES.docx): Uint8Array {
  const body = paragraphs(bytes * 0.75)
    .map((paragraph, index) => {
      const run = `<w:r><w:t xml:space="preserve">${escapeXml(paragraph)}</w:t></w:r>`;
      return index % 6 === 0
        ? `<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr><w:r><w:t>Section ${index / 6 + 1}</w:t></w:r></w:p><w:p>${run}</w:p>`
        : `<w:p>${run}</w:p>`;
    })
    .join("");
  return storedDocx(body);
}

/** A short reception sheet, numbered: one of a base's many ordinary documents. */
export function sheet(index: number): Uint8Array {
  const source = prose();
  const body = Array.from(
    { length: 4 },
    (_, part) => source[(index * 4 + part) % source.length] as string,
  ).join("\n\n");
  return strToU8(`# Fiche ${index}\n\n${body}\n`);
}
