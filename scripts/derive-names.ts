/**
 * Derives the name lists Beffroi ships (src/guard/data/first-names.txt and
 * surnames.txt) from INSEE's open files, so that the guard knows the names
 * borne in France as installed, without a manual import.
 *
 *   node --import tsx scripts/derive-names.ts [FOLDER]
 *
 * FOLDER holds `prenoms.csv` and `noms.csv` (`NAME,count` lines, as
 * ../shared/data/insee-noms holds them: INSEE's "Fichier des prénoms"
 * 1900–2022 and "Les noms de famille en France" 1891–2000, Licence Ouverte
 * 2.0). Names are folded (lowercase, accents removed), kept from a number of
 * bearers on (rarer ones look like something else more often than like a
 * person), and written one per line, most borne first. `beffroi guard
 * names import` adds newer or fuller files on top of these.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nameKeys } from "../src/guard/fold.js";

const folder =
  process.argv[2] ?? new URL("../../shared/data/insee-noms/", import.meta.url).pathname;
const target = new URL("../src/guard/data/", import.meta.url).pathname;

/** Bearers from which a name is kept. */
const MIN_BEARERS = { first: 20, last: 50 } as const;

/** Letters, with hyphens, apostrophes or single spaces between them; at least two letters. */
const NAME = /^[a-z]+(?:[-' ][a-z]+)*$/;

function derive(file: string, minBearers: number): string[] {
  const counts = new Map<string, number>();
  for (const line of readFileSync(join(folder, file), "utf8").split("\n")) {
    const comma = line.lastIndexOf(",");
    if (comma < 0) continue;
    const bearers = Number(line.slice(comma + 1));
    for (const name of nameKeys(line.slice(0, comma))) {
      if (!Number.isFinite(bearers) || name.length < 2 || !NAME.test(name)) continue;
      counts.set(name, (counts.get(name) ?? 0) + bearers);
    }
  }
  return [...counts]
    .filter(([, bearers]) => bearers >= minBearers)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name]) => name);
}

const today = new Date().toISOString().slice(0, 10);
const header = (what: string, source: string, min: number, count: number) =>
  [
    `# ${what}: ${count} names, folded (lowercase, no accents), most borne first.`,
    `# Derived on ${today} by scripts/derive-names.ts from ${source}`,
    "# (INSEE, Licence Ouverte 2.0 / Etalab), keeping names borne by at least",
    `# ${min} people. Update: rerun the script on newer files, or import them with`,
    "# `beffroi guard names import`.",
  ].join("\n");

for (const [kind, file, output, what, source] of [
  [
    "first",
    "prenoms.csv",
    "first-names.txt",
    "First names given in France",
    "INSEE's « Fichier des prénoms » (births 1900–2022)",
  ],
  [
    "last",
    "noms.csv",
    "surnames.txt",
    "Surnames borne in France",
    "INSEE's « Les noms de famille en France » (births 1891–2000)",
  ],
] as const) {
  const min = MIN_BEARERS[kind];
  const names = derive(file, min);
  writeFileSync(
    join(target, output),
    `${header(what, source, min, names.length)}\n${names.join("\n")}\n`,
  );
  console.log(`${output}: ${names.length}`);
}
