import { analyse, foldAccents } from "./analysis/index.js";

/**
 * What a question asks for, read from its words: hours, a price, a phone
 * number, a date or a time limit, a place, papers to bring, an age. A
 * question about hours wants a sentence with hours ("9 h – 12 h"), one
 * about a price a sentence with an amount, and so on.
 */
export interface Ask {
  /** Whether a sentence (or a passage) holds what is asked. */
  unit: RegExp;
  /** The question's terms that ask it ("horair", "cout"): a passage holding the answer covers them. */
  terms: string[];
}

const ASKS: readonly { question: RegExp; unit: RegExp }[] = [
  {
    // Opening hours.
    question: /\b(?:horaires?|heures?|ouvert|ouverte|ouverture|ferme|fermee?|fermeture)\b/,
    // A range of hours ("9 h – 12 h", "de 14h à 18h"), "jusqu'à 19 h", "dès 8 h", or closed days;
    // not a duration ("zone bleue (1 h 30)").
    unit: /\b\d{1,2}\s?h(?:\s?\d{2})?\s*(?:–|-|à|a)\s*\d{1,2}\s?h|\b(?:jusqu'(?:à|a)|dès|des|à partir de|a partir de)\s\d{1,2}\s?h|\bferm[ée]e?s?\b/i,
  },
  {
    // A price ("combien de livres" asks a number, "combien de temps" a duration: below).
    question:
      /\b(?:combien(?! de\b| d')|prix|tarifs?|couts?|coute|coutent|payer|payant|gratuite?s?|cher|euros?)\b/,
    unit: /\d[\d\s.,]*\s?(?:€|euros?)|\bgratuite?s?\b/i,
  },
  {
    // A phone number or how to reach a service.
    question: /\b(?:telephone|tel|numero|appeler|joindre|contacter|contact)\b/,
    unit: /\b0\d(?:[\s.]?\d{2}){4}\b|@/,
  },
  {
    // A number of things ("combien de livres", "combien de témoins").
    question: /\bcombien (?:de|d')(?! temps)/,
    unit: /\b\d+\b/,
  },
  {
    // A date, a time limit, a duration, a day of the week.
    question:
      /\b(?:quand|date|delais?|combien de temps|duree|jusqu'a quand|avant quand|attendre|quels? jours?)\b/,
    unit: /\b\d+\s?(?:jours?|semaines?|mois|ans?|heures?)\b|\b\d{1,2}(?:er)?\s(?:janvier|fevrier|février|mars|avril|mai|juin|juillet|aout|août|septembre|octobre|novembre|decembre|décembre)\b|\b(?:lundis?|mardis?|mercredis?|jeudis?|vendredis?|samedis?|dimanches?)\b/i,
  },
  {
    // A place.
    question:
      /\b(?:adresse|lieu|endroit|situee?|se trouve|ou est|ou aller|ou faut|ou dois|ou peut|ou puis|c est ou)\b/,
    unit: /\b\d+(?:\s?bis|\s?ter)?,?\s(?:rue|avenue|av\.|place|route|chemin|boulevard|bd|allee|allée|impasse|quai)\b/i,
  },
  {
    // Papers to bring.
    question:
      /\b(?:papiers?|documents?|pieces?|justificatifs?|fournir|apporter|dossier|besoin de quoi)\b/,
    unit: /\b(?:justificatifs?|pièces?|copies?|formulaires?|livret|photo|carte|attestation|certificat|acte)\b/i,
  },
  {
    // An age.
    question: /\b(?:age|ages|quel age|des \d+ ans|a partir de)\b/,
    unit: /\b\d+\s?ans\b/i,
  },
];

/** The question patterns, global, compiled once (`match` starts each from the text's start). */
const GLOBAL = ASKS.map((ask) => ({
  question: new RegExp(ask.question.source, "g"),
  unit: ask.unit,
}));

/** What `question` asks for. */
export function questionAsks(question: string): Ask[] {
  const folded = foldAccents(question.toLowerCase());
  return GLOBAL.flatMap((ask) => {
    const found = folded.match(ask.question);
    return found ? [{ unit: ask.unit, terms: found.flatMap((words) => analyse(words)) }] : [];
  });
}
