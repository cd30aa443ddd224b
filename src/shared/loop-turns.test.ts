import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LoopTurns } from "./loop-turns.js";

describe("loop turns", () => {
  it("runs one step per turn of the event loop, whichever task it belongs to", async () => {
    // A chain that re-arms itself with setImmediate ticks once per turn of the loop.
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const turns = new LoopTurns();
    const steps: { task: string; turn: number }[] = [];
    const task = async (name: string) => {
      for (let step = 0; step < 5; step += 1) {
        await turns.take();
        steps.push({ task: name, turn });
      }
    };
    await Promise.all(["a", "b", "c"].map(task));
    ticking = false;
    assert.equal(steps.length, 15);
    const seen = steps.map((step) => step.turn);
    assert.equal(new Set(seen).size, seen.length, `two steps shared a turn: ${seen.join(",")}`);
    // Fair: the tasks take turns rather than one running to its end.
    assert.deepEqual(
      steps.slice(0, 6).map((step) => step.task),
      ["a", "b", "c", "a", "b", "c"],
    );
  });

  it("keeps going after a step that failed", async () => {
    const turns = new LoopTurns();
    await assert.rejects(
      turns.take().then(() => {
        throw new Error("step failed");
      }),
    );
    await turns.take();
  });
});
