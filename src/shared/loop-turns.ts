import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Steps of concurrent work taken one per turn of the event loop. Tasks that
 * give the loop back with `setImmediate` all resume in the same check phase,
 * one after the other: four scans of 25 ms pieces would hold the loop for
 * 100 ms at a time. Here each step waits for a turn of its own, so the loop
 * goes round (I/O, a health check, a page) between any two steps, whichever
 * task they belong to, while a lone task still runs a step per turn.
 */
export class LoopTurns {
  #last: Promise<void> = Promise.resolve();

  /** Resolves when the caller may run its next step. */
  take(): Promise<void> {
    const mine = this.#last.then(() => nextTurn());
    this.#last = mine.then(
      () => {},
      () => {},
    );
    return mine.then(() => {});
  }
}
