/**
 * Derives the place names Beffroi ships (src/guard/data/places.txt): French
 * communes of 1,000 inhabitants or more, former communes merged into another
 * (communes déléguées and associées), départements and régions, folded.
 * A town's name is not a person's ("Roubaix", "Lille" are surnames too):
 * the PERSON recognizer reads a capitalised place name as a place unless a
 * civility or a first name says otherwise.
 *
 *   npm pack @etalab/decoupage-administratif && tar xzf etalab-*.tgz
 *   node --import tsx scripts/derive-places.ts package/data
 *
 * The data come from INSEE's Code officiel géographique, as published by
 * Etalab in the `@etalab/decoupage-administratif` package (MIT; the
 * underlying data under Licence Ouverte 2.0).
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nameKeys } from "../src/guard/fold.js";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node --import tsx scripts/derive-places.ts FOLDER_OF_communes.json");
  process.exit(2);
}
const MIN_POPULATION = 1000;

const read = (file: string) =>
  JSON.parse(readFileSync(join(folder, file), "utf8")) as {
    nom: string;
    type?: string;
    population?: number;
  }[];

const places = new Set<string>();
for (const commune of read("communes.json")) {
  if (commune.type !== "commune-actuelle" || (commune.population ?? 0) >= MIN_POPULATION) {
    for (const key of nameKeys(commune.nom)) places.add(key);
  }
}
for (const file of ["departements.json", "regions.json"]) {
  for (const entry of read(file)) for (const key of nameKeys(entry.nom)) places.add(key);
}
const sorted = [...places].sort();
const header = [
  `# Places of France: ${sorted.length} names, folded (lowercase, no accents).`,
  `# Derived on ${new Date().toISOString().slice(0, 10)} by scripts/derive-places.ts from INSEE's Code officiel`,
  `# géographique as published in @etalab/decoupage-administratif 6.0.0 (Licence Ouverte 2.0):`,
  `# communes of ${MIN_POPULATION} inhabitants or more, communes déléguées and associées, départements and régions.`,
].join("\n");
writeFileSync(
  new URL("../src/guard/data/places.txt", import.meta.url),
  `${header}\n${sorted.join("\n")}\n`,
);
console.log(`places.txt: ${sorted.length}`);
