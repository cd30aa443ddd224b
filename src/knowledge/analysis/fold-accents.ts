/**
 * Removes diacritics and expands ligatures: "Élève" → "Eleve", "cœur" →
 * "coeur", "straße" → "strasse". ASCII text is returned as is without copying.
 */
export function foldAccents(text: string): string {
  return NON_ASCII.test(text) ? text.replace(NON_ASCII_GLOBAL, foldCharacter) : text;
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_GLOBAL = /[\u0080-\uffff]/g;
const COMBINING_MARKS = /\p{M}/gu;

// Letters that canonical decomposition does not split into base + mark.
const FOLDED = new Map<string, string>([
  ["œ", "oe"],
  ["Œ", "OE"],
  ["æ", "ae"],
  ["Æ", "AE"],
  ["ß", "ss"],
  ["ẞ", "SS"],
  ["ø", "o"],
  ["Ø", "O"],
  ["đ", "d"],
  ["Đ", "D"],
  ["ð", "d"],
  ["Ð", "D"],
  ["ł", "l"],
  ["Ł", "L"],
  ["ħ", "h"],
  ["Ħ", "H"],
  ["ı", "i"],
  ["þ", "th"],
  ["Þ", "TH"],
]);

// Filled lazily: a text uses few distinct non-ASCII characters.
function foldCharacter(character: string): string {
  let folded = FOLDED.get(character);
  if (folded === undefined) {
    folded = character.normalize("NFD").replace(COMBINING_MARKS, "");
    FOLDED.set(character, folded);
  }
  return folded;
}
