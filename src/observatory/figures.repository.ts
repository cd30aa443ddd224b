import { sql } from "kysely";
import { type Database, monthBit, SUM_KINDS } from "../store/index.js";
import { monthsBetween } from "./months.js";

/** What every figure is read over: months `YYYY-MM` (both included), some directions or all. */
export interface Scope {
  fromMonth: string;
  toMonth: string;
  /** The directions' ids ("" for agents with none), or null for the whole collectivité. */
  directionIds: string[] | null;
}

/** The dimensions `usage_rollup` may be grouped by. */
export type RollupDimension =
  | "month"
  | "direction_id"
  | "assistant_id"
  | "model_ref"
  | "sovereignty"
  | "data_class"
  | "status"
  | "mode"
  | "refusal"
  | "data_action"
  | "sobriety";

/** A group's sums, as the rollup keeps them. */
export interface RollupSums {
  turns: number;
  abstained: number;
  promptTokens: number;
  completionTokens: number;
  energyKwh: { min: number; max: number };
  gwpKgCo2e: { min: number; max: number };
  waterL: { min: number; max: number };
  minutesSaved: number;
  minutesAnswers: number;
  positive: number;
  negative: number;
  validated: number;
}

const SUMS = [
  sql<number>`coalesce(sum(turns), 0)`.as("turns"),
  sql<number>`coalesce(sum(abstained), 0)`.as("abstained"),
  sql<number>`coalesce(sum(prompt_tokens), 0)`.as("prompt_tokens"),
  sql<number>`coalesce(sum(completion_tokens), 0)`.as("completion_tokens"),
  sql<number>`coalesce(sum(energy_kwh_min), 0)`.as("energy_kwh_min"),
  sql<number>`coalesce(sum(energy_kwh_max), 0)`.as("energy_kwh_max"),
  sql<number>`coalesce(sum(gwp_kg_min), 0)`.as("gwp_kg_min"),
  sql<number>`coalesce(sum(gwp_kg_max), 0)`.as("gwp_kg_max"),
  sql<number>`coalesce(sum(water_l_min), 0)`.as("water_l_min"),
  sql<number>`coalesce(sum(water_l_max), 0)`.as("water_l_max"),
  sql<number>`coalesce(sum(minutes_saved), 0)`.as("minutes_saved"),
  sql<number>`coalesce(sum(minutes_answers), 0)`.as("minutes_answers"),
  sql<number>`coalesce(sum(positive), 0)`.as("positive"),
  sql<number>`coalesce(sum(negative), 0)`.as("negative"),
  sql<number>`coalesce(sum(validated), 0)`.as("validated"),
] as const;

type SumRow = Record<
  | "turns"
  | "abstained"
  | "prompt_tokens"
  | "completion_tokens"
  | "energy_kwh_min"
  | "energy_kwh_max"
  | "gwp_kg_min"
  | "gwp_kg_max"
  | "water_l_min"
  | "water_l_max"
  | "minutes_saved"
  | "minutes_answers"
  | "positive"
  | "negative"
  | "validated",
  number | string
>;

const sumsOf = (row: SumRow): RollupSums => ({
  turns: Number(row.turns),
  abstained: Number(row.abstained),
  promptTokens: Number(row.prompt_tokens),
  completionTokens: Number(row.completion_tokens),
  energyKwh: { min: Number(row.energy_kwh_min), max: Number(row.energy_kwh_max) },
  gwpKgCo2e: { min: Number(row.gwp_kg_min), max: Number(row.gwp_kg_max) },
  waterL: { min: Number(row.water_l_min), max: Number(row.water_l_max) },
  minutesSaved: Number(row.minutes_saved),
  minutesAnswers: Number(row.minutes_answers),
  positive: Number(row.positive),
  negative: Number(row.negative),
  validated: Number(row.validated),
});

/**
 * The only place that speaks SQL about the observatory's rollups (written
 * with each turn by `UsageRepository.insert`): sums per dimension, and how
 * many distinct agents stand behind a group.
 */
export class FiguresRepository {
  constructor(private readonly db: Database) {}

  /**
   * The journal's sums over a scope, grouped by some dimensions (none: one
   * row, the totals), read from the narrowest breakdown of `usage_sums`
   * that holds them all (`SUM_KINDS`).
   */
  async sums<D extends RollupDimension>(
    scope: Scope,
    dimensions: readonly D[],
  ): Promise<(Record<D, string> & RollupSums)[]> {
    const keyed = dimensions.filter((d) => d !== "month" && d !== "direction_id");
    const perDirection = scope.directionIds !== null || dimensions.includes("direction_id" as D);
    const found = Object.entries(SUM_KINDS).find(
      ([, kind]) =>
        (kind.perDirection || !perDirection) &&
        keyed.every((d) => (kind.keys as readonly string[]).includes(d)),
    );
    if (!found) throw new Error(`no breakdown of the journal holds ${dimensions.join(", ")}`);
    const [kind, { keys }] = found;
    const columns = dimensions.map((d) =>
      d === "month" || d === "direction_id"
        ? sql.ref(d).as(d)
        : sql.ref(`key${(keys as readonly string[]).indexOf(d) + 1}`).as(d),
    );
    let query = this.db
      .selectFrom("usage_sums")
      .select([...columns, ...SUMS])
      .where("kind", "=", kind)
      .where("month", ">=", scope.fromMonth)
      .where("month", "<=", scope.toMonth);
    if (scope.directionIds) query = query.where("direction_id", "in", inList(scope.directionIds));
    if (dimensions.length > 0) query = query.groupBy(columns.map((_, i) => sql.raw(String(i + 1))));
    const rows = (await query.execute()) as unknown as (Record<D, string> & SumRow)[];
    return rows.map((row) => {
      const values = Object.fromEntries(dimensions.map((d) => [d, String(row[d])])) as Record<
        D,
        string
      >;
      return { ...values, ...sumsOf(row) };
    });
  }

  /** Distinct agents active over a scope, per key of a kind (`all`: one key, ""). */
  async agentsPerKey(scope: Scope, kind: AgentKind): Promise<Map<string, number>> {
    const rows = await sql<{ key: string; agents: number }>`
      select key, count(distinct user_id) as agents from usage_agent_years
      where kind = ${kind} and ${activeIn(scope)}
      group by key`.execute(this.db);
    return new Map(rows.rows.map((row) => [row.key, Number(row.agents)]));
  }

  /** Distinct agents active over a scope under any of some keys of a kind (a group's remainder). */
  async agentsOver(scope: Scope, kind: AgentKind, keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const row = await sql<{ agents: number }>`
      select count(distinct user_id) as agents from usage_agent_years
      where kind = ${kind} and key in (${sql.join(keys)}) and ${activeIn(scope)}`.execute(this.db);
    return Number(row.rows[0]?.agents ?? 0);
  }

  /** Distinct agents active over a scope, per direction (the latest of each agent's year). */
  async agentsPerDirection(scope: Scope): Promise<Map<string, number>> {
    const rows = await sql<{ direction_id: string; agents: number }>`
      select direction_id, count(distinct user_id) as agents from usage_agent_years
      where kind = 'all' and ${activeIn(scope)}
      group by direction_id`.execute(this.db);
    return new Map(rows.rows.map((row) => [row.direction_id, Number(row.agents)]));
  }

  /** Distinct agents active in some months of the scope (a hidden month's remainder). */
  async agentsInMonths(scope: Scope, months: string[]): Promise<number> {
    if (months.length === 0) return 0;
    const row = await sql<{ agents: number }>`
      select count(distinct user_id) as agents from usage_agents
      where month in (${sql.join(months)}) ${inDirections(scope)}`.execute(this.db);
    return Number(row.rows[0]?.agents ?? 0);
  }

  /**
   * Per month of the scope: agents active, agents whose first month it was
   * (within the scope's directions), and agents active that month who had
   * been active before (returning).
   */
  async adoptionByMonth(scope: Scope) {
    const inScope = inDirections(scope);
    const active = await sql<{ month: string; agents: number }>`
      select month, count(*) as agents from usage_agents
      where month >= ${scope.fromMonth} and month <= ${scope.toMonth} ${inScope}
      group by month`.execute(this.db);
    const first = await sql<{ month: string; agents: number }>`
      select first as month, count(*) as agents from (
        select user_id, min(month) as first from usage_agents
        where month <= ${scope.toMonth} ${inScope} group by user_id
      ) firsts
      where first >= ${scope.fromMonth}
      group by first`.execute(this.db);
    const byMonth = (rows: { month: string; agents: number }[]) =>
      new Map(rows.map((row): [string, number] => [row.month, Number(row.agents)]));
    const actives = byMonth(active.rows);
    const firsts = byMonth(first.rows);
    const returning = new Map(
      [...actives].map(([month, agents]): [string, number] => [
        month,
        agents - (firsts.get(month) ?? 0),
      ]),
    );
    return { active: actives, first: firsts, returning };
  }

  /** Every agent who ever used Beffroi (any month, any direction): who is not among them never did. */
  async everActive(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom("usage_agent_years")
      .select("user_id")
      .distinct()
      .where("kind", "=", "all")
      .execute();
    return new Set(rows.map((row) => row.user_id));
  }

  /** One agent's requests between two instants (ISO, both included), summed: refused ones count as requests, with nothing else. */
  async agentTotals(userId: string, from: string, to: string) {
    const row = await this.db
      .selectFrom("usage_records")
      .select([
        sql<number>`count(*)`.as("turns"),
        sql<number>`count(validated_at)`.as("validated"),
        sql<number>`coalesce(sum(energy_kwh_min), 0)`.as("energy_min"),
        sql<number>`coalesce(sum(energy_kwh_max), 0)`.as("energy_max"),
        sql<number>`coalesce(sum(gwp_kg_min), 0)`.as("gwp_min"),
        sql<number>`coalesce(sum(gwp_kg_max), 0)`.as("gwp_max"),
        sql<number>`coalesce(sum(water_l_min), 0)`.as("water_min"),
        sql<number>`coalesce(sum(water_l_max), 0)`.as("water_max"),
        sql<number>`coalesce(sum(minutes_saved), 0)`.as("minutes_saved"),
        sql<number>`count(minutes_saved)`.as("minutes_answers"),
      ])
      .where("user_id", "=", userId)
      .where("at", ">=", from)
      .where("at", "<=", to)
      .executeTakeFirst();
    return {
      turns: Number(row?.turns ?? 0),
      validated: Number(row?.validated ?? 0),
      energyKwh: { min: Number(row?.energy_min ?? 0), max: Number(row?.energy_max ?? 0) },
      gwpKgCo2e: { min: Number(row?.gwp_min ?? 0), max: Number(row?.gwp_max ?? 0) },
      waterL: { min: Number(row?.water_min ?? 0), max: Number(row?.water_max ?? 0) },
      minutesSaved: Number(row?.minutes_saved ?? 0),
      answersWithMinutes: Number(row?.minutes_answers ?? 0),
    };
  }

  /** Every active agent's turns in a month: the median's material. */
  async turnsPerAgent(month: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom("usage_agents")
      .select("turns")
      .where("month", "=", month)
      .execute();
    return rows.map((row) => Number(row.turns));
  }

  /** Personal data found over a scope, per type, data class and action: counts only. */
  async findings(scope: Scope) {
    let query = this.db
      .selectFrom("usage_findings")
      .select([
        "data_type",
        "data_class",
        "data_action",
        sql<number>`sum(findings)`.as("findings"),
        sql<number>`sum(turns)`.as("turns"),
      ])
      .where("month", ">=", scope.fromMonth)
      .where("month", "<=", scope.toMonth);
    if (scope.directionIds) query = query.where("direction_id", "in", inList(scope.directionIds));
    const rows = await query.groupBy(["data_type", "data_class", "data_action"]).execute();
    return rows.map((row) => ({
      type: row.data_type,
      dataClass: row.data_class,
      action: row.data_action,
      findings: Number(row.findings),
      turns: Number(row.turns),
    }));
  }
}

/** The period as a condition on `usage_agent_years`: for each year, one of its months' bits set. */
function activeIn(scope: Scope) {
  const masks = new Map<string, number>();
  for (const month of monthsBetween(scope.fromMonth, scope.toMonth))
    masks.set(month.slice(0, 4), (masks.get(month.slice(0, 4)) ?? 0) | monthBit(month));
  const years = [...masks].map(
    ([year, mask]) => sql`(year = ${year} and (months & ${sql.lit(mask)}) <> 0)`,
  );
  return sql`(${sql.join(years, sql` or `)}) ${inDirections(scope)}`;
}

/** The scope's directions as a condition (nothing for the whole collectivité). */
const inDirections = (scope: Scope) =>
  scope.directionIds ? sql`and direction_id in (${sql.join(inList(scope.directionIds))})` : sql``;

/** The kinds `usage_agent_years` counts agents by (`AGENT_KINDS`, and personal data types). */
export type AgentKind = "all" | "assistant" | "model" | "class" | "refusal" | "action" | "finding";

/** A list for `in (…)`: never empty (an empty list matches nothing, as SQL cannot say `in ()`). */
const inList = (values: string[]) => (values.length > 0 ? values : ["\u0000none"]);
