import { foldAccents } from "./fold-accents.js";

/**
 * Words that carry no subject in a passage or an administrative question:
 * articles, pronouns, possessives, forms of être and avoir, modal verbs of
 * questions (puis-je, dois-je), prepositions, conjunctions and question words.
 *
 * Kept on purpose, because they change what a question asks: negation and
 * exclusion (non, sans, aucun, jamais, sauf, hors), thresholds (plus, moins),
 * time limits (avant, après, depuis, dès, pendant, entre), and words that are
 * also nouns of local services: été (summer), sommes (sums paid), car (the
 * school bus), bien/biens (property). "pas" and "ne" go: the negation of a
 * sentence is not something lexical retrieval can use.
 *
 * Stored in lowercase with accents as written, plus the accentless spelling of
 * each word, so that "où" and a hastily typed "ou" are both recognised.
 */
export const FRENCH_STOP_WORDS: ReadonlySet<string> = withFoldedSpellings([
  // Articles, contractions and elided forms (l', d', qu', lorsqu'…).
  ...["le", "la", "les", "un", "une", "des", "du", "au", "aux"],
  ...["l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu"],
  ...["presqu", "quelqu", "aujourd", "hui"],
  // Personal, reflexive, relative and demonstrative pronouns.
  ...["je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "te", "se"],
  ...["moi", "toi", "soi", "lui", "eux", "leur", "leurs", "y", "en"],
  ...["qui", "que", "quoi", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles"],
  ...["duquel", "desquels", "desquelles", "auquel", "auxquels", "auxquelles"],
  ...["ce", "cet", "cette", "ces", "ceci", "cela", "ça", "celui", "celle", "ceux", "celles"],
  // Possessives.
  ...["mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses"],
  ...["notre", "nos", "votre", "vos"],
  // Indefinite determiners with no subject.
  ...["tout", "toute", "tous", "toutes", "même", "mêmes", "autre", "autres", "chaque"],
  ...["quelque", "quelques", "plusieurs", "certain", "certaine", "certains", "certaines"],
  // Question words.
  ...["quel", "quelle", "quels", "quelles", "comment", "combien", "pourquoi", "quand"],
  // Prepositions and conjunctions.
  ...["à", "de", "dans", "par", "pour", "sur", "sous", "avec", "chez", "vers", "selon"],
  ...["et", "ou", "mais", "donc", "or", "ni", "si", "comme", "lorsque", "puisque"],
  ...["quoique", "afin", "ainsi", "alors", "aussi", "encore", "déjà", "ici", "là", "voici"],
  ...["voilà", "très", "trop", "peu", "ne", "pas", "oui"],
  // Être, avoir, and the modal verbs of questions.
  ...["être", "suis", "es", "est", "êtes", "sont", "serai", "seras", "sera"],
  ...["serons", "serez", "seront", "serais", "serait", "serions", "seriez", "seraient"],
  ...["étais", "était", "étions", "étiez", "étaient", "fus", "fut", "fûmes", "fûtes"],
  ...["furent", "sois", "soit", "soyons", "soyez", "soient", "fusse", "fusses", "fût"],
  ...["fussions", "fussiez", "fussent", "étant"],
  ...["avoir", "ai", "as", "a", "avons", "avez", "ont", "aurai", "auras", "aura", "aurons"],
  ...["aurez", "auront", "aurais", "aurait", "aurions", "auriez", "auraient", "avais"],
  ...["avait", "avions", "aviez", "avaient", "eut", "eûmes", "eûtes", "eurent", "aie"],
  ...["aies", "ait", "ayons", "ayez", "aient", "eusse", "eusses", "eût", "eussions"],
  ...["eussiez", "eussent", "ayant", "eu", "eue", "eues", "eus"],
  ...["peux", "peut", "pouvons", "pouvez", "peuvent", "puis", "pourrais", "pourrait"],
  ...["dois", "doit", "devons", "devez", "doivent", "faut", "voudrais", "voudrait"],
  // "Refaire ma carte d'identité" asks for the card: refaire names no subject, is rare in
  // documents, so its weight made such questions abstain (bench:abstention unchanged without it).
  ...["refaire", "refais", "refait"],
]);

function withFoldedSpellings(words: string[]): Set<string> {
  const set = new Set(words);
  for (const word of words) set.add(foldAccents(word));
  return set;
}
