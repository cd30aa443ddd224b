/**
 * French places: the communes (and the municipal arrondissements of Paris,
 * Lyon and Marseille), EPCI, départements and régions of the official
 * geography (`@etalab/decoupage-administratif`), found in a text and placed
 * in their hierarchy. A name the data does not hold is not a place.
 *
 * Matching ignores case and accents, reads hyphens, spaces and apostrophes
 * alike ("l'Haÿ-les-Roses", "st etienne", "SAINT ETIENNE"), "St"/"Ste" as
 * Saint/Sainte, and the article a contraction holds ("au Havre", "aux
 * Sables-d'Olonne"). Besides official names: an EPCI's type spelt out
 * ("Communauté de communes …"), its name without its type when that has two
 * words or more ("Grand Avignon"), what its name holds in parentheses
 * ("CCEL"), "Métropole de X"/"X Métropole", "Grand Lyon", "Paris 15e"/"15e
 * arrondissement de Paris", AURA, PACA, Région Sud, IDF and BFC.
 *
 * Precision matters as much as recall: thousands of communes are named like
 * a word ("Vue", "Prix", "Sens", "Orange", "Moulins") or a person.
 * - A name "like a word" has only words of French among its content words
 *   (the word list the guard reads, `an-array-of-french-words`, every
 *   inflection: "paris", "havre" and "vienne" are words), or three letters
 *   or fewer ("Apt", "Pau"), and is written as a phrase could be: not with
 *   hyphens between its words, not with a capital on each ("Seine-Saint-Denis",
 *   "Grand Est" are names). It is a place when capitalised after a cue (a
 *   preposition: "à", "de", "dans", "sur", "vers"…; a word of place:
 *   "habite", "commune de", "mairie de", "née à", "région"; a list of places
 *   it continues: "à Lyon, Sens et Orange"); when a département or a région
 *   follows its article ("la Manche"); when a commune of 20,000 inhabitants
 *   or more follows a word of place even in lower case ("j'habite à sens");
 *   when a city of 100,000 or more is capitalised inside a sentence ("voir
 *   Paris"). In capitals, a capital says nothing ("À SON RDV").
 * - A name of one or two letters ("Y", "Eu") needs its postal code or its
 *   département's number beside it. Beside a name, these settle any name
 *   ("84100 Orange", "Saint-Denis (93)", "44404 REZÉ CEDEX") and keep only
 *   the communes that fit.
 * - Any other name is a place in any case ("villeurbanne"); a commune of
 *   fewer than 5,000 inhabitants needs a capital or a cue ("target").
 * - A commune's article is in its name: after another article, a
 *   contraction or "en", a name is a département, a région or an EPCI ("la
 *   Vienne", "du Val-d'Oise", "en Savoie"; "la Ville de Paris" names no
 *   commune Ville), and after "à" a commune ("à Vienne"). A commune named
 *   like a word, with its article in lower case or contracted, is a city of
 *   100,000 or a town of 20,000 ("le Havre", "au Havre"; not "l'Union
 *   européenne", "du Port autonome"). A country's name is the country ("en
 *   Suisse", "de Suisse") unless a word of place or a code says otherwise.
 * - Not a place: after a person's title or a maiden name ("M. Laval", "née
 *   Bouchet", "da Costa"), a street's type or a building ("rue de Paris",
 *   "l'Hôtel de Ville", "l'église Saint-Pierre"); a one-word name with no
 *   cue beside a capitalised word that begins no place ("Nancy Dupont",
 *   "Aminata Koné"); a short word in capitals with no cue ("PACE", "DROM");
 *   part of a compound word ("Saint-Pol-sur-Mer", "Vallières-sur-Ardour"),
 *   unless it joins two places ("Le Mans-Sarthe"); in a web or e-mail
 *   address or an HTML tag.
 * - Numbers are places only when their neighbours say so (`code-mentions.ts`):
 *   a postal code with "cedex", a commune it serves, "CP", a word of place,
 *   or last in a question; a département's number after "département", in
 *   parentheses after a name, after "dans le" or "habitants du", or opening
 *   a sentence ("Le 93 est…"), never as a date, an amount or an address
 *   ("avant le 15.", "du 12 au 15", "le 75 rue").
 * First names that are not words ("Nancy", "Mathieu") are not known here:
 * the guard's list of first names is the guard's, and knowledge never
 * imports the guard.
 *
 * Loading, once per process: 0.4 s and 12 MB of heap kept (35,014
 * communes and arrondissements, 1,255 EPCI, 109 départements, 26 régions,
 * 6,310 postal codes, 36,600 names; reading the files takes the process to
 * 160 MB resident while it lasts), measured with Node 20 on a 2-vCPU
 * machine that parses communes.json alone in 0.085 s and loads the guard's
 * lexicon in 0.57 s (0.3 s where that was measured). `find` reads 3 to 4 MB
 * a second there, and crafted text (the longest name repeated, words in
 * capitals, "<" and "@" by the thousand) at least 2 MB.
 */
import { Gazetteer } from "./gazetteer.js";
import { readOfficialData } from "./official-data.js";
import { type FindOptions, findPlaces } from "./recogniser.js";
import type { PlaceMention, Territory, TerritoryKind } from "./territory.js";

/** French places found in a text, and their hierarchy (see the module's comment). */
export interface Places {
  /**
   * The places a text names, in order. One pass over its words, each name
   * looked up word by word in one map of folded names (longest first, 15
   * words at most): linear in the text's length, whatever it holds. It runs
   * on the caller's thread: pass a question or a passage's head, not a
   * whole library (a megabyte takes a quarter of a second).
   */
  find(text: string, options?: FindOptions): PlaceMention[];
  /**
   * The territories above one, smallest first: commune → (the commune of an
   * arrondissement) → EPCI → département → région; EPCI → the départements
   * and régions of its communes; département → région.
   */
  parents(territory: Territory): Territory[];
  /** Whether every commune of `inner` lies in `outer`; every territory contains itself. */
  contains(outer: Territory, inner: Territory): boolean;
  byCode(kind: TerritoryKind, code: string): Territory | undefined;
}

class FrenchPlaces implements Places {
  constructor(private readonly gazetteer: Gazetteer) {}

  find(text: string, options?: FindOptions): PlaceMention[] {
    return findPlaces(this.gazetteer, text, options);
  }

  byCode(kind: TerritoryKind, code: string): Territory | undefined {
    const id = this.gazetteer.id(kind, code);
    return id === undefined ? undefined : this.gazetteer.territories[id];
  }

  parents(territory: Territory): Territory[] {
    const { gazetteer } = this;
    const id = gazetteer.id(territory.kind, territory.code);
    if (id === undefined) return [];
    const ids: number[] = [];
    switch (territory.kind) {
      case "commune": {
        const commune = gazetteer.communeOf[id] ?? -1;
        const own = commune >= 0 ? commune : id;
        ids.push(commune, gazetteer.epciOf[own] ?? -1);
        ids.push(gazetteer.departementOf[id] ?? -1, gazetteer.regionOf[id] ?? -1);
        break;
      }
      case "epci": {
        const members = gazetteer.communesOf(id);
        ids.push(
          ...distinct(members, gazetteer.departementOf),
          ...distinct(members, gazetteer.regionOf),
        );
        break;
      }
      case "departement":
        ids.push(gazetteer.regionOf[id] ?? -1);
        break;
      case "region":
        break;
    }
    return ids.flatMap((parent) => {
      const found = parent >= 0 ? gazetteer.territories[parent] : undefined;
      return found ? [found] : [];
    });
  }

  contains(outer: Territory, inner: Territory): boolean {
    const { gazetteer } = this;
    const outerId = gazetteer.id(outer.kind, outer.code);
    const innerId = gazetteer.id(inner.kind, inner.code);
    if (outerId === undefined || innerId === undefined) return false;
    if (outerId === innerId) return true;
    if (inner.kind === "departement" && outer.kind === "region") {
      return gazetteer.regionOf[innerId] === outerId;
    }
    const communes = gazetteer.communesOf(innerId);
    if (communes.length === 0) return false;
    return communes.every((commune) => this.holds(outerId, outer.kind, commune));
  }

  /** Whether a commune (or a municipal arrondissement) lies in a territory. */
  private holds(outer: number, kind: TerritoryKind, commune: number): boolean {
    const { gazetteer } = this;
    const parent = gazetteer.communeOf[commune] ?? -1;
    switch (kind) {
      case "commune":
        return commune === outer || parent === outer;
      case "epci":
        return gazetteer.epciOf[parent >= 0 ? parent : commune] === outer;
      case "departement":
        return gazetteer.departementOf[commune] === outer;
      case "region":
        return gazetteer.regionOf[commune] === outer;
    }
  }
}

/** The distinct values of `of` over `ids`, most frequent first. */
function distinct(ids: Int32Array, of: Int32Array): number[] {
  const counts = new Map<number, number>();
  for (const id of ids) {
    const value = of[id] ?? -1;
    if (value >= 0) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([value]) => value);
}

let loaded: Places | undefined;

/** The places, read from the official data at first call and kept for the process. */
export function loadPlaces(): Places {
  loaded ??= new FrenchPlaces(new Gazetteer(readOfficialData()));
  return loaded;
}
