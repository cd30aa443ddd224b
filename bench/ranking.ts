/**
 * What the retrieval benches share: ranking metrics, and the plain BM25
 * baseline each measures against in the same run.
 */
import { FRENCH_STOP_WORDS, foldAccents } from "../src/knowledge/analysis/index.js";

export interface Query {
  query: string;
  relevant: string[];
}

/** hit@k, MRR@10 and recall@10 (the share of each question's relevant documents in its first ten). */
export function metrics(rankings: string[][], queries: Query[]) {
  let hit1 = 0;
  let hit5 = 0;
  let hit10 = 0;
  let mrr = 0;
  let recall = 0;
  rankings.forEach((ranking, index) => {
    const relevant = new Set(queries[index]?.relevant ?? []);
    const rank = ranking.slice(0, 10).findIndex((id) => relevant.has(id));
    if (rank === 0) hit1 += 1;
    if (rank >= 0 && rank < 5) hit5 += 1;
    if (rank >= 0) {
      hit10 += 1;
      mrr += 1 / (rank + 1);
    }
    recall += ranking.slice(0, 10).filter((id) => relevant.has(id)).length / (relevant.size || 1);
  });
  const n = rankings.length || 1;
  return { hit1: hit1 / n, hit5: hit5 / n, hit10: hit10 / n, mrr: mrr / n, recall: recall / n };
}

/** Plain BM25 over folded words minus stop words, no stemming: the baseline. */
export function plainBm25(documents: Map<string, string>) {
  const tokenize = (text: string) =>
    (foldAccents(text.toLowerCase()).match(/[a-z0-9]+/g) ?? []).filter(
      (word) => !FRENCH_STOP_WORDS.has(word) && word.length > 1,
    );
  const docs = [...documents].map(([id, text]) => {
    const terms = tokenize(text);
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    return { id, tf, length: terms.length };
  });
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const average = docs.reduce((sum, doc) => sum + doc.length, 0) / (docs.length || 1);
  return (query: string) => {
    const terms = [...new Set(tokenize(query))];
    return docs
      .map((doc) => {
        let score = 0;
        for (const term of terms) {
          const f = doc.tf.get(term);
          if (!f) continue;
          const n = df.get(term) ?? 0;
          const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
          score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * doc.length) / average));
        }
        return { id: doc.id, score };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 10)
      .map((hit) => hit.id);
  };
}
