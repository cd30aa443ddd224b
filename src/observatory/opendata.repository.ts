import { sql } from "kysely";
import { LoopTurns } from "../shared/loop-turns.js";
import { type Database, monthBit } from "../store/index.js";

/** Keys of the open data's rows counted per query: a few thousand masks each, a few milliseconds. */
const KEYS_PER_STEP = 16;

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
 * `usage_agent_years` a few keys per query with the event loop given back
 * between two (a year of 5,000 agents holds hundreds of thousands of such
 * masks), then kept in `opendata_agents` so that a public download reads
 * them rather than counts them.
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

  /** Counts a month's distinct agents per row from the journal's masks. */
  async count(month: string): Promise<Map<string, number>> {
    const year = month.slice(0, 4);
    const bit = monthBit(month);
    const agents = new Map<string, number>();
    let after = "";
    for (;;) {
      await this.turns.take();
      const page = await sql<{ key: string; agents: number | string }>`
        select key, count(*) as agents from usage_agent_years
        where kind = 'row' and key > ${after} and year = ${year}
          and (months & ${sql.lit(bit)}) <> 0
        group by key order by key limit ${sql.lit(KEYS_PER_STEP)}`.execute(this.db);
      for (const row of page.rows) agents.set(row.key, Number(row.agents));
      const last = page.rows.at(-1);
      if (!last || page.rows.length < KEYS_PER_STEP) return agents;
      after = last.key;
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
