import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "./index.js";

const parseText = async (text: string) =>
  (await parseDocument(new TextEncoder().encode(text), "note.txt")).document;

describe("plain-text parser", () => {
  it("applies its two heading rules and nothing more", async () => {
    const document =
      await parseText(`Note de service n° 12 relative aux congés annuels des agents de la collectivité territoriale

OBJET
Les demandes de congés d'été sont à déposer avant le 31 mars.

Calendrier

Les réponses seront données sous quinze jours.
Un refus est motivé.

Pour mémoire :

• trois semaines consécutives au plus ;
• priorité aux agents ayant des enfants scolarisés.

Le Directeur général des services`);
    assert.equal(
      document.title,
      "Note de service n° 12 relative aux congés annuels des agents de la collectivité territoriale",
    );
    assert.deepEqual(document.blocks, [
      // Too long for a heading: a paragraph.
      {
        kind: "paragraph",
        text: "Note de service n° 12 relative aux congés annuels des agents de la collectivité territoriale",
      },
      { kind: "heading", text: "OBJET", level: 1 },
      { kind: "paragraph", text: "Les demandes de congés d'été sont à déposer avant le 31 mars." },
      { kind: "heading", text: "Calendrier", level: 2 },
      {
        kind: "paragraph",
        text: "Les réponses seront données sous quinze jours. Un refus est motivé.",
      },
      // Ends with a colon: it announces what follows, it is not a heading.
      { kind: "paragraph", text: "Pour mémoire :" },
      { kind: "list-item", text: "trois semaines consécutives au plus ;" },
      { kind: "list-item", text: "priorité aux agents ayant des enfants scolarisés." },
      // The last line has nothing to head.
      { kind: "paragraph", text: "Le Directeur général des services" },
    ]);
  });

  it("normalises whitespace: NBSP, narrow NBSP, tabs, CRLF", async () => {
    const document = await parseText(
      "Horaires\r\n\r\nOuvert\u00a0du lundi\tau vendredi\u202f;\r\n  de 9 h à 17 h.\r\n",
    );
    assert.deepEqual(document.blocks.at(-1), {
      kind: "paragraph",
      text: "Ouvert du lundi au vendredi ; de 9 h à 17 h.",
    });
  });
});
