/**
 * Texts crafted against the guard: each repeats what one recognizer or the
 * scanner reads most (a cue, a name, a number, an article-9 word, an
 * organisation's contact), with no line break or sentence end to stop the
 * reading. `bench:guard` times them beside the normal text; the HTTP test
 * checks that `/healthz` keeps answering while they are scanned.
 */
export const WORST_UNITS: Readonly<Record<string, string>> = {
  "article-9 words": "diabétique ",
  "capitalised first names": "Jean ",
  "unknown capitalised words": "Zorblax ",
  "hyphenated first names": "Jean-",
  "hyphenated capitals": "JEAN-MARIE-",
  initials: "J. ",
  particles: "de la ",
  "spelled-out numbers": "zéro ",
  "digit runs": "0 ",
  "table of phones": "| 06 12 34 56 78 |\n",
  "organisation contacts": "CCAS : 03 20 12 34 56, ccas@ville.fr ",
  "post codes": "Kerlann, 29800 Landerneau ",
  "postal boxes": "BP 12, 59000 Lille ",
  "document numbers": "passeport n° 123456789 ",
  "address characters": "a.b@c.",
  "listed names and places": "Jade (27), Faye, Chez Pinaud, Moussa, 11 ans, Véronique,\n",
  "birth places": "né à Porto (Portugal) ",
  "mixed personal data":
    "Mme Durand 06 12 34 56 78 jean.dupont@gmail.com 12 rue des Lilas, 59000 Lille. ",
};

/** `unit` repeated to exactly `length` characters. */
export const repeated = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
