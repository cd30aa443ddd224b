import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { buildPdf, type PdfText } from "../../../test/fixtures/documents/builders.js";
import { DocumentRejected, parseDocument } from "./index.js";
import { joinLines } from "./pdf-layout.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/documents/${name}`, import.meta.url));
const rejected = (code: string) => (error: unknown) =>
  error instanceof DocumentRejected && error.code === code;

/** Body lines 14 points apart from `top` down, as a word processor sets 11-point text. */
const body = (top: number, lines: string[]): PdfText[] =>
  lines.map((text, index) => ({ text, y: top - index * 14 }));

const deliberation = [
  {
    texts: [
      { text: "Délibération n° 2024-112", y: 780, size: 20 },
      { text: "Objet de la délibération", y: 740, size: 14, bold: true },
      ...body(715, [
        "Le conseil municipal, après en avoir délibéré, approuve la convention d’objec-",
        "tifs avec l’association Valmont Jeunesse et autorise le maire à la signer. Ce",
        "dispositif, peut-",
        "être reconduit, concerne Saint-",
        "Denis-sur-Loire et la période 2024-",
        "2026.",
      ]),
      ...body(610, ["Montant de la subvention :"]),
      ...body(590, ["• 12 000 € pour le fonctionnement ;", "• 3 000 € pour l’œuvre sociale."]),
      { text: "1/2", y: 40, x: 290, size: 9 },
      // A registration stamp set vertically in the margin is not part of the text.
      { text: "Reçu en préfecture le 12/03/2024", x: 30, y: 300, size: 8, vertical: true },
    ],
  },
  {
    texts: [
      { text: "Exécution", y: 780, size: 11, bold: true },
      ...body(760, ["Le maire est chargé de l’exécution de la présente délibération."]),
      { text: "2/2", y: 40, x: 290, size: 9 },
    ],
  },
];

describe("PDF parser", () => {
  it("rebuilds headings, paragraphs and list items, with their pages", async () => {
    const pdf = buildPdf(deliberation, { title: "Subvention Valmont Jeunesse" });
    const { document } = await parseDocument(pdf, "deliberation.pdf");
    assert.equal(document.title, "Subvention Valmont Jeunesse");
    assert.equal(document.pageCount, 2);
    assert.deepEqual(document.blocks, [
      { kind: "heading", text: "Délibération n° 2024-112", level: 1, page: 1 },
      { kind: "heading", text: "Objet de la délibération", level: 2, page: 1 },
      {
        kind: "paragraph",
        text: "Le conseil municipal, après en avoir délibéré, approuve la convention d’objectifs avec l’association Valmont Jeunesse et autorise le maire à la signer. Ce dispositif, peut-être reconduit, concerne Saint-Denis-sur-Loire et la période 2024-2026.",
        page: 1,
      },
      { kind: "paragraph", text: "Montant de la subvention :", page: 1 },
      { kind: "list-item", text: "12 000 € pour le fonctionnement ;", page: 1 },
      { kind: "list-item", text: "3 000 € pour l’œuvre sociale.", page: 1 },
      { kind: "heading", text: "Exécution", level: 3, page: 2 },
      {
        kind: "paragraph",
        text: "Le maire est chargé de l’exécution de la présente délibération.",
        page: 2,
      },
    ]);
  });

  it("ignores a metadata title that names nothing, and falls back on the first heading", async () => {
    for (const title of [
      "Microsoft Word - deliberation_112.docx",
      "Sans titre",
      "untitled",
      "   ",
    ]) {
      const { document } = await parseDocument(
        buildPdf(deliberation, { title }),
        "deliberation.pdf",
      );
      assert.equal(document.title, "Délibération n° 2024-112", title);
    }
  });

  it("refuses a password-protected PDF", async () => {
    await assert.rejects(
      parseDocument(fixture("note-interne-chiffree.pdf"), "note.pdf"),
      rejected("encrypted_pdf"),
    );
  });

  it("refuses a scan without a text layer", async () => {
    await assert.rejects(
      parseDocument(fixture("scan-sans-texte.pdf"), "arrete.pdf"),
      rejected("no_text_layer"),
    );
    const onlyPageNumbers = buildPdf([{ image: true, texts: [{ text: "1", y: 40, x: 290 }] }]);
    await assert.rejects(parseDocument(onlyPageNumbers, "scan.pdf"), rejected("no_text_layer"));
  });

  it("drops running headers and footers repeated on most pages", async () => {
    const page = (number: number) => ({
      texts: [
        { text: "Commune de Valmont-sur-Loire – Conseil municipal", y: 810, size: 9 },
        ...body(720, [`Point ${number} de l’ordre du jour : approbation du procès-verbal.`]),
        { text: `Page ${number} sur 3`, y: 30, size: 9 },
      ],
    });
    const { document } = await parseDocument(buildPdf([page(1), page(2), page(3)]), "pv.pdf");
    assert.deepEqual(
      document.blocks.map((block) => [block.text, block.page]),
      [1, 2, 3].map((number) => [
        `Point ${number} de l’ordre du jour : approbation du procès-verbal.`,
        number,
      ]),
    );
  });
});

describe("joinLines", () => {
  it("mends words cut at the line end but keeps French compounds", () => {
    assert.equal(joinLines("la déli-", "bération du conseil"), "la délibération du conseil");
    assert.equal(joinLines("il peut-", "être"), "il peut-être");
    assert.equal(joinLines("va-t-", "il"), "va-t-il");
    assert.equal(joinLines("à Saint-", "Étienne"), "à Saint-Étienne");
    assert.equal(joinLines("Saint-", "denis"), "Saint-denis");
    assert.equal(joinLines("c’est-à-", "dire"), "c’est-à-dire");
    assert.equal(joinLines("2024-", "2026"), "2024-2026");
    assert.equal(joinLines("tarifs -", "suite"), "tarifs - suite");
    assert.equal(joinLines("adminis\u00ad", "tration"), "administration");
    assert.equal(joinLines("Article 1 –", "Objet"), "Article 1 – Objet");
  });
});
