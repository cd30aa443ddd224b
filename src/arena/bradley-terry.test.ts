import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type ArenaVote,
  fitBradleyTerry,
  mulberry32,
  type Outcome,
  rankContenders,
} from "./bradley-terry.js";

/** `count` times the same vote. */
const times = (count: number, a: number, b: number, outcome: Outcome): ArenaVote[] =>
  Array.from({ length: count }, () => ({ a, b, outcome }));

/** Votes on random pairs, the stronger (by `strengths`) winning more often, a tenth of them ties. */
function simulated(strengths: number[], count: number, seed: number): ArenaVote[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const a = Math.floor(random() * strengths.length);
    const b = (a + 1 + Math.floor(random() * (strengths.length - 1))) % strengths.length;
    if (random() < 0.1) return { a, b, outcome: "tie" };
    const chance = 1 / (1 + Math.exp((strengths[b] ?? 0) - (strengths[a] ?? 0)));
    return { a, b, outcome: random() < chance ? "a" : "b" };
  });
}

const close = (actual: number, expected: number, within = 1e-9) =>
  assert.ok(Math.abs(actual - expected) < within, `${actual} is not ${expected}`);

function closeAll(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, i) => {
    close(value, expected[i] ?? Number.NaN);
  });
}

describe("the Bradley–Terry fit of the battles", () => {
  it("gives two contenders at 3 wins to 1 the closed-form scores, the prior counting as a tie", () => {
    const votes = [...times(3, 0, 1, "a"), ...times(1, 1, 0, "a")];
    const [first, second] = fitBradleyTerry(2, votes);
    // w01 = 3 + 0.25 and w10 = 1 + 0.25, so exp(s0 − s1) = 3.25 / 1.25.
    close(first ?? Number.NaN, 0.5 * Math.log(3.25 / 1.25));
    close(second ?? Number.NaN, -0.5 * Math.log(3.25 / 1.25));
    // A larger prior pulls the scores towards 0: 3 + 1 against 1 + 1.
    close(fitBradleyTerry(2, votes, { prior: 2 })[0] ?? Number.NaN, 0.5 * Math.log(4 / 2));
  });

  it("counts a tie as half a win each way", () => {
    const [first] = fitBradleyTerry(2, [...times(1, 0, 1, "a"), ...times(1, 0, 1, "tie")]);
    close(first ?? Number.NaN, 0.5 * Math.log(1.75 / 0.75));
    assert.deepEqual(fitBradleyTerry(3, times(10, 2, 0, "tie")), [0, 0, 0]);
  });

  it("does not care which side of the battle a contender sat on, nor its number", () => {
    const votes = simulated([0.8, -0.2, 0.1, -0.7], 300, 7);
    const scores = fitBradleyTerry(4, votes);
    const swapped = votes.map(({ a, b, outcome }): ArenaVote => {
      const flipped: Outcome = outcome === "a" ? "b" : outcome === "b" ? "a" : "tie";
      return { a: b, b: a, outcome: flipped };
    });
    closeAll(fitBradleyTerry(4, swapped), scores);
    // Renumbered 0 → 3, 1 → 2…: the same scores, renumbered.
    const renumbered = votes.map(({ a, b, outcome }) => ({ a: 3 - a, b: 3 - b, outcome }));
    closeAll(fitBradleyTerry(4, renumbered), scores.toReversed());
    // Every result reversed: every score negated.
    const reversed = votes.map(({ a, b, outcome }): ArenaVote => ({ a: b, b: a, outcome }));
    closeAll(
      fitBradleyTerry(4, reversed),
      scores.map((score) => -score),
    );
  });

  it("reaches the likelihood's maximum, scores summing to zero", () => {
    const contenders = 6;
    const votes = simulated([1.2, 0.6, 0, -0.3, -0.6, -0.9], 2_000, 11);
    const scores = fitBradleyTerry(contenders, votes);
    close(
      scores.reduce((sum, score) => sum + score, 0),
      0,
    );
    // The gradient of the log-likelihood (prior included) is zero at the maximum.
    const wins = Array.from({ length: contenders }, () => new Array<number>(contenders).fill(0.25));
    for (const { a, b, outcome } of votes) {
      const [winner, loser] = outcome === "b" ? [b, a] : [a, b];
      const amount = outcome === "tie" ? 0.5 : 1;
      (wins[winner] as number[])[loser] = (wins[winner]?.[loser] ?? 0) + amount;
      if (outcome === "tie") (wins[b] as number[])[a] = (wins[b]?.[a] ?? 0) + amount;
    }
    for (let i = 0; i < contenders; i++) {
      let gradient = 0;
      for (let j = 0; j < contenders; j++) {
        if (j === i) continue;
        const games = (wins[i]?.[j] ?? 0) + (wins[j]?.[i] ?? 0);
        const chance = 1 / (1 + Math.exp((scores[j] ?? 0) - (scores[i] ?? 0)));
        gradient += (wins[i]?.[j] ?? 0) - games * chance;
      }
      close(gradient, 0, 1e-8);
    }
    // And the order of the known strengths comes back.
    assert.deepEqual(
      scores.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0)),
      [0, 1, 2, 3, 4, 5],
    );
  });

  it("keeps finite the score of a contender never beaten, and of one never compared", () => {
    const votes = [...times(40, 0, 1, "a"), ...times(40, 2, 0, "b"), ...times(5, 1, 2, "a")];
    const scores = fitBradleyTerry(4, votes);
    for (const score of scores) assert.ok(Number.isFinite(score), `${score} is not finite`);
    assert.ok((scores[0] ?? 0) > 2, "the unbeaten contender is well ahead");
    assert.ok((scores[0] ?? 0) > (scores[1] ?? 0) && (scores[1] ?? 0) > (scores[2] ?? 0));
    // The contender never compared sits between, held only by the prior.
    assert.ok((scores[3] ?? 0) < (scores[0] ?? 0) && (scores[3] ?? 0) > (scores[2] ?? 0));
    assert.deepEqual(fitBradleyTerry(5, []), [0, 0, 0, 0, 0]);
  });

  it("refuses votes that do not name two different contenders", async () => {
    const invalid: [number, ArenaVote[]][] = [
      [1, []],
      [2.5, []],
      [3, [{ a: 1, b: 1, outcome: "a" }]],
      [3, [{ a: 0, b: 3, outcome: "a" }]],
      [3, [{ a: -1, b: 0, outcome: "b" }]],
      [3, [{ a: 0.5, b: 2, outcome: "tie" }]],
      [
        3,
        [
          { a: 0, b: 1, outcome: "a" },
          { a: Number.NaN, b: 1, outcome: "a" },
        ],
      ],
      [3, [{ a: 0, b: 1, outcome: "draw" as Outcome }]],
    ];
    for (const [contenders, votes] of invalid) {
      assert.throws(() => fitBradleyTerry(contenders, votes), RangeError);
      await assert.rejects(rankContenders(contenders, votes, { seed: 1 }), RangeError);
    }
    assert.throws(() => fitBradleyTerry(2, [], { prior: 0 }), RangeError);
  });
});

describe("the ranking of the battles", () => {
  const strengths = [0.9, 0.3, 0, -0.4, -0.8];
  const votes = simulated(strengths, 600, 3);

  it("counts votes, wins and win rates from the votes alone", async () => {
    const ranking = await rankContenders(
      3,
      [...times(3, 0, 1, "a"), ...times(1, 1, 0, "a"), ...times(2, 2, 0, "tie")],
      { seed: 1, replicates: 20 },
    );
    assert.deepEqual(
      ranking.contenders.map(({ votes, wins }) => [votes, wins]),
      [
        [6, 4],
        [4, 1],
        [2, 1],
      ],
    );
    assert.deepEqual(ranking.pairVotes, [
      [0, 4, 2],
      [4, 0, 0],
      [2, 0, 0],
    ]);
    assert.deepEqual(ranking.winRate, [
      [null, 0.75, 0.5],
      [0.25, null, null],
      [0.5, null, null],
    ]);
    assert.deepEqual(
      ranking.contenders.map(({ score }) => score),
      fitBradleyTerry(3, [
        ...times(3, 0, 1, "a"),
        ...times(1, 1, 0, "a"),
        ...times(2, 2, 0, "tie"),
      ]),
    );
  });

  it("gives intervals around the scores, the same for a seed and other ones for another", async () => {
    const first = await rankContenders(5, votes, { seed: 42 });
    const again = await rankContenders(5, votes, { seed: 42 });
    const other = await rankContenders(5, votes, { seed: 43 });
    assert.deepEqual(again, first);
    assert.notDeepEqual(
      other.contenders.map(({ low, high }) => [low, high]),
      first.contenders.map(({ low, high }) => [low, high]),
    );
    assert.deepEqual(
      other.contenders.map(({ score }) => score),
      first.contenders.map(({ score }) => score),
    );
    for (const { score, low, high } of first.contenders) {
      assert.ok(low < score && score < high, `${score} outside [${low}, ${high}]`);
      assert.ok(high - low < 1, `[${low}, ${high}] is too wide for 240 votes a contender`);
    }
  });

  it("narrows the intervals as votes come in", async () => {
    const few = await rankContenders(5, votes.slice(0, 150), { seed: 5, replicates: 100 });
    const many = await rankContenders(5, simulated(strengths, 6_000, 3), {
      seed: 5,
      replicates: 100,
    });
    few.contenders.forEach((contender, i) => {
      const wide = contender.high - contender.low;
      const narrow = (many.contenders[i]?.high ?? 0) - (many.contenders[i]?.low ?? 0);
      assert.ok(narrow < wide / 2, `contender ${i}: ${narrow} against ${wide}`);
    });
  });

  it("gives the event loop back between replicates", async () => {
    let turns = 0;
    let running = true;
    const count = () => {
      turns += 1;
      if (running) setImmediate(count);
    };
    setImmediate(count);
    await rankContenders(5, votes, { seed: 9, replicates: 50 });
    running = false;
    assert.ok(turns >= 50, `the loop turned ${turns} times during 50 replicates`);
  });

  it("refuses a number of replicates that is not a positive integer", async () => {
    await assert.rejects(rankContenders(5, votes, { seed: 1, replicates: 0 }), RangeError);
    await assert.rejects(rankContenders(5, votes, { seed: 1, replicates: 2.5 }), RangeError);
  });
});
