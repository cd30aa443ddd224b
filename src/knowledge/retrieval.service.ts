import type { Principal } from "../identity/index.js";
import type { Grounding, GroundingPassage } from "../pipeline/index.js";
import type { LexicalIndex } from "../store/index.js";
import { ABSTENTION_THRESHOLD } from "./answer.js";
import { type Ask, questionAsks } from "./asks.js";
import type { DenseRetrieval } from "./dense.js";
import type { DocumentsRepository, PassageWithDocument } from "./documents.repository.js";
import type { Actor, KnowledgeService } from "./knowledge.service.js";
import { shownFileName } from "./personal-data.js";
import { editDistance, type QuestionReading, questionTerms, searchedPart } from "./terms.js";
import type { Locality, Territories } from "./territories.js";

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
   * How much of the question the best of the first passages covers, from 0
   * to 1 (see `coverage`). Unlike a raw BM25 score it does not grow with the
   * question's length, so one threshold serves every question.
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
 * Each query term's weight: one plus its inverse document frequency, from the
 * counts the search already read (the one keeps a word every passage holds
 * from weighing nothing in a small base, where a single missing word would
 * otherwise outweigh the rest); a corrected word is a guess, so it counts
 * half when a passage holds it.
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
      const idf = 1 + Math.log(1 + (passages - df + 0.5) / (df + 0.5));
      return [term, { idf, credit: corrected.has(term) ? idf / 2 : idf }];
    }),
  );
}

/**
 * How many words a question's evidence needs, at most, as rare words: a
 * passage holding the question's three rarest words covers it
 * all, however long the question. A resident's question tells a story ("je
 * suis infirmière et il m'arrive de finir tard…") whose words no passage
 * holds; without this cap, a long question could never be answered.
 * Calibrated on the demo base's blind questions (docs/benchmarks.md).
 */
const EVIDENCE_WORDS = 3.0;

/**
 * How much of the question a passage covers, from 0 to 1: the query terms'
 * inverse document frequency found in its terms, against the question's
 * total, or `cap` when the question holds more (see EVIDENCE_WORDS). An
 * everyday word counts as found when the passage holds its administrative
 * wording ("boulot" in a passage about "emploi"), a word that asks for
 * something when the passage holds it ("coûte" and a price), each for half.
 */
function coverage(
  weights: TermWeights,
  passage: { terms: string; text: string },
  alternatives: ReadonlyMap<string, string[]>,
  asks: readonly Ask[],
  cap: number,
): number {
  const present = new Set(passage.terms.split(" "));
  let matched = 0;
  let total = 0;
  for (const [term, { idf, credit }] of weights) {
    total += idf;
    if (present.has(term)) matched += credit;
    // Another wording, or what is asked found ("combien coûte…" and a price): a guess, half.
    else if (alternatives.get(term)?.some((word) => present.has(word))) matched += credit / 2;
    else if (asks.some((ask) => ask.terms.includes(term) && ask.unit.test(passage.text)))
      matched += credit / 2;
  }
  return total === 0 ? 0 : Math.min(1, matched / Math.min(total, cap));
}

/**
 * A word held by at most this many passages, or this share of them, is
 * seldom used by the bases: its thesaurus wording is searched too.
 * Measured on the blind questions (docs/benchmarks.md).
 */
const SELDOM_PASSAGES = 2;
const SELDOM_SHARE = 0.01;

/** How deep the lexical ranking is read when the question names a place. */
const TERRITORY_DEPTH = 60;

/**
 * What a passage's score is multiplied by, by where it applies for a
 * question asked from a place (see `Territories`). Calibrated on the blind
 * citizen questions over the 550 aids (docs/benchmarks.md).
 */
const LOCALITY_WEIGHTS: Record<Locality, number> = { local: 1.6, everywhere: 1, elsewhere: 0.4 };

/** How many of the first passages the confidence reads: those an answer quotes from. */
const CONFIDENCE_DEPTH = 3;

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
      /** Places in questions and passages; without it, a place is just a word. */
      territories?: Territories;
    },
  ) {}

  /**
   * Ranks passages for a question. `knowledgeBaseIds` narrows the search; ids
   * the actor may not read are dropped, never searched.
   */
  async search(
    actor: Actor,
    asked: string,
    options: {
      knowledgeBaseIds?: string[];
      limit?: number;
      /** Benchmarks only: scores every word when set to Infinity (the budget's baseline). */
      postingsBudget?: number;
      /** Benchmarks only: how the question is read (every piece on by default). */
      reading?: QuestionReading;
    } = {},
  ): Promise<SearchResult> {
    const query = searchedPart(asked);
    const readable = await this.deps.knowledge.readableIds(actor);
    const bases = options.knowledgeBaseIds
      ? readable.filter((id) => options.knowledgeBaseIds?.includes(id))
      : readable;
    const {
      words: terms,
      alternatives,
      situational,
      corrected,
      frequencies,
      passages: indexed,
    } = await this.correctedTerms(query, options.reading);
    const limit = options.limit ?? 10;
    const asks = questionAsks(query);
    // The thesaurus bridges the bases' vocabulary: a word they never or seldom use ("boulot";
    // "piscine", in a base whose sheet says "centre aquatique") is also searched through its
    // administrative wording ("emploi"); a word they use widely is searched as typed.
    const seldom = Math.max(SELDOM_PASSAGES, indexed * SELDOM_SHARE);
    const expansions = [
      ...new Set(
        terms.flatMap((term) =>
          (frequencies.get(term) ?? 0) <= seldom ? (alternatives.get(term) ?? []) : [],
        ),
      ),
    ];
    // Scoring costs one step per passage holding a searched word. In a large index, search on the
    // rarest words (which decide the ranking) up to a budget of postings; coverage still counts all.
    const byRarity = [...terms, ...expansions.filter((term) => !term.includes("_"))].sort(
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
    // A question asked from a place ranks the passages about it first, those about another
    // territory last: read deeper, so that a local passage ranked low lexically comes up.
    const territories = options.reading?.places === false ? undefined : this.deps.territories;
    const asker = territories?.askedFrom(query) ?? [];
    const depth = Math.max(limit, dense ? FUSION_DEPTH : 0, asker.length > 0 ? TERRITORY_DEPTH : 0);
    const [found, nearest, weights] = await Promise.all([
      this.deps.index.search(
        bases,
        // The question's own adjacent pairs are not searched: in a resident's long question they
        // join words the chatter separated, and a pair's rarity let it outweigh the words (on the
        // blind citizen questions MRR@10 0.79 with them, 0.82 without; docs/benchmarks.md). The
        // thesaurus's phrases are ("permis de conduire" → permis_conduir).
        [...searched, ...expansions.filter((term) => term.includes("_"))],
        depth,
      ),
      dense && bases.length > 0 ? dense.search(bases, query, FUSION_DEPTH) : null,
      // The asker's situation ("j'ai 19 ans") is searched, but no passage must state it.
      idfWeights(
        terms.filter((term) => !situational.has(term)),
        corrected,
        frequencies,
        indexed,
      ),
    ]);
    const passages = new Map(
      (await this.deps.documents.passages(found.map((hit) => hit.passageId))).map((p) => [p.id, p]),
    );
    const lexical =
      territories && asker.length > 0
        ? found
            .map((hit) => {
              const passage = passages.get(hit.passageId);
              const about = passage
                ? territories.about({
                    passageId: hit.passageId,
                    title: passage.title,
                    text: passage.text,
                  })
                : [];
              return {
                ...hit,
                score: hit.score * LOCALITY_WEIGHTS[territories.locality(about, asker)],
              };
            })
            .sort((a, b) => b.score - a.score)
        : found;
    // The most a question's evidence needs: EVIDENCE_WORDS words found in no other passage.
    const cap = EVIDENCE_WORDS * (1 + Math.log(1 + (indexed + 0.5) / 0.5));
    const coverageOf = (id: string | undefined) => {
      const passage = id ? passages.get(id) : undefined;
      return passage ? coverage(weights, passage, alternatives, asks, cap) : 0;
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
    // Confidence is lexical coverage (calibrated on it): of the best of the first passages, which
    // the answer quotes from (the hours may be in a document's second passage), lexical ranking
    // included when fusion put other passages first, so that fusion never lowers it.
    const confidence = Math.max(
      0,
      ...[...hits.slice(0, CONFIDENCE_DEPTH), ...lexical.slice(0, CONFIDENCE_DEPTH)].map((hit) =>
        coverageOf(hit.passageId),
      ),
    );
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
  private async correctedTerms(query: string, reading?: QuestionReading) {
    const first = questionTerms(query, new Map(), reading);
    const { frequencies, passages } = await this.deps.index.documentFrequencies([
      ...first.words,
      ...[...first.alternatives.values()].flat().filter((term) => !term.includes("_")),
    ]);
    const replace = new Map<string, string>();
    for (const word of first.words) {
      if ((frequencies.get(word) ?? 0) > 0 || word.length < 5 || /\d/.test(word)) continue;
      // An everyday word the thesaurus knows is searched through its wording when the bases use it.
      if (first.alternatives.get(word)?.some((term) => (frequencies.get(term) ?? 0) > 0)) continue;
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
      ...(replace.size === 0 ? first : questionTerms(first, replace)),
      corrected,
      frequencies,
      passages,
    };
  }
}
