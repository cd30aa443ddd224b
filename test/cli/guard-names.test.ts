import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { type Run, runIn } from "../support/cli.js";
import { DIALECTS, freshLocation, POSTGRES_URL, postgresSkip } from "../support/stores.js";

/** INSEE's national first-name file, as downloaded: a byte order mark, CRLF, rare names. */
const FIRST_NAMES = `\ufeffsexe;preusuel;annais;nombre\r
1;_PRENOMS_RARES;1950;1234\r
2;ZORBLAXINE;1950;300\r
2;ZORBLAXINE;XXXX;150\r
1;ZORBLAXINE;1961;60\r
2;ORLANE;2001;499\r
`;

/** INSEE's surnames: NOM, then bearers per decade, tab-separated. */
const SURNAMES = "NOM\t_1891_1900\t_1901_1910\nDUPONTRAXEL\t500\t600\nRARENOM\t1\t2\n";

const TEXT = "Rendez-vous avec Zorblaxine Quirvandel, puis avec Vrillanne DUPONTRAXEL.";

describe("beffroi guard names", () => {
  for (const dialect of DIALECTS) {
    describe(`[${dialect}]`, async () => {
      const skip = await postgresSkip(dialect);
      if (skip) {
        describe("skipped", { skip }, () => {});
        return;
      }
      const location = freshLocation(dialect);
      const env: NodeJS.ProcessEnv = {
        BEFFROI_DATA_DIR: location.dataDir,
        BEFFROI_LOG_LEVEL: "silent",
      };
      before(async () => {
        if (location.schema) {
          const client = new pg.Client({ connectionString: POSTGRES_URL });
          await client.connect();
          await client.query(`create schema ${location.schema}`);
          await client.end();
          env.BEFFROI_DATABASE_URL = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${location.schema}`)}`;
        }
      });
      after(() => location.cleanup());

      const cli = (args: string[], input = ""): Promise<Run> =>
        runIn(location.dataDir, args, env, input);
      const write = (name: string, content: string | Buffer) => {
        const file = path.join(location.dataDir, name);
        writeFileSync(file, content);
        return file;
      };
      const persons = async (...flags: string[]) => {
        // Documents: certain findings only (unknown names' shape alone is possible).
        const run = await cli(["guard", "scan", "--purpose", "documents", ...flags], TEXT);
        assert.equal(run.code, 0, run.stderr);
        const { entities } = JSON.parse(run.stdout) as {
          entities: { type: string; start: number; end: number }[];
        };
        return entities.filter((e) => e.type === "PERSON").map((e) => TEXT.slice(e.start, e.end));
      };
      const counts = async () =>
        JSON.parse((await cli(["guard", "names", "status", "--json"])).stdout);

      it("starts with the built-in list alone", async () => {
        const status = await cli(["guard", "names", "status"]);
        assert.equal(status.code, 0, status.stderr);
        assert.match(status.stdout, /Prénoms : aucun import \(liste intégrée : \d+ prénoms\)/);
        assert.match(status.stdout, /Noms de famille : aucun import/);
        assert.deepEqual(await persons("--names"), []);
      });

      it("imports INSEE's first names and surnames, which the guard then finds", async () => {
        const first = await cli(["guard", "names", "import", write("nat2021.csv", FIRST_NAMES)]);
        assert.equal(first.code, 0, first.stderr);
        assert.match(
          first.stdout,
          /Prénoms importés : 1\. Écartés : 1 sous le seuil de 500 porteurs, 0 mot\(s\) courant\(s\) ou trop court\(s\), 1 ligne\(s\) sans nom\./,
        );
        const last = await cli([
          "guard",
          "names",
          "import",
          write("noms2008nat_txt.txt", SURNAMES),
        ]);
        assert.equal(last.code, 0, last.stderr);
        assert.match(
          last.stdout,
          /Noms de famille importés : 1\. Écartés : 1 sous le seuil de 1000/,
        );
        assert.deepEqual(await counts(), { first: 1, last: 1, builtinFirstNames: await builtin() });
        assert.deepEqual(await persons("--names"), [
          "Zorblaxine Quirvandel",
          "Vrillanne DUPONTRAXEL",
        ]);
        assert.deepEqual(await persons(), [], "without --names, the built-in list alone");
      });

      it("refuses a file it cannot read and changes nothing", async () => {
        const before = await counts();
        const broken = await cli([
          "guard",
          "names",
          "import",
          write("broken.csv", "sexe;preusuel;annais;nombre\n2;ORLANE;2001;900\n2;ORLANE;2002\n"),
        ]);
        assert.equal(broken.code, 1);
        assert.match(
          broken.stderr,
          /Ligne 3 : 4 colonne\(s\) attendue\(s\)\. Rien n'a été importé\./,
        );
        const unknown = await cli([
          "guard",
          "names",
          "import",
          write("other.csv", "id,texte\n1,a\n"),
        ]);
        assert.equal(unknown.code, 1);
        assert.match(unknown.stderr, /Format de fichier non reconnu/);
        const mismatch = await cli([
          "guard",
          "names",
          "import",
          path.join(location.dataDir, "noms2008nat_txt.txt"),
          "--kind",
          "first",
        ]);
        assert.equal(mismatch.code, 1);
        assert.match(mismatch.stderr, /le fichier des noms de famille : l'option --kind first/);
        const missing = await cli([
          "guard",
          "names",
          "import",
          write("rares.csv", "Orlane;12\n"),
          "--kind",
          "first",
        ]);
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /l'import précédent est conservé/);
        assert.deepEqual(await counts(), before);
        assert.deepEqual(await persons("--names"), [
          "Zorblaxine Quirvandel",
          "Vrillanne DUPONTRAXEL",
        ]);
      });

      it("replaces the previous import of a kind with a plain list", async () => {
        const list = write("prenoms.txt", "Orlane;800\nVrillanne\n");
        const run = await cli(["guard", "names", "import", list, "--kind", "first"]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /Prénoms importés : 2\./);
        assert.deepEqual(await persons("--names"), ["Vrillanne DUPONTRAXEL"], "Zorblaxine is gone");
        assert.equal((await counts()).first, 2);
      });

      it("says what is wrong with the command line", async () => {
        assert.equal((await cli(["guard", "names", "import"])).code, 2);
        assert.equal(
          (await cli(["guard", "names", "import", "x.csv", "--kind", "middle"])).code,
          2,
        );
        assert.equal(
          (await cli(["guard", "names", "import", "x.csv", "--min-bearers", "many"])).code,
          2,
        );
        assert.equal((await cli(["guard", "names", "rename"])).code, 2);
        const absent = await cli([
          "guard",
          "names",
          "import",
          path.join(location.dataDir, "absent.csv"),
        ]);
        assert.equal(absent.code, 1);
        assert.match(absent.stderr, /introuvable/);
      });

      it("clears one kind, then both", async () => {
        const last = await cli(["guard", "names", "clear", "--kind", "last"]);
        assert.equal(last.code, 0, last.stderr);
        assert.match(last.stdout, /1 nom\(s\) supprimé\(s\)/);
        assert.equal((await counts()).last, 0);
        assert.match((await cli(["guard", "names", "clear"])).stdout, /2 nom\(s\) supprimé\(s\)/);
        assert.deepEqual(await persons("--names"), []);
      });
    });
  }
});

/** How many first names the built-in list holds (status reports it). */
async function builtin(): Promise<number> {
  const { FIRST_NAMES } = await import("../../src/guard/recognizers/first-names.js");
  return FIRST_NAMES.size;
}
