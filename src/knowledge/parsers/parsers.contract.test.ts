// One contract for every parser: the same school-canteen rules, written in each format, read back
// with the same structure.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { buildDocx, buildOdt } from "../../../test/fixtures/documents/builders.js";
import { MEDIA_TYPES, type MediaType, parseDocument } from "./index.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/documents/${name}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);

const INSCRIPTION =
  "L’inscription à la restauration scolaire est obligatoire pour tout enfant déjeunant à la cantine, même de façon occasionnelle.";
const TARIFS = "Il varie de 0,90 € à 4,20 € par repas.";

const docxBody = `
<w:p><w:pPr><w:pStyle w:val="Titre"/></w:pPr><w:r><w:t>Commune de Valmont-sur-Loire</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr><w:r><w:t>Restauration scolaire</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Titre2"/></w:pPr><w:r><w:t xml:space="preserve">Article 1 – </w:t></w:r><w:r><w:t>Inscription</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">L’inscription à la restauration scolaire est obligatoire pour tout enfant </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>déjeunant</w:t></w:r><w:r><w:t xml:space="preserve"> à la cantine, même de façon occasionnelle.</w:t></w:r></w:p>
<w:p><w:r><w:t>Pièces à fournir :</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>une attestation d’assurance en responsabilité civile ;</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Listepuces"/></w:pPr><w:r><w:t>le cas échéant, le protocole d’accueil individualisé.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ArticleDlib"/></w:pPr><w:r><w:t>Article 2 – Tarifs</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Le prix du repas est fixé chaque année par délibération du conseil municipal. Il varie de 0,90</w:t></w:r><w:r><w:t xml:space="preserve"> € à 4,20 € par repas.</w:t></w:r></w:p>
<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Article 3 – Allergies</w:t></w:r></w:p>
<w:p><w:r><w:t>Aucun médicament ne peut être administré en dehors d’un protocole d’accueil individualisé.</w:t></w:r></w:p>`;

const odtText = `
<text:p text:style-name="P1">Commune de Valmont-sur-Loire</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Restauration scolaire</text:h>
<text:h text:style-name="Heading_20_2" text:outline-level="2">Article 1 – <text:span text:style-name="T1">Inscription</text:span></text:h>
<text:p text:style-name="Standard">L’inscription à la restauration scolaire est obligatoire pour tout enfant<text:s/><text:span text:style-name="T1">déjeunant</text:span> à la cantine,<text:line-break/>même de façon occasionnelle.</text:p>
<text:p text:style-name="Standard">Pièces à fournir :</text:p>
<text:list text:style-name="L1"><text:list-item><text:p>une attestation d’assurance en responsabilité civile ;</text:p></text:list-item><text:list-item><text:p>le cas échéant, le protocole d’accueil individualisé.</text:p></text:list-item></text:list>
<text:h text:outline-level="2">Article 2 – Tarifs</text:h>
<text:p>Le prix du repas est fixé chaque année par délibération du conseil municipal.<text:tab/>Il varie de 0,90 € à 4,20 € par repas.</text:p>
<text:h text:outline-level="2">Article 3 – Allergies</text:h>
<text:p>Aucun médicament ne peut être administré en dehors d’un protocole d’accueil individualisé.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Note de bas de page.</text:p></text:note-body></text:note></text:p>`;

const html = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Règlement de la cantine scolaire | Valmont-sur-Loire</title>
<script>window.dataLayer = [];</script><style>.menu { color: red }</style></head>
<body>
<div id="tarteaucitronRoot"><p>Ce site utilise des cookies. Accepter / Refuser</p></div>
<header><a href="/">Accueil</a><nav><ul><li><a href="/demarches">Démarches</a></li><li><a href="/agenda">Agenda</a></li></ul></nav></header>
<main id="contenu">
<article>
<header><h1>Règlement de la cantine scolaire</h1></header>
<h2>Restauration scolaire</h2>
<h3>Article 1 &ndash; Inscription</h3>
<p>L&rsquo;inscription à la restauration scolaire est obligatoire pour tout enfant <strong>déjeunant</strong>
 à la cantine, même de&nbsp;façon occasionnelle.</p>
<p>Pièces à fournir&#8239;:</p>
<ul><li>une attestation d’assurance en responsabilité civile ;</li><li>le cas échéant, le protocole d’accueil individualisé.</li></ul>
<h3>Article 2 – Tarifs</h3>
<div>Le prix du repas est fixé chaque année par délibération du conseil municipal. Il varie de 0,90 € à 4,20 € par repas.</div>
<h3>Article 3 – Allergies</h3>
<p>Aucun médicament ne peut être administré en dehors d’un protocole d’accueil individualisé.</p>
<p hidden>Texte masqué.</p>
</article>
</main>
<aside><p>À voir aussi : le portail famille.</p></aside>
<footer><p>Mairie de Valmont-sur-Loire – Mentions légales</p></footer>
<script>console.log("fin")</script>
</body></html>`;

const markdown = `---
title: "Règlement de la cantine scolaire"
date: 2024-09-01
---

# Restauration scolaire

Article 1 – Inscription
-----------------------

L’inscription à la **restauration scolaire** est obligatoire pour tout enfant
déjeunant à la [cantine](https://valmont.fr/cantine), même de façon _occasionnelle_.

Pièces à fournir :

- une attestation d’assurance en responsabilité civile ;
* le cas échéant, le protocole d’accueil individualisé.

## Article 2 – Tarifs

![Tarifs](tarifs.png)
Le prix du repas est fixé chaque année par délibération du conseil municipal. Il varie de 0,90 € à 4,20 € par repas.

## Article 3 – Allergies ##

Aucun médicament ne peut être administré en dehors d’un protocole d’accueil individualisé.
`;

const text = `Règlement de la cantine scolaire

RESTAURATION SCOLAIRE

Article 1 – Inscription

L’inscription à la restauration scolaire est obligatoire pour tout enfant
déjeunant à la cantine, même de façon occasionnelle.

Pièces à fournir :
- une attestation d’assurance en responsabilité civile ;
- le cas échéant, le protocole d’accueil individualisé.

Article 2 – Tarifs

Le prix du repas est fixé chaque année par délibération du conseil municipal.
Il varie de 0,90 € à 4,20 € par repas.

Article 3 – Allergies

Aucun médicament ne peut être administré en dehors d’un protocole d’accueil individualisé.
`;

interface Case {
  name: string;
  fileName: string;
  bytes: () => Uint8Array;
  mediaType: MediaType;
  title: string;
  pages?: boolean;
}

const CASES: Case[] = [
  {
    name: "PDF (LibreOffice)",
    fileName: "reglement.pdf",
    bytes: () => fixture("reglement-cantine.pdf"),
    mediaType: MEDIA_TYPES.pdf,
    title: "Règlement de la cantine scolaire",
    pages: true,
  },
  {
    name: "DOCX (LibreOffice)",
    fileName: "reglement.docx",
    bytes: () => fixture("reglement-cantine.docx"),
    mediaType: MEDIA_TYPES.docx,
    title: "Règlement de la cantine scolaire",
  },
  {
    name: "ODT (LibreOffice)",
    fileName: "reglement.odt",
    bytes: () => fixture("reglement-cantine.odt"),
    mediaType: MEDIA_TYPES.odt,
    title: "Règlement de la cantine scolaire",
  },
  {
    name: "DOCX (Word-style XML)",
    fileName: "reglement.docx",
    bytes: () => buildDocx(docxBody),
    mediaType: MEDIA_TYPES.docx,
    title: "Commune de Valmont-sur-Loire",
  },
  {
    name: "ODT (LibreOffice-style XML)",
    fileName: "reglement.odt",
    bytes: () =>
      buildOdt(odtText, {
        title: "Règlement de la cantine scolaire",
        automaticStyles:
          '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>',
      }),
    mediaType: MEDIA_TYPES.odt,
    title: "Règlement de la cantine scolaire",
  },
  {
    name: "HTML",
    fileName: "reglement.html",
    bytes: () => utf8(html),
    mediaType: MEDIA_TYPES.html,
    title: "Règlement de la cantine scolaire",
  },
  {
    name: "Markdown",
    fileName: "reglement.md",
    bytes: () => utf8(markdown),
    mediaType: MEDIA_TYPES.markdown,
    title: "Règlement de la cantine scolaire",
  },
  {
    name: "plain text",
    fileName: "reglement.txt",
    bytes: () => utf8(text),
    mediaType: MEDIA_TYPES.text,
    title: "Règlement de la cantine scolaire",
  },
];

for (const testCase of CASES) {
  describe(`parser contract: ${testCase.name}`, () => {
    it("finds the type, the title and the text in order, with whitespace normalised", async () => {
      const { mediaType, document } = await parseDocument(testCase.bytes(), testCase.fileName);
      assert.equal(mediaType, testCase.mediaType);
      assert.equal(document.title, testCase.title);
      const texts = document.blocks.map((block) => block.text);
      const at = (pattern: string) => texts.findIndex((each) => each.includes(pattern));
      assert.ok(at(INSCRIPTION) >= 0, "the inscription paragraph");
      assert.ok(at(TARIFS) >= 0, "the prices, with their euro signs");
      assert.ok(
        at("Article 1") < at(INSCRIPTION) &&
          at(INSCRIPTION) < at("Article 2") &&
          at("Article 2") < at("Article 3"),
      );
      for (const block of document.blocks) {
        assert.equal(
          block.text,
          block.text.replace(/\s+/g, " ").trim(),
          `normalised: ${JSON.stringify(block.text)}`,
        );
      }
      assert.ok(
        !texts.some((each) =>
          /EN-TÊTE|Note de bas de page|cookies|Mentions légales|Démarches/.test(each),
        ),
      );
    });

    it("keeps headings with their levels", async () => {
      const { document } = await parseDocument(testCase.bytes(), testCase.fileName);
      const headings = document.blocks.filter((block) => block.kind === "heading");
      const levelOf = (pattern: string) =>
        headings.find((heading) => heading.text.includes(pattern))?.level;
      const article = levelOf("Article 1 – Inscription");
      assert.ok(article !== undefined, "Article 1 is a heading");
      assert.equal(levelOf("Article 2 – Tarifs"), article);
      assert.equal(levelOf("Article 3 – Allergies"), article);
      assert.ok(
        (levelOf("Restauration scolaire") ?? levelOf("RESTAURATION SCOLAIRE") ?? 0) < article,
      );
    });

    it("keeps list items", async () => {
      const { document } = await parseDocument(testCase.bytes(), testCase.fileName);
      assert.deepEqual(
        document.blocks.filter((block) => block.kind === "list-item").map((block) => block.text),
        [
          "une attestation d’assurance en responsabilité civile ;",
          "le cas échéant, le protocole d’accueil individualisé.",
        ],
      );
    });

    it(testCase.pages ? "numbers every block's page" : "has no pages", async () => {
      const { document } = await parseDocument(testCase.bytes(), testCase.fileName);
      const pages = document.blocks.map((block) => block.page);
      if (!testCase.pages) {
        assert.ok(pages.every((page) => page === undefined));
        return;
      }
      assert.ok(pages.every((page) => page === 1 || page === 2));
      assert.equal(
        document.blocks.find((block) => block.text.startsWith("La facturation est mensuelle"))
          ?.page,
        2,
      );
      assert.equal(document.blocks.find((block) => block.text.includes(TARIFS))?.page, 1);
      assert.equal(document.pageCount, 2);
    });
  });
}
