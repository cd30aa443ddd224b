import { KNOWN_ACRONYMS } from "../analysis/acronyms.js";
import type { OfficialData } from "./official-data.js";
import { contentWords, nameKey, nameWords } from "./place-names.js";
import type { Territory, TerritoryKind } from "./territory.js";

/**
 * Usual names the official files do not hold. Kept to what everyone writes:
 * the data is the list of places, this is not a second one.
 */
const REGION_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ["AURA", "84"],
  ["PACA", "93"],
  ["Région Sud", "93"],
  ["IDF", "11"],
  ["BFC", "27"],
];
const EPCI_ALIASES: ReadonlyArray<readonly [string, string]> = [["Grand Lyon", "200046977"]];

const EPCI_TYPES: Readonly<Record<string, string>> = {
  CC: "Communauté de communes",
  CA: "Communauté d'agglomération",
  CU: "Communauté urbaine",
};
const ACRONYM_SHAPE = /^[A-Z][A-Z0-9]{2,}$/;

/** What the collector needs of the territories already numbered. */
interface Numbered {
  readonly territories: readonly Territory[];
  readonly population: Int32Array;
  id(kind: TerritoryKind, code: string): number | undefined;
  communesOf(id: number): Int32Array;
}

/** The names of every territory, official and usual, keyed by their folded words. */
export class NameCollector {
  /** Name key → the territory bearing it, or the territories (several communes share a name). */
  readonly entries = new Map<string, number | number[]>();
  /** Keys spelt as acronyms somewhere ("AURA", "CCEL"). */
  readonly acronyms = new Set<string>();
  /** Keys that only usual names gave: another usual name may share them, an official name wins. */
  private readonly usualKeys = new Set<string>();

  constructor(private readonly territories: Numbered) {}

  collect(data: OfficialData): void {
    const { territories } = this;
    territories.territories.forEach((territory, id) => {
      const name = territory.kind === "epci" ? withoutParentheses(territory.name) : territory.name;
      this.add(nameKey(name), id);
    });
    // Usual names, each only where no official name is keyed the same.
    for (const [alias, code] of REGION_ALIASES) this.usual("region", code, alias);
    for (const [alias, code] of EPCI_ALIASES) this.usual("epci", code, alias);
    for (const row of data.communes) {
      // "Paris 15e Arrondissement" is written "Paris 15e" or "15e arrondissement de Paris".
      const arrondissement = row.commune && /^(.+) (\d+)(?:er|e) Arrondissement$/.exec(row.name);
      if (!arrondissement) continue;
      const [, city = "", number = ""] = arrondissement;
      this.usual("commune", row.code, `${city} ${number}e`);
      this.usual("commune", row.code, `${number}e arrondissement de ${city}`);
    }
    for (const row of data.epci) {
      for (const alias of epciAliases(row.name)) this.usual("epci", row.code, alias);
      if (row.type !== "METRO" && row.type !== "MET69") continue;
      const centre = this.largestMember(row.code);
      if (!centre) continue;
      const de = /^[aeiouyh]/i.test(nameKey(centre)) ? "d'" : "de ";
      this.usual("epci", row.code, `Métropole ${de}${centre}`);
      this.usual("epci", row.code, `${centre} Métropole`);
    }
  }

  private usual(kind: TerritoryKind, code: string, name: string): void {
    const id = this.territories.id(kind, code);
    const key = nameKey(name);
    if (id === undefined || key === "") return;
    if (this.entries.has(key) && !this.usualKeys.has(key)) return;
    this.usualKeys.add(key);
    if (ACRONYM_SHAPE.test(name) && !KNOWN_ACRONYMS.has(key)) this.acronyms.add(key);
    this.add(key, id);
  }

  private add(key: string, id: number): void {
    const ids = this.entries.get(key);
    if (ids === undefined) this.entries.set(key, id);
    else if (typeof ids === "number") {
      if (ids !== id) this.entries.set(key, [ids, id]);
    } else if (!ids.includes(id)) ids.push(id);
  }

  private largestMember(code: string): string | undefined {
    const { territories } = this;
    const id = territories.id("epci", code);
    if (id === undefined) return undefined;
    let largest = -1;
    for (const member of territories.communesOf(id)) {
      if (
        largest < 0 ||
        (territories.population[member] ?? 0) > (territories.population[largest] ?? 0)
      ) {
        largest = member;
      }
    }
    return territories.territories[largest]?.name;
  }
}

function withoutParentheses(name: string): string {
  return name
    .replace(/\([^()]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * How an EPCI is written besides its official name: its type spelt out
 * ("CC Faucigny - Glières" → "Communauté de communes Faucigny - Glières"),
 * its name without its type when that has two words or more ("CA du Grand
 * Avignon" → "Grand Avignon"; "CA du Sud" is not "Sud"), and
 * what its official name holds in parentheses ("(CCEL)", "(Cap
 * Atlantique)"), unless that is three letters or fewer ("(AME)" is also the
 * Aide médicale de l'État) or an acronym of public services.
 */
function epciAliases(official: string): string[] {
  const aliases: string[] = [];
  const base = withoutParentheses(official);
  const typed = /^(CC|CA|CU) (.+)$/.exec(base);
  if (typed) {
    const [, type = "", rest = ""] = typed;
    aliases.push(`${EPCI_TYPES[type]} ${rest}`);
    const bare = rest.replace(/^(?:de la |de l'|de l’|de |du |des |d'|d’)/i, "");
    // Alone, one word is too often something else ("CA du Sud": "Asie du Sud-Est").
    if (contentWords(nameWords(bare)).length >= 2) aliases.push(bare);
  }
  for (const [, inner = ""] of official.matchAll(/\(([^()]*)\)/g)) {
    const words = nameWords(inner);
    const single = words.length === 1 ? (words[0] ?? "") : "";
    if (words.join("").length < 4 || KNOWN_ACRONYMS.has(single)) continue;
    aliases.push(inner.trim());
  }
  return aliases;
}
