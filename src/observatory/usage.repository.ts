import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import {
  AGENT_KINDS,
  agentKeyOf,
  type Database,
  fillSums,
  monthBit,
  OPTIONAL_AGENT_KEYS,
  SUM_COLUMNS,
  SUM_KINDS,
  type Tables,
  type UsageAgentYearTable,
  type UsageFindingTable,
  type UsageMonthlyTable,
  type UsageRecordTable,
  type UsageSumTable,
} from "../store/index.js";

type Executor = Kysely<Tables> | Transaction<Tables>;

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

/** The sums a period's records add up to (tokens, impact, minutes saved). */
const SUMS = [
  sql<number>`coalesce(sum(prompt_tokens), 0)`.as("prompt_tokens"),
  sql<number>`coalesce(sum(completion_tokens), 0)`.as("completion_tokens"),
  sql<number>`coalesce(sum(energy_kwh_min), 0)`.as("energy_min"),
  sql<number>`coalesce(sum(energy_kwh_max), 0)`.as("energy_max"),
  sql<number>`coalesce(sum(gwp_kg_min), 0)`.as("gwp_min"),
  sql<number>`coalesce(sum(gwp_kg_max), 0)`.as("gwp_max"),
  sql<number>`coalesce(sum(minutes_saved), 0)`.as("minutes_saved"),
  sql<number>`count(minutes_saved)`.as("minutes_answers"),
] as const;

type SumColumn = keyof typeof SUM_COLUMNS;
type Sums = Partial<Record<SumColumn, number>>;

const NO_SUMS = Object.fromEntries(Object.keys(SUM_COLUMNS).map((c) => [c, 0])) as Record<
  SumColumn,
  number
>;

/** The value of one of the journal's columns a breakdown is keyed by ("" when absent). */
const keyValue = (record: Insertable<UsageRecordTable>, column: string): string =>
  String((record as Record<string, unknown>)[column] ?? "");

/**
 * Marks an agent active in a month under each (kind, key) given: one row per
 * agent, kind, key and year, the month's bit OR-ed into its mask, and the
 * agent's latest direction.
 */
async function addAgent(
  db: Executor,
  userId: string,
  direction: string,
  month: string,
  keys: [string, string][],
) {
  if (keys.length === 0) return;
  const bit = monthBit(month);
  // One statement for every key: the same bit and direction for each.
  await db
    .insertInto("usage_agent_years")
    .values(
      keys.map(([kind, key]) => ({
        kind,
        key,
        year: month.slice(0, 4),
        user_id: userId,
        direction_id: direction,
        months: bit,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(["kind", "key", "year", "user_id"]).doUpdateSet((eb) => ({
        months: eb("usage_agent_years.months", "|", bit),
        direction_id: direction,
      })),
    )
    .execute();
}

/**
 * Adds `sums` to the row of every breakdown (`SUM_KINDS`) the record falls
 * in, each created at zero when it does not exist yet.
 */
async function addToSums(db: Executor, record: Insertable<UsageRecordTable>, sums: Sums) {
  const month = record.at.slice(0, 7);
  const rows = Object.entries(SUM_KINDS).map(([kind, { keys, perDirection }]) => {
    const row: Insertable<UsageSumTable> = {
      kind,
      month,
      direction_id: perDirection ? (record.direction_id ?? "") : "",
      key1: "",
      key2: "",
      key3: "",
      key4: "",
      key5: "",
      ...NO_SUMS,
      ...sums,
    };
    keys.forEach((column, i) => {
      row[`key${i + 1}` as "key1"] = keyValue(record, column);
    });
    return row;
  });
  // One statement for every breakdown: each row, new or not, gets the same sums added.
  await db
    .insertInto("usage_sums")
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(["kind", "month", "direction_id", "key1", "key2", "key3", "key4", "key5"])
        .doUpdateSet((eb) =>
          Object.fromEntries(
            Object.entries(sums).map(([column, value]) => [
              column,
              eb(`usage_sums.${column as SumColumn}`, "+", value ?? 0),
            ]),
          ),
        ),
    )
    .execute();
}

/** The only place that speaks SQL about the usage journal and its monthly totals. */
export class UsageRepository {
  constructor(private readonly db: Database) {}

  /**
   * Writes a turn's record and adds it to the observatory's rollups (its
   * month's sums, who was active, the personal data found), in one
   * transaction: a figure never counts a record that is not there.
   */
  async insert(record: Insertable<UsageRecordTable>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("usage_records").values(record).execute();
      const month = record.at.slice(0, 7);
      const direction = record.direction_id ?? "";
      await addToSums(trx, record, {
        turns: 1,
        abstained: record.abstained ? 1 : 0,
        prompt_tokens: Number(record.prompt_tokens),
        completion_tokens: Number(record.completion_tokens),
        energy_kwh_min: record.energy_kwh_min ?? 0,
        energy_kwh_max: record.energy_kwh_max ?? 0,
        gwp_kg_min: record.gwp_kg_min ?? 0,
        gwp_kg_max: record.gwp_kg_max ?? 0,
        water_l_min: record.water_l_min ?? 0,
        water_l_max: record.water_l_max ?? 0,
      });
      const found = record.personal_data
        ? (JSON.parse(record.personal_data) as Record<string, number>)
        : {};
      if (record.user_id) {
        await trx
          .insertInto("usage_agents")
          .values({
            month,
            user_id: record.user_id,
            direction_id: direction,
            turns: 1,
            first_at: record.at,
          })
          .onConflict((conflict) =>
            conflict
              .columns(["month", "user_id"])
              .doUpdateSet((eb) => ({ turns: eb("usage_agents.turns", "+", 1) })),
          )
          .execute();
        const keys: [string, string][] = Object.entries(AGENT_KINDS).flatMap(
          ([kind, column]): [string, string][] => {
            if (!column) return [[kind, ""]];
            const value = agentKeyOf(record, column);
            const optional = typeof column === "string" && OPTIONAL_AGENT_KEYS.includes(column);
            return optional && value === "" ? [] : [[kind, value]];
          },
        );
        for (const type of Object.keys(found)) keys.push(["finding", type]);
        await addAgent(trx, record.user_id, direction, month, keys);
      }
      for (const [type, count] of Object.entries(found)) {
        await trx
          .insertInto("usage_findings")
          .values({
            month,
            direction_id: direction,
            data_type: type,
            data_class: record.data_class,
            data_action: record.data_action ?? "allow",
            findings: count,
            turns: 1,
          })
          .onConflict((conflict) =>
            conflict
              .columns(["month", "direction_id", "data_type", "data_class", "data_action"])
              .doUpdateSet((eb) => ({
                findings: eb("usage_findings.findings", "+", count),
                turns: eb("usage_findings.turns", "+", 1),
              })),
          )
          .execute();
      }
    });
  }

  /** An answer's rating and minutes saved, the rollup moved from the earlier ones to these. */
  async setFeedback(turnId: string, rating: "up" | "down", minutesSaved: number | null) {
    await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom("usage_records")
        .selectAll()
        .where("turn_id", "=", turnId)
        .executeTakeFirst();
      if (!before) return;
      await trx
        .updateTable("usage_records")
        .set({ feedback: rating, minutes_saved: minutesSaved })
        .where("turn_id", "=", turnId)
        .execute();
      const was = (value: string) => (before.feedback === value ? 1 : 0);
      const had = before.minutes_saved;
      await addToSums(trx, before, {
        positive: (rating === "up" ? 1 : 0) - was("up"),
        negative: (rating === "down" ? 1 : 0) - was("down"),
        minutes_saved: (minutesSaved ?? 0) - Number(had ?? 0),
        minutes_answers: (minutesSaved === null ? 0 : 1) - (had == null ? 0 : 1),
      });
    });
  }

  /**
   * Computes the observatory's rollups again from the records kept (after a
   * restore, or to fill a generated journal at once): the same sums the
   * journal adds turn by turn. Months whose records were purged keep what
   * they had; the months that still have records are replaced.
   */
  async rebuildRollups(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const months = sql`(select distinct substr(at, 1, 7) from usage_records)`;
      await sql`delete from usage_sums where month in ${months}`.execute(trx);
      await sql`delete from usage_agents where month in ${months}`.execute(trx);
      await sql`delete from usage_findings where month in ${months}`.execute(trx);
      // A year's masks are made again from its records (the months purged before are lost).
      await sql`delete from usage_agent_years where year in (select distinct substr(at, 1, 4) from usage_records)`.execute(
        trx,
      );
      await fillSums(trx as unknown as Kysely<unknown>);
      // Personal data per type is JSON on the record: read in pages, summed here.
      const findings = new Map<string, Insertable<UsageFindingTable>>();
      const agents = new Map<string, UsageAgentYearTable>();
      let after = "";
      for (;;) {
        const page = await trx
          .selectFrom("usage_records")
          .select([
            "turn_id",
            "at",
            "user_id",
            "direction_id",
            "data_class",
            "data_action",
            "personal_data",
          ])
          .where("personal_data", "is not", null)
          .where("turn_id", ">", after)
          .orderBy("turn_id")
          .limit(5_000)
          .execute();
        for (const record of page) {
          const found = JSON.parse(record.personal_data ?? "{}") as Record<string, number>;
          if (record.user_id)
            for (const type of Object.keys(found)) {
              const id = `${type}|${record.at.slice(0, 4)}|${record.user_id}`;
              const agent = agents.get(id) ?? {
                kind: "finding",
                key: type,
                year: record.at.slice(0, 4),
                user_id: record.user_id,
                direction_id: record.direction_id ?? "",
                months: 0,
              };
              agent.months |= monthBit(record.at.slice(0, 7));
              agents.set(id, agent);
            }
          for (const [type, count] of Object.entries(found)) {
            const row = {
              month: record.at.slice(0, 7),
              direction_id: record.direction_id ?? "",
              data_type: type,
              data_class: record.data_class,
              data_action: record.data_action ?? "allow",
            };
            const id = JSON.stringify(row);
            const total = findings.get(id) ?? { ...row, findings: 0, turns: 0 };
            total.findings = Number(total.findings) + count;
            total.turns = Number(total.turns) + 1;
            findings.set(id, total);
          }
        }
        const last = page.at(-1);
        if (!last) break;
        after = last.turn_id;
      }
      const years = [...agents.values()];
      for (let start = 0; start < years.length; start += 500)
        await trx
          .insertInto("usage_agent_years")
          .values(years.slice(start, start + 500))
          .execute();
      const rows = [...findings.values()];
      for (let start = 0; start < rows.length; start += 500)
        await trx
          .insertInto("usage_findings")
          .values(rows.slice(start, start + 500))
          .execute();
    });
  }

  /** An answer validated: counted once, the first time. */
  async setValidated(turnId: string, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const record = await trx
        .updateTable("usage_records")
        .set({ validated_at: at })
        .where("turn_id", "=", turnId)
        .where("validated_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      if (record) await addToSums(trx, record, { validated: 1 });
    });
  }

  /** Records between two instants, summed per assistant, model, hosting class and data class. */
  summary(from: string, to: string) {
    return this.db
      .selectFrom("usage_records")
      .select([
        "assistant_id",
        "model_ref",
        "sovereignty",
        "data_class",
        sql<number>`count(*)`.as("turns"),
        sql<number>`sum(case when status = 'completed' then 0 else 1 end)`.as("denied"),
        sql<number>`sum(case when feedback = 'up' then 1 else 0 end)`.as("positive"),
        sql<number>`sum(case when feedback = 'down' then 1 else 0 end)`.as("negative"),
        ...SUMS,
      ])
      .where("at", ">=", from)
      .where("at", "<=", to)
      .groupBy(["assistant_id", "model_ref", "sovereignty", "data_class"])
      .orderBy("assistant_id")
      .orderBy("model_ref")
      .execute();
  }

  /** The monthly totals of purged months, `YYYY-MM` to `YYYY-MM` (both included). */
  monthly(fromMonth: string, toMonth: string): Promise<UsageMonthlyTable[]> {
    return this.db
      .selectFrom("usage_monthly")
      .selectAll()
      .where("month", ">=", fromMonth)
      .where("month", "<=", toMonth)
      .execute();
  }

  /**
   * Deletes the records older than `before` and adds them to their months'
   * totals, in one transaction: two instances purging at once never count a
   * record twice (the one that deletes it is the one that adds it up).
   * Returns how many records went.
   */
  rollUpBefore(before: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom("usage_records")
        .where("at", "<", before)
        .returningAll()
        .execute();
      // Who was active goes with the records (whole months before the cut): the sums stay.
      const month = before.slice(0, 7);
      await trx.deleteFrom("usage_agents").where("month", "<", month).execute();
      await trx.deleteFrom("usage_agent_years").where("year", "<", month.slice(0, 4)).execute();
      // In the cut's year, the months before it are cleared from the masks (bits below its own).
      await trx
        .updateTable("usage_agent_years")
        .set((eb) => ({ months: eb("months", "&", ~(monthBit(month) - 1) & 4095) }))
        .where("year", "=", month.slice(0, 4))
        .execute();
      await trx.deleteFrom("usage_agent_years").where("months", "=", 0).execute();
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
  }
}
