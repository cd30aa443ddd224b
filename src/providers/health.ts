/**
 * A circuit breaker per provider: after `threshold` failures in a row, the
 * provider is skipped for `openMs`; then one request is let through, and its
 * outcome closes or reopens the circuit. Health is a per-process cache of
 * what this process saw, not shared state: each instance learns on its own.
 */
export class ProviderHealth {
  private readonly state = new Map<string, { failures: number; openUntil: number }>();

  constructor(
    private readonly now: () => number,
    private readonly threshold = 3,
    private readonly openMs = 30_000,
  ) {}

  /** False while the circuit is open. */
  available(providerId: string): boolean {
    const entry = this.state.get(providerId);
    if (!entry || entry.openUntil === 0) return true;
    if (this.now() >= entry.openUntil) {
      // Half-open: one try; a failure reopens at once.
      entry.openUntil = 0;
      entry.failures = this.threshold - 1;
      return true;
    }
    return false;
  }

  succeeded(providerId: string): void {
    this.state.delete(providerId);
  }

  failed(providerId: string): void {
    const entry = this.state.get(providerId) ?? { failures: 0, openUntil: 0 };
    entry.failures += 1;
    if (entry.failures >= this.threshold) entry.openUntil = this.now() + this.openMs;
    this.state.set(providerId, entry);
  }

  /** For the administration page and `provider list`: up, or down until when. */
  status(providerId: string): { state: "up" | "down"; until?: string; failures: number } {
    const entry = this.state.get(providerId);
    if (!entry) return { state: "up", failures: 0 };
    return entry.openUntil > this.now()
      ? { state: "down", until: new Date(entry.openUntil).toISOString(), failures: entry.failures }
      : { state: "up", failures: entry.failures };
  }
}
