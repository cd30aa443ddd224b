import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "./index.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const parseHtml = async (html: string) => (await parseDocument(utf8(html), "page.html")).document;

describe("HTML parser", () => {
  it("without <main>, reads the body minus navigation, banners, menus and hidden parts", async () => {
    const document = await parseHtml(`<html><head><title>Déchets verts</title></head><body>
<div class="cookie-banner"><p>Nous utilisons des cookies.</p><button>OK</button></div>
<div role="navigation"><a href="/">Accueil</a></div>
<ul class="main-menu"><li>Vie municipale</li><li>Services</li></ul>
<div class="content-sidebar-wrap"><div class="content"><h1>Déchets verts</h1>
<p>La déchetterie accepte les déchets verts du mardi au samedi.</p>
<p style="display: none">Ancien horaire</p><div aria-hidden="true">Icône</div>
<noscript>Activez JavaScript</noscript><form><label>Recherche</label><input name="q"></form>
<template><p>Modèle</p></template></div></div>
</body></html>`);
    assert.equal(document.title, "Déchets verts");
    assert.deepEqual(document.blocks, [
      { kind: "heading", text: "Déchets verts", level: 1 },
      { kind: "paragraph", text: "La déchetterie accepte les déchets verts du mardi au samedi." },
    ]);
  });

  it("prefers [role=main], reads tables row by row and nested lists item by item", async () => {
    const document =
      await parseHtml(`<!doctype html><title>Aides au logement | Ville de Valmont</title>
<div id="menu"><p>Menu</p></div>
<div role="main"><h2>Aides au logement</h2>
<table><caption>Plafonds</caption><thead><tr><th>Foyer</th><th>Plafond</th></tr></thead>
<tbody><tr><td>1 personne</td><td>1&nbsp;200&nbsp;&euro;</td></tr><tr><td>2 personnes</td><td><p>1 800 €</p><p>(révisé en 2024)</p></td></tr></tbody></table>
<ol><li>Déposer la demande<ul><li>en ligne</li><li>ou au guichet</li></ul></li><li>Attendre la réponse&nbsp;: 2&#160;mois</li></ol>
Texte libre <em>hors</em> paragraphe<br>sur deux lignes.
<dl><dt>CAF</dt><dd>Caisse d'allocations familiales</dd></dl>
</div>`);
    assert.equal(document.title, "Aides au logement | Ville de Valmont");
    assert.deepEqual(
      document.blocks.map((block) => [block.kind, block.text]),
      [
        ["heading", "Aides au logement"],
        ["paragraph", "Plafonds"],
        ["paragraph", "Foyer | Plafond"],
        ["paragraph", "1 personne | 1 200 €"],
        ["paragraph", "2 personnes | 1 800 € (révisé en 2024)"],
        ["list-item", "Déposer la demande"],
        ["list-item", "en ligne"],
        ["list-item", "ou au guichet"],
        ["list-item", "Attendre la réponse : 2 mois"],
        ["paragraph", "Texte libre hors paragraphe sur deux lignes."],
        ["paragraph", "CAF"],
        ["paragraph", "Caisse d'allocations familiales"],
      ],
    );
  });

  it("keeps an article's own header, drops the page's", async () => {
    const document = await parseHtml(`<body><header><p>Mairie de Valmont</p></header>
<article><header><h1>Fête de la musique</h1><p class="date">21 juin</p></header><p>Concerts place de la mairie.</p><footer><p>Publié par le service culture</p></footer></article>
<article><h2>Marché de Noël</h2><p>Chalets du 10 au 24 décembre.</p></article>
<footer><p>Plan du site</p></footer></body>`);
    assert.deepEqual(
      document.blocks.map((block) => block.text),
      [
        "Fête de la musique",
        "21 juin",
        "Concerts place de la mairie.",
        "Publié par le service culture",
        "Marché de Noël",
        "Chalets du 10 au 24 décembre.",
      ],
    );
    assert.equal(document.title, "Fête de la musique");
  });

  it("decodes a Windows-1252 page", async () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"><title>Cr', "latin1"),
      Buffer.from([0xe8]),
      Buffer.from("che</title></head><body><p>Tarif : 3 ", "latin1"),
      Buffer.from([0x80]),
      Buffer.from(" par jour.</p></body></html>", "latin1"),
    ]);
    const { document } = await parseDocument(new Uint8Array(bytes), "creche.htm");
    assert.equal(document.title, "Crèche");
    assert.deepEqual(document.blocks, [{ kind: "paragraph", text: "Tarif : 3 € par jour." }]);
  });

  it("reads a page nesting 100,000 elements whole: the deepest read as part of the last kept", async () => {
    const depth = 100_000;
    const document = await parseHtml(
      `<title>Arrêté</title><body>${"<div><b>mot</b> ".repeat(depth)}${"</div>".repeat(depth)}</body>`,
    );
    const words = document.blocks.flatMap((block) => block.text.split(" "));
    assert.equal(words.length, depth);
    assert.ok(words.every((word) => word === "mot"));
  });
});
