import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Work done on the event loop in steps, given back between steps once a slice is used up:
 * `await slices.pause()` after each step costs nothing until `sliceMs` have passed, then lets
 * the requests waiting meanwhile (a health check, a page) run before the next step. Awaiting a
 * promise that is already settled never gives the loop back, and SQLite answers synchronously.
 */
export class TimeSlices {
  private since = performance.now();

  constructor(private readonly sliceMs = 10) {}

  async pause(): Promise<void> {
    if (performance.now() - this.since < this.sliceMs) return;
    await nextTurn();
    this.since = performance.now();
  }
}
