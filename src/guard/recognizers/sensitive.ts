import { type Entity, matches, type Recognizer } from "../entity.js";
import { foldSameLength } from "../fold.js";

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

const asPattern = (term: string) =>
  term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "[ -]");

/** The category of each term (folded, spaces as single spaces). */
const CATEGORY = new Map(
  Object.entries(LEXICON).flatMap(([category, terms]) =>
    terms.map((term) => [term.replace(/-/g, " "), category] as const),
  ),
);

/**
 * One pass over the folded text: every term at once, longest first, on word
 * boundaries (the folded text's letters are ASCII, so ASCII classes do).
 */
const PATTERN = new RegExp(
  `(?<![a-z0-9])(?:${[...new Set(Object.values(LEXICON).flat())]
    .sort((a, b) => b.length - a.length)
    .map(asPattern)
    .join("|")})(?![a-z0-9])`,
  "g",
);

export const sensitiveRecognizer: Recognizer = {
  name: "sensitive",
  find(text) {
    const found: Entity[] = [];
    for (const match of matches(PATTERN, foldSameLength(text))) {
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
