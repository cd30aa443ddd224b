import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { runIn } from "../support/cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "beffroi-impact-cli-"));
const env: NodeJS.ProcessEnv = {
  BEFFROI_DATA_DIR: path.join(dir, "data"),
  BEFFROI_LOG_LEVEL: "silent",
};

/** Runs `beffroi impact …` in-process on this test's folder. */
const run = (args: string[]) => runIn(dir, ["impact", ...args], env);

const MISTRAL_7B = [
  "estimate",
  "--active",
  "7.3",
  "--total",
  "7.3",
  "--tokens",
  "200",
  "--latency",
  "5",
  "--zone",
  "SWE",
  "--pue",
  "1.16",
];

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) <= 1e-6 * Math.abs(expected), `${actual} vs ${expected}`);

describe("beffroi impact estimate", () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("says the figures in French: Wh, gCO2e and what they amount to", async () => {
    const result = await run(MISTRAL_7B);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /méthode EcoLogits 0\.9, électricité de la zone SWE/);
    assert.match(result.stdout, /énergie consommée : 0,0141 Wh/);
    assert.match(result.stdout, /0,00123 gCO2e/);
    assert.match(result.stdout, /ampoule LED de 5 W allumée 0,17 minute/);
    assert.match(result.stdout, /sans l'eau consommée sur le site/);
  });

  it("gives the raw result with --json, ranges included", async () => {
    const result = await run([
      "estimate",
      "--active",
      "44-132",
      "--total",
      "440",
      "--tokens",
      "1000",
      "--latency",
      "100",
      "--zone",
      "USA",
      "--pue",
      "1.09-1.14",
      "--wue",
      "0.13-0.999",
      "--json",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const estimate = JSON.parse(result.stdout);
    assert.equal(estimate.method, "ecologits-0.9");
    close(estimate.energy.min, 1.930526e-3);
    close(estimate.energy.max, 3.297721e-3);
    close(estimate.gwp.total.min, 9.00942e-4);
    close(estimate.gwp.total.max, 1.496454e-3);
    assert.equal(estimate.water.onSiteCounted, true);
    assert.ok(estimate.equivalents.ledBulbMinutes.max > estimate.equivalents.ledBulbMinutes.min);
  });

  it("takes a dense model's total as its active count, and a decimal comma", async () => {
    const result = await run([
      "estimate",
      "--active",
      "7,3",
      "--tokens",
      "200",
      "--latency",
      "5",
      "--zone",
      "swe",
      "--pue",
      "1,16",
      "--json",
    ]);
    assert.equal(result.code, 0, result.stderr);
    close(JSON.parse(result.stdout).energy.min, 1.414319e-5);
  });

  it("refuses bad options in French with exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["estimate", "--active", "7", "--tokens", "10", "--zone", "FRA"], /manquante : --pue/],
      [
        ["estimate", "--active", "beaucoup", "--tokens", "10", "--zone", "FRA", "--pue", "1.2"],
        /--active : « beaucoup »/,
      ],
      [
        ["estimate", "--active", "132-44", "--tokens", "10", "--zone", "FRA", "--pue", "1.2"],
        /--active : le minimum dépasse le maximum/,
      ],
      [
        ["estimate", "--active", "7", "--tokens", "10.5", "--zone", "FRA", "--pue", "1.2"],
        /--tokens/,
      ],
      [["estimate", "--active", "7", "--tokens", "10", "--zone", "FRA", "--pue", "0.8"], /--pue/],
      [
        ["estimate", "--active", "7", "--tokens", "10", "--zone", "CHN", "--pue", "1.2"],
        /Zone électrique inconnue : « CHN ».*FRA, SWE, DEU, IRL, USA, WOR/,
      ],
      [
        [
          "estimate",
          "--active",
          "7",
          "--tokens",
          "10",
          "--zone",
          "FRA",
          "--pue",
          "1.2",
          "--gpu",
          "8",
        ],
        /option inconnue/,
      ],
      [["compare"], /Commande inconnue : impact compare/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      assert.equal(result.code, 2, args.join(" "));
      assert.equal(result.stdout, "");
      assert.match(result.stderr, /^Erreur : /);
      assert.match(result.stderr, message);
    }
  });
});
