import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { buildDocx, buildPdf, buildZip } from "../../../test/fixtures/documents/builders.js";
import {
  DEFAULT_PARSE_LIMITS,
  DocumentRejected,
  MEDIA_TYPES,
  parseDocument,
  sniff,
} from "./index.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/documents/${name}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);
const rejected = (code: string) => (error: unknown) =>
  error instanceof DocumentRejected && error.code === code;

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
]);
// An OLE compound file, the container of Word 97–2003 .doc files.
const WORD_97 = new Uint8Array([
  0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0, 0x3e, 0, 3, 0,
]);
const ELF = new Uint8Array([
  0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0,
]);

describe("sniff", () => {
  it("believes the content, not the extension", () => {
    const pdf = buildPdf([{ texts: [{ text: "Arrêté du maire", y: 700 }] }]);
    assert.equal(sniff(pdf, "arrete.txt"), MEDIA_TYPES.pdf);
    assert.equal(sniff(buildDocx("<w:p/>"), "deliberation.pdf"), MEDIA_TYPES.docx);
    assert.equal(sniff(fixture("reglement-cantine.odt"), "reglement.docx"), MEDIA_TYPES.odt);
    assert.equal(
      sniff(utf8("<!DOCTYPE html><html><body><p>Bonjour</p></body></html>"), "page.md"),
      MEDIA_TYPES.html,
    );
    assert.throws(() => sniff(PNG, "photo.pdf"), rejected("unsupported_type"));
  });

  it("refuses binary files and archives that are not documents", () => {
    for (const [bytes, name] of [
      [PNG, "plan.png"],
      [WORD_97, "ancien.doc"],
      [ELF, "outil.txt"],
      [utf8("{\\rtf1\\ansi Bonjour}"), "lettre.rtf"],
    ] as const) {
      assert.throws(() => sniff(bytes, name), rejected("unsupported_type"), name);
    }
    const xlsx = buildZip({
      "[Content_Types].xml": "<Types/>",
      "xl/workbook.xml": "<workbook/>",
      "xl/worksheets/sheet1.xml": "<worksheet/>",
    });
    assert.throws(() => sniff(xlsx, "budget.xlsx"), rejected("unsupported_type"));
    const odp = buildZip({
      mimetype: "application/vnd.oasis.opendocument.presentation",
      "content.xml": "<x/>",
    });
    assert.throws(() => sniff(odp, "diaporama.odt"), rejected("unsupported_type"));
    assert.throws(
      () => sniff(buildZip({ "note.txt": "Bonjour" }), "archive.zip"),
      rejected("unsupported_type"),
    );
  });

  it("needs the ODT mimetype entry, and DOCX's content types and main part", () => {
    assert.equal(sniff(buildDocx("<w:p/>"), "sans-extension"), MEDIA_TYPES.docx);
    const contentOnly = buildZip({ "content.xml": "<office:document-content/>" });
    assert.throws(() => sniff(contentOnly, "x.odt"), rejected("unsupported_type"));
    const noContentTypes = buildZip({ "word/document.xml": "<w:document/>" });
    assert.throws(() => sniff(noContentTypes, "x.docx"), rejected("unsupported_type"));
  });

  it("refuses a truncated zip as corrupt", () => {
    const docx = buildDocx("<w:p><w:r><w:t>Délibération</w:t></w:r></w:p>");
    assert.throws(
      () => sniff(docx.subarray(0, Math.floor(docx.length / 2)), "deliberation.docx"),
      rejected("corrupt_file"),
    );
  });

  it("tells HTML, Markdown and plain text apart", () => {
    assert.equal(
      sniff(utf8("\ufeff  <!-- généré --> <!doctype html><title>x</title>"), "a.txt"),
      MEDIA_TYPES.html,
    );
    assert.equal(
      sniff(
        utf8('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'),
        "a",
      ),
      MEDIA_TYPES.html,
    );
    assert.equal(
      sniff(utf8('<div class="avis"><p>Avis d\'enquête publique</p></div>'), "avis"),
      MEDIA_TYPES.html,
    );
    assert.equal(
      sniff(utf8("Compte rendu\n\n# Ordre du jour\n\nPoint 1"), "cr.txt"),
      MEDIA_TYPES.markdown,
    );
    assert.equal(
      sniff(utf8("Ordre du jour\n=============\n\nPoint 1"), "cr"),
      MEDIA_TYPES.markdown,
    );
    assert.equal(sniff(utf8("Simple note de service."), "note.md"), MEDIA_TYPES.markdown);
    assert.equal(
      sniff(utf8('<p align="center">Logo</p>\n\n# Guide'), "README.md"),
      MEDIA_TYPES.markdown,
    );
    assert.equal(
      sniff(utf8("Simple note de service.\n#3 en attente"), "note.txt"),
      MEDIA_TYPES.text,
    );
    assert.throws(
      () => sniff(utf8('<?xml version="1.0"?><factures/>'), "export.txt"),
      rejected("unsupported_type"),
    );
  });

  it("accepts legacy Windows-1252 / Latin-1 text", () => {
    const latin1 = new Uint8Array(
      Buffer.from("Crèche municipale : tarif réduit à 2 euros.", "latin1"),
    );
    assert.equal(sniff(latin1, "creche.txt"), MEDIA_TYPES.text);
  });

  it("reads a text file's head only, and leaves what lies further to the parser", async () => {
    const head = `# Règlement\n\n${"é".repeat(140_000)}`;
    const bytes = utf8(`${head}\n\u0000\u0001\u0002 binaire`);
    assert.equal(sniff(bytes, "reglement.txt"), MEDIA_TYPES.markdown);
    await assert.rejects(parseDocument(bytes, "reglement.txt"), rejected("unsupported_type"));
  });
});

describe("parseDocument", () => {
  it("decodes Windows-1252 text: é, è, à, ç, œ, €", async () => {
    const bytes = new Uint8Array([
      ...Buffer.from("ACCUEIL DE LOISIRS\n\nL'", "latin1"),
      ...Buffer.from(
        "été, la crèche accueille les enfants à partir de 3 mois ; reçu délivré",
        "latin1",
      ),
      0x20,
      0x9c,
      0x75,
      0x76,
      0x72,
      0x65, // " œuvre"
      ...Buffer.from(" sociale, 12 ", "latin1"),
      0x80, // "€"
      ...Buffer.from(" par jour.", "latin1"),
    ]);
    const { mediaType, document } = await parseDocument(bytes, "loisirs.txt");
    assert.equal(mediaType, MEDIA_TYPES.text);
    assert.deepEqual(document.blocks, [
      { kind: "heading", text: "ACCUEIL DE LOISIRS", level: 1 },
      {
        kind: "paragraph",
        text: "L'été, la crèche accueille les enfants à partir de 3 mois ; reçu délivré œuvre sociale, 12 € par jour.",
      },
    ]);
  });

  it("decodes UTF-16 text with a byte-order mark", async () => {
    const bytes = new Uint8Array([
      0xff,
      0xfe,
      ...Buffer.from("Démarches en ligne\n\nPrenez rendez-vous.", "utf16le"),
    ]);
    const { document } = await parseDocument(bytes, "demarches.txt");
    assert.equal(document.title, "Démarches en ligne");
  });

  it("checks the size before anything else", async () => {
    const pdf = buildPdf([{ texts: [{ text: "Budget primitif", y: 700 }] }]);
    await assert.rejects(
      parseDocument(pdf, "budget.pdf", {
        ...DEFAULT_PARSE_LIMITS,
        maxFileBytes: 100,
        maxInflatedBytes: 1000,
      }),
      rejected("too_large"),
    );
    await assert.rejects(
      parseDocument(PNG, "photo.png", {
        ...DEFAULT_PARSE_LIMITS,
        maxFileBytes: 10,
        maxInflatedBytes: 1000,
      }),
      rejected("too_large"),
    );
  });

  it("refuses empty files and documents without text", async () => {
    await assert.rejects(parseDocument(new Uint8Array(0), "vide.txt"), rejected("empty_document"));
    await assert.rejects(
      parseDocument(utf8(" \n\n\t\u00a0\n"), "blanc.txt"),
      rejected("empty_document"),
    );
    await assert.rejects(
      parseDocument(utf8("<html><body><nav>Menu</nav></body></html>"), "page.html"),
      rejected("empty_document"),
    );
    await assert.rejects(
      parseDocument(buildDocx("<w:p/>"), "vide.docx"),
      rejected("empty_document"),
    );
    await assert.rejects(
      parseDocument(utf8("---\ntitle: Brouillon\n---\n"), "brouillon.md"),
      rejected("empty_document"),
    );
  });

  it("turns a broken file into corrupt_file, never a library error", async () => {
    const docx = buildDocx("<w:p><w:r><w:t>Délibération du conseil municipal</w:t></w:r></w:p>");
    await assert.rejects(
      parseDocument(docx.subarray(0, docx.length - 30), "deliberation.docx"),
      rejected("corrupt_file"),
    );
    const pdf = buildPdf([{ texts: [{ text: "Arrêté", y: 700 }] }]);
    const brokenPdf = new Uint8Array([...pdf.subarray(0, 9), ...new Uint8Array(200).fill(0x41)]);
    await assert.rejects(parseDocument(brokenPdf, "arrete.pdf"), rejected("corrupt_file"));
  });
});
