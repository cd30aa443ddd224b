import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The official geography as `@etalab/decoupage-administratif` ships it
 * (INSEE's code officiel géographique, La Poste's postal codes, the DGCL's
 * EPCI; MIT). Its index.js reads its files relative to the process's working
 * directory, so the files are read here, from where the package lies.
 */
export interface OfficialData {
  communes: CommuneRow[];
  epci: EpciRow[];
  departements: DepartementRow[];
  regions: RegionRow[];
}

export interface CommuneRow {
  code: string;
  name: string;
  departement: string;
  region: string;
  postcodes: string[];
  population: number;
  /** For a municipal arrondissement, the code of its commune (Paris, Lyon, Marseille). */
  commune: string | undefined;
}

export interface EpciRow {
  code: string;
  name: string;
  /** CC, CA, CU, METRO or MET69. */
  type: string;
  population: number;
  members: string[];
}

export interface DepartementRow {
  code: string;
  name: string;
  region: string;
}

export interface RegionRow {
  code: string;
  name: string;
}

type Row = Record<string, unknown>;

export function readOfficialData(): OfficialData {
  const require = createRequire(import.meta.url);
  const folder = join(
    dirname(require.resolve("@etalab/decoupage-administratif/package.json")),
    "data",
  );
  const rows = (file: string): Row[] => {
    const value: unknown = JSON.parse(readFileSync(join(folder, file), "utf8"));
    if (!Array.isArray(value)) throw new Error(`${file}: not a list`);
    return value.map((row, index) => {
      if (typeof row !== "object" || row === null) throw new Error(`${file}: row ${index}`);
      return row as Row;
    });
  };
  const communes: CommuneRow[] = [];
  for (const row of rows("communes.json")) {
    // Delegated and associated communes are former communes merged into another: not places to govern.
    const type = row.type;
    if (type !== "commune-actuelle" && type !== "arrondissement-municipal") continue;
    communes.push({
      code: text(row, "code"),
      name: text(row, "nom"),
      departement: text(row, "departement"),
      region: text(row, "region"),
      postcodes: texts(row, "codesPostaux"),
      population: count(row, "population"),
      commune: type === "arrondissement-municipal" ? text(row, "commune") : undefined,
    });
  }
  return {
    communes,
    epci: rows("epci.json").map((row) => ({
      code: text(row, "code"),
      name: text(row, "nom"),
      type: text(row, "type"),
      population: count(row, "populationMunicipale"),
      members: list(row, "membres").map((member) => text(member, "code")),
    })),
    departements: rows("departements.json").map((row) => ({
      code: text(row, "code"),
      name: text(row, "nom"),
      region: text(row, "region"),
    })),
    regions: rows("regions.json").map((row) => ({
      code: text(row, "code"),
      name: text(row, "nom"),
    })),
  };
}

function text(row: Row, field: string): string {
  const value = row[field];
  if (typeof value !== "string")
    throw new Error(`${field}: not a string in ${JSON.stringify(row)}`);
  return value;
}

/** A few communes (uninhabited since 1916, or just created) have no population or postal code. */
function count(row: Row, field: string): number {
  const value = row[field];
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function texts(row: Row, field: string): string[] {
  const value = row[field];
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}

function list(row: Row, field: string): Row[] {
  const value = row[field];
  if (!Array.isArray(value)) throw new Error(`${field}: not a list`);
  return value.filter((item): item is Row => typeof item === "object" && item !== null);
}
