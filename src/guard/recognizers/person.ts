import { FRENCH_STOP_WORDS } from "../../knowledge/analysis/stop-words.js";
import { contextOf, type Entity, matches, type Recognizer, type ScanContext } from "../entity.js";
import { COMMON_WORDS, FIRST_NAMES } from "./first-names.js";

const UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ";
const LOWER = "a-zàâäçéèêëîïôöùûüÿœæ";
/** A capitalised word (Durand, Le Goff's parts, Saint-Éloi), or a surname in capitals (DURAND, LE-GOFF). */
const NAME = `(?:[${UPPER}][${LOWER}]+(?:-[${UPPER}][${LOWER}]+)*|[${UPPER}]{2,}(?:-[${UPPER}]{2,})*)`;
const PARTICLE = "(?:de la|de l'|de|du|des|d'|le|la|van|von|ben|ibn|el|al)";
/** One to four name words, particles between them ("Marie de La Tour", "Jean-Pierre LE GOFF"). */
const FULL_NAME = `${NAME}(?:[ ](?:${PARTICLE}[ ]?)?${NAME}){0,3}`;

const HONORIFIC = new RegExp(
  `\\b(?:M\\.|MM\\.|Mme|Mmes|Mlle|Madame|Monsieur|Mademoiselle|Dr\\.?|Docteure?|Maître|Me|Pr\\.?|Professeur)[ \\u00a0]+(${FULL_NAME})`,
  "gu",
);
/** "la famille Martin", "l'enfant Lucas Petit", "le petit Noah" */
const ROLE = new RegExp(
  `(?:\\b[Ff]amille|\\b[Ll]'enfant|\\b[Ll]e petit|\\b[Ll]a petite|\\b[Ll]'élève|\\b[Ll]'usager|\\b[Ll]'usagère|\\b[Ll]'agent|\\b[Ll]'agente)[ ]+(${FULL_NAME})`,
  "gu",
);
/** Two or three name words in a row: kept when one is a known first name. */
const NAME_PAIR = new RegExp(`(?=[${UPPER}])\\b(${NAME})[ ](${NAME})(?:[ ](${NAME}))?\\b`, "gu");

/** Words that start with a capital without naming anyone. */
const NOT_NAMES = new Set(
  `mairie ville commune conseil municipal departement region etat republique france prefecture
  president presidente maire adjoint adjointe direction service pole centre caf cpam msa urssaf
  pole-emploi france-travail madame monsieur janvier fevrier mars avril mai juin juillet aout
  septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche rue
  avenue boulevard place allee impasse quai chemin route square cours ecole college lycee stade
  salle gymnase mediatheque bibliotheque hopital clinique parc jardin bonjour cordialement objet
  le la les un une des du de et ou en au aux pour par avec sans sur sous dans chez`
    .split(/\s+/)
    .filter(Boolean),
);

/** Street types and places named after people: "rue Jean Jaurès" is an address, not a person. */
const PLACE_BEFORE =
  /(?:rue|avenue|av\.|boulevard|bd|place|allée|impasse|quai|chemin|route|square|cours|école|collège|lycée|stade|salle|gymnase|médiathèque|bibliothèque|hôpital|centre|parc|jardin|résidence|cité|pont|promenade|esplanade|gare|musée|théâtre|espace|maison|foyer|crèche)\s+(?:[a-zé]+\s+)?$/iu;

const isCapitals = (word: string) => word.length >= 2 && word === word.toUpperCase();

/** Whether the code point ending just before `index` is a letter or a hyphen. */
function letterOrHyphenBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const low = text.charCodeAt(index - 1);
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return LETTER_OR_HYPHEN.test(pair ? text.slice(index - 2, index) : (text[index - 1] as string));
}

/** Whether the code point starting at `index` is a letter or a hyphen. */
function letterOrHyphenAt(text: string, index: number): boolean {
  const code = text.codePointAt(index);
  return code !== undefined && LETTER_OR_HYPHEN.test(String.fromCodePoint(code));
}

const LETTER_OR_HYPHEN = /^[\p{L}-]$/u;

/** Every whole-word occurrence of `word` (no letter nor hyphen around it), in text order. */
function* occurrences(text: string, word: string): Generator<number> {
  for (let index = text.indexOf(word); index >= 0; index = text.indexOf(word, index + 1)) {
    if (letterOrHyphenBefore(text, index) || letterOrHyphenAt(text, index + word.length)) continue;
    yield index;
    index += word.length - 1;
  }
}

/**
 * Names beyond the built-in first names, folded (lowercase, accents
 * folded): INSEE's open files once imported (`beffroi guard names import`).
 */
export interface PersonNames {
  /** First names: found like the built-in ones ("Zéphyrine Durand"). */
  firstNames?: ReadonlySet<string>;
  /**
   * Surnames: a name in capitals next to a capitalised word is a person
   * even when the first name is unknown ("Zéphyrine DUPONT", "DUPONT
   * Zéphyrine"), and a known first name followed by a known surname is
   * surer.
   */
  surnames?: ReadonlySet<string>;
}

/** Imported names shorter than this are left out: "Al", "Jo" are particles and syllables too. */
const SHORTEST_NAME = 3;

/**
 * Whether an imported name (folded) may be used: at least three letters,
 * and not a word of the language ("petit", "blanc", "moulin", "avril", "de")
 * nor a word that starts with a capital without naming anyone ("mairie").
 * Built-in first names always may.
 */
export function isUsableName(key: string): boolean {
  if (FIRST_NAMES.has(key)) return true;
  return key.length >= SHORTEST_NAME && !NOT_NAMES.has(key) && !isWord(key);
}

/** Whether a folded word is a word of the language rather than a name ("secteur", "avec"). */
const isWord = (key: string) => COMMON_WORDS.has(key) || FRENCH_STOP_WORDS.has(key);

/** A capitalised word, not in capitals: "Zéphyrine", "Jean-Pierre". */
const isCapitalised = (word: string) => word.length >= 2 && !isCapitals(word);

/** The names a recognizer knows: built-in and imported first names, imported surnames. */
class KnownNames {
  readonly firstNames: ReadonlySet<string>;
  readonly surnames: ReadonlySet<string>;

  constructor(names: PersonNames) {
    this.firstNames = usableOnly(names.firstNames);
    this.surnames = usableOnly(names.surnames);
  }

  isFirstName(key: string): boolean {
    return FIRST_NAMES.has(key) || this.firstNames.has(key);
  }
}

function usableOnly(keys: ReadonlySet<string> | undefined): Set<string> {
  const usable = new Set<string>();
  for (const key of keys ?? []) if (isUsableName(key)) usable.add(key);
  return usable;
}

/** One text's search: its state in fields, its steps in methods (no closure per scan). */
class PersonSearch {
  readonly found: Entity[] = [];
  /** Surnames found once, looked for again everywhere. */
  readonly repeated = new Set<string>();
  #folded: string | undefined;

  constructor(
    readonly text: string,
    readonly context: ScanContext | undefined,
    readonly names: KnownNames,
  ) {}

  /** A word of the text, lowercase and accents folded, by its offsets. */
  foldedAt(start: number, end: number): string {
    this.#folded ??= contextOf(this.text, this.context).folded;
    return this.#folded.slice(start, end);
  }

  add(start: number, name: string, confidence: number, rule: string): void {
    // The name's words and their folds (same length: the spaces line up).
    const keys = this.foldedAt(start, start + name.length).split(/[ ]+/);
    const words = name.split(/[ ]+/);
    let last = "";
    let lastKey = "";
    for (let index = 0; index < words.length; index += 1) {
      const key = keys[index] as string;
      if (NOT_NAMES.has(key)) continue;
      last = words[index] as string;
      lastKey = key;
    }
    if (!last) return;
    if (PLACE_BEFORE.test(this.text.slice(Math.max(0, start - 30), start))) return;
    this.found.push({ type: "PERSON", start, end: start + name.length, confidence, rule });
    if (last.length >= 3 && !this.names.isFirstName(lastKey)) this.repeated.add(last);
  }

  /** Two or three capitalised words: a known first name among them, or a known surname in capitals. */
  pair(match: RegExpExecArray): void {
    const words: string[] = [];
    const keys: string[] = [];
    let offset = match.index;
    for (let group = 1; group <= 3; group += 1) {
      const word = match[group];
      if (!word) continue;
      // Each word's fold, read from the folded text: the words are one space apart.
      const key = this.foldedAt(offset, offset + word.length);
      if (NOT_NAMES.has(key)) return;
      words.push(word);
      keys.push(key);
      offset += word.length + 1;
    }
    let first = -1;
    for (let index = 0; index < keys.length && first < 0; index += 1) {
      if (this.names.isFirstName(keys[index] as string)) first = index;
    }
    if (first < 0) {
      this.surnameWithUnknownFirstName(match.index, words, keys);
      return;
    }
    // The first name, the names after it, and a surname in capitals just before it ("DURAND Jeanne").
    const from = first > 0 && isCapitals(words[first - 1] as string) ? first - 1 : first;
    const to = words.length - 1;
    if (from === to) return;
    let known = false;
    for (let index = from; index <= to; index += 1) {
      if (index !== first && this.names.surnames.has(keys[index] as string)) known = true;
    }
    this.add(
      startOf(match.index, words, from),
      words.slice(from, to + 1).join(" "),
      known ? 0.9 : 0.85,
      known ? "person.full-name" : "person.first-name",
    );
  }

  /** No known first name: a known surname in capitals next to a capitalised word ("Zoubida DUPONTEL"). */
  surnameWithUnknownFirstName(at: number, words: string[], keys: string[]): void {
    let surname = -1;
    for (let index = 0; index < words.length && surname < 0; index += 1) {
      const word = words[index] as string;
      if (isCapitals(word) && this.names.surnames.has(keys[index] as string)) surname = index;
    }
    if (surname < 0) return;
    const looksFirst = (index: number) =>
      isCapitalised(words[index] ?? "") && !isWord(keys[index] ?? "");
    const from = looksFirst(surname + 1) ? surname : looksFirst(surname - 1) ? surname - 1 : -1;
    if (from < 0) return;
    this.add(
      startOf(at, words, from),
      words.slice(from, from + 2).join(" "),
      0.8,
      "person.surname",
    );
  }

  /** A surname seen once is a person wherever it appears again. */
  repeats(): void {
    for (const surname of this.repeated) {
      for (const index of occurrences(this.text, surname)) {
        let inside = false;
        for (const entity of this.found) {
          if (index >= entity.start && index < entity.end) inside = true;
        }
        if (inside) continue;
        this.found.push({
          type: "PERSON",
          start: index,
          end: index + surname.length,
          confidence: 0.8,
          rule: "person.repeat",
        });
      }
    }
  }
}

/** Where the `index`-th of words one space apart starts. */
function startOf(at: number, words: readonly string[], index: number): number {
  let start = at;
  for (let word = 0; word < index; word += 1) start += (words[word] as string).length + 1;
  return start;
}

/**
 * A PERSON recognizer over the built-in first names and, when given,
 * imported ones: after an honorific or a role ("Mme Durand", "la famille
 * Martin"), a known first name followed by a name ("Jeanne DURAND", "Karim
 * Benali"; 0.9 when that name is a known surname), a surname in capitals
 * before a first name ("DURAND Jeanne"), a known surname in capitals next
 * to a capitalised word ("Zéphyrine DUPONT"); and every later mention of a
 * surname found once ("… Mme Durand … Durand a rappelé").
 */
export function createPersonRecognizer(names: PersonNames = {}): Recognizer {
  const known = new KnownNames(names);
  return {
    name: "person",
    find(text, context) {
      const search = new PersonSearch(text, context, known);
      for (const match of matches(HONORIFIC, text)) {
        const name = match[1] as string;
        search.add(match.index + match[0].length - name.length, name, 0.9, "person.honorific");
      }
      for (const match of matches(ROLE, text)) {
        const name = match[1] as string;
        search.add(match.index + match[0].length - name.length, name, 0.85, "person.role");
      }
      for (const match of matches(NAME_PAIR, text)) search.pair(match);
      search.repeats();
      return search.found;
    },
  };
}

/** The PERSON recognizer over the built-in first names only (nothing imported). */
export const personRecognizer: Recognizer = createPersonRecognizer();
