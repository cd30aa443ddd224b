import type { Kysely } from "kysely";

/**
 * LLM battles ("arena"): a campaign compares contenders (models, and the
 * result without AI) on test cases of a use case or an assistant (`subject_kind`,
 * `subject_id`), by blind pairwise votes of its
 * members. Each output is generated once per case and contender and kept
 * (its text, energy, CO2e, latency and tokens) so every vote on it sees the
 * same answer. A match is one pair shown to one member on one case: the vote
 * is its row's last columns, written once. Everything goes with the campaign.
 * A use case gets the model a verdict may recommend (`recommended_model`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The model a campaign's verdict recommends for a use case: its runs try it first.
  await db.schema.alterTable("use_cases").addColumn("recommended_model", "text").execute();
  await db.schema
    .createTable("arena_campaigns")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("subject_kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("direction_id", "text", (c) => c.references("directions.id").onDelete("set null"))
    .addColumn("data_class", "text", (c) => c.notNull())
    .addColumn("pair_mode", "text", (c) => c.notNull())
    .addColumn("seed", "integer", (c) => c.notNull())
    .addColumn("publish_cases", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("verdict", "text")
    .execute();
  await db.schema
    .createTable("arena_contenders")
    .addColumn("campaign_id", "text", (c) =>
      c.notNull().references("arena_campaigns.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("model_ref", "text")
    .addPrimaryKeyConstraint("arena_contenders_pk", ["campaign_id", "position"])
    .execute();
  await db.schema
    .createTable("arena_members")
    .addColumn("campaign_id", "text", (c) =>
      c.notNull().references("arena_campaigns.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("arena_members_pk", ["campaign_id", "user_id"])
    .execute();
  await db.schema
    .createTable("arena_cases")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("campaign_id", "text", (c) =>
      c.notNull().references("arena_campaigns.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("values_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("arena_cases_position", ["campaign_id", "position"])
    .execute();
  await db.schema
    .createTable("arena_outputs")
    .addColumn("case_id", "text", (c) =>
      c.notNull().references("arena_cases.id").onDelete("cascade"),
    )
    .addColumn("contender", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("model_ref", "text")
    .addColumn("energy_kwh", "double precision")
    .addColumn("gwp_kg", "double precision")
    .addColumn("latency_ms", "integer", (c) => c.notNull())
    .addColumn("tokens", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("arena_outputs_pk", ["case_id", "contender"])
    .execute();
  await db.schema
    .createTable("arena_matches")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("campaign_id", "text", (c) =>
      c.notNull().references("arena_campaigns.id").onDelete("cascade"),
    )
    .addColumn("case_id", "text", (c) =>
      c.notNull().references("arena_cases.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("contender_a", "integer", (c) => c.notNull())
    .addColumn("contender_b", "integer", (c) => c.notNull())
    .addColumn("shown_at", "text", (c) => c.notNull())
    .addColumn("voted_at", "text")
    .addColumn("choice", "text")
    .addColumn("tags", "text")
    .addColumn("comment", "text")
    .addColumn("minutes_saved", "integer")
    .execute();
  await db.schema
    .createIndex("arena_matches_campaign")
    .on("arena_matches")
    .columns(["campaign_id", "voted_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "arena_matches",
    "arena_outputs",
    "arena_cases",
    "arena_members",
    "arena_contenders",
    "arena_campaigns",
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable("use_cases").dropColumn("recommended_model").execute();
}
