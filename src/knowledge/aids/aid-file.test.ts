import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { AppError } from "../../shared/errors.js";
import { parseMarkdown } from "../parsers/markdown.parser.js";
import { aidDocument, escapeMarkdown } from "./aid-document.js";
import { type AidFileLimits, DEFAULT_AID_FILE_LIMITS, readAidFile } from "./aid-file.js";
import { CHOICE_TYPES, FLAG_TYPES, PLACE_TYPES } from "./aids.schema.js";

const FIXTURE = readFileSync(
  new URL("../../../test/fixtures/aids/aides-inventees.jsonl", import.meta.url),
);
const LINES = FIXTURE.toString("utf8").trim().split("\n");

const bytes = (text: string) => new TextEncoder().encode(text);
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    id: "aide",
    title: "Une aide",
    institution: "Ville de Montclar",
    link: "https://montclar.example/aide",
    ...fields,
  });

/** The error a file is refused with: its code, its French message, its details. */
async function refusal(content: string | Uint8Array, limits?: AidFileLimits) {
  try {
    await readAidFile(typeof content === "string" ? bytes(content) : content, limits);
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return {
      code: error.code,
      status: error.status,
      message: error.message,
      details: error.details,
    };
  }
  assert.fail("the file was accepted");
}

describe("aid files", () => {
  it("reads the fixture, which covers every condition type Beffroi knows and one it does not", async () => {
    const schemes = await readAidFile(FIXTURE);
    assert.equal(schemes.length, 12);
    const types = new Set(schemes.flatMap((s) => s.conditions.general.map((c) => c.type)));
    for (const type of ["age", "quotient_familial", ...PLACE_TYPES, ...FLAG_TYPES, ...CHOICE_TYPES])
      assert.ok(types.has(type), `fixture lacks ${type}`);
    assert.ok(types.has("boursier"));
    const operators = new Set(
      schemes.flatMap((s) =>
        s.conditions.general.filter((c) => c.type === "age").map((c) => c.operator),
      ),
    );
    assert.deepEqual([...operators].sort(), ["<", "<=", "=", ">", ">="]);
    // An unknown condition is kept whole, nested fields included.
    const meals = schemes.find((s) => s.id === "restauration-universitaire");
    assert.deepEqual(meals?.conditions.general[1], { type: "boursier", echelon: { min: 1 } });
  });

  it("turns descriptions and conditions into text: links keep their words, scripts and styles go", async () => {
    const schemes = await readAidFile(FIXTURE);
    const bafa = schemes.find((s) => s.id === "bafa-haute-savoie");
    assert.deepEqual(bafa?.description, [
      "Une aide pour financer la session de formation générale du BAFA.",
      "Pour en bénéficier, contactez la caisse sur son site.",
    ]);
    assert.deepEqual(bafa?.conditions.text, ["Avoir commencé une formation au BAFA."]);
    const transport = schemes.find((s) => s.id === "transport-etudiant-metropole");
    assert.deepEqual(transport?.description, [
      "Réduction sur l'abonnement annuel aux transports en commun.",
    ]);
    const housing = schemes.find((s) => s.id === "aide-logement-jeunes-cp");
    assert.deepEqual(housing?.description, [
      "Un coup de pouce pour le dépôt de garantie & le premier loyer.",
    ]);
    for (const scheme of schemes) {
      const text = JSON.stringify([scheme.title, scheme.description, scheme.conditions.text]);
      assert.doesNotMatch(text, /<|alert|color:/, scheme.id);
    }
  });

  it("refuses a malformed line with its number and the field at fault, in French", async () => {
    const good = LINES.slice(0, 2).join("\n");
    const cases: [string, string, RegExp][] = [
      [line({ title: undefined }), "title", /champ obligatoire manquant/],
      [line({ title: 12 }), "title", /valeur attendue : un texte/],
      [line({ link: "javascript:alert(1)" }), "link", /adresse web invalide/],
      [
        line({ conditions_generales: [{ type: "age", operator: "≥", value: 16 }] }),
        "conditions_generales[0].operator",
        /valeur non reconnue \(valeurs possibles : < <= > >= =\)/,
      ],
      [
        line({ conditions_generales: [{ type: "age", operator: ">=" }] }),
        "conditions_generales[0].value",
        /champ obligatoire manquant/,
      ],
      [
        line({
          conditions_generales: [
            { type: "regions", values: ["84"] },
            { type: "departements", values: [] },
          ],
        }),
        "conditions_generales[1].values",
        /liste vide/,
      ],
      [
        line({ conditions_generales: [{ type: "communes", values: ["74 010; drop"] }] }),
        "conditions_generales[0].values[0]",
        /code de territoire invalide/,
      ],
      [
        line({ conditions_generales: [{ type: "quotient_familial", period: "month" }] }),
        "conditions_generales[0].operator",
        /champ obligatoire manquant/,
      ],
      [
        line({ conditions_generales: [{ type: "regime_securite_sociale" }] }),
        "conditions_generales[0].includes",
        /includes ou excludes attendu/,
      ],
      [line({ amount: "cent euros" }), "amount", /valeur attendue : un nombre/],
      [line({ id: "aides/../../etc" }), "id", /identifiant invalide/],
      [line({ title: "<b></b>" }), "title", /texte vide/],
      [
        line({ conditions_generales: [{ type: "inconnu", data: "x".repeat(5000) }] }),
        "conditions_generales[0]",
        /type inconnu trop volumineuse/,
      ],
    ];
    for (const [bad, field, problem] of cases) {
      const refused = await refusal(`${good}\n${bad}\n`);
      assert.equal(refused.code, "aids_field_invalid", bad);
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.details, { line: 3, field }, bad);
      assert.match(
        refused.message,
        new RegExp(`^Ligne 3, champ « ${field.replace(/[[\].]/g, "\\$&")} » : `),
      );
      assert.match(refused.message, problem, bad);
      assert.match(
        refused.message,
        /Rien n'a été importé ; les aides déjà importées sont conservées\./,
      );
    }
  });

  it("refuses lines that are not JSON objects, and an id given twice", async () => {
    const first = LINES[0] as string;
    for (const bad of ["{ pas du json", "[1, 2]", "42", "null", "[".repeat(100_000)]) {
      const refused = await refusal(`${first}\n\n${bad}\n`);
      assert.equal(refused.code, "aids_line_not_json", bad.slice(0, 20));
      assert.deepEqual(refused.details, { line: 3 });
    }
    const deep = await refusal(
      `${first}\n${line({ id: "deep" }).replace(/}$/, `,"conditions_generales":[{"type":"x","a":${"[".repeat(50_000)}${"]".repeat(50_000)}}]}`)}\n`,
    );
    assert.deepEqual(deep.details, { line: 2, field: "(ligne)" });
    assert.match(deep.message, /imbriqués trop profondément \(16 niveaux au plus\)/);
    const twice = await refusal(`${first}\n${LINES[1]}\n${first}\n`);
    assert.equal(twice.code, "aids_duplicate_id");
    assert.match(
      twice.message,
      /^Ligne 3 : l'identifiant « bafa-haute-savoie » figure déjà ligne 1\./,
    );
  });

  it("refuses a file over its limits, an empty one, and one that is not UTF-8", async () => {
    const limits = { maxLines: 5, maxBytes: 4096, maxLineBytes: 2048 };
    const big = await refusal(`${LINES[0]}\n`.repeat(10), { ...limits, maxLines: 100 });
    assert.equal(big.code, "aids_file_too_large");
    assert.equal(big.status, 413);
    const many = await refusal("\n".repeat(6), limits);
    assert.equal(many.code, "aids_too_many_lines");
    assert.match(many.message, /dépasse 5 lignes/);
    const long = await refusal(`${line({ description: "x".repeat(3000) })}\n`, limits);
    assert.equal(long.code, "aids_line_too_long");
    assert.match(long.message, /^Ligne 1 : une aide ne peut pas dépasser 2 Ko/);
    assert.equal((await refusal("\n  \n")).code, "aids_file_empty");
    const latin1 = new Uint8Array([
      ...bytes(`${LINES[0]}\n`),
      ...bytes('{"id": "caf'),
      0xe9,
      ...bytes('"}\n'),
    ]);
    const notUtf8 = await refusal(latin1);
    assert.equal(notUtf8.code, "aids_file_not_utf8");
    assert.deepEqual(notUtf8.details, { line: 2 });
    assert.equal(DEFAULT_AID_FILE_LIMITS.maxLines, 10_000);
  });

  it("takes a byte order mark, Windows line ends and fields it does not know", async () => {
    const text = `\ufeff${line({ id: "a", prefix: "l’", extra: { nested: true } })}\r\n${line({ id: "b" })}\r\n`;
    const schemes = await readAidFile(bytes(text));
    assert.deepEqual(
      schemes.map((s) => [s.id, s.line]),
      [
        ["a", 1],
        ["b", 2],
      ],
    );
  });

  it("gives the same digest to the same scheme, another to a changed one", async () => {
    const [first] = await readAidFile(bytes(line({ amount: 10 })));
    const [again] = await readAidFile(bytes(`\n${line({ amount: 10 })}`));
    const [changed] = await readAidFile(bytes(line({ amount: 11 })));
    assert.equal(first?.digest, again?.digest);
    assert.notEqual(first?.digest, changed?.digest);
  });

  it("writes each scheme as a Markdown sheet that reads back as the same text", async () => {
    const [scheme] = await readAidFile(
      bytes(
        line({
          title: "Aide **spéciale** [clic](javascript:x)",
          description:
            "# pas un titre<br>- pas une liste<br>1. ni un numéro<br>`code` &amp; <i>fin</i>",
          conditions: ["Être ![inscrit](x.png) | partout"],
          conditions_generales: [{ type: "age", operator: "<", value: 26 }],
          amount: 1200.5,
          unit: "€",
          periodicity: "mensuelle",
        }),
      ),
    );
    assert.ok(scheme);
    const document = aidDocument(scheme);
    assert.equal(document.fileName, "aides/aide.md");
    const parsed = parseMarkdown(document.bytes);
    assert.equal(parsed.title, "Aide **spéciale** [clic](javascript:x)");
    assert.deepEqual(
      parsed.blocks.map((block) => `${block.kind}: ${block.text}`),
      [
        "heading: Aide **spéciale** [clic](javascript:x)",
        "paragraph: Organisme : Ville de Montclar",
        "paragraph: # pas un titre",
        "paragraph: - pas une liste",
        "paragraph: 1. ni un numéro",
        "paragraph: `code` & fin",
        "heading: Conditions",
        "list-item: moins de 26 ans",
        "list-item: Être ![inscrit](x.png) | partout",
        "heading: Montant",
        "paragraph: 1 200,5 € par mois",
        "heading: En savoir plus",
        "paragraph: https://montclar.example/aide",
      ],
    );
    assert.equal(escapeMarkdown("a_b"), "a&#95;b");
  });
});
