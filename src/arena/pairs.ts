import type { PairMode } from "./arena.schema.js";

/** A case and two contenders a member has not been shown together on it. */
export interface Candidate {
  caseId: string;
  a: number;
  b: number;
}

/** What the modes read: current scores and vote counts, and each contender's size. */
export interface PairContext {
  /** Mean-zero scores from the votes so far (all zero before any). */
  scores: number[];
  /** Votes involving each contender. */
  votes: number[];
  /** Active parameters in billions; 0 for the result without AI; null when unknown. */
  sizes: (number | null)[];
  random: () => number;
}

/**
 * The next pair for a member, among those they have not seen:
 * - `random`: any, uniformly;
 * - `uncertainty`: the pair whose rankings overlap most — the smallest gap
 *   between their scores measured in standard errors (1/√votes each: a
 *   contender with few votes is uncertain), so votes go where they change
 *   the ranking most;
 * - `size`: big against small — the largest gap in parameter counts (the
 *   result without AI the smallest of all), to learn whether the big model
 *   is worth its energy.
 * Ties are broken at random; the two sides are shown in random order.
 */
export function choosePair(
  candidates: readonly Candidate[],
  mode: PairMode,
  context: PairContext,
): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  let chosen: Candidate;
  if (mode === "random") {
    chosen = candidates[Math.floor(context.random() * candidates.length)] as Candidate;
  } else {
    const value = mode === "uncertainty" ? overlap(context) : sizeGap(context);
    let best: Candidate[] = [];
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const candidate of candidates) {
      const v = value(candidate);
      if (v > bestValue + 1e-12) {
        best = [candidate];
        bestValue = v;
      } else if (Math.abs(v - bestValue) <= 1e-12) best.push(candidate);
    }
    chosen = best[Math.floor(context.random() * best.length)] as Candidate;
  }
  return context.random() < 0.5 ? chosen : { ...chosen, a: chosen.b, b: chosen.a };
}

/** Higher when the two rankings overlap more (minus the gap in standard errors). */
const overlap =
  ({ scores, votes }: PairContext) =>
  ({ a, b }: Candidate) => {
    const error = Math.sqrt(1 / Math.max(1, votes[a] ?? 0) + 1 / Math.max(1, votes[b] ?? 0));
    return -Math.abs((scores[a] ?? 0) - (scores[b] ?? 0)) / error;
  };

/** Higher when the two sizes are further apart (log scale); unknown sizes count as the median. */
const sizeGap = ({ sizes }: PairContext) => {
  const known = sizes.filter((size): size is number => size !== null).sort((x, y) => x - y);
  const median = known[Math.floor(known.length / 2)] ?? 1;
  const size = (i: number) => Math.log1p(sizes[i] ?? median);
  return ({ a, b }: Candidate) => Math.abs(size(a) - size(b));
};
