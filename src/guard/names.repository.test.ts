import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { describeStores } from "../../test/support/stores.js";
import { AppError } from "../shared/errors.js";
import { foldSameLength } from "./fold.js";
import { GuardService } from "./guard.service.js";
import {
  GuardNamesRepository,
  importNames,
  loadRecognizers,
  readNameFile,
  selectNames,
} from "./names.repository.js";
import { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";

let dir = "";
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), "beffroi-names-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes a file for one test: text as UTF-8, or bytes as given. */
function file(content: string | Buffer): string {
  files += 1;
  const name = path.join(dir, `names-${files}.csv`);
  writeFileSync(name, content);
  return name;
}

/** INSEE's national first-name file: a byte order mark, CRLF, rare names and unknown years. */
const FIRST_NAMES_FILE = `\ufeffsexe;preusuel;annais;nombre\r
1;_PRENOMS_RARES;1950;1234\r
2;ZORBLAXINE;1950;300\r
2;ZORBLAXINE;XXXX;150\r
1;ZORBLAXINE;1961;60\r
2;ORLANE;2001;499\r
1;PETIT;1990;900\r
1;AL;1990;2000\r
`;

/** INSEE's surnames: one column per decade, tab-separated, empty counts. */
const SURNAMES_FILE = `NOM\t_1891_1900\t_1901_1910\t_1911_1920
DUPONTEL\t500\t600\t
PETIT\t20000\t30000\t40000
RARENOM\t1\t2\t3
`;

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "none";
};

describe("reading names files", () => {
  it("sums INSEE's first names over years and sexes, rare rows and unknown years included", async () => {
    const read = await readNameFile(file(FIRST_NAMES_FILE));
    assert.equal(read.format, "insee-first-names");
    assert.equal(read.kind, "first");
    assert.equal(read.bearers.get("zorblaxine"), 510);
    assert.equal(read.special, 1, "_PRENOMS_RARES names no one");
    const kept = selectNames(read, 500);
    assert.deepEqual([...kept.names], [["zorblaxine", 510]]);
    assert.equal(kept.rare, 1, "ORLANE: 499 bearers");
    assert.equal(kept.words, 2, "PETIT is a word, AL too short");
  });

  it("reads the départemental file and INSEE's surnames, per decade", async () => {
    const departments = await readNameFile(
      file("sexe;preusuel;annais;dpt;nombre\n2;ZORBLAXINE;1950;75;300\n2;ZORBLAXINE;1950;13;300\n"),
    );
    assert.equal(departments.bearers.get("zorblaxine"), 600);
    const surnames = await readNameFile(file(SURNAMES_FILE));
    assert.equal(surnames.format, "insee-surnames");
    assert.equal(surnames.kind, "last");
    assert.equal(surnames.bearers.get("dupontel"), 1100);
    assert.deepEqual([...selectNames(surnames, 1000).names.keys()], ["dupontel"]);
  });

  it("reads a plain list, with or without counts, only with its kind", async () => {
    const list = file("Zorblaxine\nOrlane;800\n\nMaëlys;12\n");
    assert.equal(await code(readNameFile(list)), "guard_names_format");
    const read = await readNameFile(list, "first");
    assert.equal(read.format, "list");
    assert.deepEqual(
      [...selectNames(read, 500).names.keys()],
      ["zorblaxine", "orlane"],
      "a name without a count is kept, Maëlys is under the threshold",
    );
    const withHeader = await readNameFile(file("prenom\nZorblaxine\n"), "first");
    assert.deepEqual([...withHeader.bearers.keys()], ["zorblaxine"], "the header names no one");
  });

  it("reads a file that is not UTF-8 as Windows-1252, « œ » and the curly apostrophe included", async () => {
    const latin = Buffer.from("sexe;preusuel;annais;nombre\n2;ZORBLAXINE;1950;600\n", "latin1");
    assert.equal((await readNameFile(file(latin))).bearers.get("zorblaxine"), 600);
    // 0x9C is « œ » and 0x92 « ’ » in Windows-1252 (Latin-1 has controls there).
    const windows = Buffer.concat([
      Buffer.from("nom;nombre\nC", "latin1"),
      Buffer.from([0x9c]),
      Buffer.from("UR;1200\nD", "latin1"),
      Buffer.from([0x92]),
      Buffer.from("ALMEIDA;1500\n", "latin1"),
    ]);
    const read = await readNameFile(file(windows));
    assert.equal(read.special, 0, "both read as names, not as control characters");
    assert.deepEqual(
      [...read.bearers.keys()].sort(),
      [foldSameLength("CŒUR"), foldSameLength("D’ALMEIDA")].sort(),
    );
  });

  it("reads quoted fields as CSV: a separator inside quotes is part of its field", async () => {
    const read = await readNameFile(
      file(
        'nom;nombre;note\n"LE GOFF";"1500";"Bretagne; Finistère"\nDUPONTEL;1200;\n"O\'NEILL";1100;"dit ""le Grand"""\n',
      ),
    );
    assert.deepEqual(
      [...read.bearers].sort(),
      [
        ["dupontel", 1200],
        ["le goff", 1500],
        ["o'neill", 1100],
      ].sort(),
    );
    assert.equal(
      await code(readNameFile(file('nom;nombre\n"LE GOFF;1500\n'))),
      "guard_names_quote",
    );
  });

  it("refuses what it cannot read, with a stable code", async () => {
    assert.equal(await code(readNameFile(file("id,texte\n1,bonjour\n"))), "guard_names_format");
    assert.equal(await code(readNameFile(file(""), "first")), "guard_names_empty");
    assert.equal(
      await code(readNameFile(file("sexe;preusuel;annais;nombre\n1;MARIE;1950\n"))),
      "guard_names_columns",
    );
    assert.equal(
      await code(readNameFile(file("sexe;preusuel;annais;nombre\n1;MARIE;1950;beaucoup\n"))),
      "guard_names_count",
    );
    assert.equal(
      await code(readNameFile(file("Marie;12\nJean;x\n"), "first")),
      "guard_names_count",
    );
    assert.equal(
      await code(readNameFile(file(SURNAMES_FILE), "first")),
      "guard_names_kind_mismatch",
    );
  });
});

describeStores("guard names", (getStore) => {
  const repository = () => new GuardNamesRepository(getStore().db);

  it("imports a file in one go, replaces the previous import of its kind, and counts", async () => {
    const imported = await importNames(repository(), file(FIRST_NAMES_FILE));
    assert.equal(imported.kind, "first");
    assert.equal(imported.names.size, 1);
    await importNames(repository(), file(SURNAMES_FILE));
    assert.deepEqual(await repository().counts(), { first: 1, last: 1 });
    const names = await repository().load();
    assert.deepEqual([...names.firstNames], ["zorblaxine"]);
    assert.deepEqual([...names.surnames], ["dupontel"]);

    await importNames(repository(), file("Orlane;800\nMaëlys;900\n"), { kind: "first" });
    assert.deepEqual([...(await repository().load()).firstNames].sort(), ["maelys", "orlane"]);
    assert.deepEqual(await repository().counts(), { first: 2, last: 1 }, "surnames untouched");
  });

  it("changes nothing when a file is refused or keeps no name", async () => {
    const before = await repository().signature();
    assert.equal(
      await code(
        importNames(repository(), file("sexe;preusuel;annais;nombre\n2;ZOÉ;2001;900\n1;X;1;y\n")),
      ),
      "guard_names_count",
    );
    assert.equal(
      await code(importNames(repository(), file("Orlane;12\n"), { kind: "first" })),
      "guard_names_none_kept",
    );
    assert.equal(await repository().signature(), before);
  });

  it("imports many names in batches", async () => {
    const letter = (n: number) => String.fromCharCode(97 + (Math.floor(n) % 26));
    const rows = Array.from(
      { length: 1_234 },
      (_, n) => `Zz${letter(n / 676)}${letter(n / 26)}${letter(n)};${1000 + n}`,
    );
    const imported = await importNames(repository(), file(`${rows.join("\n")}\n`), {
      kind: "last",
    });
    assert.equal(imported.names.size, 1_234);
    assert.equal((await repository().counts()).last, 1_234);
  });

  it("clears one kind or both", async () => {
    await importNames(repository(), file(SURNAMES_FILE));
    assert.equal(await repository().clear("last"), 1);
    assert.deepEqual(await repository().counts(), { first: 2, last: 0 });
    assert.equal(await repository().clear(), 2);
    assert.equal(await repository().signature(), "");
  });

  it("widens the recognizers, and a running guard picks up a new import without restart", async () => {
    const text = "Rendez-vous avec Zorblaxine Quirvandel jeudi.";
    assert.equal(await loadRecognizers(getStore().db), DEFAULT_RECOGNIZERS, "nothing imported");
    const guard = new GuardService(DEFAULT_RECOGNIZERS, { names: repository(), namesCheckMs: 0 });
    // Documents: certain findings only (an unknown name's shape is only possible).
    const scan = async () => (await guard.scan(text, "documents")).dataClass;
    assert.equal(await guard.reloadNames(), false);
    assert.equal(await scan(), "public");

    await importNames(repository(), file(FIRST_NAMES_FILE));
    // Recognizers built from the database find the name at once.
    const loaded = await loadRecognizers(getStore().db);
    assert.equal(loaded.find((r) => r.name === "person")?.find(text).length, 1);
    // The running guard checks the table in the background of a scan, then uses the names.
    await scan();
    for (let tries = 0; tries < 50 && (await scan()) === "public"; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(await scan(), "personal");
    assert.equal(await guard.reloadNames(), false, "unchanged table: nothing to reload");
    await repository().clear();
    assert.equal(await guard.reloadNames(), true);
    assert.equal(await scan(), "public");
  });
});
