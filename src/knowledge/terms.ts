import { analyse } from "./analysis/index.js";

/**
 * Adjacent analysed terms joined ("permis de conduire" → "permis_conduir"):
 * indexed beside the words, they reward passages that hold a question's
 * phrases, not only its words scattered.
 */
export const pairs = (terms: string[]): string[] =>
  terms.slice(1).map((term, index) => `${terms[index]}_${term}`);

/**
 * What a passage is indexed under: its document's title, its section headings
 * and its text, words and pairs. `lead` (the document's first sentence, on its
 * first passage) is counted once more: administrative documents name their
 * subject there ("L'allocation … est une aide …"), as a title would.
 */
export function passageTerms(
  title: string | null,
  sectionPath: string[],
  text: string,
  lead = "",
): string[] {
  return [title ?? "", ...sectionPath, text, lead].flatMap((part) => {
    const words = analyse(part);
    return [...words, ...pairs(words)];
  });
}

/** A question's words and pairs, each once; `replace` swaps words first (spelling corrections). */
export function questionTerms(
  question: string | string[],
  replace: ReadonlyMap<string, string> = new Map(),
): { sequence: string[]; words: string[]; pairs: string[] } {
  const sequence = (typeof question === "string" ? analyse(question) : question).map(
    (word) => replace.get(word) ?? word,
  );
  return { sequence, words: [...new Set(sequence)], pairs: [...new Set(pairs(sequence))] };
}

/** Edit distance with adjacent transpositions (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}
