import type { GuardFinding } from "../pipeline/index.js";
import { AppError } from "../shared/errors.js";
import type { Recognizer } from "./entity.js";
import { type ScanResult, scanText } from "./scanner.js";

/** A scan slower than this blocks the turn: a guard that takes too long protects no one. */
const BUDGET_MS = 500;

/**
 * The personal-data guard: French recognizers over a text, with the turn
 * blocked when scanning fails or overruns its budget (fail closed).
 */
export class GuardService {
  constructor(
    private readonly recognizers: readonly Recognizer[],
    private readonly budgetMs = BUDGET_MS,
  ) {}

  /** Entities and class of a text; throws `guard_failed` or `guard_timeout` instead of guessing. */
  scan(text: string): ScanResult {
    const started = performance.now();
    let result: ScanResult;
    try {
      result = scanText(text, this.recognizers);
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
