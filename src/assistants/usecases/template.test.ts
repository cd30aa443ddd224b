import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  MAX_OUTPUT,
  parseTemplate,
  renderTemplate,
  type TemplateError,
  TemplateOutputTooLong,
} from "./template.js";

const render = (template: string, values: Record<string, string | string[]>) =>
  renderTemplate(parseTemplate(template), values);

describe("use-case templates", () => {
  it("substitutes fields, and leaves out an absent one", () => {
    assert.equal(
      render("Objet : {{objet}} ({{absent}})", { objet: "Subvention" }),
      "Objet : Subvention ()",
    );
  });

  it("renders an optional block only when its field has a value, and its inverse otherwise", () => {
    const template = "A{{#note}} — {{note}}{{/note}}{{^note}} — [À COMPLÉTER]{{/note}}";
    assert.equal(render(template, { note: "vue" }), "A — vue");
    assert.equal(render(template, { note: "  " }), "A — [À COMPLÉTER]");
    assert.equal(render(template, {}), "A — [À COMPLÉTER]");
  });

  it("repeats a list's block per item, with the item and its rank, and drops lines of lone block tags", () => {
    const template = "DÉCIDE\n{{#decisions}}\nArticle {{@number}} : {{.}}\n{{/decisions}}\nFin";
    assert.equal(
      render(template, { decisions: ["Attribuer.", "Imputer."] }),
      "DÉCIDE\nArticle 1 : Attribuer.\nArticle 2 : Imputer.\nFin",
    );
    assert.equal(render(template, { decisions: [] }), "DÉCIDE\nFin");
  });

  it("inserts values as data: template syntax inside a value is never read", () => {
    const out = render("{{#items}}- {{.}}\n{{/items}}{{a}}", {
      items: ["{{a}}", "{{#items}}boucle{{/items}}"],
      a: "{{b}} {{.}} }}{{",
    });
    assert.equal(out, "- {{a}}\n- {{#items}}boucle{{/items}}\n{{b}} {{.}} }}{{");
  });

  it("refuses a malformed template in French, with where", () => {
    assert.throws(
      () => parseTemplate("{{#a}}x"),
      (error: TemplateError) => {
        assert.match(error.message, /bloc non fermé : \{\{#a\}\}/);
        assert.equal(error.position, 0);
        return true;
      },
    );
    assert.throws(() => parseTemplate("x {{/a}}"), /fermeture inattendue/);
    assert.throws(() => parseTemplate("{{#a}}{{/b}}"), /fermeture inattendue/);
    assert.throws(() => parseTemplate("{{ a + b }}"), /nom de champ invalide/);
    assert.throws(() => parseTemplate("{{constructor.name}}"), /nom de champ invalide/);
    assert.throws(() => parseTemplate("x {{a"), /balise non fermée/);
    assert.throws(
      () => parseTemplate("{{#a}}{{#b}}{{#c}}{{#d}}{{#e}}{{/e}}{{/d}}{{/c}}{{/b}}{{/a}}"),
      /imbriqués/,
    );
  });

  it("stops at the output bound instead of growing without end", () => {
    const items = Array.from({ length: 200 }, () => "x".repeat(2_000));
    assert.throws(
      () => render("{{#a}}{{#a}}{{.}}{{/a}}{{/a}}", { a: items }),
      (error) => error instanceof TemplateOutputTooLong,
    );
    assert.ok(render("{{#a}}{{.}}{{/a}}", { a: items.slice(0, 50) }).length <= MAX_OUTPUT);
  });
});
