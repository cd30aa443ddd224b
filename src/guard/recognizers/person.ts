import { type Entity, matches, type Recognizer } from "../entity.js";
import { foldSameLength } from "../fold.js";
import { FIRST_NAMES } from "./first-names.js";

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
const NAME_PAIR = new RegExp(`\\b(${NAME})[ ](${NAME})(?:[ ](${NAME}))?\\b`, "gu");

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

const folded = (word: string) => foldSameLength(word);
const isCapitals = (word: string) => word.length >= 2 && word === word.toUpperCase();

/**
 * People's names, without a trained model: after an honorific or a role
 * ("Mme Durand", "la famille Martin"), a known first name followed by a
 * name ("Jeanne DURAND", "Karim Benali"), a surname in capitals before a
 * first name ("DURAND Jeanne"); and every later mention of a surname found
 * once ("… Mme Durand … Durand a rappelé").
 */
export const personRecognizer: Recognizer = {
  name: "person",
  find(text) {
    const found: Entity[] = [];
    const surnames = new Set<string>();
    const add = (start: number, name: string, confidence: number, rule: string) => {
      const words = name.split(/[ ]+/).filter((w) => !NOT_NAMES.has(folded(w)));
      if (words.length === 0) return;
      if (PLACE_BEFORE.test(text.slice(Math.max(0, start - 30), start))) return;
      found.push({ type: "PERSON", start, end: start + name.length, confidence, rule });
      const last = words.at(-1) as string;
      if (last.length >= 3 && !FIRST_NAMES.has(folded(last))) surnames.add(last);
    };
    for (const match of matches(HONORIFIC, text)) {
      const name = match[1] as string;
      add(match.index + match[0].length - name.length, name, 0.9, "person.honorific");
    }
    for (const match of matches(ROLE, text)) {
      const name = match[1] as string;
      add(match.index + match[0].length - name.length, name, 0.85, "person.role");
    }
    for (const match of matches(NAME_PAIR, text)) {
      const words = [match[1], match[2], match[3]].filter((w): w is string => Boolean(w));
      if (words.some((w) => NOT_NAMES.has(folded(w)))) continue;
      const first = words.findIndex((w) => FIRST_NAMES.has(folded(w)));
      if (first < 0) continue;
      // The first name, the names after it, and a surname in capitals just before it ("DURAND Jeanne").
      const from = first > 0 && isCapitals(words[first - 1] as string) ? first - 1 : first;
      const to = words.length - 1;
      if (from === to) continue;
      const offset = words.slice(0, from).reduce((sum, w) => sum + w.length + 1, 0);
      add(match.index + offset, words.slice(from, to + 1).join(" "), 0.85, "person.first-name");
    }
    // A surname seen once is a person wherever it appears again.
    for (const surname of surnames) {
      const pattern = new RegExp(
        `(?<![\\p{L}-])${surname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}-])`,
        "gu",
      );
      for (const match of matches(pattern, text)) {
        if (!found.some((e) => match.index >= e.start && match.index < e.end)) {
          found.push({
            type: "PERSON",
            start: match.index,
            end: match.index + surname.length,
            confidence: 0.8,
            rule: "person.repeat",
          });
        }
      }
    }
    return found;
  },
};
