import { foldAccents } from "./fold-accents.js";
import { THESAURUS } from "./thesaurus.js";

/**
 * What a question typed by a resident or an agent holds besides its subject.
 *
 * "Bonjour, je voudrais savoir si j'ai droit à une aide pour le permis, j'ai
 * 19 ans et je suis au chômage, merci d'avance" asks about *permis* and
 * *aide*; its chatter ("bonjour", "je voudrais savoir si", "merci d'avance")
 * is no search word, and its situation (19 years old, jobseeker) says who
 * asks: a condition to check, not a word to find in the passages.
 *
 * Work is done on the question's words (letters and digits, folded to lower
 * case without accents), in one pass: phrases are looked up by their first
 * word, longest first, so the cost grows with the question's length.
 */
export interface QuestionAnalysis {
  /** The question without its chatter and its age expressions: what is searched. */
  searched: string;
  /**
   * Administrative wording for the everyday words of the question ("boulot"
   * → "emploi travail"), from the thesaurus: searched beside the question's
   * own words, which a passage then covers with either.
   */
  expansions: { everyday: string; administrative: string }[];
  situation: Situation;
  /**
   * The words that state the situation ("19 ans", "mon fils"): searched, but
   * no subject the passages must cover.
   */
  situational: string[];
  /** Whether chatter was found and left out. */
  chatter: boolean;
}

export interface Situation {
  /** The first age stated ("j'ai 19 ans", "ma fille de 17 ans"). */
  age?: number;
  /** Statuses recognised, as stable keys (`etudiant`, `demandeur_emploi`, `handicap`…). */
  statuses: string[];
}

export interface QuestionOptions {
  /** Leave chatter out (default true). */
  chatter?: boolean;
  /** Add the thesaurus's administrative wording (default true). */
  thesaurus?: boolean;
}

interface Token {
  /** Folded lower case, no accents. */
  key: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}\p{Nd}]+/gu;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    out.push({
      key: foldAccents(match[0].toLowerCase()),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return out;
}

/** Phrases by their first word, longest first. */
function phraseTable<T>(entries: readonly (readonly [string, T])[]): Map<string, [string[], T][]> {
  const table = new Map<string, [string[], T][]>();
  for (const [phrase, value] of entries) {
    const words = tokens(phrase).map((token) => token.key);
    const first = words[0];
    if (first === undefined) continue;
    const list = table.get(first) ?? [];
    list.push([words, value]);
    table.set(first, list);
  }
  for (const list of table.values()) list.sort((a, b) => b[0].length - a[0].length);
  return table;
}

/** The longest phrase of `table` starting at token `index`, as [length, value]. */
function phraseAt<T>(
  table: Map<string, [string[], T][]>,
  words: readonly Token[],
  index: number,
): [number, T] | undefined {
  const candidates = table.get(words[index]?.key ?? "");
  if (!candidates) return undefined;
  for (const [phrase, value] of candidates) {
    if (phrase.every((word, offset) => words[index + offset]?.key === word)) {
      return [phrase.length, value];
    }
  }
  return undefined;
}

/**
 * Chatter: greetings, thanks, how a question is framed. Only phrases that
 * never name a subject: "aide" or "demande" are words of the passages and
 * stay; "perdu" stays ("carte perdue"), "je suis perdu" goes.
 */
const CHATTER: readonly string[] = [
  // Greetings, thanks, closings.
  ...["bonjour", "bonsoir", "salut", "coucou", "hello", "bjr", "slt"],
  ...["merci", "mercii", "merci beaucoup", "merci bcp", "merci d avance", "merci par avance"],
  ...["d avance", "par avance", "en vous remerciant", "je vous remercie", "cordialement"],
  ...["cdlt", "cdt", "bien a vous", "bonne journee", "bonne soiree", "svp", "stp", "please"],
  ...["s il vous plait", "s il vous plais", "s il te plait", "sil vous plait", "sil vous plais"],
  ...["madame monsieur", "madame", "monsieur", "mesdames messieurs", "mesdames", "messieurs"],
  // Framing a question.
  ...["je voudrais savoir", "je voulais savoir", "je souhaiterais savoir", "j aimerais savoir"],
  ...["je souhaite savoir", "je veux savoir", "voudrais savoir", "aimerais savoir"],
  ...["je voudrais", "je voulais", "je souhaite", "je souhaiterais", "j aimerais", "je veux"],
  ...["je me demandais", "je me demande", "savoir si", "savoir s", "savoir comment"],
  ...["pourriez vous me dire", "pouvez vous me dire", "pourriez vous", "pouvez vous"],
  ...["pourriez vous m indiquer", "pouvez vous m indiquer", "pouvez vous m aider"],
  ...["pourriez vous m aider", "vous pouvez m aider", "aidez moi", "m aider", "me dire"],
  ...["est ce que", "est ce qu", "est ce", "qu est ce que", "qu est ce qu", "c est quoi"],
  ...["y a t il", "y a t", "il y a", "existe t il", "existe t", "il existe", "ca existe"],
  ...["comment faire pour", "comment faire", "comment on fait pour", "comment on fait"],
  ...["que dois je faire", "que faut il faire", "quoi faire", "que faire", "qu est ce qu on"],
  ...["je sais pas", "je ne sais pas", "je sais plus", "je ne sais plus", "je suis perdu"],
  ...["je suis perdue", "je cherche", "je recherche", "je suis a la recherche", "a la recherche"],
  ...["me renseigner", "renseigner", "renseignement", "renseignements", "information"],
  ...["informations", "info", "infos", "question", "questions", "une question", "help"],
  ...["ai je droit", "j ai droit", "ai droit", "avoir droit", "aurais je droit", "aurai droit"],
  ...["aurais droit", "a t on droit", "on a droit", "est ce que j ai droit", "je peux avoir"],
  ...["puis je avoir", "possible", "possibilite", "svp merci", "urgent", "urgence svp"],
  ...["j ai besoin d", "j ai besoin de", "besoin d", "besoin de", "j ai besoin"],
  ...["voila", "alors", "du coup", "en fait", "enfin bref", "bref", "ok", "oui", "non merci"],
  // Light verbs: what is done is in their object ("passer le permis", "faire une demande de
  // logement"); alone they match nouns of their stem ("passer" and the "Pass Culture").
  ...["passer", "faire", "obtenir", "avoir", "aller", "mettre", "prendre", "trouver", "donner"],
];

const CHATTER_TABLE = phraseTable(CHATTER.map((phrase) => [phrase, true] as const));

/** Words that say who asks: a status, kept as a search word too. */
const STATUSES: readonly (readonly [string, string])[] = [
  ...(["etudiant", "etudiante", "etudiants", "etudiantes", "etudes superieures", "fac"].map(
    (word) => [word, "etudiant"],
  ) as [string, string][]),
  ...(["apprenti", "apprentie", "apprentis", "apprentissage", "alternance", "alternant"].map(
    (word) => [word, "apprenti"],
  ) as [string, string][]),
  ...(["alternante", "en contrat pro", "contrat de professionnalisation"].map((word) => [
    word,
    "apprenti",
  ]) as [string, string][]),
  ...(["lyceen", "lyceenne", "lycee", "au lycee"].map((word) => [word, "lyceen"]) as [
    string,
    string,
  ][]),
  ...(["collegien", "collegienne", "college", "au college"].map((word) => [word, "collegien"]) as [
    string,
    string,
  ][]),
  ...([
    "chomage",
    "au chomage",
    "chomeur",
    "chomeuse",
    "demandeur d emploi",
    "demandeuse d emploi",
    "sans emploi",
    "sans travail",
    "sans boulot",
    "pole emploi",
    "france travail",
    "inscrit a france travail",
  ].map((word) => [word, "demandeur_emploi"]) as [string, string][]),
  ...(["rsa", "au rsa", "beneficiaire du rsa", "je touche le rsa"].map((word) => [
    word,
    "beneficiaire_rsa",
  ]) as [string, string][]),
  ...(["handicap", "handicape", "handicapee", "mdph", "aah", "rqth", "invalidite"].map((word) => [
    word,
    "handicap",
  ]) as [string, string][]),
  ...(["enceinte", "grossesse"].map((word) => [word, "enceinte"]) as [string, string][]),
  ...(["boursier", "boursiere", "bourse du crous", "echelon"].map((word) => [word, "boursier"]) as [
    string,
    string,
  ][]),
  ...(["service civique", "volontaire"].map((word) => [word, "service_civique"]) as [
    string,
    string,
  ][]),
  ...([
    "parent isole",
    "parent seul",
    "mere celibataire",
    "pere celibataire",
    "maman solo",
    "papa solo",
    "maman seule",
    "mere seule",
    "famille monoparentale",
  ].map((word) => [word, "parent_isole"]) as [string, string][]),
  ...(["salarie", "salariee", "en cdi", "en cdd", "interim", "interimaire"].map((word) => [
    word,
    "salarie",
  ]) as [string, string][]),
];

/**
 * Family members named with a possessive ("mon fils", "ma fille de 12 ans"):
 * who the question is for, searched but not required of a passage.
 */
const FAMILY: readonly string[] = [
  ...["mon fils", "ma fille", "mes fils", "mes filles", "mon enfant", "mes enfants", "mon bebe"],
  ...["mon petit", "ma petite", "mon ado", "mon mari", "ma femme", "mon conjoint", "ma conjointe"],
  ...["mon compagnon", "ma compagne", "ma mere", "mon pere", "mes parents", "ma maman", "mon papa"],
  ...["ma grand mere", "mon grand pere", "mon frere", "ma soeur", "ma niece", "mon neveu"],
  ...["mon copain", "ma copine", "mon gamin", "ma gamine", "mes gamins", "mon petit fils"],
  ...["ma petite fille", "mon beau fils", "ma belle fille"],
];
const FAMILY_TABLE = phraseTable(FAMILY.map((phrase) => [phrase, true] as const));
const STATUS_TABLE = phraseTable(STATUSES);
const THESAURUS_TABLE = phraseTable(THESAURUS);

const AGE_WORDS = new Set(["ans", "an", "ans.", "ams"]);
/** Words before an age that make it a range ("moins de 26 ans", "plus de 18 ans", "dès 16 ans"). */
const RANGE_BEFORE = new Set(["moins", "plus", "des", "partir", "jusqu", "entre", "max", "min"]);
/** Words before an age that make it the asker's ("j'ai 19 ans", "moi 17 ans", "âgé de 20 ans"). */
const OWN_AGE_BEFORE = new Set(["ai", "aurai", "moi", "age", "agee", "suis"]);

/** "19 ans", "19ans", "j'ai 19 ans": the age and how many tokens it spans from `index`. */
function ageAt(words: readonly Token[], index: number): [number, number] | undefined {
  const word = words[index];
  if (!word) return undefined;
  const glued = /^(\d{1,2})ans?$/.exec(word.key);
  if (glued) return [Number(glued[1]), 1];
  if (!/^\d{1,2}$/.test(word.key)) return undefined;
  const next = words[index + 1];
  if (next && AGE_WORDS.has(next.key)) return [Number(word.key), 2];
  return undefined;
}

/** Reads a question: what to search, the thesaurus's wording, and the asker's situation. */
export function analyseQuestion(question: string, options: QuestionOptions = {}): QuestionAnalysis {
  const useChatter = options.chatter ?? true;
  const useThesaurus = options.thesaurus ?? true;
  const words = tokens(question);
  const kept = new Array<boolean>(words.length).fill(true);
  const statuses = new Set<string>();
  const expansions: QuestionAnalysis["expansions"] = [];
  let age: number | undefined;
  let ownAge = false;
  const situational: string[] = [];
  let chatter = false;
  // A phrase of the thesaurus covers its words: "petit boulot" is not also "boulot".
  let thesaurusFrom = 0;
  for (let index = 0; index < words.length; ) {
    const agePhrase = ageAt(words, index);
    if (agePhrase) {
      const [years, length] = agePhrase;
      const word = words[index] as Token;
      const before = words[index - 1]?.key ?? "";
      // "moins de 26 ans", "de 16 à 25 ans": a range a scheme sets, not anyone's age.
      const range =
        RANGE_BEFORE.has(before) ||
        (before === "de" && RANGE_BEFORE.has(words[index - 2]?.key ?? "")) ||
        words[index + length]?.key === "a" ||
        before === "a";
      if (years > 0 && years < 120 && !range) {
        // The asker's own ("j'ai 19 ans") wins over another's ("ma fille de 17 ans") said first.
        const own = OWN_AGE_BEFORE.has(before);
        if (age === undefined || (own && !ownAge)) {
          age = years;
          ownAge = own;
        }
      }
      situational.push(question.slice(word.start, (words[index + length - 1] as Token).end));
      // The age is also a search word: passages state ages ("les jeunes de 16 à 25 ans").
      index += length;
      continue;
    }
    const family = phraseAt(FAMILY_TABLE, words, index);
    if (family) {
      const last = words[index + family[0] - 1] as Token;
      situational.push(question.slice((words[index] as Token).start, last.end));
    }
    const status = phraseAt(STATUS_TABLE, words, index);
    if (status) statuses.add(status[1]);
    if (useThesaurus && index >= thesaurusFrom) {
      const synonym = phraseAt(THESAURUS_TABLE, words, index);
      if (synonym) {
        thesaurusFrom = index + synonym[0];
        const last = words[index + synonym[0] - 1] as Token;
        const everyday = question.slice((words[index] as Token).start, last.end);
        expansions.push({ everyday, administrative: synonym[1] });
      }
    }
    if (useChatter) {
      const found = phraseAt(CHATTER_TABLE, words, index);
      if (found) {
        for (let offset = 0; offset < found[0]; offset += 1) kept[index + offset] = false;
        chatter = true;
        index += found[0];
        continue;
      }
    }
    index += 1;
  }
  const searched = words
    .filter((_, index) => kept[index])
    .map((word) => question.slice(word.start, word.end))
    .join(" ");
  return {
    searched: kept.every(Boolean) ? question : searched,
    expansions,
    situation: { ...(age !== undefined && { age }), statuses: [...statuses] },
    situational,
    chatter,
  };
}
