import {
  type CodeScan,
  departementNumberAt,
  type Found,
  inseeCodeAt,
  intersect,
  POSTCODE,
  postcodeAt,
} from "./code-mentions.js";
import type { Gazetteer } from "./gazetteer.js";
import { ACRONYM, FOREIGN, PREFIX_ONLY, SHORT, WORDLIKE } from "./name-index.js";
import { ARTICLES, CONTRACTIONS } from "./place-cues.js";
import { isStopWord } from "./place-names.js";
import { MAX_CANDIDATES, type PlaceMention } from "./territory.js";
import {
  ALL_CAPS,
  BREAK,
  CAPITAL,
  CLOSE,
  COMMA,
  COMPOUND,
  LINK,
  OPEN,
  readWords,
  SPACE,
  type TextWords,
} from "./text-words.js";
import { type Cue, WordContext } from "./word-context.js";

/** A commune this large is a place after a verb or noun of place even in lower case ("j'habite à sens"). */
const TOWN = 20_000;
/** A city this large is a place when capitalised inside a sentence, without a cue ("Paris", "Tours"). */
const CITY = 100_000;
/** Below this, a commune written in lower case with no cue is taken for a typo or a foreign word ("target"). */
const LOWER_CASE_TOWN = 5_000;

/** One name found at a word, before the rules decide on it. */
interface Candidate {
  /** The first word of the mention (an article included, a contraction not). */
  first: number;
  last: number;
  /** The name's entry in the gazetteer. */
  entry: number;
  /** The contraction before it ("au" for "au Havre"), or -1. */
  contraction: number;
  /** The name holds the contraction's article ("Le Havre" for "au Havre"). */
  withArticle: boolean;
}

/** Finds places in a text, in one pass over its words (see `places.ts` for the rules). */
/** Words before a first name that make it someone's: "je m'appelle", "je suis", "c'est", greetings, closings. */
const NAMING = new Set([
  "appelle",
  "appelles",
  "nomme",
  "suis",
  "est",
  "moi",
  "bonjour",
  "bonsoir",
  "salut",
  "bjr",
  "cordialement",
  "cdlt",
  "merci",
  "signe",
  "prenom",
]);

/** What the caller knows that the official geography does not. */
export interface FindOptions {
  /**
   * Whether a word (folded: lower case, no accents) is a common first name:
   * then a commune named so ("Nancy", "Mathieu", "Antony") is no place when
   * it is introduced as a name or followed by an age ("je m'appelle Nancy",
   * "Mathieu, 19 ans"), unless a word of place comes before ("à Nancy").
   * Given by the composition root from the guard's list of first names.
   */
  isFirstName?: (word: string) => boolean;
}

export function findPlaces(
  gazetteer: Gazetteer,
  text: string,
  options: FindOptions = {},
): PlaceMention[] {
  return new Scan(gazetteer, text, readWords(text), options).run();
}

class Scan implements CodeScan {
  private readonly mentions: PlaceMention[] = [];
  readonly context: WordContext;
  /** The territories of the last mention (a postal code next to a name keeps those it serves). */
  lastIds: Int32Array = new Int32Array(0);

  constructor(
    readonly gazetteer: Gazetteer,
    private readonly text: string,
    readonly words: TextWords,
    private readonly options: FindOptions = {},
  ) {
    this.context = new WordContext(words, text, (key) => gazetteer.names.entry(key) !== undefined);
  }

  run(): PlaceMention[] {
    const { count, folded, shape } = this.words;
    let at = 0;
    while (at < count) {
      if ((shape[at] ?? 0) & LINK) {
        at++;
        continue;
      }
      const code = /^\d/.test(folded[at] ?? "")
        ? (postcodeAt(this, at) ?? departementNumberAt(this, at) ?? inseeCodeAt(this, at))
        : undefined;
      const next = code ? this.emit(code) : this.name(at);
      at = next ?? at + 1;
    }
    return this.mentions;
  }

  namesakesAt(at: number): Int32Array[] {
    return this.candidatesAt(at).map((candidate) =>
      this.gazetteer.names.namesakes(candidate.entry),
    );
  }

  private emit({ first, last, ids, via }: Found): number {
    const start = this.words.start[first] ?? 0;
    const end = this.words.end[last] ?? 0;
    const territories = Array.from(ids.subarray(0, MAX_CANDIDATES), (id) => {
      const territory = this.gazetteer.territories[id];
      if (!territory) throw new Error(`no territory ${id}`);
      return territory;
    });
    this.mentions.push({ start, end, text: this.text.slice(start, end), territories, via });
    this.context.lastEnd = last;
    this.lastIds = ids;
    return last + 1;
  }

  // ---- Names ----

  private name(at: number): number | undefined {
    const candidates = this.candidatesAt(at);
    for (const candidate of candidates) {
      const ids = this.accept(candidate);
      if (ids && ids.length > 0) {
        return this.emit({ first: candidate.first, last: candidate.last, ids, via: "name" });
      }
    }
    return undefined;
  }

  /** Every name starting at a word, longest first; "au Havre" is tried as "le Havre". */
  private candidatesAt(at: number): Candidate[] {
    const found: Candidate[] = [];
    const article = CONTRACTIONS.get(this.words.folded[at] ?? "");
    if (article !== undefined && at + 1 < this.words.count && this.context.joined(at + 1)) {
      // "au Havre" is "à le Havre"; "du Val-d'Oise" is "de" and a name without its article.
      this.extend(article, at + 1, at + 1, at, true, found);
      this.extend(this.words.key[at + 1] ?? "", at + 1, at + 2, at, false, found);
    } else {
      this.extend(this.words.key[at] ?? "", at, at + 1, -1, false, found);
    }
    // Longest first; on a tie, the name that holds the contraction's article.
    return found.sort((a, b) => b.last - a.last || Number(b.withArticle) - Number(a.withArticle));
  }

  /** Follows the index word by word from `key` (which covers the words before `next`). */
  private extend(
    key: string,
    first: number,
    next: number,
    contraction: number,
    withArticle: boolean,
    found: Candidate[],
  ): void {
    const { gazetteer } = this;
    let current = key;
    let words = 1;
    for (let at = next; ; at++) {
      const entry = gazetteer.names.entry(current);
      if (entry === undefined) return;
      if (entry !== PREFIX_ONLY && at > first) {
        found.push({ first, last: at - 1, entry, contraction, withArticle });
      }
      if (at >= this.words.count || words >= gazetteer.names.longest || !this.context.joined(at))
        return;
      current = `${current} ${this.words.key[at]}`;
      words++;
    }
  }

  /** The territories a name found stands for here, or none (see the rules in `places.ts`). */
  private accept(candidate: Candidate): Int32Array | undefined {
    const { first, last, entry, contraction } = candidate;
    const { shape, gap, folded } = this.words;
    const ids = this.gazetteer.names.namesakes(entry);
    const flags = this.gazetteer.names.flags(entry);
    const start = contraction >= 0 ? contraction : first;
    if (this.inCompound(start, last)) return undefined;
    const validated = this.validated(start, last, ids);
    if (validated) return validated;
    if (flags & SHORT) return undefined;
    const cue = this.context.cueBefore(start);
    if (cue.blocked) return undefined;
    // A common first name, introduced as a name or followed by an age, is someone: "je
    // m'appelle Nancy", "bonjour, c'est Antony", "Mathieu, 19 ans" (but "aide permis Nancy").
    if (
      first === last &&
      contraction < 0 &&
      cue.level === 0 &&
      this.options.isFirstName?.(folded[first] ?? "") &&
      (NAMING.has(folded[first - 1] ?? "") || this.ageAfter(last))
    ) {
      return undefined;
    }
    const wordLike = (flags & WORDLIKE) !== 0 && !this.context.writtenAsAName(first, last);
    // A contraction is a preposition and an article: "au Havre" is "à le Havre".
    const level = contraction >= 0 ? Math.max(1, cue.level) : cue.level;
    const head = this.context.contentWord(first, last);
    const allCaps = ((shape[head] ?? 0) & ALL_CAPS) !== 0;
    // In capitals, a word's capital says nothing ("NE POURRA PAS VENIR À SON RDV").
    const capital = ((shape[head] ?? 0) & CAPITAL) !== 0 && !allCaps;
    const sentenceStart = ((gap[first] ?? 0) & BREAK) !== 0;
    const ownArticle = contraction < 0 && ARTICLES.has(folded[first] ?? "");
    const named = this.narrow(candidate, ids, cue, { wordLike, capital, sentenceStart });
    if (named.length === 0) return undefined;
    if (flags & ACRONYM && allCaps) return named;
    // One short word in capitals is an acronym ("PACE", "DROM") unless something says it is a place.
    const short = first === last && (folded[first]?.length ?? 0) <= 5;
    if (allCaps && short && level === 0) return undefined;
    if (!wordLike) {
      return level === 0 && this.context.looksLikeAPerson(first, last) ? undefined : named;
    }
    if (capital && (level >= 1 || cue.area || ownArticle)) return named;
    if (level === 2) return this.communesOfAtLeast(named, TOWN);
    return capital && !sentenceStart && level === 0
      ? this.communesOfAtLeast(named, CITY)
      : undefined;
  }

  /** Whether an age follows the word ("Mathieu, 19 ans"). */
  private ageAfter(last: number): boolean {
    const { folded } = this.words;
    return /^\d{1,2}$/.test(folded[last + 1] ?? "") && /^ans?$/.test(folded[last + 2] ?? "");
  }

  /**
   * Part of a compound word is no place of its own: "Aix-Marseille",
   * "Saint-Pol-sur-Mer" (merged into Dunkerque), "Vallières-sur-Ardour" (no
   * such commune) name neither Marseille, Mer nor Vallières. Two places
   * joined are both places ("Le Mans-Sarthe", "Lille-Sequedin"), the second
   * not named like a word ("Vallières-Nord", "Pont-Rouge").
   */
  private inCompound(start: number, last: number): boolean {
    const { gap, folded } = this.words;
    if ((gap[start] ?? 0) & COMPOUND && this.context.lastEnd !== start - 1) return true;
    const next = last + 1;
    if (!((gap[next] ?? 0) & COMPOUND)) return false;
    if (isStopWord(folded[next] ?? "")) return true;
    const named = this.candidatesAt(next).some(
      ({ entry }) => !(this.gazetteer.names.flags(entry) & WORDLIKE),
    );
    return !named;
  }

  /**
   * The namesakes the words before a name leave. A commune holds its article
   * in its name ("Le Havre"): an article outside a name is a département's,
   * a région's or an EPCI's ("la Manche", "du Val-d'Oise"), and so is "en"
   * ("la Ville de Paris" names no commune Ville, "du Maire" no Mairé, "en
   * Suisse" no Suisse), while "à" is a town's ("à Vienne"). A commune named
   * like a word is a city of 100,000 or more when its article is in lower
   * case ("le Havre"; "de l'Union européenne" is not L'Union), a town of
   * 20,000 or more when it is contracted or opens a sentence ("au Havre";
   * not "du Port autonome", "Le Syndicat mixte…") unless a word of place
   * says so ("habite au Port").
   */
  private narrow(
    candidate: Candidate,
    ids: Int32Array,
    cue: Cue,
    written: { wordLike: boolean; capital: boolean; sentenceStart: boolean },
  ): Int32Array {
    const { first, contraction, withArticle, entry } = candidate;
    const { wordLike, capital, sentenceStart } = written;
    const isCommune = (id: number) => this.gazetteer.isCommune(id);
    const atLeast = (population: number) => (id: number) =>
      !isCommune(id) || this.population(id) >= population;
    const ownArticle = contraction < 0 && ARTICLES.has(this.words.folded[first] ?? "");
    const lowerArticle = ownArticle && ((this.words.shape[first] ?? 0) & CAPITAL) === 0;
    // "le 15e arrondissement": an arrondissement's number takes the article.
    const numbered = /^\d/.test(this.words.key[first] ?? "");
    let named = ids;
    if ((cue.area && !numbered) || (contraction >= 0 && !withArticle)) {
      named = ids.filter((id) => !isCommune(id));
    } else if (wordLike && lowerArticle) {
      named = ids.filter(atLeast(CITY));
    } else if (wordLike && ((withArticle && cue.level < 2) || (ownArticle && sentenceStart))) {
      named = ids.filter(atLeast(TOWN));
    } else if (this.gazetteer.names.flags(entry) & FOREIGN && cue.level < 2) {
      // "de Suisse" is the country; "habite à Suisse", "57340 Suisse" the commune.
      named = ids.filter((id) => !isCommune(id));
    } else if (!capital && cue.level === 0 && contraction < 0) {
      named = ids.filter(atLeast(LOWER_CASE_TOWN));
    }
    return cue.town && named.some(isCommune) ? named.filter(isCommune) : named;
  }

  private communesOfAtLeast(ids: Int32Array, population: number): Int32Array | undefined {
    const kept = ids.filter(
      (id) => this.gazetteer.isCommune(id) && this.population(id) >= population,
    );
    return kept.length > 0 ? kept : undefined;
  }

  /**
   * A postal code or a département's number next to a name settles it:
   * "84100 Orange", "Eu (76)", "Saint-Denis (93)" keep the communes that fit.
   */
  private validated(first: number, last: number, ids: Int32Array): Int32Array | undefined {
    const { folded, gap, count } = this.words;
    const before = first - 1;
    if (before >= 0 && (gap[first] ?? 0) & (SPACE | COMMA) && POSTCODE.test(folded[before] ?? "")) {
      const code = folded[before] ?? "";
      const served = this.gazetteer.postcodes.get(code);
      // A CEDEX code ("44404 REZÉ CEDEX") serves no commune but starts with its département's number.
      const kept = served
        ? intersect(ids, served)
        : ids.filter((id) =>
            this.gazetteer
              .departementsOfCode(code)
              .includes(this.gazetteer.departementOfTerritory(id)),
          );
      if (kept.length > 0) return kept;
    }
    const after = last + 1;
    if (after >= count) return undefined;
    const between = gap[after] ?? 0;
    if (between & (SPACE | COMMA | OPEN)) {
      const served = this.gazetteer.postcodes.get(folded[after] ?? "");
      const kept = served && intersect(ids, served);
      if (kept && kept.length > 0) return kept;
    }
    if (between & OPEN && (gap[after + 1] ?? 0) & CLOSE) {
      const departement = this.gazetteer.departementCodes.get(folded[after] ?? "");
      if (departement === undefined) return undefined;
      const kept = ids.filter((id) => this.gazetteer.departementOfTerritory(id) === departement);
      if (kept.length > 0) return kept;
    }
    return undefined;
  }

  private population(id: number): number {
    return this.gazetteer.population[id] ?? 0;
  }
}
