import type { Log } from "../shared/log.js";

/** How often the server checks whether last month's report is kept. */
const EVERY_MS = 60 * 60_000;

/**
 * Generates the previous month's report once the month is over, while the
 * server runs: a round at start, then every hour (`generateDue` does nothing
 * once the report is kept). Several instances may run one each: the report
 * is claimed by one of them only (see `ReportRepository.claim`). A round that
 * fails is logged and the next one tries again.
 */
export class ReportScheduler {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      generateDue: () => Promise<string | null>;
      log: Log;
      everyMs?: number;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runRound(), this.deps.everyMs ?? EVERY_MS);
    this.timer.unref();
    void this.runRound();
  }

  /** Stops the timer and waits for the round in progress, if any. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /** One round now (the tests, and the timer). */
  runRound(): Promise<void> {
    this.round ??= this.deps
      .generateDue()
      .then(
        () => {},
        (error: unknown) =>
          this.deps.log.error(
            { error: error instanceof Error ? error.name : "Error" },
            "observatory report round failed",
          ),
      )
      .finally(() => {
        this.round = undefined;
      });
    return this.round;
  }
}
