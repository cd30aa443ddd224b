/**
 * Syllables of a written French word, by rule, for the reading-ease score.
 * An approximation of spoken French, not a phonetic analysis:
 * - each group of consecutive vowel letters (a e i o u y and their accented
 *   forms, œ, æ) is one syllable: "eau", "oi", "ou", "ai", "ie", "tion" count once;
 * - a vowel with a diaeresis (ë ï ü ÿ) starts a new group: "naïf" = 2, "Noël" = 2;
 * - "u" after "q", and after "g" before e, i or y, is not a vowel: "publique" = 2, "guide" = 1;
 * - "y" between two vowels closes one group and opens the next: "payer" = 2, "crayon" = 2;
 * - a final unaccented "e" or "es" after a consonant is mute when the word has
 *   another group: "commune" = 2, "pièces" = 1, but "le" = 1 and "année" = 2;
 * - a final "ent" after a consonant is mute only where it is decidable that the
 *   word is a verb in the third person plural: right after « ils », « elles »
 *   (the caller says so); "doivent" = 1 after « ils », "moment" = 2 always;
 * - every word has at least one syllable (an initial, "n").
 * Known misses: hiatuses inside a vowel group ("réunion" = 2, said 3; "pays" = 1,
 * said 2), and verbs in -ent after a noun subject, which count one syllable too many.
 */
export function countSyllables(word: string, pluralVerb = false): number {
  const w = word.toLowerCase();
  const vowel: boolean[] = [];
  let groups = 0;
  for (let i = 0; i < w.length; i++) {
    const char = w.charAt(i);
    let isVowel = VOWELS.has(char);
    if (char === "u" && (w[i - 1] === "q" || (w[i - 1] === "g" && SOFT.includes(w[i + 1] ?? "")))) {
      isVowel = false;
    }
    const previous = vowel[i - 1] === true;
    vowel.push(isVowel);
    if (!isVowel) continue;
    const intervocalicY = char === "y" && previous && VOWELS.has(w[i + 1] ?? "");
    if (!previous || DIAERESIS.includes(char) || intervocalicY) groups++;
  }
  if (groups > 1 && endsMute(w, vowel, pluralVerb)) groups--;
  return Math.max(1, groups);
}

const VOWELS: ReadonlySet<string> = new Set("aeiouyàâäéèêëîïôöùûüÿœæ");
const DIAERESIS = "ëïüÿ";
/** The letters after which "gu" is a hard g with a silent u. */
const SOFT = "eiyéèê";

function endsMute(w: string, vowel: boolean[], pluralVerb: boolean): boolean {
  const consonantBefore = (index: number) => index >= 0 && vowel[index] === false;
  if (w.endsWith("e")) return consonantBefore(w.length - 2);
  if (w.endsWith("es")) return consonantBefore(w.length - 3);
  if (pluralVerb && w.endsWith("ent")) return consonantBefore(w.length - 4);
  return false;
}
