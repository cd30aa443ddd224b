import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "./index.js";

const parseMarkdown = async (markdown: string) =>
  (await parseDocument(new TextEncoder().encode(markdown), "fiche.md")).document;

describe("Markdown parser", () => {
  it("keeps code, quotes and table rows as paragraphs, strips inline markup", async () => {
    const document = await parseMarkdown(`<!-- brouillon -->
Carte d'identité
================

> Délai moyen : **3 semaines**.
> Prévoir le *timbre fiscal* en cas de perte.

1. Prendre rendez-vous sur [le site](https://valmont.fr/rdv "RDV").
2) Venir avec le formulaire \`cerfa_12100\` et la [pré-demande][ants]
   remplie en ligne.
- [x] justificatif de domicile

| Pièce | Obligatoire |
|-------|:-----------:|
| Photo | oui |

\`\`\`
Mairie – guichet 2
\`\`\`

Le fichier nom_prenom_date est ~~facultatif~~ utile. ![logo](logo.png) Voir la note[^1].

[ants]: https://ants.gouv.fr
[^1]: Note.
`);
    assert.equal(document.title, "Carte d'identité");
    assert.deepEqual(
      document.blocks.map((block) => [block.kind, block.text]),
      [
        ["heading", "Carte d'identité"],
        ["paragraph", "Délai moyen : 3 semaines. Prévoir le timbre fiscal en cas de perte."],
        ["list-item", "Prendre rendez-vous sur le site."],
        ["list-item", "Venir avec le formulaire cerfa_12100 et la pré-demande remplie en ligne."],
        ["list-item", "justificatif de domicile"],
        ["paragraph", "Pièce | Obligatoire"],
        ["paragraph", "Photo | oui"],
        ["paragraph", "Mairie – guichet 2"],
        ["paragraph", "Le fichier nom_prenom_date est facultatif utile. Voir la note."],
        ["paragraph", "Note."],
      ],
    );
  });

  it("drops front matter, even unreadable, and tells Setext headings from thematic breaks", async () => {
    const document = await parseMarkdown(`---
title: [non fermé
---
Paragraphe d'ouverture.

---

Sous-titre
---
#Pas un titre
###### Niveau six`);
    assert.equal(document.title, "Sous-titre");
    assert.deepEqual(document.blocks, [
      { kind: "paragraph", text: "Paragraphe d'ouverture." },
      { kind: "heading", text: "Sous-titre", level: 2 },
      { kind: "paragraph", text: "#Pas un titre" },
      { kind: "heading", text: "Niveau six", level: 6 },
    ]);
  });

  it("reads lines crafted against its patterns as it reads any line", async () => {
    const spaces = " ".repeat(200_000);
    const comments = "<!--".repeat(50_000);
    const document = await parseMarkdown(
      `# Titre${spaces}suite\n\n${comments}\n\n|${spaces}-${spaces}x\n`,
    );
    const [heading, rest, ...more] = document.blocks;
    assert.deepEqual(heading, { kind: "heading", text: "Titre suite", level: 1 });
    // A comment never closed runs to the end (CommonMark): its text is kept, not dropped.
    assert.equal(rest?.kind, "paragraph");
    assert.ok(rest?.text.startsWith("<!--<!--") && rest.text.endsWith("| - x"));
    assert.deepEqual(more, []);
  });

  it("reads nested lists item by item, and HTML blocks for their text", async () => {
    const document = await parseMarkdown(`# Pièces à fournir

- Pour un majeur :
  - une photo d'identité ;
  - un justificatif de domicile.
- Pour un mineur : la pièce d'identité du parent.

<div class="encadre">Le timbre fiscal s'achète <b>en ligne</b>.</div>

<!-- à relire -->
`);
    assert.deepEqual(
      document.blocks.map((block) => [block.kind, block.text]),
      [
        ["heading", "Pièces à fournir"],
        ["list-item", "Pour un majeur :"],
        ["list-item", "une photo d'identité ;"],
        ["list-item", "un justificatif de domicile."],
        ["list-item", "Pour un mineur : la pièce d'identité du parent."],
        ["paragraph", "Le timbre fiscal s'achète en ligne ."],
      ],
    );
  });
});
