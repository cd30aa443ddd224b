import { sql } from "kysely";
import { LoopTurns } from "../shared/loop-turns.js";
import type { Database } from "../store/index.js";

/** Masks read per query: a few milliseconds of SQLite's synchronous work. */
const ROWS_PER_STEP = 2_000;

/** A month's agents per open data row, as kept, with when they were counted. */
export interface KeptCounts {
  countedAt: string;
  /** Counted once the month was over: they no longer change. */
  final: boolean;
  agents: Map<string, number>;
}

/**
 * The only place that speaks SQL for the open data's agent counts: how
 * many distinct agents stand behind each row (a subject, a model, its
 * hosting and a data class; the journal's masks of kind `row`, keyed by
 * their values joined with a tab) in a month, counted from
 * `usage_agent_years` a year at a time, a few thousand masks per query with
 * the event loop given back between two (a year of 5,000 agents holds
 * hundreds of thousands of such masks), then kept in `opendata_agents` so
 * that a public download reads them rather than counts them.
 */
export class OpenDataRepository {
  private readonly turns = new LoopTurns();

  constructor(private readonly db: Database) {}

  /** The counts kept for the months between two (`YYYY-MM`, both included), by month. */
  async kept(fromMonth: string, toMonth: string): Promise<Map<string, KeptCounts>> {
    const months = await this.db
      .selectFrom("opendata_months")
      .selectAll()
      .where("month", ">=", fromMonth)
      .where("month", "<=", toMonth)
      .execute();
    const kept = new Map<string, KeptCounts>(
      months.map((row) => [
        row.month,
        { countedAt: row.counted_at, final: Number(row.final) === 1, agents: new Map() },
      ]),
    );
    if (kept.size === 0) return kept;
    const rows = await this.db
      .selectFrom("opendata_agents")
      .selectAll()
      .where("month", "in", [...kept.keys()])
      .execute();
    for (const row of rows) kept.get(row.month)?.agents.set(row.key, Number(row.agents));
    return kept;
  }

  /**
   * Counts every month of a year's distinct agents per row from the
   * journal's masks, read once, `ROWS_PER_STEP` masks at a time in the
   * primary key's order: `month → key → agents`, months without any left out.
   */
  async countYear(year: string): Promise<Map<string, Map<string, number>>> {
    const counts = new Map<string, Map<string, number>>();
    let after: { key: string; user: string } | undefined;
    for (;;) {
      await this.turns.take();
      let query = this.db
        .selectFrom("usage_agent_years")
        .select(["key", "user_id", "months"])
        .where("kind", "=", "row")
        .where("year", "=", year);
      if (after)
        query = query.where(
          sql<boolean>`(key, year, user_id) > (${after.key}, ${year}, ${after.user})`,
        );
      const page = await query
        .orderBy("key")
        .orderBy("year")
        .orderBy("user_id")
        .limit(ROWS_PER_STEP)
        .execute();
      for (const row of page)
        for (let index = 0; index < 12; index++) {
          if ((Number(row.months) & (1 << index)) === 0) continue;
          const month = `${year}-${String(index + 1).padStart(2, "0")}`;
          const perKey = counts.get(month) ?? new Map<string, number>();
          perKey.set(row.key, (perKey.get(row.key) ?? 0) + 1);
          counts.set(month, perKey);
        }
      const last = page.at(-1);
      if (!last || page.length < ROWS_PER_STEP) return counts;
      after = { key: last.key, user: last.user_id };
    }
  }

  /** Replaces a month's kept counts in one transaction. */
  async keep(month: string, countedAt: string, final: boolean, agents: Map<string, number>) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("opendata_agents").where("month", "=", month).execute();
      const rows = [...agents].map(([key, count]) => ({ month, key, agents: count }));
      for (let start = 0; start < rows.length; start += 500)
        await trx
          .insertInto("opendata_agents")
          .values(rows.slice(start, start + 500))
          .execute();
      await trx
        .insertInto("opendata_months")
        .values({ month, counted_at: countedAt, final: final ? 1 : 0 })
        .onConflict((conflict) =>
          conflict.column("month").doUpdateSet({ counted_at: countedAt, final: final ? 1 : 0 }),
        )
        .execute();
    });
  }
}
