import { type Kysely, sql } from "kysely";

/** The dimensions of `usage_rollup`, in its primary key's order ("" for an absent one). */
export const ROLLUP_KEYS = [
  "month",
  "direction_id",
  "assistant_id",
  "model_ref",
  "sovereignty",
  "data_class",
  "status",
  "mode",
  "refusal",
  "data_action",
  "sobriety",
] as const;

/**
 * The observatory's figures, kept as the journal writes them so that a year
 * of 5,000 agents' turns is read in milliseconds rather than rescanned:
 *
 * - on each usage record, what the pages count and the record did not hold
 *   yet: water, personal data found (counts per type, never a value), what
 *   was done with it (`data_action`), the rule that refused the turn, when
 *   its answer was validated, and the sobriety rule that answered it;
 * - `usage_rollup`: additive sums per month and every dimension the pages
 *   break figures down by;
 * - `usage_agents`: who was active which month, overall (`kind` `all`) and
 *   per assistant, model and data class, so that a figure is shown only when
 *   enough agents stand behind it (the charter's threshold);
 * - `usage_findings`: personal data found per month, type, class and action.
 *
 * The rollups are filled from the records already kept (and the monthly
 * totals of purged ones), so the pages show the past at once.
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
  ] as const)
    await db.schema.alterTable("usage_records").addColumn(column, type).execute();

  let rollup = db.schema.createTable("usage_rollup");
  for (const key of ROLLUP_KEYS) rollup = rollup.addColumn(key, "text", (c) => c.notNull());
  for (const [column, type] of [
    ["turns", "bigint"],
    ["abstained", "bigint"],
    ["prompt_tokens", "bigint"],
    ["completion_tokens", "bigint"],
    ["energy_kwh_min", "double precision"],
    ["energy_kwh_max", "double precision"],
    ["gwp_kg_min", "double precision"],
    ["gwp_kg_max", "double precision"],
    ["water_l_min", "double precision"],
    ["water_l_max", "double precision"],
    ["minutes_saved", "double precision"],
    ["minutes_answers", "bigint"],
    ["positive", "bigint"],
    ["negative", "bigint"],
    ["validated", "bigint"],
  ] as const)
    rollup = rollup.addColumn(column, type, (c) => c.notNull().defaultTo(0));
  await rollup.addPrimaryKeyConstraint("usage_rollup_pk", [...ROLLUP_KEYS] as never[]).execute();

  await db.schema
    .createTable("usage_agents")
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("direction_id", "text", (c) => c.notNull())
    .addColumn("turns", "bigint", (c) => c.notNull())
    .addColumn("first_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("usage_agents_pk", ["kind", "month", "user_id", "key"])
    .execute();
  await db.schema
    .createIndex("usage_agents_user")
    .on("usage_agents")
    .columns(["user_id", "kind", "month"])
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
    ])
    .execute();

  // The past, from the records kept and the monthly totals of purged ones.
  await sql`
    insert into usage_rollup (month, direction_id, assistant_id, model_ref, sovereignty,
      data_class, status, mode, refusal, data_action, sobriety, turns, abstained,
      prompt_tokens, completion_tokens, energy_kwh_min, energy_kwh_max, gwp_kg_min,
      gwp_kg_max, water_l_min, water_l_max, minutes_saved, minutes_answers, positive,
      negative, validated)
    select substr(at, 1, 7), coalesce(direction_id, ''), coalesce(assistant_id, ''),
      coalesce(model_ref, ''), coalesce(sovereignty, ''), data_class, status,
      coalesce(mode, ''), '', '', '', count(*), 0, coalesce(sum(prompt_tokens), 0),
      coalesce(sum(completion_tokens), 0), coalesce(sum(energy_kwh_min), 0),
      coalesce(sum(energy_kwh_max), 0), coalesce(sum(gwp_kg_min), 0),
      coalesce(sum(gwp_kg_max), 0), 0, 0, coalesce(sum(minutes_saved), 0),
      count(minutes_saved), sum(case when feedback = 'up' then 1 else 0 end),
      sum(case when feedback = 'down' then 1 else 0 end), 0
    from usage_records
    group by substr(at, 1, 7), coalesce(direction_id, ''), coalesce(assistant_id, ''),
      coalesce(model_ref, ''), coalesce(sovereignty, ''), data_class, status, coalesce(mode, '')
  `.execute(db);
  // A purged month's totals: its refused turns apart, under the status "denied".
  await sql`
    insert into usage_rollup (month, direction_id, assistant_id, model_ref, sovereignty,
      data_class, status, mode, refusal, data_action, sobriety, turns, prompt_tokens,
      completion_tokens, energy_kwh_min, energy_kwh_max, gwp_kg_min, gwp_kg_max,
      minutes_saved, minutes_answers)
    select month, direction_id, assistant_id, model_ref, sovereignty, data_class,
      'completed', '', '', '', '', turns - denied, prompt_tokens, completion_tokens,
      energy_kwh_min, energy_kwh_max, gwp_kg_min, gwp_kg_max, minutes_saved, minutes_answers
    from usage_monthly where turns > denied
  `.execute(db);
  await sql`
    insert into usage_rollup (month, direction_id, assistant_id, model_ref, sovereignty,
      data_class, status, mode, refusal, data_action, sobriety, turns)
    select month, direction_id, assistant_id, model_ref, sovereignty, data_class,
      'denied', '', '', '', '', denied
    from usage_monthly where denied > 0
  `.execute(db);
  for (const [kind, key] of [
    ["all", null],
    ["assistant", sql`coalesce(assistant_id, '')`],
    ["model", sql`coalesce(model_ref, '')`],
    ["class", sql`data_class`],
  ] as const)
    await sql`
      insert into usage_agents (month, user_id, kind, key, direction_id, turns, first_at)
      select substr(at, 1, 7), user_id, ${sql.lit(kind)}, ${key ?? sql`''`},
        coalesce(max(direction_id), ''), count(*), min(at)
      from usage_records where user_id is not null
      group by substr(at, 1, 7), user_id${key ? sql`, ${key}` : sql``}
    `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("usage_findings").execute();
  await db.schema.dropTable("usage_agents").execute();
  await db.schema.dropTable("usage_rollup").execute();
  for (const column of [
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
