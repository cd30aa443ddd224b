import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mulberry32 } from "./bradley-terry.js";
import { type Candidate, choosePair, type PairContext } from "./pairs.js";

const candidates: Candidate[] = [
  { caseId: "k", a: 0, b: 1 },
  { caseId: "k", a: 0, b: 2 },
  { caseId: "k", a: 1, b: 2 },
];
const context = (overrides: Partial<PairContext> = {}): PairContext => ({
  scores: [0, 0, 0],
  votes: [0, 0, 0],
  sizes: [0, 8, 70],
  random: mulberry32(1),
  ...overrides,
});
const key = (pair: Candidate | undefined) =>
  pair ? [Math.min(pair.a, pair.b), Math.max(pair.a, pair.b)].join("-") : "none";

describe("choosing the next pair", () => {
  it("gives none when every pair was seen", () => {
    assert.equal(choosePair([], "random", context()), undefined);
  });

  it("uncertainty first: the two contenders whose scores are closest for their votes", () => {
    // 1 and 2 are close; 0 is far ahead of both.
    const chosen = choosePair(
      candidates,
      "uncertainty",
      context({ scores: [2, -1, -0.9], votes: [20, 20, 20] }),
    );
    assert.equal(key(chosen), "1-2");
  });

  it("big against small: the result without AI against the biggest model", () => {
    assert.equal(key(choosePair(candidates, "size", context())), "0-2");
  });

  it("random: every pair in turn, and both sides in both orders", () => {
    const random = mulberry32(3);
    const seen = new Set<string>();
    const orders = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const chosen = choosePair(candidates, "random", context({ random }));
      seen.add(key(chosen));
      orders.add(`${chosen?.a}-${chosen?.b}`);
    }
    assert.deepEqual([...seen].sort(), ["0-1", "0-2", "1-2"]);
    assert.equal(orders.size, 6, "A and B drawn either way");
  });
});
