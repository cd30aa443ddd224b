/**
 * Acronyms of public services that the stemmer would cut (PACS → "pac", like
 * PACEA; CERFA → "cerf"; ARS → "ar"), kept whole whatever their case.
 * Acronyms the stemmer leaves whole (CAF, RSA, APL, CCAS, PLU, RQTH…) need no
 * entry.
 */
export const KNOWN_ACRONYMS: ReadonlySet<string> = new Set([
  ...["pacs", "pacea", "ants", "ars", "cerfa", "cese", "cada", "paje", "cae", "cias"],
  ...["ens", "ademe", "insee", "maia", "bafa", "avs", "segpa", "bts", "pcs", "ddets"],
  ...["dreets", "puma", "savs", "chrs", "adoma", "als", "enedis", "cvae", "dume", "mapa"],
  ...["marpa", "cms", "eps", "cls", "cpts"],
]);

const CAPITAL_ACRONYM = /^[A-Z]{2,5}$/;
// The next run of two letters or digits or more: elided letters (the D of
// "D'AIDE") are skipped.
const NEXT_WORD = /[\p{L}\p{M}\p{Nd}]{2,}/gu;

/**
 * Whether `token` (in original case) is an acronym of 2 to 5 capitals whose
 * neighbouring words are not in capitals: in "DEMANDE D'AIDE AU LOGEMENT",
 * a heading in capitals, AIDE is a word to stem.
 */
export function isCapitalAcronym(
  token: string,
  previousWord: string,
  text: string,
  end: number,
): boolean {
  if (!CAPITAL_ACRONYM.test(token) || isCapitalWord(previousWord)) return false;
  NEXT_WORD.lastIndex = end;
  const next = NEXT_WORD.exec(text);
  return next === null || !isCapitalWord(next[0]);
}

function isCapitalWord(text: string): boolean {
  return text.length >= 2 && text === text.toUpperCase() && text !== text.toLowerCase();
}
