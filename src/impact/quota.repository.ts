import { type Expression, type SqlBool, sql } from "kysely";
import type { QuotaHold, TurnQuotaRules } from "../pipeline/index.js";
import type { Database } from "../store/index.js";

export type QuotaLimits = NonNullable<TurnQuotaRules["agent"]>;
export type ConsumptionMetric = "tokens" | "wh" | "gco2e";
export const CONSUMPTION: readonly ConsumptionMetric[] = ["tokens", "wh", "gco2e"];

/** A scope's month, as stored. */
export interface QuotaUsage {
  requests: number;
  inFlight: number;
  settled: number;
  tokens: number;
  wh: number;
  gco2e: number;
}

/** What a settled turn consumed. */
export interface QuotaConsumption {
  settled: number;
  tokens: number;
  wh: number;
  gco2e: number;
}

const double = (value: number) => sql`cast(${value} as double precision)`;

/** The only place that speaks SQL about quotas: one row per scope and month (`quota_usage`). */
export class QuotaRepository {
  constructor(private readonly db: Database) {}

  /** Creates the scope's month at zero if it is not there yet. */
  async ensure(hold: QuotaHold, at: string): Promise<void> {
    await this.db
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
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(["scope", "month"]).doNothing())
      .execute();
  }

  /** Every scope's month as stored: what each agent and direction consumed. */
  async month(month: string): Promise<(QuotaUsage & { scope: string })[]> {
    const rows = await this.db
      .selectFrom("quota_usage")
      .selectAll()
      .where("month", "=", month)
      .execute();
    return rows.map((row) => ({ scope: row.scope, ...present(row) }));
  }

  /** A scope's month as stored (zeros when nothing was counted). */
  async usage(scope: string, month: string): Promise<QuotaUsage> {
    const row = await this.db
      .selectFrom("quota_usage")
      .selectAll()
      .where("scope", "=", scope)
      .where("month", "=", month)
      .executeTakeFirst();
    return present(row);
  }

  /** Counts one more request and one more in progress, unconditionally; returns the counts after. */
  async increment(hold: QuotaHold, at: string): Promise<QuotaUsage> {
    const row = await this.db
      .updateTable("quota_usage")
      .set({ requests: sql`requests + 1`, in_flight: sql`in_flight + 1`, updated_at: at })
      .where("scope", "=", hold.scope)
      .where("month", "=", hold.month)
      .returningAll()
      .executeTakeFirstOrThrow();
    return present(row);
  }

  /**
   * Counts one more request and one more in progress only if the limits
   * allow it, in one conditional statement; whether it did.
   */
  async takeWithin(hold: QuotaHold, limits: QuotaLimits, at: string): Promise<boolean> {
    let update = this.db
      .updateTable("quota_usage")
      .set({ requests: sql`requests + 1`, in_flight: sql`in_flight + 1`, updated_at: at })
      .where("scope", "=", hold.scope)
      .where("month", "=", hold.month);
    if (limits.requests !== undefined) update = update.where("requests", "<", limits.requests);
    for (const metric of CONSUMPTION) {
      const limit = limits[metric];
      if (limit !== undefined) update = update.where(withinConsumption(metric, limit));
    }
    return (await update.returning("requests").executeTakeFirst()) !== undefined;
  }

  /** Records what a turn consumed and ends its time in progress. */
  async settle(hold: QuotaHold, consumed: QuotaConsumption, at: string): Promise<void> {
    await this.db
      .updateTable("quota_usage")
      .set({
        in_flight: sql`case when in_flight > 0 then in_flight - 1 else 0 end`,
        settled: sql`settled + ${consumed.settled}`,
        tokens: sql`tokens + ${consumed.tokens}`,
        wh: sql`wh + ${double(consumed.wh)}`,
        gco2e: sql`gco2e + ${double(consumed.gco2e)}`,
        updated_at: at,
      })
      .where("scope", "=", hold.scope)
      .where("month", "=", hold.month)
      .execute();
  }

  /** Gives back a request admission took (another scope refused the turn). */
  async release(hold: QuotaHold): Promise<void> {
    await this.db
      .updateTable("quota_usage")
      .set({
        requests: sql`case when requests > 0 then requests - 1 else 0 end`,
        in_flight: sql`case when in_flight > 0 then in_flight - 1 else 0 end`,
      })
      .where("scope", "=", hold.scope)
      .where("month", "=", hold.month)
      .execute();
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
