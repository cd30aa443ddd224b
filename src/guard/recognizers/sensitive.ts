import { contextOf, type Entity, matches, type Recognizer } from "../entity.js";
import { expand, TERMS } from "./sensitive-terms.js";

/** Every term (folded) by category: src/guard/recognizers/sensitive-terms.ts. */
const LEXICON: Record<string, string[]> = Object.fromEntries(
  Object.entries(TERMS).map(([category, list]) => [category, expand(list)]),
);

/**
 * Facts said with a structure rather than a word (folded text): a trade
 * union's mandate or membership ("déléguée CGT", "secrétaire de la section
 * FO", "élu UNSA"), an origin ("d'origine marocaine", "originaire du
 * Mali"), a pregnancy ("est enceinte", "enceinte de six mois": the word alone
 * is also a loudspeaker or a wall).
 */
const UNIONS =
  "cgt|cfdt|fo|force ouvriere|unsa|sud|fsu|cftc|cfe-cgc|snuipp|snuipp-fsu|snes|sgen|interco|fa-fpt|solidaires|cnt";
const STRUCTURED: readonly (readonly [RegExp, string])[] = [
  [
    new RegExp(
      `(?<![a-z])(?:delegue|deleguee|delegues|elu|elue|elus|representant|representante|secretaire|tresoriere?|adherente?|syndiquee?|militante?|membre|candidate?|mandat|liste|section|syndicat)(?![a-z])[^.\\n]{0,40}?(?<![a-z])(?:${UNIONS})(?![a-z])(?:[ -](?:territoriaux|interco|services publics))?`,
      "g",
    ),
    "union",
  ],
  [
    /(?<![a-z])(?:d'|de |aux |ses |son |sa |leurs? |des |une )origines? (?!animale|controlee|vegetale|humaine|inconnue|geographique|protegee|professionnelle|de |du |des )[a-z]+(?:ais|aise|aises|ien|ienne|iennes|iens|ain|aine|aines|ains|ane|anes|ois|oise|oises|que|ques|e|es|is|ite|ites|ole|oles|an|ane|ien)(?![a-z])/g,
    "origin",
  ],
  [/(?<![a-z])originaire (?:du|de la|des|d'|de) [a-z][a-z'-]+/g, "origin"],
  // "la section UNSA, dont elle est adhérente", "la CGT, où il est élu": the union first.
  [
    new RegExp(
      `(?<![a-z])(?:${UNIONS})(?![a-z])[^.\\n]{0,30}?(?<![a-z])(?:dont|ou|qu)[^.\\n]{0,20}?(?<![a-z])(?:delegue|deleguee|elu|elue|representant|representante|secretaire|tresoriere?|adherente?|syndiquee?|militante?|membre)(?![a-z])`,
      "g",
    ),
    "union",
  ],
  // "M. Da Silva (UNSA)": a union's name in brackets after someone's.
  [new RegExp(`\\((?:${UNIONS})(?: ct| territoriaux)?\\)`, "g"), "union"],
  [
    /(?<![a-z])(?:adherente?|militante?|membre|sympathisante?|encartee?) (?:du|de la|de l'|au|a la|chez) (?:rn|fn|lfi|ps|pcf|lr|eelv|modem|renaissance|reconquete|npa|lo)(?![a-z])/g,
    "politics",
  ],
  // Dependency levels of the elderly (AGGIR grid): "GIR 2".
  [/(?<![a-z0-9])gir ?[1-6](?![0-9])/g, "health"],
  // "après ma TS", "une TS": a suicide attempt; "sort de l'HP": a psychiatric hospital.
  [
    /(?<![a-z])(?:ma|sa|une|sa derniere|apres sa|apres une|apres ma|fait une) ts(?![a-z])/g,
    "health",
  ],
  [/(?<![a-z])(?:de l'|a l'|en |l')hp(?![a-z])/g, "health"],
  [
    /(?<![a-z])(?:(?:est|etait|suis|etant|tombee|toujours|actuellement|elle|femme) enceinte|enceinte (?:de|d') ?(?:\d|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|quelques|plusieurs)|(?<!l'|une |les |d'|cette )enceinte(?= ?[,;(]| \(| ?:|$)(?! (?:du|de la|des|de l'|sportive|acoustique|connectee|bluetooth)))(?![a-z])/gm,
    "health",
  ],
];

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

/**
 * Bodies whose names hold an article-9 word ("Secours catholique", "Tourisme
 * & Handicap", "ESAT Les Ateliers du…"), a church named after its saint
 * ("concert à l'église Saint-Jean"), and groups spoken of in general ("les
 * enfants porteurs de handicap sont accueillis"): they say nothing of anyone.
 */
const BODIES =
  /(?<![a-z])(?:(?:a |dans |de )?l'eglise (?:saint|sainte|notre|st|ste)(?= |-)|(?:les|des|aux) (?:enfants|personnes|jeunes|eleves|adultes|publics|salaries|agents|usagers|habitants) (?:porteu(?:r|s|se|ses)s? d'un |porteu(?:r|s|se|ses)s? de |atteints? d'un |atteintes? d'un |en situation de )?(?:handicaps?|handicapes?|handicapees?)|secours catholique|enseignement catholique|institut catholique|universite catholique|ligue (?:nationale )?contre le cancer|france alzheimer|apf france handicap|tourisme (?:&|et) handicap|esat (?:les|le|la) [a-z]+|(?:fete|fetes) religieuses?|decisions? d'ist)(?![a-z])/g;

export const sensitiveRecognizer: Recognizer = {
  name: "sensitive",
  lookAlikes(text, context) {
    const folded = contextOf(text, context).folded;
    return matches(BODIES, folded).map((match) => ({
      start: match.index,
      end: match.index + match[0].length,
      rule: "sensitive.body",
    }));
  },
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
    for (const [pattern, category] of STRUCTURED) {
      for (const match of matches(pattern, folded)) {
        const start = match.index;
        const end = start + match[0].length;
        if (found.some((entity) => entity.start >= start && entity.end <= end)) {
          // The structure holds a term already found ("délégué syndical CGT"): one finding.
          for (let index = found.length - 1; index >= 0; index -= 1) {
            const entity = found[index] as Entity;
            if (entity.start >= start && entity.end <= end) found.splice(index, 1);
          }
        }
        found.push({
          type: "SENSITIVE",
          start,
          end,
          confidence: 0.8,
          rule: `sensitive.${category}`,
        });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  },
};
