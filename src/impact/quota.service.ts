import type { Principal } from "../identity/index.js";
import type {
  QuotaAdmission,
  QuotaExceeded,
  QuotaHold,
  QuotaPort,
  Turn,
  TurnQuotaRules,
} from "../pipeline/index.js";
import type { Clock } from "../shared/clock.js";
import {
  CONSUMPTION,
  type QuotaLimits as Limits,
  type QuotaRepository,
  type QuotaUsage,
} from "./quota.repository.js";

interface Scope {
  kind: QuotaExceeded["scope"];
  key: string;
  limits: Limits | undefined;
}

/** `YYYY-MM` of an instant, UTC. */
export const monthOf = (now: Date): string => now.toISOString().slice(0, 7);

/** The first instant of the next calendar month, UTC. */
export const nextMonth = (now: Date): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));

const hasLimits = (limits: Limits | undefined): limits is Limits =>
  limits !== undefined && Object.values(limits).some((value) => value !== undefined);

/**
 * Monthly quotas per agent and per direction, kept in the database so that
 * they hold across several Beffroi instances. Admission is one conditional
 * `UPDATE … WHERE requests < :limit … RETURNING` on the scope's row (created
 * first by `INSERT … ON CONFLICT DO NOTHING`): two concurrent requests cannot
 * both take the last slot, on SQLite (one writer) as on PostgreSQL (the row
 * lock, and the condition evaluated again on the row's latest version).
 *
 * Consumption (tokens, Wh, gCO2e) is known only after the answer. A turn
 * admitted is counted `in_flight` until its consumption is recorded
 * (`settle`, also when it fails); beyond the first, a turn is admitted only
 * while what was consumed plus the answers in progress at the scope's
 * average per answer stays under the limit, so that answers in progress
 * overshoot the limit by about one answer at most. A turn that finds the
 * limit not reached but taken by answers in progress waits for them, a
 * short while.
 */
export class QuotaService {
  constructor(
    private readonly deps: {
      quotas: QuotaRepository;
      clock: Clock;
      /** How long a turn waits for answers in progress to be recorded (ms). */
      waitMs?: number;
      pollMs?: number;
    },
  ) {}

  readonly port: QuotaPort = {
    admit: (principal, rules) => this.admit(principal, rules),
  };

  async admit(principal: Principal, rules: TurnQuotaRules): Promise<QuotaAdmission> {
    const now = this.deps.clock.now();
    const month = monthOf(now);
    const resetsAt = nextMonth(now).toISOString();
    const scopes: Scope[] = [
      { kind: "agent", key: `user:${principal.userId}`, limits: rules.agent },
    ];
    if (principal.directionId) {
      scopes.push({
        kind: "direction",
        key: `direction:${principal.directionId}`,
        limits: rules.direction,
      });
    }
    const held: QuotaHold[] = [];
    let exceeded: QuotaExceeded | undefined;
    for (const scope of scopes) {
      const hold = { scope: scope.key, month };
      await this.ensure(hold);
      if (rules.onExceed !== "deny" || !hasLimits(scope.limits)) {
        // Counted whatever happens; a limit reached is reported, not enforced here.
        const before = await this.increment(hold);
        held.push(hold);
        if (hasLimits(scope.limits)) exceeded ??= reached(scope, before, resetsAt);
        continue;
      }
      const refused = await this.admitWithin(hold, { ...scope, limits: scope.limits }, resetsAt);
      if (refused) {
        await this.release(held);
        return { held: [], exceeded: refused };
      }
      held.push(hold);
    }
    return { held, ...(exceeded && { exceeded }) };
  }

  /** Records a turn's consumption in the scopes it holds and releases them; safe to call twice. */
  settle = async (turn: Turn): Promise<void> => {
    const held = turn.quota?.held ?? [];
    if (held.length === 0) return;
    turn.quota = { held: [], degraded: turn.quota?.degraded ?? false };
    const usage = turn.output?.usage;
    const tokens = usage ? Math.round(usage.promptTokens + usage.completionTokens) : 0;
    const wh = (turn.impact?.energyKwh.max ?? 0) * 1000;
    const gco2e = (turn.impact?.gwpKgCo2e.max ?? 0) * 1000;
    const settled = turn.output ? 1 : 0;
    const at = this.deps.clock.now().toISOString();
    for (const hold of held)
      await this.deps.quotas.settle(hold, { settled, tokens, wh, gco2e }, at);
  };

  /** A scope's month as stored (zeros when nothing was counted). */
  usage(scope: string, month: string): Promise<QuotaUsage> {
    return this.deps.quotas.usage(scope, month);
  }

  private ensure(hold: QuotaHold): Promise<void> {
    return this.deps.quotas.ensure(hold, this.deps.clock.now().toISOString());
  }

  /** Counts one more request and one more in progress, unconditionally; returns the counts before. */
  private async increment(hold: QuotaHold): Promise<QuotaUsage> {
    const after = await this.deps.quotas.increment(hold, this.deps.clock.now().toISOString());
    return { ...after, requests: after.requests - 1, inFlight: after.inFlight - 1 };
  }

  /**
   * Takes a slot within the limits in one conditional statement; on refusal,
   * the quota reached, or, when only answers in progress stand in the way,
   * waits for them and tries again.
   */
  private async admitWithin(
    hold: QuotaHold,
    scope: Scope & { limits: Limits },
    resetsAt: string,
  ): Promise<QuotaExceeded | undefined> {
    const { limits } = scope;
    const deadline = Date.now() + (this.deps.waitMs ?? 30_000);
    for (;;) {
      const at = this.deps.clock.now().toISOString();
      const admitted = await this.deps.quotas.takeWithin(hold, limits, at);
      if (admitted) return undefined;
      const current = await this.usage(hold.scope, hold.month);
      const over = reached(scope, current, resetsAt);
      if (over) return over;
      if (Date.now() >= deadline) {
        const metric = CONSUMPTION.find((m) => limits[m] !== undefined) ?? "tokens";
        return {
          scope: scope.kind,
          metric,
          limit: limits[metric] ?? 0,
          resetsAt,
          busy: true,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, this.deps.pollMs ?? 50));
    }
  }

  /** Gives back what admission took in scopes already passed (another scope refused). */
  private async release(held: QuotaHold[]): Promise<void> {
    for (const hold of held) await this.deps.quotas.release(hold);
  }
}

/** The first limit the counts before this request reach, if any. */
function reached(scope: Scope, usage: QuotaUsage, resetsAt: string): QuotaExceeded | undefined {
  const limits = scope.limits ?? {};
  if (limits.requests !== undefined && usage.requests >= limits.requests) {
    return { scope: scope.kind, metric: "requests", limit: limits.requests, resetsAt };
  }
  for (const metric of CONSUMPTION) {
    const limit = limits[metric];
    if (limit !== undefined && usage[metric] >= limit) {
      return { scope: scope.kind, metric, limit, resetsAt };
    }
  }
  return undefined;
}
