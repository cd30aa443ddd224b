import type { FindOptions, Places, Territory } from "./places/index.js";

/**
 * Where a question is asked from, and which passages are about that place.
 *
 * A question that names a place ("j'habite à Villeurbanne", "dans le 74")
 * is asked from it: a passage about a territory that contains it (the
 * commune, its EPCI, its département, its région) is about the asker; a
 * passage about another territory is not; a passage that names none applies
 * everywhere (a national text). What a passage is about is read from its
 * document's title and its first lines, where a sheet names its institution
 * ("CAF de la Haute-Savoie", "Région Occitanie"), not from a place named in
 * passing further down.
 */
export type Locality = "local" | "elsewhere" | "everywhere";

/** Characters of a passage read for its territory, after its title. */
const HEAD = 400;

/** Places of a question read as where it is asked from, at most (the first ones). */
const MAX_MENTIONS = 8;

/** Passages whose territories are remembered, at most (then forgotten, all at once). */
const CACHE = 20_000;

export class Territories {
  readonly #cache = new Map<string, Territory[]>();

  /**
   * `load` gives the places at first use (reading them takes a fifth of a
   * second, once a process); `options` what the official geography does not
   * know (first names, see `FindOptions`).
   */
  constructor(
    private readonly load: () => Places,
    private readonly options: FindOptions = {},
  ) {}

  private get places(): Places {
    return this.load();
  }

  /**
   * The territories a question is asked from: each place it names, in its
   * most populous reading, or in the reading the other places hold ("Langon
   * en Gironde" is the Langon of Gironde); a place that lies in another named
   * comes first ("Langon", then "Gironde").
   */
  askedFrom(question: string): Territory[] {
    // A question names a few places; a pasted text may name thousands, and every pair of them is
    // compared below: only the first ones count.
    const mentions = this.places
      .find(question, this.options)
      .filter((mention) => mention.territories.length > 0)
      .slice(0, MAX_MENTIONS);
    const { places } = this;
    const related = (a: Territory, b: Territory) => places.contains(a, b) || places.contains(b, a);
    const chosen = mentions.map((mention, index) => {
      const others = mentions.filter((_, other) => other !== index);
      return (
        mention.territories.find((candidate) =>
          others.every((other) => other.territories.some((each) => related(candidate, each))),
        ) ?? (mention.territories[0] as Territory)
      );
    });
    // Most specific first: a place that another named place contains.
    return chosen
      .map((territory, index) => ({
        territory,
        index,
        inside: chosen.some((other) => other !== territory && places.contains(other, territory)),
      }))
      .sort((a, b) => Number(b.inside) - Number(a.inside) || a.index - b.index)
      .map((entry) => entry.territory);
  }

  /** The territories a passage is about (see the module's comment), remembered by passage id. */
  about(passage: { passageId: string; title: string | null; text: string }): Territory[] {
    let territories = this.#cache.get(passage.passageId);
    if (!territories) {
      const head = `${passage.title ?? ""}\n${passage.text.slice(0, HEAD)}`;
      territories = this.places
        .find(head, this.options)
        .flatMap((mention) => (mention.territories[0] ? [mention.territories[0]] : []));
      if (this.#cache.size >= CACHE) this.#cache.clear();
      this.#cache.set(passage.passageId, territories);
    }
    return territories as Territory[];
  }

  /** Whether a passage about `territories` is about someone asking from `asker`. */
  locality(territories: readonly Territory[], asker: readonly Territory[]): Locality {
    if (territories.length === 0) return "everywhere";
    return territories.some((territory) =>
      asker.some((place) => this.places.contains(territory, place)),
    )
      ? "local"
      : "elsewhere";
  }
}
