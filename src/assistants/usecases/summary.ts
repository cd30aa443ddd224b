import { FRENCH_STOP_WORDS, foldAccents } from "../../knowledge/index.js";

/** One document to summarise: its name (the field's label) and its text. */
export interface SummarySource {
  name: string;
  text: string;
}

export interface SummarySentence {
  /** The source's index in the list given. */
  source: number;
  text: string;
}

/** Most sentences read in all the documents; past it the rest is not scored (bounded work). */
export const MAX_SUMMARY_SENTENCES = 20_000;
/** A sentence longer than this is cut at a word for the summary. */
const MAX_SENTENCE_CHARACTERS = 600;
const MIN_SENTENCE_WORDS = 5;

// A sentence ends at . ! ? … followed by a space and a capital, or at a line break.
const SENTENCE_END = /(?<=[.!?…])\s+(?=[«"(\p{Lu}\d])|\n+/u;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The extractive summary of one or several documents: the `count` sentences
 * that best carry the documents' frequent words (French stop words aside),
 * with a bonus for a paragraph's first sentence, given back in reading order.
 * One pass to cut and count, one to score, a sort of the scores: linear
 * but for that sort, and bounded by MAX_SUMMARY_SENTENCES.
 */
export function extractiveSummary(sources: SummarySource[], count: number): SummarySentence[] {
  interface Candidate {
    source: number;
    order: number;
    text: string;
    terms: string[];
    first: boolean;
  }
  const candidates: Candidate[] = [];
  const frequency = new Map<string, number>();
  let read = 0;
  sources.forEach((document, source) => {
    for (const paragraph of document.text.split(/\n\s*\n/)) {
      let first = true;
      for (const piece of paragraph.split(SENTENCE_END)) {
        if (read >= MAX_SUMMARY_SENTENCES) return;
        const text = piece
          .replace(/\s+/g, " ")
          .replace(/^[-*•#>\s]+/, "")
          .trim();
        if (text === "") continue;
        read += 1;
        const terms = contentWords(text);
        const words = text.match(WORD)?.length ?? 0;
        if (words >= MIN_SENTENCE_WORDS && terms.length > 0) {
          candidates.push({ source, order: candidates.length, text, terms, first });
          for (const term of new Set(terms)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
        }
        first = false;
      }
    }
  });
  let most = 1;
  for (const value of frequency.values()) most = Math.max(most, value);
  const scored = candidates.map((candidate) => {
    const distinct = new Set(candidate.terms);
    let sum = 0;
    for (const term of distinct) sum += (frequency.get(term) ?? 0) / most;
    // The mean weight, softened by the square root so a long sentence is not ruled out.
    const score = sum / Math.sqrt(distinct.size) + (candidate.first ? 0.5 : 0);
    return { candidate, score };
  });
  scored.sort((a, b) => b.score - a.score || a.candidate.order - b.candidate.order);
  return scored
    .slice(0, count)
    .map(({ candidate }) => candidate)
    .sort((a, b) => a.order - b.order)
    .map(({ source, text }) => ({ source, text: cut(text) }));
}

/** The sentence's words that carry meaning: lowercase, accents folded, no stop word nor digit. */
function contentWords(sentence: string): string[] {
  const terms: string[] = [];
  for (const [word] of sentence.toLowerCase().matchAll(WORD)) {
    if (word.length < 3 || /^\d+$/.test(word)) continue;
    const folded = foldAccents(word);
    if (!FRENCH_STOP_WORDS.has(folded)) terms.push(folded);
  }
  return terms;
}

function cut(text: string): string {
  if (text.length <= MAX_SENTENCE_CHARACTERS) return text;
  const slice = text.slice(0, MAX_SENTENCE_CHARACTERS);
  const space = slice.lastIndexOf(" ");
  return `${space > 0 ? slice.slice(0, space) : slice} […]`;
}
