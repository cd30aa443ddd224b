import { analyse } from "./analysis/index.js";
import { analyseQuestion } from "./analysis/question.js";

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

/**
 * Characters of a question that search and the extractive answer read, at most: half from its start,
 * half from its end. A turn's question is its last message, which may be a
 * pasted document of a megabyte; what is asked sits at its start or its end,
 * and reading it all would hold the event loop for nothing.
 */
const QUESTION_CHARACTERS = 8_000;

/** What search reads of a question (see QUESTION_CHARACTERS). */
export function searchedPart(question: string): string {
  if (question.length <= QUESTION_CHARACTERS) return question;
  const half = QUESTION_CHARACTERS / 2;
  return `${question.slice(0, half)}\n${question.slice(-half)}`;
}

/** How a question is read before it is searched (all on by default; benchmarks turn pieces off). */
export interface QuestionReading {
  /** Leave greetings and framing out ("bonjour, je voudrais savoir si…"). */
  chatter?: boolean;
  /** Search the administrative wording of everyday words beside them ("boulot" → "emploi"). */
  thesaurus?: boolean;
  /** Rank the passages about the place the question names first (see `Territories`). */
  places?: boolean;
}

/** The terms of a question, as `questionTerms` gives them. */
export interface QuestionTerms {
  /** The question's own words, in order (without chatter and age). */
  sequence: string[];
  /**
   * Its own words, each once. Their adjacent pairs are not searched (see
   * `RetrievalService.search`); the thesaurus's phrases are, as alternatives.
   */
  words: string[];
  /**
   * For an own word, the administrative terms that stand for it in a passage
   * (words and pairs, from the thesaurus), those the question does not hold.
   */
  alternatives: Map<string, string[]>;
  /** Own words that state the asker's situation ("19 ans"): searched, not required of a passage. */
  situational: Set<string>;
}

/**
 * A question's terms, read as an everyday question (see `analyseQuestion`):
 * without its chatter and its age, with the thesaurus's wording beside its
 * words. `replace` swaps own words first (spelling corrections).
 */
export function questionTerms(
  question: string | QuestionTerms,
  replace: ReadonlyMap<string, string> = new Map(),
  reading: QuestionReading = {},
): QuestionTerms {
  if (typeof question !== "string") {
    const sequence = question.sequence.map((word) => replace.get(word) ?? word);
    return { ...question, sequence, words: [...new Set(sequence)] };
  }
  const read = analyseQuestion(question, reading);
  const sequence = analyse(read.searched);
  const own = new Set(sequence);
  const alternatives = new Map<string, string[]>();
  for (const { everyday, administrative } of read.expansions) {
    const words = analyse(administrative);
    const terms = [...words, ...pairs(words)].filter((term) => !own.has(term));
    for (const word of analyse(everyday)) {
      if (!own.has(word)) continue;
      alternatives.set(word, [...new Set([...(alternatives.get(word) ?? []), ...terms])]);
    }
  }
  const situational = new Set(read.situational.flatMap((phrase) => analyse(phrase)));
  return { sequence, words: [...own], alternatives, situational };
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
