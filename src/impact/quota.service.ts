import { type Expression, type SqlBool, sql } from "kysely";
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
import type { Database } from "../store/index.js";

type Limits = NonNullable<TurnQuotaRules["agent"]>;
type ConsumptionMetric = "tokens" | "wh" | "gco2e";
const CONSUMPTION: readonly ConsumptionMetric[] = ["tokens", "wh", "gco2e"];

/** A scope's month, as stored. */
export interface QuotaUsage {
  requests: number;
  inFlight: number;
  settled: number;
  tokens: number;
  wh: number;
  gco2e: number;
}

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

const double = (value: number) => sql`cast(${value} as double precision)`;

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
      db: Database;
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
    for (const { scope, month } of held) {
      await this.deps.db
        .updateTable("quota_usage")
        .set({
          in_flight: sql`case when in_flight > 0 then in_flight - 1 else 0 end`,
          settled: sql`settled + ${settled}`,
          tokens: sql`tokens + ${tokens}`,
          wh: sql`wh + ${double(wh)}`,
          gco2e: sql`gco2e + ${double(gco2e)}`,
          updated_at: this.deps.clock.now().toISOString(),
        })
        .where("scope", "=", scope)
        .where("month", "=", month)
        .execute();
    }
  };

  /** A scope's month as stored (zeros when nothing was counted). */
  async usage(scope: string, month: string): Promise<QuotaUsage> {
    const row = await this.deps.db
      .selectFrom("quota_usage")
      .selectAll()
      .where("scope", "=", scope)
      .where("month", "=", month)
      .executeTakeFirst();
    return present(row);
  }

  private async ensure(hold: QuotaHold): Promise<void> {
    await this.deps.db
      .insertInto("quota_usage")
      .values({
        scope: hold.scope,
        month: hold.month,
        requests: 0,
        in_flight: 0,
        settled: 0,
        tokens: 0,
        wh: 0,
        gco2e: 0,
        updated_at: this.deps.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(["scope", "month"]).doNothing())
      .execute();
  }

  /** Counts one more request and one more in progress, unconditionally; returns the counts before. */
  private async increment(hold: QuotaHold): Promise<QuotaUsage> {
    const row = await this.deps.db
      .updateTable("quota_usage")
      .set({
        requests: sql`requests + 1`,
        in_flight: sql`in_flight + 1`,
        updated_at: this.deps.clock.now().toISOString(),
      })
      .where("scope", "=", hold.scope)
      .where("month", "=", hold.month)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = present(row);
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
      let update = this.deps.db
        .updateTable("quota_usage")
        .set({
          requests: sql`requests + 1`,
          in_flight: sql`in_flight + 1`,
          updated_at: this.deps.clock.now().toISOString(),
        })
        .where("scope", "=", hold.scope)
        .where("month", "=", hold.month);
      if (limits.requests !== undefined) update = update.where("requests", "<", limits.requests);
      for (const metric of CONSUMPTION) {
        const limit = limits[metric];
        if (limit !== undefined) update = update.where(withinConsumption(metric, limit));
      }
      const admitted = await update.returning("requests").executeTakeFirst();
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
    for (const { scope, month } of held) {
      await this.deps.db
        .updateTable("quota_usage")
        .set({
          requests: sql`case when requests > 0 then requests - 1 else 0 end`,
          in_flight: sql`case when in_flight > 0 then in_flight - 1 else 0 end`,
        })
        .where("scope", "=", scope)
        .where("month", "=", month)
        .execute();
    }
  }
}

/** A stored row's figures (PostgreSQL gives `bigint` as text). */
function present(row: Partial<Record<string, unknown>> | undefined): QuotaUsage {
  return {
    requests: Number(row?.requests ?? 0),
    inFlight: Number(row?.in_flight ?? 0),
    settled: Number(row?.settled ?? 0),
    tokens: Number(row?.tokens ?? 0),
    wh: Number(row?.wh ?? 0),
    gco2e: Number(row?.gco2e ?? 0),
  };
}

/**
 * Consumption plus the answers in progress at the average per recorded
 * answer stays under the limit: with none in progress, what was consumed is
 * under it; with some, the scope has recorded answers to average (else the
 * turn waits for the first one), `consumed × (settled + in_flight) < limit × settled`.
 */
function withinConsumption(metric: ConsumptionMetric, limit: number): Expression<SqlBool> {
  const column = sql.ref(metric);
  return sql<SqlBool>`((in_flight = 0 and ${column} < ${double(limit)}) or (settled > 0 and ${column} * (settled + in_flight) < ${double(limit)} * settled))`;
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
