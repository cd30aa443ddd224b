import type { Clock } from "../shared/clock.js";
import type { Database, UsageMonthlyTable, UsageRecordTable } from "../store/index.js";

const DAY_MS = 24 * 3600 * 1000;

/** The charter's retention periods, in days. */
export interface RetentionPeriods {
  conversationsDays: number;
  journalDays: number;
}

type MonthlyKey = Pick<
  UsageMonthlyTable,
  "month" | "direction_id" | "assistant_id" | "model_ref" | "sovereignty" | "data_class"
>;

const keyOf = (record: UsageRecordTable): MonthlyKey => ({
  month: record.at.slice(0, 7),
  direction_id: record.direction_id ?? "",
  assistant_id: record.assistant_id ?? "",
  model_ref: record.model_ref ?? "",
  sovereignty: record.sovereignty ?? "",
  data_class: record.data_class,
});

/**
 * Applies the charter's retention periods: conversations without activity
 * for longer are deleted (their messages and pseudonym vaults with them);
 * older usage records are rolled up into monthly totals, then deleted, in
 * one transaction — so the observatory's figures survive, and two
 * instances purging at once never count a record twice (the one that
 * deletes it is the one that adds it up).
 */
export class RetentionService {
  constructor(
    private readonly deps: {
      db: Database;
      clock: Clock;
      periods: () => Promise<RetentionPeriods>;
    },
  ) {}

  async purge(): Promise<{ conversations: number; usageRecords: number }> {
    const periods = await this.deps.periods();
    const now = this.deps.clock.now().getTime();
    const conversationsBefore = new Date(now - periods.conversationsDays * DAY_MS).toISOString();
    const journalBefore = new Date(now - periods.journalDays * DAY_MS).toISOString();

    const conversations = await this.deps.db
      .deleteFrom("conversations")
      .where("updated_at", "<", conversationsBefore)
      .executeTakeFirst();

    const usageRecords = await this.deps.db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom("usage_records")
        .where("at", "<", journalBefore)
        .returningAll()
        .execute();
      const totals = new Map<string, UsageMonthlyTable>();
      for (const record of gone) {
        const key = keyOf(record);
        const id = JSON.stringify(key);
        const total = totals.get(id) ?? {
          ...key,
          turns: 0,
          denied: 0,
          prompt_tokens: 0,
          completion_tokens: 0,
          energy_kwh_min: 0,
          energy_kwh_max: 0,
          gwp_kg_min: 0,
          gwp_kg_max: 0,
          minutes_saved: 0,
          minutes_answers: 0,
        };
        total.turns += 1;
        total.denied += record.status === "completed" ? 0 : 1;
        total.prompt_tokens += Number(record.prompt_tokens);
        total.completion_tokens += Number(record.completion_tokens);
        total.energy_kwh_min += record.energy_kwh_min ?? 0;
        total.energy_kwh_max += record.energy_kwh_max ?? 0;
        total.gwp_kg_min += record.gwp_kg_min ?? 0;
        total.gwp_kg_max += record.gwp_kg_max ?? 0;
        if (record.minutes_saved != null) {
          total.minutes_saved += Number(record.minutes_saved);
          total.minutes_answers += 1;
        }
        totals.set(id, total);
      }
      for (const total of totals.values()) {
        await trx
          .insertInto("usage_monthly")
          .values(total)
          .onConflict((conflict) =>
            conflict
              .columns([
                "month",
                "direction_id",
                "assistant_id",
                "model_ref",
                "sovereignty",
                "data_class",
              ])
              .doUpdateSet((eb) => ({
                turns: eb("usage_monthly.turns", "+", total.turns),
                denied: eb("usage_monthly.denied", "+", total.denied),
                prompt_tokens: eb("usage_monthly.prompt_tokens", "+", total.prompt_tokens),
                completion_tokens: eb(
                  "usage_monthly.completion_tokens",
                  "+",
                  total.completion_tokens,
                ),
                energy_kwh_min: eb("usage_monthly.energy_kwh_min", "+", total.energy_kwh_min),
                energy_kwh_max: eb("usage_monthly.energy_kwh_max", "+", total.energy_kwh_max),
                gwp_kg_min: eb("usage_monthly.gwp_kg_min", "+", total.gwp_kg_min),
                gwp_kg_max: eb("usage_monthly.gwp_kg_max", "+", total.gwp_kg_max),
                minutes_saved: eb("usage_monthly.minutes_saved", "+", total.minutes_saved),
                minutes_answers: eb("usage_monthly.minutes_answers", "+", total.minutes_answers),
              })),
          )
          .execute();
      }
      return gone.length;
    });
    return { conversations: Number(conversations.numDeletedRows), usageRecords };
  }
}
