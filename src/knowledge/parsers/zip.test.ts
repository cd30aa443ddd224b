import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  buildDocx,
  buildOdt,
  buildZip,
  declareSize,
} from "../../../test/fixtures/documents/builders.js";
import { DEFAULT_PARSE_LIMITS, DocumentRejected, parseDocument } from "./index.js";
import { readZipDirectory, ZipArchive } from "./zip.js";

const rejected = (code: string) => (error: unknown) =>
  error instanceof DocumentRejected && error.code === code;
const FIFTY_MB = 50 * 1024 * 1024;

let bomb: Uint8Array | undefined;
/** A DOCX with one extra part: 50 MB of zeros, which deflate to about 50 KB. */
function bombDocx(): Uint8Array {
  bomb ??= buildZip({
    "[Content_Types].xml": "<Types/>",
    "word/document.xml":
      "<w:document><w:body><w:p><w:r><w:t>Délibération</w:t></w:r></w:p></w:body></w:document>",
    "word/media/zeros.bin": new Uint8Array(FIFTY_MB),
  });
  assert.ok(bomb.length < 100 * 1024, `the bomb is small: ${bomb.length} bytes`);
  return new Uint8Array(bomb);
}

describe("zip guard", () => {
  it("refuses an entry that compresses past the ratio, from the directory alone", async () => {
    await assert.rejects(parseDocument(bombDocx(), "deliberation.docx"), rejected("archive_bomb"));
  });

  it("refuses archives whose declared sizes add up past the limit", async () => {
    const docx = buildDocx("<w:p><w:r><w:t>Compte rendu du conseil municipal</w:t></w:r></w:p>");
    const limits = { ...DEFAULT_PARSE_LIMITS, maxInflatedBytes: 2000 };
    await assert.rejects(
      parseDocument(docx, "compte-rendu.docx", limits),
      rejected("archive_bomb"),
    );
    await assert.doesNotReject(parseDocument(docx, "compte-rendu.docx"));
  });

  it("stops inflating an entry that lies about its size", () => {
    // The directory claims 100 bytes for the 50 MB entry: neither the total nor the ratio is
    // suspicious, only inflating tells. The cap stops it at the declared size, not at 50 MB.
    const lying = declareSize(bombDocx(), "word/media/zeros.bin", 100);
    const archive = ZipArchive.open(lying, DEFAULT_PARSE_LIMITS);
    assert.throws(() => archive.read("word/media/zeros.bin"), rejected("archive_bomb"));
  });

  it("stops inflating when the total budget runs out even under the declared sizes", () => {
    const lying = declareSize(bombDocx(), "word/media/zeros.bin", 900_000);
    const archive = ZipArchive.open(lying, {
      ...DEFAULT_PARSE_LIMITS,
      maxInflatedBytes: 1_000_000,
    });
    assert.throws(() => archive.read("word/media/zeros.bin"), rejected("archive_bomb"));
  });

  it("reads only the entries it is asked for", async () => {
    // Hidden in an unread part, the lying entry never gets inflated: the document parses.
    const lying = declareSize(bombDocx(), "word/media/zeros.bin", 100);
    const { document } = await parseDocument(lying, "deliberation.docx");
    assert.deepEqual(document.blocks, [{ kind: "paragraph", text: "Délibération" }]);
  });

  it("lists the central directory of real packages", () => {
    const names = readZipDirectory(buildOdt("<text:p>Bonjour</text:p>")).map((entry) => entry.name);
    assert.deepEqual(names.slice(0, 2), ["mimetype", "META-INF/manifest.xml"]);
  });

  it("refuses a truncated DOCX as corrupt", async () => {
    const docx = buildDocx("<w:p><w:r><w:t>Marché public de voirie</w:t></w:r></w:p>");
    for (const length of [docx.length - 1, Math.floor(docx.length / 2), 40]) {
      await assert.rejects(
        parseDocument(docx.subarray(0, length), "marche.docx"),
        rejected("corrupt_file"),
        `${length} bytes`,
      );
    }
  });

  it("refuses an entry whose compressed data is damaged as corrupt", async () => {
    const docx = buildDocx(
      `<w:p><w:r><w:t>${"Règlement intérieur du conseil municipal. ".repeat(50)}</w:t></w:r></w:p>`,
    );
    const entry = readZipDirectory(docx).find((each) => each.name === "word/document.xml");
    assert.ok(entry);
    const damaged = new Uint8Array(docx);
    const dataStart = entry.localHeaderOffset + 30 + "word/document.xml".length;
    damaged.fill(0xff, dataStart + 10, dataStart + 60);
    await assert.rejects(parseDocument(damaged, "reglement.docx"), rejected("corrupt_file"));
  });
});
