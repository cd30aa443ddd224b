/**
 * npm run bench:arena
 *
 * The Bradley–Terry fit of the LLM battles (`fitBradleyTerry`: the votes
 * summed once into a K × K matrix of weighted wins, then Hunter's MM updates
 * on that matrix) on 100,000 votes over 20 contenders of known strengths
 * (seeded: the same votes on every run, a tenth of them ties), against a
 * naive fit measured in the same run: the same MM updates, started from the
 * same point, stopped at the same tolerance, but read from the list of votes
 * at every iteration instead of the matrix. Median of five after a warm-up,
 * the ratio naive / fit, and the largest gap between the two fits' scores.
 * Then `rankContenders` with its 200 bootstrap replicates (median of three
 * after a warm-up) and the stalls of the event loop meanwhile (99th
 * percentile and worst: on a loaded machine the worst is the scheduler's).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  type ArenaVote,
  fitBradleyTerry,
  mulberry32,
  rankContenders,
} from "../src/arena/bradley-terry.js";

const CONTENDERS = 20;
const VOTES = 100_000;
const PRIOR = 0.5;
const TOLERANCE = 1e-12;
const MAX_ITERATIONS = 10_000;

const random = mulberry32(2026);
// Log-strengths spread over about [−1.5, 1.5], as the models of an arena are.
const strengths = Array.from({ length: CONTENDERS }, () => 3 * random() - 1.5);
const votes: ArenaVote[] = Array.from({ length: VOTES }, () => {
  const a = Math.floor(random() * CONTENDERS);
  const b = (a + 1 + Math.floor(random() * (CONTENDERS - 1))) % CONTENDERS;
  if (random() < 0.1) return { a, b, outcome: "tie" };
  const chance = 1 / (1 + Math.exp((strengths[b] ?? 0) - (strengths[a] ?? 0)));
  return { a, b, outcome: random() < chance ? "a" : "b" };
});

/**
 * The baseline: Jacobi MM updates that go through every vote at each
 * iteration (wins and the sums Σ 1 / (p_i + p_j) read from the list, the
 * prior's virtual ties added pair by pair), as a fit written straight from
 * the formula would.
 */
function naiveFit(contenders: number, list: readonly ArenaVote[]): number[] {
  let scores = new Array<number>(contenders).fill(0);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const strength = scores.map(Math.exp);
    const wins = new Array<number>(contenders).fill((PRIOR / 2) * (contenders - 1));
    const sums = new Array<number>(contenders).fill(0);
    for (const { a, b, outcome } of list) {
      const share = 1 / ((strength[a] ?? 0) + (strength[b] ?? 0));
      sums[a] = (sums[a] ?? 0) + share;
      sums[b] = (sums[b] ?? 0) + share;
      if (outcome === "a") wins[a] = (wins[a] ?? 0) + 1;
      else if (outcome === "b") wins[b] = (wins[b] ?? 0) + 1;
      else {
        wins[a] = (wins[a] ?? 0) + 0.5;
        wins[b] = (wins[b] ?? 0) + 0.5;
      }
    }
    for (let i = 0; i < contenders; i++)
      for (let j = 0; j < contenders; j++)
        if (i !== j) sums[i] = (sums[i] ?? 0) + PRIOR / ((strength[i] ?? 0) + (strength[j] ?? 0));
    const logs = wins.map((won, i) => Math.log(won / (sums[i] ?? 1)));
    const mean = logs.reduce((total, value) => total + value, 0) / contenders;
    const next = logs.map((value) => value - mean);
    const change = Math.max(...next.map((value, i) => Math.abs(value - (scores[i] ?? 0))));
    scores = next;
    if (change < TOLERANCE) break;
  }
  return scores;
}

/** Median of `rounds` timed calls after an untimed one, in milliseconds. */
async function median<T>(rounds: number, run: () => T | Promise<T>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)] as number;
}

const fitted = fitBradleyTerry(CONTENDERS, votes, { prior: PRIOR, tolerance: TOLERANCE });
const naive = naiveFit(CONTENDERS, votes);
const gap = Math.max(...fitted.map((score, i) => Math.abs(score - (naive[i] ?? 0))));

const fitMs = await median(5, () => fitBradleyTerry(CONTENDERS, votes));
const naiveMs = await median(5, () => naiveFit(CONTENDERS, votes));
console.log(
  `${VOTES.toLocaleString("en")} votes, ${CONTENDERS} contenders: fit ${fitMs.toFixed(1)} ms, naive per-vote fit ${naiveMs.toFixed(1)} ms (×${(naiveMs / fitMs).toFixed(1)}); scores agree within ${gap.toExponential(1)}`,
);
console.log(`fit under one second: ${fitMs < 1000 ? "yes" : "no"}`);

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const rankMs = await median(3, () => rankContenders(CONTENDERS, votes, { seed: 7 }));
delay.disable();
const ranking = await rankContenders(CONTENDERS, votes, { seed: 7 });
const widest = Math.max(...ranking.contenders.map(({ low, high }) => high - low));
console.log(
  `rankContenders, 200 replicates: ${rankMs.toFixed(0)} ms (×${(rankMs / fitMs).toFixed(0)} a fit), loop stall ${(delay.percentile(99) / 1e6).toFixed(1)} ms at the 99th percentile and ${(delay.max / 1e6).toFixed(1)} ms at worst, widest 95 % interval ${widest.toFixed(3)}`,
);
