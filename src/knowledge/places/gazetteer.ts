import { NameCollector } from "./name-collector.js";
import { NameIndex } from "./name-index.js";
import type { OfficialData } from "./official-data.js";
import type { Territory, TerritoryKind } from "./territory.js";

const RANKS: Readonly<Record<TerritoryKind, number>> = {
  commune: 0,
  departement: 1,
  region: 2,
  epci: 3,
};

/**
 * The official geography as compact tables. Territories are numbered:
 * communes (and municipal arrondissements) first, then EPCI, départements
 * and régions, so that typed arrays indexed by id hold the hierarchy.
 */
export class Gazetteer {
  readonly territories: Territory[] = [];
  readonly population: Int32Array;
  /** Commune → its département's id; others → -1. */
  readonly departementOf: Int32Array;
  /** Commune or département → its région's id. */
  readonly regionOf: Int32Array;
  /** Commune → its EPCI's id, or -1 (islands, overseas collectivities, arrondissements). */
  readonly epciOf: Int32Array;
  /** Municipal arrondissement → its commune's id; others → -1. */
  readonly communeOf: Int32Array;
  /** The names of every territory, official and usual. */
  readonly names: NameIndex;
  /** Postal code → the communes it serves, most populous first. */
  readonly postcodes = new Map<string, Int32Array>();
  /** Folded département number ("74", "2a", "974") → its id. */
  readonly departementCodes = new Map<string, number>();
  readonly firstEpci: number;
  readonly firstDepartement: number;
  readonly firstRegion: number;
  /** EPCI, département, région → the communes in it (not the arrondissements). */
  private readonly communesIn = new Map<number, Int32Array>();
  private readonly byCode = new Map<TerritoryKind, Map<string, number>>(
    (["commune", "epci", "departement", "region"] as const).map((kind) => [kind, new Map()]),
  );

  constructor(data: OfficialData) {
    const total =
      data.communes.length + data.epci.length + data.departements.length + data.regions.length;
    this.population = new Int32Array(total);
    this.departementOf = new Int32Array(total).fill(-1);
    this.regionOf = new Int32Array(total).fill(-1);
    this.epciOf = new Int32Array(total).fill(-1);
    this.communeOf = new Int32Array(total).fill(-1);
    this.firstEpci = data.communes.length;
    this.firstDepartement = this.firstEpci + data.epci.length;
    this.firstRegion = this.firstDepartement + data.departements.length;

    for (const row of data.communes) this.add("commune", row.code, row.name, row.population);
    for (const row of data.epci) this.add("epci", row.code, row.name, row.population);
    for (const row of data.departements) this.add("departement", row.code, row.name, 0);
    for (const row of data.regions) this.add("region", row.code, row.name, 0);
    this.link(data);
    this.indexPostcodes(data);

    const collector = new NameCollector(this);
    collector.collect(data);
    this.names = new NameIndex(collector, this.compare);
  }

  id(kind: TerritoryKind, code: string): number | undefined {
    return this.byCode.get(kind)?.get(code);
  }

  kindOf(id: number): TerritoryKind {
    if (id < this.firstEpci) return "commune";
    if (id < this.firstDepartement) return "epci";
    return id < this.firstRegion ? "departement" : "region";
  }

  isCommune(id: number): boolean {
    return id < this.firstEpci;
  }

  /** A commune's département, a département itself; -1 for others. */
  departementOfTerritory(id: number): number {
    return id >= this.firstDepartement && id < this.firstRegion
      ? id
      : (this.departementOf[id] ?? -1);
  }

  /** The départements a five-digit code may start with: "44" → 44, "97400" → 974, "20000" → 2A or 2B. */
  departementsOfCode(code: string): number[] {
    const prefixes = code.startsWith("20")
      ? ["2a", "2b"]
      : [code.startsWith("97") || code.startsWith("98") ? code.slice(0, 3) : code.slice(0, 2)];
    return prefixes.flatMap((prefix) => {
      const id = this.departementCodes.get(prefix);
      return id === undefined ? [] : [id];
    });
  }

  /** The communes a territory covers (a commune or an arrondissement covers itself). */
  communesOf(id: number): Int32Array {
    return this.communesIn.get(id) ?? Int32Array.of(id);
  }

  /** Most populous first; on a tie, commune, département, région, EPCI. */
  readonly compare = (a: number, b: number): number =>
    (this.population[b] ?? 0) - (this.population[a] ?? 0) ||
    RANKS[this.kindOf(a)] - RANKS[this.kindOf(b)] ||
    a - b;

  private add(kind: TerritoryKind, code: string, name: string, population: number): void {
    const id = this.territories.length;
    this.territories.push(Object.freeze({ kind, code, name }));
    this.population[id] = population;
    this.byCode.get(kind)?.set(code, id);
  }

  private link(data: OfficialData): void {
    const inDepartement = new Map<number, number[]>();
    const inRegion = new Map<number, number[]>();
    data.departements.forEach((row, index) => {
      const id = this.firstDepartement + index;
      this.regionOf[id] = this.id("region", row.region) ?? -1;
      const code = row.code.toLowerCase();
      if (code.length >= 2) this.departementCodes.set(code, id);
    });
    data.communes.forEach((row, id) => {
      const departement = this.id("departement", row.departement) ?? -1;
      const region = this.id("region", row.region) ?? -1;
      this.departementOf[id] = departement;
      this.regionOf[id] = region;
      if (row.commune !== undefined) {
        this.communeOf[id] = this.id("commune", row.commune) ?? -1;
        return;
      }
      append(inDepartement, departement, id);
      append(inRegion, region, id);
      this.population[departement] = (this.population[departement] ?? 0) + row.population;
      this.population[region] = (this.population[region] ?? 0) + row.population;
    });
    data.epci.forEach((row, index) => {
      const id = this.firstEpci + index;
      const members: number[] = [];
      for (const code of row.members) {
        const member = this.id("commune", code);
        if (member === undefined) continue;
        members.push(member);
        this.epciOf[member] = id;
      }
      this.communesIn.set(id, Int32Array.from(members));
    });
    for (const [id, list] of [...inDepartement, ...inRegion]) {
      if (id >= 0) this.communesIn.set(id, Int32Array.from(list));
    }
  }

  private indexPostcodes(data: OfficialData): void {
    const served = new Map<string, number[]>();
    data.communes.forEach((row, id) => {
      for (const code of row.postcodes) append(served, code, id);
    });
    for (const [code, ids] of served) {
      this.postcodes.set(code, Int32Array.from(ids).sort(this.compare));
    }
  }
}

function append<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
