import type { Log } from "../../shared/log.js";

/**
 * Runs the document watch's rounds on a timer while the server runs: every
 * `pollSeconds`, the sources whose check is due are read (`checkDue`), one
 * round at a time. Several instances may run one each: a source is claimed
 * by one of them only (see `WatchRepository.claimDue`). A round that fails
 * (the database away) is logged and the next one tries again.
 */
export class WatchScheduler {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      checkDue: () => Promise<number>;
      pollSeconds: number;
      log: Log;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runRound(), this.deps.pollSeconds * 1000);
    this.timer.unref();
    void this.runRound();
  }

  /** Stops the timer and waits for the round in progress, if any. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }

  private runRound(): Promise<void> {
    this.round ??= this.deps
      .checkDue()
      .then(
        () => {},
        (error: unknown) =>
          this.deps.log.error(
            { error: error instanceof Error ? error.name : "Error" },
            "watch round failed",
          ),
      )
      .finally(() => {
        this.round = undefined;
      });
    return this.round;
  }
}
