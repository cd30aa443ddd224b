import { contextOf, type Entity, matches, type Recognizer } from "../entity.js";

/**
 * RGPD article 9 categories and offences, as words agents write them
 * (accents folded, lowercase). A term is sensitive data only about an
 * identifiable person: the scanner keeps these entities only when the text
 * also names or identifies someone.
 */
const LEXICON: Record<string, string[]> = {
  health: [
    "diabete",
    "diabetique",
    "cancer",
    "leucemie",
    "chimiotherapie",
    "radiotherapie",
    "vih",
    "sida",
    "seropositif",
    "seropositive",
    "hepatite",
    "tuberculose",
    "depression",
    "depressif",
    "depressive",
    "burn-out",
    "burn out",
    "schizophrene",
    "schizophrenie",
    "bipolaire",
    "troubles psychiatriques",
    "suivi psychiatrique",
    "psychiatre",
    "hopital psychiatrique",
    "hospitalisation d'office",
    "tentative de suicide",
    "anorexie",
    "boulimie",
    "alcoolisme",
    "alcoolique",
    "toxicomanie",
    "toxicomane",
    "addiction",
    "sevrage",
    "alzheimer",
    "parkinson",
    "autisme",
    "autiste",
    "epilepsie",
    "epileptique",
    "sclerose en plaques",
    "trisomie",
    "dialyse",
    "handicap",
    "handicape",
    "handicapee",
    "invalidite",
    "rqth",
    "mdph",
    "affection de longue duree",
    "ald",
    "arret maladie",
    "conge maladie",
    "conge de longue maladie",
    "longue maladie",
    "est enceinte",
    "grossesse",
    "ivg",
    "fausse couche",
    "maladie professionnelle",
    "inaptitude medicale",
    "traitement medical",
    "en chimio",
  ],
  religion: [
    "musulman",
    "musulmane",
    "juif",
    "juive",
    "catholique",
    "protestant",
    "protestante",
    "bouddhiste",
    "pratiquant",
    "pratiquante",
    "de confession",
    "converti a l'islam",
    "voilee",
    "porte le voile",
    "fait le ramadan",
    "temoin de jehovah",
  ],
  politics: [
    "militant",
    "militante",
    "sympathisant",
    "sympathisante",
    "adherent du parti",
    "adherente du parti",
    "encarte",
    "encartee",
    "opinions politiques",
    "vote pour",
    "candidat aux elections",
  ],
  union: [
    "syndique",
    "syndiquee",
    "delegue syndical",
    "deleguee syndicale",
    "adherent a la cgt",
    "adherente a la cgt",
    "adherent cfdt",
    "representant syndical",
    "representante syndicale",
    "section syndicale",
  ],
  sexuality: [
    "homosexuel",
    "homosexuelle",
    "lesbienne",
    "bisexuel",
    "bisexuelle",
    "transgenre",
    "orientation sexuelle",
    "vie sexuelle",
  ],
  origin: [
    "origine ethnique",
    "d'origine maghrebine",
    "d'origine africaine",
    "d'origine asiatique",
    "d'origine rom",
    "de type maghrebin",
    "de type africain",
    "origine raciale",
  ],
  offences: [
    "casier judiciaire",
    "condamne",
    "condamnee",
    "condamnation",
    "incarcere",
    "incarceree",
    "est detenu",
    "est detenue",
    "garde a vue",
    "mis en examen",
    "mise en examen",
    "avec sursis",
    "prison",
    "bracelet electronique",
    "controle judiciaire",
    "interdiction de territoire",
  ],
};

/** The category of each term (folded, spaces as single spaces). */
const CATEGORY = new Map(
  Object.entries(LEXICON).flatMap(([category, terms]) =>
    terms.map((term) => [term.replace(/-/g, " "), category] as const),
  ),
);

/** A letter of a term as a pattern: a space matches a space or a hyphen ("burn out", "burn-out"). */
const asPattern = (char: string) =>
  char === " " ? "[ -]" : char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface TrieNode {
  next: Map<string, TrieNode>;
  /** A term ends here. */
  end: boolean;
}

/**
 * The terms as one pattern shaped like a trie ("diabete|diabetique" →
 * "diabet(?:e|ique)"), so that each position tries only the terms sharing
 * its first letters. Longer terms come first (a term's end is optional
 * after its continuations), so the longest term on word boundaries wins, as
 * with a plain alternation sorted longest first.
 */
function triePattern(node: TrieNode): string {
  const branches = [...node.next].map(([char, child]) => asPattern(char) + triePattern(child));
  if (branches.length === 0) return "";
  const body = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join("|")})`;
  return node.end ? `(?:${body})?` : body;
}

const root: TrieNode = { next: new Map(), end: false };
for (const term of new Set(Object.values(LEXICON).flat())) {
  let node = root;
  for (const char of term) {
    let child = node.next.get(char);
    if (!child) {
      child = { next: new Map(), end: false };
      node.next.set(char, child);
    }
    node = child;
  }
  node.end = true;
}

/**
 * One pass over the folded text: every term at once, on word boundaries
 * (the folded text's letters are ASCII, so ASCII classes do).
 */
const PATTERN = new RegExp(`(?<![a-z0-9])${triePattern(root)}(?![a-z0-9])`, "g");
/**
 * The same with `\b`, twice as fast: the folded text holds no capital, so
 * `\b` before a letter is `(?<![a-z0-9])` but after an underscore.
 */
const PATTERN_AT_WORD = new RegExp(`\\b${triePattern(root)}(?![a-z0-9])`, "g");

export const sensitiveRecognizer: Recognizer = {
  name: "sensitive",
  find(text, context) {
    const found: Entity[] = [];
    const folded = contextOf(text, context).folded;
    for (const match of matches(folded.includes("_") ? PATTERN : PATTERN_AT_WORD, folded)) {
      const category = CATEGORY.get(match[0].replace(/-/g, " ")) ?? "health";
      found.push({
        type: "SENSITIVE",
        start: match.index,
        end: match.index + match[0].length,
        confidence: 0.8,
        rule: `sensitive.${category}`,
      });
    }
    return found;
  },
};
