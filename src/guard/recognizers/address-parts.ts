import { foldSameLength } from "../fold.js";
import { lexicon } from "../lexicon.js";

/**
 * The pieces an address is made of, shared by the numbered streets
 * (address.ts) and the places without a number (address-places.ts): what
 * separates them, a flat's or a building's complement, a postal box, a post
 * code and its commune.
 */

/** Spaces inside an address line (a no-break space included). */
export const SPACE = "[ \\u00a0]";

/** Between two parts of an address: a comma, a dash, spaces and at most one line break. */
export const SEPARATOR = /[ \t\u00a0]*(?:[,–—-][ \t\u00a0]*)?(?:\r?\n[ \t\u00a0]*)?/y;

/**
 * "appt 4", "bât. B", "escalier 2", "3e étage", "chambre 17", "lot 14",
 * "emplacement 6", "tour 4" (accents folded): a flat or a building, around
 * a street or a residence.
 */
export const COMPLEMENT = new RegExp(
  `(?:(?:appartement|appt?\\.?|apt\\.?|batiment|bat\\.?|bt\\.?|escalier|esc\\.?|etage|porte|logement|chambre|lot|emplacement|tour|box)${SPACE}*(?:n°${SPACE}*)?[a-z]?[0-9]{1,3}[a-z]?|(?:batiment|bat\\.?|escalier|esc\\.?|tour|porte)${SPACE}*[a-z](?![a-z])|\\d{1,2}(?:e|er|eme)${SPACE}+etage|rdc|rez-de-chaussee|\\d{1,2}º${SPACE}?[a-z]?)(?![a-z0-9])`,
  "y",
);

/** A postal box: "BP 123", "B.P. 45", "CS 70001", "TSA 12345". */
export const BOX = "(?:B\\.[ \\u00a0]?P\\.?|BP|CS|TSA)[ \\u00a0]?\\d{1,6}(?![\\p{L}\\p{N}])";
export const BOX_AT = new RegExp(BOX, "uy");
export const BOX_ANYWHERE = new RegExp(`(?<![\\p{L}\\p{N}])${BOX}`, "gu");

/** A commune: "Lyon", "Saint-Étienne", "Le Puy-en-Velay", "Villeneuve-d'Ascq", "L'Haÿ-les-Roses", "PARIS". */
export const COMMUNE =
  "(?:(?:Le|La|Les|LE|LA|LES)[ \\u00a0]+)?(?:[DL]['’])?\\p{Lu}\\p{L}*(?:['’-]\\p{L}+)*";
/**
 * A postcode (01000–98999; overseas 97xxx and 98xxx included, never 2A or
 * 2B), a commune, then an optional CEDEX and its number.
 */
export const LOCALITY = new RegExp(
  `(?:0[1-9]|[1-8]\\d|9[0-8])\\d{3}[ \\u00a0]+${COMMUNE}(?![\\p{L}\\p{N}])(?:[ \\u00a0]+(?:CEDEX|Cedex|cedex)(?:[ \\u00a0]+\\d{1,3})?(?![\\p{L}\\p{N}]))?`,
  "uy",
);

/** Runs a sticky pattern at `index`; the end of its match, or -1. */
export function endAt(pattern: RegExp, text: string, index: number): number {
  pattern.lastIndex = index;
  const match = pattern.exec(text);
  return match ? index + match[0].length : -1;
}

/** The end of the separator at `index` when there is one (not empty), else -1. */
export function afterSeparator(text: string, index: number): number {
  const end = endAt(SEPARATOR, text, index);
  return end > index ? end : -1;
}

/**
 * What may follow an address line: a complement ("appt 4"), a postal box,
 * then a postcode and a commune. The end of the commune (or CEDEX), or -1
 * when no postcode and commune follow.
 */
export function localityEnd(text: string, folded: string, index: number): number {
  const position = complementsEnd(text, folded, index);
  return boxAndLocalityEnd(text, position);
}

/** The end of the complements ("bât. C, apt 34") after `index`, or `index` when none follows. */
export function complementsEnd(text: string, folded: string, index: number): number {
  let position = index;
  for (let count = 0; count < 4; count += 1) {
    const before = afterSeparator(text, position);
    const end = before >= 0 ? endAt(COMPLEMENT, folded, before) : -1;
    if (end < 0) break;
    position = end;
  }
  return position;
}

/** A postal box then a post code and a commune after `index`: their end, or -1. */
function boxAndLocalityEnd(text: string, index: number): number {
  let position = index;
  const beforeBox = afterSeparator(text, position);
  if (beforeBox >= 0) {
    const end = endAt(BOX_AT, text, beforeBox);
    if (end >= 0) position = end;
  }
  const beforeLocality = afterSeparator(text, position);
  if (beforeLocality < 0) return -1;
  return localityAt(text, beforeLocality);
}

/** A post code and a commune in lowercase ("59000 lille"): a commune only when it is a known place. */
const LOWERCASE_LOCALITY =
  /(?:0[1-9]|[1-8]\d|9[0-8])\d{3}[ \u00a0]+(\p{Ll}[\p{L}'’-]*(?:[ \u00a0](?:sur|sous|en|les|le|la|de|du)[ \u00a0-]\p{L}[\p{L}'’-]*)?)(?![\p{L}\p{N}])/uy;

/** The end of a post code and its commune at `index`, or -1. */
export function localityAt(text: string, index: number): number {
  const end = endAt(LOCALITY, text, index);
  if (end >= 0) return end;
  LOWERCASE_LOCALITY.lastIndex = index;
  const match = LOWERCASE_LOCALITY.exec(text);
  if (!match || !lexicon().isPlace(foldSameLength(match[1] as string))) return -1;
  return index + match[0].length;
}
