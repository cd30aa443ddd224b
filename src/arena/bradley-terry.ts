import { LoopTurns } from "../shared/loop-turns.js";

/** Who won a battle: contender `a`, contender `b`, or neither ("both good" and "both bad" alike). */
export type Outcome = "a" | "b" | "tie";

/** One vote between two different contenders, numbered from 0. */
export interface ArenaVote {
  a: number;
  b: number;
  outcome: Outcome;
}

export interface FitOptions {
  /** Weight of the virtual tie added between every pair of contenders (default 0.5). */
  prior?: number;
  /** The fit stops when no log-strength moves by this much in an iteration (default 1e-12). */
  tolerance?: number;
  maxIterations?: number;
}

export interface RankOptions extends FitOptions {
  seed: number;
  /** Bootstrap replicates for the intervals (default 200). */
  replicates?: number;
}

export interface RankedContender {
  /** The mean-zero log-strength. */
  score: number;
  /** The 95 % bootstrap interval of the score. */
  low: number;
  high: number;
  /** Votes involving the contender. */
  votes: number;
  /** Its wins, a tie counting half. */
  wins: number;
}

export interface Ranking {
  /** In the contenders' order, not sorted. */
  contenders: RankedContender[];
  /** Votes between i and j (symmetric). */
  pairVotes: number[][];
  /** Share of the votes between i and j that i won, a tie counting half; null when they never met. */
  winRate: (number | null)[][];
}

const DEFAULT_PRIOR = 0.5;
const DEFAULT_TOLERANCE = 1e-12;
const DEFAULT_MAX_ITERATIONS = 10_000;
const DEFAULT_REPLICATES = 200;
const INTERVAL = [0.025, 0.975] as const;
/** Votes drawn between two turns of the event loop (a few milliseconds). */
const SLICE_DRAWS = 50_000;
const turns = new LoopTurns();

/**
 * The votes encoded once for the fit and the bootstrap: vote v adds `amount[v]`
 * to the cell `first[v]` of the weighted-wins matrix (row winner, column loser),
 * and, for a tie, the same to `second[v]`.
 */
interface EncodedVotes {
  size: number;
  first: Int32Array;
  second: Int32Array;
  amount: Float64Array;
}

/**
 * The scores (mean-zero log-strengths), one per contender: the maximiser of
 * the Bradley–Terry likelihood of the votes, a tie counting as half a win each
 * way, plus a virtual tie of weight `prior` between every pair.
 *
 * The prior is there because the plain maximum-likelihood fit does not always
 * exist: a contender that never lost has its score at +∞, one never compared
 * has none at all, and a few early votes give wild scores. A tie of weight 0.5
 * per pair keeps every score finite and the maximiser unique, pulls scores
 * towards 0 by about what a single vote would, and fades once a pair holds
 * tens of votes.
 */
export function fitBradleyTerry(
  contenders: number,
  votes: readonly ArenaVote[],
  options: FitOptions = {},
): number[] {
  const settings = fitSettings(options);
  const encoded = encode(contenders, votes);
  const weights = new Float64Array(contenders * contenders);
  for (let vote = 0; vote < votes.length; vote++) add(weights, encoded, vote);
  return [...maximise(withPrior(weights, contenders, settings.prior), contenders, settings)];
}

/**
 * Scores, 95 % bootstrap intervals and counts. One fit on the votes, then
 * `replicates` fits on as many votes drawn with replacement (the seeded
 * generator, in order: the same votes and seed give the same intervals), each
 * started from the first fit's scores, which it is close to. The event loop
 * turns between two replicates, and within one every SLICE_DRAWS votes drawn.
 */
export async function rankContenders(
  contenders: number,
  votes: readonly ArenaVote[],
  options: RankOptions,
): Promise<Ranking> {
  const settings = fitSettings(options);
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  if (!Number.isInteger(replicates) || replicates < 1)
    throw new RangeError("replicates must be a positive integer");
  const encoded = encode(contenders, votes);
  const raw = new Float64Array(contenders * contenders);
  for (let vote = 0; vote < votes.length; vote++) add(raw, encoded, vote);
  const scores = maximise(withPrior(raw, contenders, settings.prior), contenders, settings);
  // Counted before the first turn of the loop: the caller's array may change meanwhile.
  const counts = countVotes(contenders, votes, raw);

  const random = mulberry32(options.seed);
  const samples = Array.from({ length: contenders }, () => new Float64Array(replicates));
  const weights = new Float64Array(contenders * contenders);
  for (let replicate = 0; replicate < replicates; replicate++) {
    await turns.take();
    weights.fill(0);
    for (let draw = 0; draw < votes.length; draw++) {
      if (draw > 0 && draw % SLICE_DRAWS === 0) await turns.take();
      add(weights, encoded, Math.floor(random() * votes.length));
    }
    const sample = maximise(withPrior(weights, contenders, settings.prior), contenders, {
      ...settings,
      start: scores,
    });
    samples.forEach((column, i) => {
      column[replicate] = sample[i] ?? 0;
    });
  }

  return {
    contenders: samples.map((sample, i) => {
      sample.sort();
      return {
        score: scores[i] ?? 0,
        low: percentile(sample, INTERVAL[0]),
        high: percentile(sample, INTERVAL[1]),
        votes: counts.votes[i] ?? 0,
        wins: counts.wins[i] ?? 0,
      };
    }),
    pairVotes: counts.pairVotes,
    winRate: counts.winRate,
  };
}

/** The seeded generator of the bootstrap (mulberry32): floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Settings {
  prior: number;
  tolerance: number;
  maxIterations: number;
}

function fitSettings(options: FitOptions): Settings {
  const prior = options.prior ?? DEFAULT_PRIOR;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  // Without a prior a contender that never lost has no finite score: the fit would not end.
  if (!(Number.isFinite(prior) && prior > 0)) throw new RangeError("prior must be positive");
  if (!(Number.isFinite(tolerance) && tolerance > 0))
    throw new RangeError("tolerance must be positive");
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    throw new RangeError("maxIterations must be a positive integer");
  return { prior, tolerance, maxIterations };
}

/** Checks every vote once and turns it into the matrix cells it adds to. */
function encode(contenders: number, votes: readonly ArenaVote[]): EncodedVotes {
  if (!Number.isInteger(contenders) || contenders < 2)
    throw new RangeError("contenders must be an integer of at least 2");
  const first = new Int32Array(votes.length);
  const second = new Int32Array(votes.length).fill(-1);
  const amount = new Float64Array(votes.length);
  const contender = (value: number) => Number.isInteger(value) && value >= 0 && value < contenders;
  votes.forEach(({ a, b, outcome }, vote) => {
    if (!contender(a) || !contender(b) || a === b)
      throw new RangeError(`vote ${vote}: a and b must be two different contenders`);
    if (outcome === "a") {
      first[vote] = a * contenders + b;
      amount[vote] = 1;
    } else if (outcome === "b") {
      first[vote] = b * contenders + a;
      amount[vote] = 1;
    } else if (outcome === "tie") {
      first[vote] = a * contenders + b;
      second[vote] = b * contenders + a;
      amount[vote] = 0.5;
    } else throw new RangeError(`vote ${vote}: unknown outcome`);
  });
  return { size: contenders, first, second, amount };
}

function add(weights: Float64Array, encoded: EncodedVotes, vote: number): void {
  const amount = encoded.amount[vote] ?? 0;
  increment(weights, encoded.first[vote] ?? 0, amount);
  const second = encoded.second[vote] ?? -1;
  if (second >= 0) increment(weights, second, amount);
}

function increment(values: Float64Array, index: number, amount: number): void {
  values[index] = (values[index] ?? 0) + amount;
}

/** A copy of the weighted wins with the virtual tie of weight `prior` in every pair. */
function withPrior(weights: Float64Array, contenders: number, prior: number): Float64Array {
  const result = Float64Array.from(weights);
  for (let i = 0; i < contenders; i++)
    for (let j = 0; j < contenders; j++)
      if (i !== j) increment(result, i * contenders + j, prior / 2);
  return result;
}

/**
 * The maximiser of the likelihood, by Hunter's MM algorithm (2004): p_i ←
 * W_i / Σ_j n_ij / (p_i + p_j), W_i the wins of i, n_ij the games between i
 * and j. Each update maximises a function that lies under the likelihood and
 * touches it at the current point, so the likelihood never decreases: no step
 * size to tune, no matrix to invert, every p stays positive, and from any
 * start it reaches the unique maximiser when every contender is linked to
 * every other by wins both ways, which the prior guarantees. Each iteration
 * costs one pass over the K² pairs, whatever the number of votes. The
 * updates are cyclic (each p_i uses the p_j already updated in the same
 * iteration), still an MM step and about twice as fast to converge.
 */
function maximise(
  weights: Float64Array,
  contenders: number,
  settings: Settings & { start?: Float64Array },
): Float64Array {
  const wins = new Float64Array(contenders);
  const games = new Float64Array(contenders * contenders);
  for (let i = 0; i < contenders; i++)
    for (let j = 0; j < contenders; j++) {
      increment(wins, i, weights[i * contenders + j] ?? 0);
      games[i * contenders + j] =
        (weights[i * contenders + j] ?? 0) + (weights[j * contenders + i] ?? 0);
    }
  const scores = settings.start ? Float64Array.from(settings.start) : new Float64Array(contenders);
  const strengths = scores.map(Math.exp);
  for (let iteration = 0; iteration < settings.maxIterations; iteration++) {
    for (let i = 0; i < contenders; i++) {
      const own = strengths[i] ?? 0;
      let denominator = 0;
      for (let j = 0; j < contenders; j++)
        if (j !== i) denominator += (games[i * contenders + j] ?? 0) / (own + (strengths[j] ?? 0));
      strengths[i] = (wins[i] ?? 0) / denominator;
    }
    // Back to mean-zero logarithms each time, so the strengths can neither overflow nor vanish.
    let mean = 0;
    for (let i = 0; i < contenders; i++) mean += Math.log(strengths[i] ?? 0);
    mean /= contenders;
    let change = 0;
    for (let i = 0; i < contenders; i++) {
      const score = Math.log(strengths[i] ?? 0) - mean;
      change = Math.max(change, Math.abs(score - (scores[i] ?? 0)));
      scores[i] = score;
      strengths[i] = Math.exp(score);
    }
    if (change < settings.tolerance) break;
  }
  return scores;
}

/** The counts shown beside the scores, from the votes alone (never the prior). */
function countVotes(contenders: number, votes: readonly ArenaVote[], raw: Float64Array) {
  const pairs = new Float64Array(contenders * contenders);
  for (const { a, b } of votes) {
    increment(pairs, a * contenders + b, 1);
    increment(pairs, b * contenders + a, 1);
  }
  const rows = (values: Float64Array) =>
    Array.from({ length: contenders }, (_, i) =>
      Array.from(values.subarray(i * contenders, (i + 1) * contenders)),
    );
  const sum = (row: number[]) => row.reduce((total, value) => total + value, 0);
  const pairVotes = rows(pairs);
  const won = rows(raw);
  return {
    votes: pairVotes.map(sum),
    wins: won.map(sum),
    pairVotes,
    winRate: pairVotes.map((row, i) =>
      row.map((count, j) => (count === 0 ? null : (won[i]?.[j] ?? 0) / count)),
    ),
  };
}

/** Linear interpolation between the order statistics around p × (R − 1). */
function percentile(sorted: Float64Array, p: number): number {
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const lower = sorted[below] ?? 0;
  return lower + (position - below) * ((sorted[above] ?? 0) - lower);
}
