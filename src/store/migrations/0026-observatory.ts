import { type Kysely, type RawBuilder, sql } from "kysely";

/**
 * The breakdowns `usage_sums` keeps, each a kind of row with up to five
 * keys (the journal's columns they come from, in order; "" for an absent
 * value). One turn adds to one row of each kind. A kind that is not kept
 * per direction (`detail`, the open data's grain) has `direction_id` "".
 */
export const SUM_KINDS = {
  total: { keys: ["status"], perDirection: true },
  subject: { keys: ["assistant_id", "status"], perDirection: true },
  model: { keys: ["model_ref", "sovereignty"], perDirection: true },
  class: { keys: ["data_class", "status"], perDirection: true },
  refusal: { keys: ["refusal"], perDirection: true },
  action: { keys: ["data_action"], perDirection: true },
  sobriety: { keys: ["sobriety", "mode"], perDirection: true },
  detail: {
    keys: ["assistant_id", "model_ref", "sovereignty", "data_class", "status"],
    perDirection: false,
  },
} as const;
export type SumKind = keyof typeof SUM_KINDS;

/** The sums every row of `usage_sums` holds, and how each is read from the journal's records. */
export const SUM_COLUMNS = {
  turns: sql`count(*)`,
  abstained: sql`coalesce(sum(abstained), 0)`,
  prompt_tokens: sql`coalesce(sum(prompt_tokens), 0)`,
  completion_tokens: sql`coalesce(sum(completion_tokens), 0)`,
  energy_kwh_min: sql`coalesce(sum(energy_kwh_min), 0)`,
  energy_kwh_max: sql`coalesce(sum(energy_kwh_max), 0)`,
  gwp_kg_min: sql`coalesce(sum(gwp_kg_min), 0)`,
  gwp_kg_max: sql`coalesce(sum(gwp_kg_max), 0)`,
  water_l_min: sql`coalesce(sum(water_l_min), 0)`,
  water_l_max: sql`coalesce(sum(water_l_max), 0)`,
  minutes_saved: sql`coalesce(sum(minutes_saved), 0)`,
  minutes_answers: sql`count(minutes_saved)`,
  positive: sql`sum(case when feedback = 'up' then 1 else 0 end)`,
  negative: sql`sum(case when feedback = 'down' then 1 else 0 end)`,
  validated: sql`count(validated_at)`,
} as const;

/** The journal's columns an open data row is keyed by: subject, model, hosting, data class. */
export const OPEN_DATA_ROW = ["assistant_id", "model_ref", "sovereignty", "data_class"] as const;

/**
 * What `usage_agent_years` counts distinct agents by: everyone (`all`), and
 * per assistant (or use case), model, data class, refusal rule and what was
 * done with personal data (the record's column); per open data row (`row`:
 * subject, model, hosting and data class together, their values joined by
 * `AGENT_KEY_SEPARATOR`); `finding` (per personal data type) is filled from
 * the records' JSON by the journal.
 */
export const AGENT_KINDS: Record<string, string | readonly string[] | null> = {
  all: null,
  assistant: "assistant_id",
  model: "model_ref",
  class: "data_class",
  refusal: "refusal",
  action: "data_action",
  row: OPEN_DATA_ROW,
};

/** What joins the columns of a key over several (a tab: no id, model or class holds one). */
export const AGENT_KEY_SEPARATOR = "\t";

/**
 * What a rollup row is keyed by for a record: its column's value, or its
 * columns' values joined ("" when absent).
 */
export function journalKey(record: object, column: string | readonly string[]): string {
  const columns: readonly string[] = typeof column === "string" ? [column] : column;
  const values = record as Record<string, unknown>;
  return columns.map((name) => String(values[name] ?? "")).join(AGENT_KEY_SEPARATOR);
}

/** The kinds an agent is counted under only when the record has a value (a refusal, an action). */
export const OPTIONAL_AGENT_KEYS: readonly string[] = ["refusal", "data_action"];

/** A month's bit in a year's mask: January is 1, December 2048. */
export const monthBit = (month: string): number => 1 << (Number(month.slice(5, 7)) - 1);

/**
 * The observatory's figures, kept as the journal writes them so that a year
 * of 5,000 agents' turns is read in milliseconds rather than rescanned:
 *
 * - on each usage record, what the pages count and the record did not hold
 *   yet: water, personal data found (counts per type, never a value), what
 *   was done with it (`data_action`), the rule that refused the turn, when
 *   its answer was validated, the sobriety rule that answered it, and
 *   whether retrieval abstained;
 * - `usage_sums`: additive sums per month, direction and breakdown
 *   (`SUM_KINDS`), narrow enough that a year stays a few tens of thousands
 *   of rows whatever the number of agents;
 * - `usage_agents`: who was active which month and how much (adoption,
 *   first uses, returning agents, the median an agent compares with);
 * - `usage_agent_years`: per kind and key (`AGENT_KINDS`: everyone, an
 *   assistant, a model, a data class, a refusal rule, a personal data type)
 *   and year, each agent once with the months they were active as a
 *   twelve-bit mask, so that the distinct agents behind any group over any
 *   period are counted from one row per agent and year, and a figure is
 *   shown only when enough of them stand behind it (the charter's threshold);
 * - `usage_findings`: personal data found per month, type, class and action.
 *
 * They are filled from the records already kept, so the pages show the
 * past at once (months already purged keep only the journal's monthly
 * totals, which the retention wrote, and are not filled).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [column, type] of [
    ["water_l_min", "double precision"],
    ["water_l_max", "double precision"],
    ["personal_data", "text"],
    ["data_action", "text"],
    ["refusal", "text"],
    ["validated_at", "text"],
    ["sobriety", "text"],
    ["abstained", "integer"],
  ] as const)
    await db.schema.alterTable("usage_records").addColumn(column, type).execute();

  let sums = db.schema
    .createTable("usage_sums")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("direction_id", "text", (c) => c.notNull());
  for (const key of ["key1", "key2", "key3", "key4", "key5"])
    sums = sums.addColumn(key, "text", (c) => c.notNull().defaultTo(""));
  for (const column of Object.keys(SUM_COLUMNS))
    sums = sums.addColumn(column, "double precision", (c) => c.notNull().defaultTo(0));
  await sums
    .addPrimaryKeyConstraint("usage_sums_pk", [
      "kind",
      "month",
      "direction_id",
      "key1",
      "key2",
      "key3",
      "key4",
      "key5",
    ] as never[])
    .execute();

  await db.schema
    .createTable("usage_agents")
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("direction_id", "text", (c) => c.notNull())
    .addColumn("turns", "bigint", (c) => c.notNull())
    .addColumn("first_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("usage_agents_pk", ["month", "user_id"] as never[])
    .execute();
  await db.schema
    .createIndex("usage_agents_user")
    .on("usage_agents")
    .columns(["user_id", "month"])
    .execute();
  await db.schema
    .createTable("usage_agent_years")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("year", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("direction_id", "text", (c) => c.notNull())
    .addColumn("months", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("usage_agent_years_pk", ["kind", "key", "year", "user_id"] as never[])
    .execute();

  await db.schema
    .createTable("usage_findings")
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("direction_id", "text", (c) => c.notNull())
    .addColumn("data_type", "text", (c) => c.notNull())
    .addColumn("data_class", "text", (c) => c.notNull())
    .addColumn("data_action", "text", (c) => c.notNull())
    .addColumn("findings", "bigint", (c) => c.notNull())
    .addColumn("turns", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("usage_findings_pk", [
      "month",
      "direction_id",
      "data_type",
      "data_class",
      "data_action",
    ] as never[])
    .execute();

  await fillSums(db);
}

/**
 * Fills `usage_sums` and `usage_agents` from the records of the months that
 * have none there yet (the migration's past; a rebuild after the months were
 * emptied). Rows already there are kept as they are.
 */
export async function fillSums(db: Kysely<unknown>): Promise<void> {
  const monthsOf = async (query: ReturnType<typeof sql<{ month: string }>>) =>
    new Set((await query.execute(db)).rows.map((row) => row.month));
  const recorded = await monthsOf(
    sql`select distinct substr(at, 1, 7) as month from usage_records`,
  );
  const summed = await monthsOf(sql`select distinct month from usage_sums`);
  const counted = await monthsOf(sql`select distinct month from usage_agents`);
  const missing = (present: Set<string>) => [...recorded].filter((month) => !present.has(month));
  const inMonths = (months: string[]) =>
    sql`substr(at, 1, 7) in (${sql.join(months.length > 0 ? months : ["none"])})`;
  const fresh = inMonths(missing(summed));
  const freshAgents = inMonths(missing(counted));
  const sums = Object.entries(SUM_COLUMNS);
  for (const [kind, { keys, perDirection }] of Object.entries(SUM_KINDS)) {
    const columns = keys.map((key) => sql`coalesce(${sql.ref(key)}, '')`);
    const direction = perDirection ? sql`coalesce(direction_id, '')` : sql`''`;
    await sql`
      insert into usage_sums (kind, month, direction_id,
        ${sql.join(keys.map((_, i) => sql.ref(`key${i + 1}`)))},
        ${sql.join(sums.map(([column]) => sql.ref(column)))})
      select ${sql.lit(kind)}, substr(at, 1, 7), ${direction}, ${sql.join(columns)},
        ${sql.join(sums.map(([, expression]) => expression))}
      from usage_records where ${fresh}
      group by substr(at, 1, 7), ${sql.join(perDirection ? [direction, ...columns] : columns)}
    `.execute(db);
  }
  await sql`
    insert into usage_agents (month, user_id, direction_id, turns, first_at)
    select substr(at, 1, 7), user_id, coalesce(max(direction_id), ''), count(*), min(at)
    from usage_records where user_id is not null and ${freshAgents}
    group by substr(at, 1, 7), user_id
  `.execute(db);
  for (const [kind, column] of Object.entries(AGENT_KINDS))
    await fillAgentKind(db, kind, column, freshAgents);
}

/**
 * Fills one kind of `usage_agent_years` from the records `where` selects,
 * each month's bit OR-ed into the masks already there.
 */
export async function fillAgentKind(
  db: Kysely<unknown>,
  kind: string,
  column: string | readonly string[] | null,
  where: RawBuilder<unknown>,
): Promise<void> {
  // A month's bit, OR-ed over the year as the sum of the distinct bits (SQLite has no bit_or).
  const bit = sql`1 << (cast(substr(at, 6, 2) as integer) - 1)`;
  const columns: readonly string[] =
    column === null ? [] : typeof column === "string" ? [column] : column;
  const key =
    columns.length === 0
      ? sql`''`
      : sql.join(
          columns.map((name) => sql`coalesce(${sql.ref(name)}, '')`),
          sql` || ${sql.lit(AGENT_KEY_SEPARATOR)} || `,
        );
  const optional = typeof column === "string" && OPTIONAL_AGENT_KEYS.includes(column);
  await sql`
      insert into usage_agent_years (kind, key, year, user_id, direction_id, months)
      select ${sql.lit(kind)}, ${key}, substr(at, 1, 4), user_id,
        coalesce(max(direction_id), ''), sum(distinct ${bit})
      from usage_records
      where user_id is not null and ${where}
        ${optional ? sql`and ${sql.ref(columns[0] ?? "")} is not null` : sql``}
      group by substr(at, 1, 4), user_id${columns.length > 0 ? sql`, ${key}` : sql``}
      on conflict (kind, key, year, user_id)
        do update set months = usage_agent_years.months | excluded.months
    `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("usage_findings").execute();
  await db.schema.dropTable("usage_agent_years").execute();
  await db.schema.dropTable("usage_agents").execute();
  await db.schema.dropTable("usage_sums").execute();
  for (const column of [
    "abstained",
    "sobriety",
    "validated_at",
    "refusal",
    "data_action",
    "personal_data",
    "water_l_max",
    "water_l_min",
  ])
    await db.schema.alterTable("usage_records").dropColumn(column).execute();
}
