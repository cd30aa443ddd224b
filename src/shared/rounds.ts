import type { Log } from "./log.js";

/**
 * Background work a server runs on a timer (the document watch's readings,
 * the monthly report): a round at start, then every `everyMs`, one round at a
 * time. A round that fails (the database away) is logged with its error's
 * name only, and the next one tries again. Several instances may each run
 * theirs: the work itself claims what it does (a lease, an insert that
 * conflicts), so that two never do the same.
 */
export class Rounds {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      run: () => Promise<unknown>;
      everyMs: number;
      log: Log;
      /** What the log line says failed (`watch round failed`). */
      failure: string;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runRound(), this.deps.everyMs);
    this.timer.unref();
    void this.runRound();
  }

  /** Stops the timer and waits for the round in progress, if any. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /** One round now, unless one is running (then that one): the timer's, and the tests'. */
  runRound(): Promise<void> {
    this.round ??= this.deps
      .run()
      .then(
        () => {},
        (error: unknown) =>
          this.deps.log.error(
            { error: error instanceof Error ? error.name : "Error" },
            this.deps.failure,
          ),
      )
      .finally(() => {
        this.round = undefined;
      });
    return this.round;
  }
}
