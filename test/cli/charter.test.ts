import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { templateYaml } from "../../src/charter/index.js";
import { runIn } from "../support/cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "beffroi-charter-cli-"));
const env: NodeJS.ProcessEnv = {
  BEFFROI_DATA_DIR: path.join(dir, "data"),
  BEFFROI_LOG_LEVEL: "silent",
};

/** Runs `beffroi charter …` in-process on this test's folder. */
const run = (...args: string[]) => runIn(dir, ["charter", ...args], env);

describe("beffroi charter", () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("shows the installed charter, applies a new version and lists both", async () => {
    const shown = await run("show");
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /version 1 — Charte d'usage de l'IA générative/);
    assert.ok(shown.stdout.includes(templateYaml("balanced")));

    const template = await run("template", "strict");
    assert.equal(template.stdout, templateYaml("strict"));
    assert.equal((await run("template", "laxiste")).code, 1);

    const file = path.join(dir, "charte.yaml");
    writeFileSync(file, template.stdout);
    const applied = await run("apply", file);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(
      applied.stdout,
      /version 2 \(modifié : title, principles, toolUse, dataMatrix, quotas, sobriety\)/,
    );

    writeFileSync(file, "principles: ''\n");
    const refused = await run("apply", file);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /Charte invalide : principles : le texte des principes est obligatoire/,
    );

    const versions = await run("versions");
    assert.match(
      versions.stdout,
      /^version 2 — .* — Charte d'usage de l'IA générative \(stricte\)/m,
    );
    assert.match(versions.stdout, /^version 1 — /m);
    assert.match((await run("show", "--version", "1")).stdout, /version 1/);
  });
});
