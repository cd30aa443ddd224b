import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildDocx } from "../../../test/fixtures/documents/builders.js";
import { DEFAULT_PARSE_LIMITS, parseDocument } from "./index.js";

const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const paragraph = (inner: string, properties = "") =>
  `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ""}${inner}</w:p>`;

describe("DOCX parser", () => {
  it("reads tables cell by cell, content controls and text boxes", async () => {
    const body = [
      paragraph(run("Tarifs de l’accueil périscolaire"), '<w:pStyle w:val="Titre1"/>'),
      `<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>${paragraph(run("Quotient familial"))}</w:tc><w:tc>${paragraph(run("Tarif"))}</w:tc></w:tr>`,
      `<w:tr><w:tc>${paragraph(run("Moins de 600 €"))}</w:tc><w:tc>${paragraph(run("0,50 €"))}</w:tc></w:tr></w:tbl>`,
      `<w:sdt><w:sdtPr><w:alias w:val="Signataire"/></w:sdtPr><w:sdtContent>${paragraph(run("Le Maire, Jeanne Martin"))}</w:sdtContent></w:sdt>`,
      paragraph(
        `${run("Voir l’encadré.")}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>${paragraph(run("Encadré : inscriptions closes le 15 juin."))}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${paragraph(run("Encadré : inscriptions closes le 15 juin."))}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`,
      ),
    ].join("");
    const { document } = await parseDocument(buildDocx(body), "tarifs.docx");
    assert.deepEqual(
      document.blocks.map((block) => [block.kind, block.text]),
      [
        ["heading", "Tarifs de l’accueil périscolaire"],
        ["paragraph", "Quotient familial"],
        ["paragraph", "Tarif"],
        ["paragraph", "Moins de 600 €"],
        ["paragraph", "0,50 €"],
        ["paragraph", "Le Maire, Jeanne Martin"],
        ["paragraph", "Voir l’encadré."],
        ["paragraph", "Encadré : inscriptions closes le 15 juin."],
      ],
    );
  });

  it("keeps accepted text only: no deleted revisions, no field codes", async () => {
    const body = paragraph(
      [
        run("Le marché est attribué à"),
        `<w:del w:id="1" w:author="DGS"><w:r><w:delText> la société Alpha</w:delText></w:r></w:del>`,
        `<w:ins w:id="2" w:author="DGS">${run(" la société Bêta")}</w:ins>`,
        `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`,
        `<w:r><w:tab/><w:t>pour</w:t><w:br/><w:t>un an.</w:t></w:r>`,
      ].join(""),
    );
    const { document } = await parseDocument(buildDocx(body), "marche.docx");
    assert.deepEqual(document.blocks, [
      { kind: "paragraph", text: "Le marché est attribué à la société Bêta pour un an." },
    ]);
  });

  it("takes heading levels from outline levels and styles, lists from numbering", async () => {
    const body = [
      paragraph(run("Chapitre premier"), '<w:outlineLvl w:val="0"/>'),
      paragraph(run("Section un"), '<w:pStyle w:val="Heading2"/>'),
      paragraph(run("Corps de texte niveau 9"), '<w:outlineLvl w:val="9"/>'),
      paragraph(
        run("Numérotation retirée"),
        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>',
      ),
      paragraph(run("Premier point"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr>'),
      paragraph(run("Style inconnu"), '<w:pStyle w:val="MonStyle"/>'),
    ].join("");
    const { document } = await parseDocument(
      buildDocx(body, { title: "Guide de l’agent" }),
      "guide.docx",
    );
    assert.equal(document.title, "Guide de l’agent");
    assert.deepEqual(document.blocks, [
      { kind: "heading", text: "Chapitre premier", level: 1 },
      { kind: "heading", text: "Section un", level: 2 },
      { kind: "paragraph", text: "Corps de texte niveau 9" },
      { kind: "paragraph", text: "Numérotation retirée" },
      { kind: "list-item", text: "Premier point" },
      { kind: "paragraph", text: "Style inconnu" },
    ]);
  });

  it("takes the title from the Title style, else the first heading", async () => {
    const styled = await parseDocument(
      buildDocx(
        paragraph(run("Note de service"), '<w:pStyle w:val="Titre"/>') +
          paragraph(run("Objet"), '<w:pStyle w:val="Titre1"/>'),
      ),
      "note.docx",
    );
    assert.equal(styled.document.title, "Note de service");
    const headed = await parseDocument(
      buildDocx(paragraph(run("Objet de la note"), '<w:pStyle w:val="Titre1"/>')),
      "note.docx",
    );
    assert.equal(headed.document.title, "Objet de la note");
    const plain = await parseDocument(buildDocx(paragraph(run("Simple texte."))), "note.docx");
    assert.equal(plain.document.title, null);
  });

  it("reads tables nested 10,000 deep as far as its nesting limit, in time, not as a broken file", async () => {
    // Under a megabyte inflated, where the compression ratio is not held against it.
    const depth = 10_000;
    const cell = `<w:tbl><w:tr><w:tc>${paragraph(run("mot"))}`;
    const bytes = buildDocx(`${cell.repeat(depth)}${"</w:tc></w:tr></w:tbl>".repeat(depth)}`);
    const { document } = await parseDocument(bytes, "marche.docx");
    // w:document > w:body > (w:tbl > w:tr > w:tc) × k > w:p > w:r > w:t: k levels fit the limit.
    const levels = Math.floor((DEFAULT_PARSE_LIMITS.maxNestingDepth - 5) / 3);
    assert.equal(document.blocks.length, levels);
    assert.ok(document.blocks.every((block) => block.text === "mot"));
  });
});
