import type { Principal } from "../identity/index.js";
import type { Grounding, GroundingPassage } from "../pipeline/index.js";
import type { LexicalIndex } from "../store/index.js";
import { ABSTENTION_THRESHOLD } from "./answer.js";
import type { DenseRetrieval } from "./dense.js";
import type { DocumentsRepository, PassageWithDocument } from "./documents.repository.js";
import type { Actor, KnowledgeService } from "./knowledge.service.js";
import { shownFileName } from "./personal-data.js";
import { editDistance, questionTerms } from "./terms.js";

export type SearchHit = GroundingPassage;

export interface SearchResult {
  hits: SearchHit[];
  /** Query terms after French analysis. */
  terms: string[];
  /** The bases searched. */
  bases: string[];
  /** The rankings fused: `lexical` always, `dense` when an embedding model answered. */
  rankings: ("lexical" | "dense")[];
  /**
   * How much of the question the best passage covers, from 0 to 1: the share
   * of the query terms' inverse document frequency found in it. Unlike a raw
   * BM25 score it does not grow with the question's length, so one threshold
   * serves every question.
   */
  confidence: number;
}

/** A hit names its document as readers are shown it (pseudonymised like its text). */
const toHit = (passage: PassageWithDocument, score: number): SearchHit => ({
  passageId: passage.id,
  documentId: passage.document_id,
  knowledgeBaseId: passage.knowledge_base_id,
  knowledgeBaseName: passage.knowledge_base_name,
  fileName: shownFileName(passage.shown_file_name),
  title: passage.title ?? shownFileName(passage.shown_file_name),
  section: passage.section_path,
  page: passage.page,
  score,
  text: passage.text,
});

/**
 * Most passages a search scores for its words (pairs aside). Bases of a few
 * thousand passages never reach it; at 100,000 passages it keeps a question of
 * common words fast. See docs/benchmarks.md.
 */
const POSTINGS_BUDGET = 20_000;

type TermWeights = Map<string, { idf: number; credit: number }>;

/**
 * Each query term's inverse document frequency, from the counts the search
 * already read; a corrected word is a guess, so it counts half when a
 * passage holds it.
 */
function idfWeights(
  queryTerms: string[],
  corrected: ReadonlySet<string>,
  frequencies: ReadonlyMap<string, number>,
  passages: number,
): TermWeights {
  return new Map(
    [...new Set(queryTerms)].map((term) => {
      const df = frequencies.get(term) ?? 0;
      const idf = Math.log(1 + (passages - df + 0.5) / (df + 0.5));
      return [term, { idf, credit: corrected.has(term) ? idf / 2 : idf }];
    }),
  );
}

/**
 * How much of the question a passage covers, from 0 to 1: the share of the
 * query terms' inverse document frequency found in its terms.
 */
function coverage(weights: TermWeights, passageTerms: string): number {
  const present = new Set(passageTerms.split(" "));
  let matched = 0;
  let total = 0;
  for (const [term, { idf, credit }] of weights) {
    total += idf;
    if (present.has(term)) matched += credit;
  }
  return total === 0 ? 0 : matched / total;
}

/** Reciprocal rank fusion's constant (Cormack et al., 2009): a passage scores Σ 1 / (k + rank). */
const RRF_K = 60;

/** How deep each ranking is read before fusion. */
const FUSION_DEPTH = 50;

/** Fuses rankings by reciprocal rank: robust to their scores being on different scales. */
export function reciprocalRankFusion(rankings: string[][], limit: number): [string, number][] {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, index) => {
      scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + index + 1));
    });
  }
  return [...scores].sort((a, b) => b[1] - a[1]).slice(0, limit);
}

/** Lexical retrieval over the bases an actor may read, never beyond them. */
export class RetrievalService {
  constructor(
    private readonly deps: {
      knowledge: KnowledgeService;
      documents: DocumentsRepository;
      index: LexicalIndex;
      dense?: DenseRetrieval;
    },
  ) {}

  /**
   * Ranks passages for a question. `knowledgeBaseIds` narrows the search; ids
   * the actor may not read are dropped, never searched.
   */
  async search(
    actor: Actor,
    query: string,
    options: {
      knowledgeBaseIds?: string[];
      limit?: number;
      /** Benchmarks only: scores every word when set to Infinity (the budget's baseline). */
      postingsBudget?: number;
    } = {},
  ): Promise<SearchResult> {
    const readable = await this.deps.knowledge.readableIds(actor);
    const bases = options.knowledgeBaseIds
      ? readable.filter((id) => options.knowledgeBaseIds?.includes(id))
      : readable;
    const {
      words: terms,
      pairs,
      corrected,
      frequencies,
      passages: indexed,
    } = await this.correctedTerms(query);
    const limit = options.limit ?? 10;
    // Scoring costs one step per passage holding a searched word. In a large index, search on the
    // rarest words (which decide the ranking) up to a budget of postings; coverage still counts all.
    const byRarity = [...terms].sort(
      (a, b) => (frequencies.get(a) ?? 0) - (frequencies.get(b) ?? 0),
    );
    const budget = options.postingsBudget ?? POSTINGS_BUDGET;
    const searched: string[] = [];
    let postings = 0;
    for (const term of byRarity) {
      const frequency = frequencies.get(term) ?? 0;
      if (searched.length > 0 && postings + frequency > budget) break;
      searched.push(term);
      postings += frequency;
    }
    const dense = this.deps.dense;
    const [lexical, nearest, weights] = await Promise.all([
      this.deps.index.search(
        bases,
        [...searched, ...pairs],
        dense ? Math.max(limit, FUSION_DEPTH) : limit,
      ),
      dense && bases.length > 0 ? dense.search(bases, query, FUSION_DEPTH) : null,
      idfWeights(terms, corrected, frequencies, indexed),
    ]);
    const passages = new Map(
      (await this.deps.documents.passages(lexical.map((hit) => hit.passageId))).map((p) => [
        p.id,
        p,
      ]),
    );
    const coverageOf = (id: string | undefined) => {
      const passage = id ? passages.get(id) : undefined;
      return passage ? coverage(weights, passage.terms) : 0;
    };
    const ranked: [string, number][] = nearest
      ? reciprocalRankFusion(
          [lexical.map((hit) => hit.passageId), nearest.map((hit) => hit.passageId)],
          limit,
        )
      : lexical.slice(0, limit).map((hit) => [hit.passageId, hit.score]);
    const missing = ranked.map(([id]) => id).filter((id) => !passages.has(id));
    for (const passage of await this.deps.documents.passages(missing)) {
      passages.set(passage.id, passage);
    }
    const hits = ranked.flatMap(([id, score]) => {
      const passage = passages.get(id);
      return passage ? [toHit(passage, score)] : [];
    });
    // Confidence is lexical coverage (calibrated on it): of the first hit, or of the lexical
    // ranking's first when fusion put another passage first, so that fusion never lowers it.
    const confidence = Math.max(coverageOf(hits[0]?.passageId), coverageOf(lexical[0]?.passageId));
    return {
      hits,
      terms,
      bases,
      rankings: nearest ? ["lexical", "dense"] : ["lexical"],
      confidence,
    };
  }

  /** The ground stage's port: passages for a question, and whether to abstain. */
  async ground(
    principal: Principal,
    question: string,
    knowledgeBaseIds?: string[],
  ): Promise<Grounding> {
    const result = await this.search(principal, question, {
      ...(knowledgeBaseIds && { knowledgeBaseIds }),
      limit: 8,
    });
    return {
      knowledgeBaseIds: result.bases,
      passages: result.hits,
      confidence: result.confidence,
      abstained: result.hits.length === 0 || result.confidence < ABSTENTION_THRESHOLD,
    };
  }

  /**
   * The question's terms, a misspelt word replaced by the indexed word it
   * most likely meant ("decheterie" → "déchetterie"): a word the bases never
   * use, of five letters or more, close to one they use (one edit, two from
   * eight letters, same first three letters), the most frequent if several.
   */
  private async correctedTerms(query: string) {
    const first = questionTerms(query);
    const { frequencies, passages } = await this.deps.index.documentFrequencies(first.words);
    const replace = new Map<string, string>();
    for (const word of first.words) {
      if ((frequencies.get(word) ?? 0) > 0 || word.length < 5 || /\d/.test(word)) continue;
      const prefix = word.slice(0, 3);
      const next = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(2) + 1)}`;
      const budget = word.length >= 8 ? 2 : 1;
      let best: { term: string; distance: number; frequency: number } | undefined;
      for (const candidate of await this.deps.index.vocabulary(prefix, next, 2000)) {
        if (candidate.term.includes("_")) continue;
        const distance = editDistance(word, candidate.term, budget);
        if (distance > budget) continue;
        if (
          !best ||
          distance < best.distance ||
          (distance === best.distance && candidate.frequency > best.frequency)
        ) {
          best = { ...candidate, distance };
        }
      }
      if (best) {
        replace.set(word, best.term);
        frequencies.set(best.term, best.frequency);
      }
    }
    const corrected = new Set(replace.values());
    return {
      ...(replace.size === 0 ? first : questionTerms(first.sequence, replace)),
      corrected,
      frequencies,
      passages,
    };
  }
}
