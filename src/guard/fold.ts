const FOLD: Record<string, string> = {
  à: "a",
  â: "a",
  ä: "a",
  á: "a",
  ã: "a",
  å: "a",
  ç: "c",
  é: "e",
  è: "e",
  ê: "e",
  ë: "e",
  î: "i",
  ï: "i",
  í: "i",
  ì: "i",
  ô: "o",
  ö: "o",
  ó: "o",
  ò: "o",
  õ: "o",
  œ: "o",
  ù: "u",
  û: "u",
  ü: "u",
  ú: "u",
  ÿ: "y",
  ñ: "n",
  æ: "a",
  "\u2019": "'",
  "\u02bc": "'",
};

/** Characters FOLD changes (after lowercasing). */
const FOLDABLE = new RegExp(`[${Object.keys(FOLD).join("")}]`, "g");

/**
 * Lowercase and accents folded, one character for one, so that offsets found
 * in the folded text are offsets in the original ("Hôpital" → "hopital").
 */
export function foldSameLength(text: string): string {
  const lower = text.toLowerCase();
  // Lowercasing changed the length (a rare character such as "İ"): fold one character at a time.
  if (lower.length !== text.length) return foldSlowly(text);
  return lower.replace(FOLDABLE, (char) => FOLD[char] ?? char);
}

function foldSlowly(text: string): string {
  let out = "";
  for (const char of text) {
    const lower = char.toLowerCase();
    const folded = FOLD[lower] ?? lower;
    out += folded.length === char.length ? folded : char;
  }
  return out;
}

/**
 * The keys the shipped lists hold for a name (scripts/derive-*.ts):
 * lowercase, accents removed, apostrophes straight, spaces collapsed, with
 * "œ" and "æ" spelt out as people type them ("Bœrsch" → "boersch") and, when
 * the name holds one, as a text folds it one character for one ("borsch").
 */
export function nameKeys(name: string): string[] {
  const spelt = foldName(name);
  if (!/[œæ]/i.test(name)) return [spelt];
  const folded = foldSameLength(name).replace(/’/g, "'").replace(/\s+/g, " ").trim();
  return folded === spelt ? [spelt] : [spelt, folded];
}

function foldName(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/['’]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
