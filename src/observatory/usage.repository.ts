import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import { DAY } from "../shared/clock.js";
import { LoopTurns } from "../shared/loop-turns.js";
import {
  AGENT_KINDS,
  type Database,
  fillSums,
  journalKey,
  locksRows,
  monthBit,
  OPTIONAL_AGENT_KEYS,
  SUM_COLUMNS,
  SUM_KINDS,
  type Tables,
  type UsageAgentTable,
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

/** A period's records summed for one assistant, model, hosting class and data class. */
interface SummaryRow {
  assistant_id: string | null;
  model_ref: string | null;
  sovereignty: string | null;
  data_class: string;
  turns: number;
  denied: number;
  positive: number;
  negative: number;
  prompt_tokens: number;
  completion_tokens: number;
  energy_min: number;
  energy_max: number;
  gwp_min: number;
  gwp_max: number;
  minutes_saved: number;
  minutes_answers: number;
}

/** The columns of a summary row that add up from one day to the next. */
const SUMMED = [
  "turns",
  "denied",
  "positive",
  "negative",
  "prompt_tokens",
  "completion_tokens",
  "energy_min",
  "energy_max",
  "gwp_min",
  "gwp_max",
  "minutes_saved",
  "minutes_answers",
] as const;

type SumColumn = keyof typeof SUM_COLUMNS;
type Sums = Partial<Record<SumColumn, number>>;

const NO_SUMS = Object.fromEntries(Object.keys(SUM_COLUMNS).map((c) => [c, 0])) as Record<
  SumColumn,
  number
>;

/** Records purged per transaction. */
const PURGE_BATCH = 1_000;
/** Records added to the rollups per transaction. */
const ROLL_BATCH = 2_000;
/** Rows per statement when a batch is written. */
const ROWS_PER_STATEMENT = 500;

/** The rows of every breakdown (`SUM_KINDS`) a record falls in, each holding `sums`. */
function sumRows(record: Insertable<UsageRecordTable>, sums: Sums): Insertable<UsageSumTable>[] {
  const month = record.at.slice(0, 7);
  return Object.entries(SUM_KINDS).map(([kind, { keys, perDirection }]) => {
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
      row[`key${i + 1}` as "key1"] = journalKey(record, column);
    });
    return row;
  });
}

/** Adds rows to `usage_sums`, each created at zero when it does not exist yet (no row twice). */
async function upsertSums(db: Executor, rows: Insertable<UsageSumTable>[]) {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    await db
      .insertInto("usage_sums")
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .onConflict((conflict) =>
        conflict
          .columns(["kind", "month", "direction_id", "key1", "key2", "key3", "key4", "key5"])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              Object.keys(SUM_COLUMNS).map((column) => [
                column,
                eb(
                  `usage_sums.${column as SumColumn}`,
                  "+",
                  eb.ref(`excluded.${column as SumColumn}`),
                ),
              ]),
            ),
          ),
      )
      .execute();
}

/** Adds `sums` to the row of every breakdown the record falls in. */
const addToSums = (db: Executor, record: Insertable<UsageRecordTable>, sums: Sums) =>
  upsertSums(db, sumRows(record, sums));

/** A record's personal data found, per type (counts). */
function findingsOf(record: { personal_data?: string | null }): Record<string, number> {
  if (!record.personal_data) return {};
  try {
    return JSON.parse(record.personal_data) as Record<string, number>;
  } catch {
    // A record the journal did not write (a hand-made import): counted without its findings,
    // rather than a batch that can never be rolled.
    return {};
  }
}

/** The (kind, key) pairs an agent's turn marks them active under (`AGENT_KINDS`, `finding`). */
function agentKeys(record: Insertable<UsageRecordTable>): [string, string][] {
  const keys = Object.entries(AGENT_KINDS).flatMap(([kind, column]): [string, string][] => {
    if (!column) return [[kind, ""]];
    const value = journalKey(record, column);
    const optional = typeof column === "string" && OPTIONAL_AGENT_KEYS.includes(column);
    return optional && value === "" ? [] : [[kind, value]];
  });
  for (const type of Object.keys(findingsOf(record))) keys.push(["finding", type]);
  return keys;
}

/**
 * What a batch of records adds to the observatory's rollups, merged by
 * row: each month's sums per breakdown, who was active (and how often),
 * each agent's month bits per kind and key, the personal data found. Rows
 * are written sorted by their key, so that two instances writing batches
 * at once lock them in the same order.
 */
class RollupBatch {
  private readonly sums = new Map<string, Insertable<UsageSumTable>>();
  private readonly agents = new Map<string, Insertable<UsageAgentTable>>();
  private readonly years = new Map<string, UsageAgentYearTable & { at: string }>();
  private readonly findings = new Map<string, Insertable<UsageFindingTable>>();

  add(record: Insertable<UsageRecordTable>): void {
    for (const row of sumRows(record, {
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
    })) {
      const id = [
        row.kind,
        row.month,
        row.direction_id,
        row.key1,
        row.key2,
        row.key3,
        row.key4,
        row.key5,
      ].join("\u0000");
      const total = this.sums.get(id);
      if (!total) this.sums.set(id, row);
      else
        for (const column of Object.keys(SUM_COLUMNS) as SumColumn[])
          total[column] = Number(total[column] ?? 0) + Number(row[column] ?? 0);
    }
    const month = record.at.slice(0, 7);
    const direction = record.direction_id ?? "";
    const found = findingsOf(record);
    if (record.user_id) {
      const id = `${month}\u0000${record.user_id}`;
      const agent = this.agents.get(id);
      // The month's first turn gives the row its direction and first use, as it did turn by turn.
      if (!agent)
        this.agents.set(id, {
          month,
          user_id: record.user_id,
          direction_id: direction,
          turns: 1,
          first_at: record.at,
        });
      else {
        agent.turns = Number(agent.turns) + 1;
        if (record.at < agent.first_at) {
          agent.first_at = record.at;
          agent.direction_id = direction;
        }
      }
      const bit = monthBit(month);
      for (const [kind, key] of agentKeys(record)) {
        const yearId = [kind, key, month.slice(0, 4), record.user_id].join("\u0000");
        const mask = this.years.get(yearId);
        if (!mask)
          this.years.set(yearId, {
            kind,
            key,
            year: month.slice(0, 4),
            user_id: record.user_id,
            direction_id: direction,
            months: bit,
            at: record.at,
          });
        else {
          mask.months |= bit;
          // The agent's latest direction.
          if (record.at >= mask.at) {
            mask.direction_id = direction;
            mask.at = record.at;
          }
        }
      }
    }
    for (const [type, count] of Object.entries(found)) {
      const row = {
        month,
        direction_id: direction,
        data_type: type,
        data_class: record.data_class,
        data_action: record.data_action ?? "allow",
      };
      const id = Object.values(row).join("\u0000");
      const total = this.findings.get(id) ?? { ...row, findings: 0, turns: 0 };
      total.findings = Number(total.findings) + count;
      total.turns = Number(total.turns) + 1;
      this.findings.set(id, total);
    }
  }

  async write(db: Executor): Promise<void> {
    await upsertSums(db, byKey(this.sums));
    for (const rows of chunks(byKey(this.agents)))
      await db
        .insertInto("usage_agents")
        .values(rows)
        .onConflict((conflict) =>
          conflict.columns(["month", "user_id"]).doUpdateSet((eb) => {
            // Batches come in no order of time: the month's earliest turn keeps its place.
            const earlier = eb("excluded.first_at", "<", eb.ref("usage_agents.first_at"));
            return {
              turns: eb("usage_agents.turns", "+", eb.ref("excluded.turns")),
              first_at: eb
                .case()
                .when(earlier)
                .then(eb.ref("excluded.first_at"))
                .else(eb.ref("usage_agents.first_at"))
                .end(),
              direction_id: eb
                .case()
                .when(earlier)
                .then(eb.ref("excluded.direction_id"))
                .else(eb.ref("usage_agents.direction_id"))
                .end(),
            };
          }),
        )
        .execute();
    for (const rows of chunks(byKey(this.years)))
      await db
        .insertInto("usage_agent_years")
        .values(rows.map(({ at: _, ...row }) => row))
        .onConflict((conflict) =>
          conflict.columns(["kind", "key", "year", "user_id"]).doUpdateSet((eb) => ({
            months: eb("usage_agent_years.months", "|", eb.ref("excluded.months")),
            direction_id: eb.ref("excluded.direction_id"),
          })),
        )
        .execute();
    for (const rows of chunks(byKey(this.findings)))
      await db
        .insertInto("usage_findings")
        .values(rows)
        .onConflict((conflict) =>
          conflict
            .columns(["month", "direction_id", "data_type", "data_class", "data_action"])
            .doUpdateSet((eb) => ({
              findings: eb("usage_findings.findings", "+", eb.ref("excluded.findings")),
              turns: eb("usage_findings.turns", "+", eb.ref("excluded.turns")),
            })),
        )
        .execute();
  }
}

/** Rows merged by key, in the order of their keys (two writers lock rows in the same order). */
const byKey = <T>(rows: Map<string, T>): T[] =>
  [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

/** Rows in statements of `ROWS_PER_STATEMENT`. */
function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    yield rows.slice(start, start + ROWS_PER_STATEMENT);
}

/** The only place that speaks SQL about the usage journal and its monthly totals. */
export class UsageRepository {
  private readonly turns = new LoopTurns();
  private rolling: Promise<void> | undefined;

  constructor(private readonly db: Database) {}

  /**
   * Writes a turn's record, alone: one statement on the turn's path. The
   * observatory's rollups are added later, by `rollUp` (a round every
   * second, and every reader of the rollups first).
   */
  async insert(record: Insertable<UsageRecordTable>): Promise<void> {
    await this.db
      .insertInto("usage_records")
      .values({ ...record, rolled: 0 })
      .execute();
  }

  /**
   * Adds every record not rolled yet to the rollups: batches of
   * `ROLL_BATCH`, each in one transaction that also marks its records
   * rolled (PostgreSQL: rows another instance is rolling are skipped, so a
   * record is counted once), the event loop given back between two. A call
   * while one runs waits for that one, then rolls what came since.
   */
  async rollUp(): Promise<void> {
    while (this.rolling) await this.rolling;
    this.rolling = (async () => {
      while ((await this.rollBatch()) === ROLL_BATCH) await this.turns.take();
    })().finally(() => {
      this.rolling = undefined;
    });
    await this.rolling;
  }

  private rollBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      let pending = trx
        .selectFrom("usage_records")
        .selectAll()
        .where("rolled", "=", 0)
        .orderBy("turn_id")
        .limit(ROLL_BATCH);
      if (locksRows(this.db)) pending = pending.forUpdate().skipLocked();
      const records = await pending.execute();
      if (records.length === 0) return 0;
      const batch = new RollupBatch();
      for (const record of records) batch.add(record);
      await batch.write(trx);
      for (const rows of chunks(records))
        await trx
          .updateTable("usage_records")
          .set({ rolled: 1 })
          .where(
            "turn_id",
            "in",
            rows.map((record) => record.turn_id),
          )
          .execute();
      return records.length;
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
      // Every record is in the sums now, those the rounds had not taken yet too.
      await trx.updateTable("usage_records").set({ rolled: 1 }).where("rolled", "=", 0).execute();
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
          const found = findingsOf(record);
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

  /**
   * Records between two instants (ISO, both included), summed per
   * assistant, model, hosting class and data class: a day's records per
   * query, summed here, so that a long period never holds SQLite's event
   * loop for its whole scan (the store gives it back between queries).
   */
  async summary(from: string, to: string): Promise<SummaryRow[]> {
    const totals = new Map<string, SummaryRow>();
    const end = new Date(to).toISOString();
    for (let start = new Date(from).toISOString(); start <= end; ) {
      const next = new Date(Date.parse(start) + DAY).toISOString();
      // The last day ends at `to`, included.
      const last = next > end;
      const rows = await this.db
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
        .where("at", ">=", start)
        .where("at", last ? "<=" : "<", last ? end : next)
        .groupBy(["assistant_id", "model_ref", "sovereignty", "data_class"])
        .execute();
      for (const row of rows) {
        const key = JSON.stringify([
          row.assistant_id,
          row.model_ref,
          row.sovereignty,
          row.data_class,
        ]);
        const total = totals.get(key);
        if (!total) totals.set(key, { ...row });
        else
          for (const column of SUMMED) total[column] = Number(total[column]) + Number(row[column]);
      }
      start = next;
    }
    const text = (value: string | null) => value ?? "";
    return [...totals.values()].sort(
      (a, b) =>
        text(a.assistant_id).localeCompare(text(b.assistant_id)) ||
        text(a.model_ref).localeCompare(text(b.model_ref)),
    );
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
   * totals, `PURGE_BATCH` records per transaction (the event loop given
   * back between two: a first purge may take a year of turns): two
   * instances purging at once never count a record twice (the one that
   * deletes it is the one that adds it up). Then who was active goes with
   * the records. Returns how many records went.
   */
  async rollUpBefore(before: string): Promise<number> {
    // The records about to go are in the observatory's rollups first.
    await this.rollUp();
    let purged = 0;
    for (;;) {
      const gone = await this.db.transaction().execute(async (trx) => {
        const records = await trx
          .deleteFrom("usage_records")
          .where("turn_id", "in", (eb) =>
            eb
              .selectFrom("usage_records")
              .select("turn_id")
              .where("at", "<", before)
              .limit(PURGE_BATCH),
          )
          .returningAll()
          .execute();
        await addToMonthly(trx, records);
        return records.length;
      });
      purged += gone;
      // Fewer than a batch: none left, or another instance took the rest.
      if (gone < PURGE_BATCH) break;
      await this.turns.take();
    }
    await this.forgetAgentsBefore(before.slice(0, 7));
    return purged;
  }

  /**
   * Who was active goes with the records (whole months before `month`), the
   * sums stay: the masks lose those months' bits (a mask left empty goes),
   * then the months' active agents go. Done once per month: while no agent
   * is counted before `month` (one indexed probe), there is nothing to do.
   * The masks are gone through one key at a time (found by index seeks, a
   * few thousand rows a statement), never in one statement over a year of
   * them, and the active agents last, so that work cut short is taken
   * again.
   */
  private async forgetAgentsBefore(month: string): Promise<void> {
    const due = await this.db
      .selectFrom("usage_agents")
      .select("month")
      .where("month", "<", month)
      .limit(1)
      .executeTakeFirst();
    if (!due) return;
    const year = month.slice(0, 4);
    const earlier = monthBit(month) - 1;
    const kept = ~earlier & 4095;
    let after: { kind: string; key: string } | undefined;
    for (;;) {
      let next = this.db.selectFrom("usage_agent_years").select(["kind", "key"]);
      if (after) next = next.where(sql<boolean>`(kind, key) > (${after.kind}, ${after.key})`);
      const key = await next.orderBy("kind").orderBy("key").limit(1).executeTakeFirst();
      if (!key) break;
      await this.db
        .deleteFrom("usage_agent_years")
        .where("kind", "=", key.kind)
        .where("key", "=", key.key)
        .where((eb) =>
          eb.or([
            eb("year", "<", year),
            eb.and([eb("year", "=", year), eb(sql`months & ${sql.lit(kept)}`, "=", 0)]),
          ]),
        )
        .execute();
      await this.db
        .updateTable("usage_agent_years")
        .set((eb) => ({ months: eb("months", "&", kept) }))
        .where("kind", "=", key.kind)
        .where("key", "=", key.key)
        .where("year", "=", year)
        .where(sql`months & ${sql.lit(earlier)}`, "<>", 0)
        .execute();
      after = key;
    }
    await this.db.deleteFrom("usage_agents").where("month", "<", month).execute();
  }
}

/** Adds purged records to their months' totals (`usage_monthly`). */
async function addToMonthly(trx: Executor, gone: UsageRecordTable[]): Promise<void> {
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
  // Sorted by key, in statements of `ROWS_PER_STATEMENT`: one round trip per few hundred totals.
  for (const chunk of chunks(byKey(totals)))
    await trx
      .insertInto("usage_monthly")
      .values(chunk)
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
          .doUpdateSet((eb) =>
            Object.fromEntries(
              MONTHLY_SUMS.map((column) => [
                column,
                eb(`usage_monthly.${column}`, "+", eb.ref(`excluded.${column}`)),
              ]),
            ),
          ),
      )
      .execute();
}

/** The columns of `usage_monthly` that add up. */
const MONTHLY_SUMS = [
  "turns",
  "denied",
  "prompt_tokens",
  "completion_tokens",
  "energy_kwh_min",
  "energy_kwh_max",
  "gwp_kg_min",
  "gwp_kg_max",
  "minutes_saved",
  "minutes_answers",
] as const;
