import type { Kysely } from "kysely";

/**
 * The usage journal: one record per turn — who (user, direction), what
 * (assistant, provider, model, hosting class, data class), how it ended, the
 * tokens, the time, the impact and the decisions. Never a prompt or an
 * answer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("usage_records")
    .addColumn("turn_id", "text", (c) => c.primaryKey().notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("direction_id", "text", (c) => c.references("directions.id").onDelete("set null"))
    /** session, api-key or cli. */
    .addColumn("via", "text", (c) => c.notNull())
    .addColumn("assistant_id", "text")
    .addColumn("provider_id", "text")
    .addColumn("model_ref", "text")
    .addColumn("sovereignty", "text")
    .addColumn("data_class", "text", (c) => c.notNull())
    /** completed, denied or failed; the stage that stopped it, if any. */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("stopped_at", "text")
    /** model or extractive; null without an answer. */
    .addColumn("mode", "text")
    .addColumn("prompt_tokens", "integer", (c) => c.notNull())
    .addColumn("completion_tokens", "integer", (c) => c.notNull())
    .addColumn("tokens_estimated", "integer", (c) => c.notNull())
    .addColumn("latency_ms", "integer", (c) => c.notNull())
    .addColumn("impact_method", "text")
    .addColumn("energy_kwh_min", "double precision")
    .addColumn("energy_kwh_max", "double precision")
    .addColumn("gwp_kg_min", "double precision")
    .addColumn("gwp_kg_max", "double precision")
    /** JSON: the turn's decisions (stage, rule, outcome, reason), which never hold values. */
    .addColumn("decisions", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("usage_records_at").on("usage_records").column("at").execute();
  await db.schema
    .createIndex("usage_records_user")
    .on("usage_records")
    .columns(["user_id", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("usage_records").execute();
}
