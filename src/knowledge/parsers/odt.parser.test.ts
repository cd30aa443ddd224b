import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildOdt } from "../../../test/fixtures/documents/builders.js";
import { parseDocument } from "./index.js";

describe("ODT parser", () => {
  it("reads nested lists, tables and text frames; skips the table of contents, notes and comments", async () => {
    const text = `
<text:table-of-content text:name="Sommaire"><text:index-body><text:index-title><text:p>Sommaire</text:p></text:index-title><text:p>Horaires ......... 1</text:p></text:index-body></text:table-of-content>
<text:h text:outline-level="1">Horaires</text:h>
<table:table table:name="Horaires"><table:table-column/><table:table-header-rows><table:table-row><table:table-cell><text:p>Jour</text:p></table:table-cell><table:table-cell><text:p>Ouverture</text:p></table:table-cell></table:table-row></table:table-header-rows>
<table:table-row><table:table-cell><text:p>Lundi</text:p></table:table-cell><table:table-cell><text:p>8 h 30<text:s text:c="3"/>– 12 h</text:p></table:table-cell></table:table-row></table:table>
<text:list><text:list-header><text:p>Services :</text:p></text:list-header><text:list-item><text:p>état civil</text:p><text:list><text:list-item><text:p>naissances</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>urbanisme<office:annotation><dc:creator>A. Dupont</dc:creator><text:p>à vérifier</text:p></office:annotation></text:p></text:list-item></text:list>
<text:p>Fermé le samedi.<draw:frame draw:name="Cadre1"><draw:text-box><text:p>Permanence du maire le jeudi.</text:p></draw:text-box></draw:frame></text:p>
<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><text:p>Ancien horaire supprimé</text:p></text:deletion></text:changed-region></text:tracked-changes>`;
    const { document } = await parseDocument(buildOdt(text), "horaires.odt");
    assert.equal(document.title, "Horaires");
    assert.deepEqual(
      document.blocks.map((block) => [block.kind, block.text]),
      [
        ["heading", "Horaires"],
        ["paragraph", "Jour"],
        ["paragraph", "Ouverture"],
        ["paragraph", "Lundi"],
        ["paragraph", "8 h 30 – 12 h"],
        ["paragraph", "Services :"],
        ["list-item", "état civil"],
        ["list-item", "naissances"],
        ["list-item", "urbanisme"],
        ["paragraph", "Fermé le samedi."],
        ["paragraph", "Permanence du maire le jeudi."],
      ],
    );
  });

  it("keeps outline levels and takes the title from meta.xml first", async () => {
    const text = `<text:h text:outline-level="1">Urbanisme</text:h><text:h text:outline-level="3">Permis de construire</text:h><text:h>Sans niveau</text:h>`;
    const { document } = await parseDocument(
      buildOdt(text, { title: "Guide de l’urbanisme" }),
      "guide.odt",
    );
    assert.equal(document.title, "Guide de l’urbanisme");
    assert.deepEqual(
      document.blocks.map((block) => block.level),
      [1, 3, 1],
    );
  });
});
