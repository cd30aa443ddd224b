import type { GuardFinding } from "../pipeline/index.js";
import { AppError } from "../shared/errors.js";
import type { Recognizer } from "./entity.js";
import { withNames } from "./names.repository.js";
import type { PersonNames } from "./recognizers/person.js";
import { type ScanResult, scanText } from "./scanner.js";

/** A scan slower than this blocks the turn: a guard that takes too long protects no one. */
const BUDGET_MS = 500;

/** How often, at most, a scan checks in the background whether imported names changed. */
const NAMES_CHECK_MS = 30_000;

/** Where imported names come from (the `guard_names` table): a cheap fingerprint, and the names. */
export interface NamesSource {
  signature(): Promise<string>;
  load(): Promise<PersonNames>;
}

/**
 * The personal-data guard: French recognizers over a text, with the turn
 * blocked when scanning fails or overruns its budget (fail closed). Given
 * a names source, the PERSON recognizer also knows the imported first
 * names and surnames: read by `reloadNames()`, then re-read when their
 * table changes (a scan checks, in the background, at most every 30
 * seconds), so that a running server picks up an import without a restart.
 */
export class GuardService {
  #recognizers: readonly Recognizer[];
  #signature: string | undefined;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #reloading: Promise<boolean> | undefined;

  constructor(
    private readonly recognizers: readonly Recognizer[],
    private readonly budgetMs = BUDGET_MS,
    private readonly names?: NamesSource,
    private readonly namesCheckMs = NAMES_CHECK_MS,
  ) {
    this.#recognizers = recognizers;
  }

  /**
   * Reads the imported names again when their table changed since the last
   * read; whether the recognizers in use changed. A failure leaves the names in
   * use as they were (and is thrown).
   */
  reloadNames(): Promise<boolean> {
    this.#reloading ??= this.#reload().finally(() => {
      this.#reloading = undefined;
    });
    return this.#reloading;
  }

  async #reload(): Promise<boolean> {
    if (!this.names) return false;
    this.#checkedAt = performance.now();
    const signature = await this.names.signature();
    if (signature === this.#signature) return false;
    const recognizers = withNames(this.recognizers, await this.names.load());
    const changed = recognizers !== this.#recognizers;
    this.#recognizers = recognizers;
    this.#signature = signature;
    return changed;
  }

  /** Entities and class of a text; throws `guard_failed` or `guard_timeout` instead of guessing. */
  scan(text: string): ScanResult {
    const started = performance.now();
    if (this.names && started - this.#checkedAt >= this.namesCheckMs) {
      // In the background: this scan uses the names as they are; a failed check is tried again later.
      this.reloadNames().catch(() => {});
    }
    let result: ScanResult;
    try {
      result = scanText(text, this.#recognizers);
    } catch {
      throw new AppError("guard_failed", 503);
    }
    if (performance.now() - started > this.budgetMs) throw new AppError("guard_timeout", 503);
    return result;
  }

  /** The guard stage's port: the class, and each entity's type and position, never the values. */
  finding = (text: string): GuardFinding => {
    const { dataClass, entities } = this.scan(text);
    return { dataClass, spans: entities.map(({ type, start, end }) => ({ type, start, end })) };
  };
}
