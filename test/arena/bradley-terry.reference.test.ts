/**
 * An independent check of the LLM battles' Bradley–Terry fit, written from the
 * model's definition alone (never from src/arena/bradley-terry.ts): a reference
 * fit by Newton–Raphson on the penalised log-likelihood (the implementation
 * may use any other method), its own aggregation of votes with the prior, its
 * own bootstrap, and a simulation that checks the 95 % intervals cover known
 * strengths about as often as they should.
 *
 * node --import tsx --test test/arena/bradley-terry.reference.test.ts
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type ArenaVote,
  fitBradleyTerry,
  mulberry32,
  type Outcome,
  rankContenders,
} from "../../src/arena/bradley-terry.js";

const DEFAULT_PRIOR = 0.5;
const MATCH = 1e-6;

/** Copied from the definition, so the bootstrap can be replayed here. */
function referenceGenerator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reads an element that the loops' bounds guarantee exists. */
function at(values: ArrayLike<number>, index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} out of bounds`);
  return value;
}

/** w[i * K + j]: wins of i over j, ties as half-wins, plus the virtual tie of weight `prior`. */
function weightedWins(
  contenders: number,
  votes: readonly ArenaVote[],
  prior: number,
): Float64Array {
  const w = new Float64Array(contenders * contenders);
  for (const { a, b, outcome } of votes) {
    const aScore = outcome === "a" ? 1 : outcome === "tie" ? 0.5 : 0;
    w[a * contenders + b] = at(w, a * contenders + b) + aScore;
    w[b * contenders + a] = at(w, b * contenders + a) + 1 - aScore;
  }
  for (let i = 0; i < contenders; i++) {
    for (let j = 0; j < contenders; j++) {
      if (i !== j) w[i * contenders + j] = at(w, i * contenders + j) + prior / 2;
    }
  }
  return w;
}

/** log(exp(x) + exp(y)) without overflow. */
function logSumExp(x: number, y: number): number {
  const high = Math.max(x, y);
  return high + Math.log1p(Math.exp(-Math.abs(x - y)));
}

function logLikelihood(contenders: number, w: Float64Array, s: Float64Array): number {
  let total = 0;
  for (let i = 0; i < contenders; i++) {
    for (let j = 0; j < contenders; j++) {
      if (i === j) continue;
      total += at(w, i * contenders + j) * (at(s, i) - logSumExp(at(s, i), at(s, j)));
    }
  }
  return total;
}

/** Solves A x = b (A n×n, row-major, overwritten) by Gaussian elimination with partial pivoting. */
function solve(n: number, matrix: Float64Array, rhs: Float64Array): Float64Array {
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) {
      if (Math.abs(at(matrix, row * n + column)) > Math.abs(at(matrix, pivot * n + column))) {
        pivot = row;
      }
    }
    if (at(matrix, pivot * n + column) === 0) throw new Error("singular Hessian");
    if (pivot !== column) {
      for (let k = 0; k < n; k++) {
        const held = at(matrix, column * n + k);
        matrix[column * n + k] = at(matrix, pivot * n + k);
        matrix[pivot * n + k] = held;
      }
      const held = at(rhs, column);
      rhs[column] = at(rhs, pivot);
      rhs[pivot] = held;
    }
    for (let row = column + 1; row < n; row++) {
      const factor = at(matrix, row * n + column) / at(matrix, column * n + column);
      if (factor === 0) continue;
      for (let k = column; k < n; k++) {
        matrix[row * n + k] = at(matrix, row * n + k) - factor * at(matrix, column * n + k);
      }
      rhs[row] = at(rhs, row) - factor * at(rhs, column);
    }
  }
  const x = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    let sum = at(rhs, row);
    for (let k = row + 1; k < n; k++) sum -= at(matrix, row * n + k) * at(x, k);
    x[row] = sum / at(matrix, row * n + row);
  }
  return x;
}

/**
 * The maximiser of the penalised log-likelihood by damped Newton–Raphson.
 * L is invariant to adding a constant to every s, so s_0 is held at 0 during
 * the solve (the reduced Hessian is then negative definite when prior > 0)
 * and the result is centred at the end.
 */
function referenceFit(contenders: number, votes: readonly ArenaVote[], prior = DEFAULT_PRIOR) {
  const k = contenders;
  const w = weightedWins(k, votes, prior);
  const s = new Float64Array(k);
  let current = logLikelihood(k, w, s);
  let converged = false;
  for (let iteration = 0; iteration < 200 && !converged; iteration++) {
    const n = k - 1;
    // Gradient of L and negated Hessian, over the free coordinates 1..K-1.
    const gradient = new Float64Array(n);
    const curvature = new Float64Array(n * n);
    for (let i = 1; i < k; i++) {
      let g = 0;
      let diagonal = 0;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        const pair = at(w, i * k + j) + at(w, j * k + i);
        const p = 1 / (1 + Math.exp(at(s, j) - at(s, i)));
        g += at(w, i * k + j) - pair * p;
        diagonal += pair * p * (1 - p);
        if (j >= 1) curvature[(i - 1) * n + (j - 1)] = -pair * p * (1 - p);
      }
      gradient[i - 1] = g;
      curvature[(i - 1) * n + (i - 1)] = diagonal;
    }
    const step = solve(n, curvature, Float64Array.from(gradient));
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(at(step, i)));
    // Halve the step until L does not decrease (pure Newton is almost always accepted).
    let scale = 1;
    let candidate = new Float64Array(k);
    let value = Number.NEGATIVE_INFINITY;
    for (let halving = 0; halving < 60; halving++) {
      candidate = Float64Array.from(s);
      for (let i = 1; i < k; i++) candidate[i] = at(s, i) + scale * at(step, i - 1);
      value = logLikelihood(k, w, candidate);
      if (value >= current - 1e-12 * Math.abs(current)) break;
      scale /= 2;
    }
    s.set(candidate);
    current = value;
    converged = largest < 1e-13;
  }
  if (!converged) throw new Error("reference fit did not converge");
  let mean = 0;
  for (let i = 0; i < k; i++) mean += at(s, i) / k;
  return Array.from(s, (value) => value - mean);
}

/** Percentile with linear interpolation between order statistics at p × (R − 1). */
function percentile(sorted: readonly number[], p: number): number {
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return at(sorted, below) + (position - below) * (at(sorted, above) - at(sorted, below));
}

/** The bootstrap exactly as defined: one generator, N draws per replicate, replicates in order. */
function referenceIntervals(
  contenders: number,
  votes: readonly ArenaVote[],
  seed: number,
  replicates: number,
  prior = DEFAULT_PRIOR,
) {
  const random = referenceGenerator(seed);
  const samples: number[][] = Array.from({ length: contenders }, () => []);
  for (let replicate = 0; replicate < replicates; replicate++) {
    const drawn: ArenaVote[] = [];
    for (let draw = 0; draw < votes.length; draw++) {
      const vote = votes[Math.floor(random() * votes.length)];
      if (vote === undefined) throw new RangeError("draw out of bounds");
      drawn.push(vote);
    }
    referenceFit(contenders, drawn, prior).forEach((score, i) => {
      samples[i]?.push(score);
    });
  }
  return samples.map((scores) => {
    const sorted = [...scores].sort((x, y) => x - y);
    return { low: percentile(sorted, 0.025), high: percentile(sorted, 0.975) };
  });
}

function maxDifference(left: readonly number[], right: readonly number[]): number {
  assert.equal(left.length, right.length);
  return Math.max(...left.map((value, i) => Math.abs(value - at(right, i))));
}

function assertMatchesReference(
  contenders: number,
  votes: readonly ArenaVote[],
  prior?: number,
): number[] {
  const expected = referenceFit(contenders, votes, prior);
  const actual = fitBradleyTerry(contenders, votes, prior === undefined ? undefined : { prior });
  const difference = maxDifference(actual, expected);
  assert.ok(
    difference <= MATCH,
    `max |score − reference| = ${difference} on ${contenders} contenders, ${votes.length} votes`,
  );
  return expected;
}

/** Votes on uniformly random pairs, outcomes drawn from strengths spread over [−2, 2]. */
function randomVotes(seed: number, contenders: number, count: number, tieRate: number) {
  const random = referenceGenerator(seed);
  const strengths = Array.from({ length: contenders }, () => 4 * random() - 2);
  const votes: ArenaVote[] = [];
  for (let v = 0; v < count; v++) {
    const a = Math.floor(random() * contenders);
    const b = (a + 1 + Math.floor(random() * (contenders - 1))) % contenders;
    const p = 1 / (1 + Math.exp(at(strengths, b) - at(strengths, a)));
    const outcome: Outcome = random() < tieRate ? "tie" : random() < p ? "a" : "b";
    votes.push({ a, b, outcome });
  }
  return votes;
}

describe("Bradley–Terry fit against a Newton–Raphson reference", () => {
  it("the reference itself is the maximiser: zero gradient, mean zero", () => {
    const votes = randomVotes(7, 5, 400, 0.2);
    const scores = referenceFit(5, votes);
    const w = weightedWins(5, votes, DEFAULT_PRIOR);
    assert.ok(Math.abs(scores.reduce((sum, x) => sum + x, 0)) < 1e-12);
    for (let i = 0; i < 5; i++) {
      let g = 0;
      for (let j = 0; j < 5; j++) {
        if (j === i) continue;
        const p = 1 / (1 + Math.exp(at(scores, j) - at(scores, i)));
        g += at(w, i * 5 + j) - (at(w, i * 5 + j) + at(w, j * 5 + i)) * p;
      }
      assert.ok(Math.abs(g) < 1e-9, `gradient ${g} for contender ${i}`);
    }
    // Any perturbation lowers the likelihood.
    const best = logLikelihood(5, w, Float64Array.from(scores));
    const nudged = Float64Array.from(scores, (x, i) => x + (i === 2 ? 1e-3 : 0));
    assert.ok(logLikelihood(5, w, nudged) < best);
  });

  const cases = [
    { contenders: 3, count: 10, tieRate: 0.1, seed: 1 },
    { contenders: 3, count: 300, tieRate: 0.3, seed: 2 },
    { contenders: 5, count: 50, tieRate: 0.1, seed: 3 },
    { contenders: 5, count: 1000, tieRate: 0.5, seed: 4 },
    { contenders: 20, count: 10, tieRate: 0.2, seed: 5 },
    { contenders: 20, count: 400, tieRate: 0.1, seed: 6 },
    { contenders: 20, count: 5000, tieRate: 0.15, seed: 7 },
  ];
  for (const { contenders, count, tieRate, seed } of cases) {
    it(`matches on ${count} random votes over ${contenders} contenders (${tieRate * 100} % ties)`, () => {
      const votes = randomVotes(seed, contenders, count, tieRate);
      assert.ok(votes.some((vote) => vote.outcome === "tie") || count < 20);
      assertMatchesReference(contenders, votes);
    });
  }

  it("matches when one contender never loses, and keeps its score finite and first", () => {
    const votes: ArenaVote[] = [];
    for (let round = 0; round < 25; round++) {
      for (let other = 1; other < 4; other++) {
        votes.push(
          round % 2 === 0 ? { a: 0, b: other, outcome: "a" } : { a: other, b: 0, outcome: "b" },
        );
      }
      votes.push({ a: 1, b: 2, outcome: round % 3 === 0 ? "b" : "a" });
      votes.push({ a: 2, b: 3, outcome: round % 4 === 0 ? "tie" : "a" });
      votes.push({ a: 3, b: 1, outcome: "b" });
    }
    const scores = assertMatchesReference(4, votes);
    assert.ok(Number.isFinite(at(scores, 0)));
    assert.ok(scores.slice(1).every((score) => score < at(scores, 0) - 2));
  });

  it("matches when two contenders never met", () => {
    const votes = randomVotes(11, 4, 600, 0.1).filter(
      ({ a, b }) => !((a === 0 && b === 1) || (a === 1 && b === 0)),
    );
    assert.ok(votes.length > 300);
    assertMatchesReference(4, votes);
  });

  it("matches with a contender that has no vote at all (prior alone)", () => {
    const votes = randomVotes(12, 4, 200, 0.1).filter(({ a, b }) => a !== 3 && b !== 3);
    const scores = assertMatchesReference(4, votes);
    assert.ok(Number.isFinite(at(scores, 3)));
  });

  for (const prior of [0.05, 2, 10]) {
    it(`matches with prior ${prior}`, () => {
      const votes = randomVotes(13, 5, 150, 0.1);
      const scores = assertMatchesReference(5, votes, prior);
      // The prior changes the answer, so the option is really read.
      assert.ok(maxDifference(scores, referenceFit(5, votes)) > 1e-3);
    });
  }
});

describe("Bradley–Terry ranking", () => {
  it("uses the defined generator", () => {
    const ours = referenceGenerator(2026);
    const theirs = mulberry32(2026);
    for (let k = 0; k < 1000; k++) assert.equal(theirs(), ours());
  });

  it("is deterministic and counts from the votes alone", async () => {
    const contenders = 5;
    const votes = randomVotes(21, contenders, 400, 0.2);
    const first = await rankContenders(contenders, votes, { seed: 42, replicates: 100 });
    const second = await rankContenders(contenders, votes, { seed: 42, replicates: 100 });
    assert.deepEqual(
      second.contenders.map(({ low, high }) => [low, high]),
      first.contenders.map(({ low, high }) => [low, high]),
    );
    const other = await rankContenders(contenders, votes, { seed: 43, replicates: 100 });
    assert.notDeepEqual(
      other.contenders.map(({ low, high }) => [low, high]),
      first.contenders.map(({ low, high }) => [low, high]),
    );

    const counts = Array.from({ length: contenders }, () => 0);
    const wins = Array.from({ length: contenders }, () => 0);
    const pairVotes = Array.from({ length: contenders }, () =>
      Array.from({ length: contenders }, () => 0),
    );
    const pairWins = Array.from({ length: contenders }, () =>
      Array.from({ length: contenders }, () => 0),
    );
    for (const { a, b, outcome } of votes) {
      const aScore = outcome === "a" ? 1 : outcome === "tie" ? 0.5 : 0;
      counts[a] = at(counts, a) + 1;
      counts[b] = at(counts, b) + 1;
      wins[a] = at(wins, a) + aScore;
      wins[b] = at(wins, b) + 1 - aScore;
      for (const [x, y, score] of [
        [a, b, aScore],
        [b, a, 1 - aScore],
      ] as const) {
        const votesRow = pairVotes[x];
        const winsRow = pairWins[x];
        if (votesRow === undefined || winsRow === undefined) throw new RangeError("bad contender");
        votesRow[y] = at(votesRow, y) + 1;
        winsRow[y] = at(winsRow, y) + score;
      }
    }
    assert.deepEqual(
      first.contenders.map((contender) => contender.votes),
      counts,
    );
    assert.deepEqual(
      first.contenders.map((contender) => contender.wins),
      wins,
    );
    assert.deepEqual(first.pairVotes, pairVotes);
    const winRate = pairVotes.map((row, i) =>
      row.map((count, j) => (count === 0 ? null : at(pairWins[i] ?? [], j) / count)),
    );
    assert.ok(
      winRate.some((row) => row.some((rate) => rate === null)),
      "the diagonal is null",
    );
    assert.deepEqual(first.winRate, winRate);
    // The scores are the plain fit.
    const scores = first.contenders.map((contender) => contender.score);
    assert.ok(maxDifference(scores, referenceFit(contenders, votes)) <= MATCH);
  });

  it("reports winRate null for pairs that never met", async () => {
    const votes = randomVotes(22, 4, 300, 0.1).filter(
      ({ a, b }) => !((a === 0 && b === 2) || (a === 2 && b === 0)),
    );
    const ranking = await rankContenders(4, votes, { seed: 1, replicates: 20 });
    assert.equal(ranking.winRate[0]?.[2], null);
    assert.equal(ranking.winRate[2]?.[0], null);
    assert.equal(ranking.pairVotes[0]?.[2], 0);
    assert.equal(ranking.winRate[1]?.[1], null);
  });

  it("replays the defined bootstrap: intervals match a reference bootstrap", async () => {
    for (const { contenders, count, seed, replicates, prior } of [
      { contenders: 4, count: 120, seed: 5, replicates: 40, prior: undefined },
      { contenders: 6, count: 500, seed: 99, replicates: 25, prior: 1.5 },
    ]) {
      const votes = randomVotes(seed + 1000, contenders, count, 0.1);
      const ranking = await rankContenders(contenders, votes, {
        seed,
        replicates,
        ...(prior === undefined ? {} : { prior }),
      });
      const expected = referenceIntervals(contenders, votes, seed, replicates, prior);
      ranking.contenders.forEach((contender, i) => {
        const reference = expected[i];
        assert.ok(reference !== undefined);
        assert.ok(
          Math.abs(contender.low - reference.low) <= MATCH &&
            Math.abs(contender.high - reference.high) <= MATCH,
          `contender ${i}: [${contender.low}, ${contender.high}] vs [${reference.low}, ${reference.high}]`,
        );
      });
    }
  });

  it("95 % intervals cover known strengths in simulated campaigns", async () => {
    const contenders = 6;
    // Evenly spread over [−1.5, 1.5], so already centred.
    const truth = Array.from({ length: contenders }, (_, i) => -1.5 + (3 * i) / (contenders - 1));
    const campaigns = 60;
    const votesPerCampaign = 1500;
    // Ties count as half-wins, so for the model to hold exactly the expected
    // score of a vote must be p: a tie takes equal probability from both
    // sides (τ·min(p, 1 − p) each). A tie rate independent of p would pull
    // every estimate towards zero and the intervals would miss the extremes.
    const tieShare = 0.25;
    const random = referenceGenerator(20261206);
    let covered = 0;
    const sums = Array.from({ length: contenders }, () => 0);
    for (let campaign = 0; campaign < campaigns; campaign++) {
      const votes: ArenaVote[] = [];
      for (let v = 0; v < votesPerCampaign; v++) {
        const a = Math.floor(random() * contenders);
        const b = (a + 1 + Math.floor(random() * (contenders - 1))) % contenders;
        const p = 1 / (1 + Math.exp(at(truth, b) - at(truth, a)));
        const tie = tieShare * Math.min(p, 1 - p);
        const u = random();
        const outcome: Outcome = u < p - tie ? "a" : u < p + tie ? "tie" : "b";
        votes.push({ a, b, outcome });
      }
      const ranking = await rankContenders(contenders, votes, {
        seed: 1000 + campaign,
        replicates: 200,
      });
      const scores = ranking.contenders.map((contender) => contender.score);
      assert.ok(Math.abs(scores.reduce((sum, x) => sum + x, 0)) < 1e-9, "scores are centred");
      ranking.contenders.forEach(({ score, low, high }, i) => {
        assert.ok(low <= score && score <= high, `score inside its interval (contender ${i})`);
        if (low <= at(truth, i) && at(truth, i) <= high) covered++;
        sums[i] = at(sums, i) + score;
      });
    }
    const coverage = covered / (campaigns * contenders);
    const means = sums.map((sum) => sum / campaigns);
    // 360 intervals, nominal 0.95: the binomial standard error is ~0.011, a
    // little more since the six intervals of a campaign share one centring,
    // and the prior shrinks estimates slightly; [0.85, 0.99] is about ±4–8
    // standard errors, so only a wrong interval fails it.
    assert.ok(coverage >= 0.85 && coverage <= 0.99, `coverage ${coverage}`);
    // Means over 60 campaigns have a standard error near 0.015, the gaps are 0.6.
    for (let i = 0; i < contenders; i++) {
      assert.ok(Math.abs(at(means, i) - at(truth, i)) < 0.08, `mean of contender ${i}`);
      if (i > 0) assert.ok(at(means, i) > at(means, i - 1), "means in the true order");
    }
  });
});
