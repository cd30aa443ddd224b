import { passageTerms, questionTerms, searchedPart, TimeSlices } from "../knowledge/index.js";

/** BM25's usual constants. */
const K1 = 1.2;
const B = 0.75;

/**
 * How relevant each passage of the attached documents is to the question
 * (0 when it holds none of its words): BM25 over the question's words as
 * search reads them (French analysis, chatter left out, the thesaurus's
 * wording beside everyday words), with statistics over these passages alone,
 * since attached documents are in no index. The event loop is given back
 * every few milliseconds: a conversation may hold long documents.
 */
export async function relevance(
  question: string,
  passages: readonly { section: string; text: string }[],
): Promise<number[]> {
  const terms = questionTerms(searchedPart(question));
  const wanted = terms.words.map((word) => [word, ...(terms.alternatives.get(word) ?? [])]);
  if (wanted.length === 0 || passages.length === 0) return passages.map(() => 0);
  const slices = new TimeSlices();
  const counts: Map<string, number>[] = [];
  const lengths: number[] = [];
  for (const passage of passages) {
    const analysed = passageTerms(null, passage.section ? [passage.section] : [], passage.text);
    const count = new Map<string, number>();
    for (const term of analysed) count.set(term, (count.get(term) ?? 0) + 1);
    counts.push(count);
    lengths.push(analysed.length);
    await slices.pause();
  }
  const average = lengths.reduce((sum, length) => sum + length, 0) / passages.length || 1;
  const frequency = (count: Map<string, number>, forms: string[]) =>
    forms.reduce((sum, form) => sum + (count.get(form) ?? 0), 0);
  const weights = wanted.map((forms) => {
    const holding = counts.filter((count) => frequency(count, forms) > 0).length;
    return Math.log(1 + (passages.length - holding + 0.5) / (holding + 0.5));
  });
  return counts.map((count, index) => {
    const norm = K1 * (1 - B + (B * (lengths[index] ?? 0)) / average);
    return wanted.reduce((score, forms, word) => {
      const tf = frequency(count, forms);
      return tf === 0 ? score : score + ((weights[word] ?? 0) * tf * (K1 + 1)) / (tf + norm);
    }, 0);
  });
}
