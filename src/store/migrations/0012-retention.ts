import type { Kysely } from "kysely";

/**
 * Monthly totals of the usage journal: what a purge keeps of the records it
 * deletes (the charter's retention period), so that the observatory's
 * figures survive. Absent dimensions are stored as "" (part of the key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("usage_monthly")
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("direction_id", "text", (c) => c.notNull())
    .addColumn("assistant_id", "text", (c) => c.notNull())
    .addColumn("model_ref", "text", (c) => c.notNull())
    .addColumn("sovereignty", "text", (c) => c.notNull())
    .addColumn("data_class", "text", (c) => c.notNull())
    .addColumn("turns", "integer", (c) => c.notNull())
    .addColumn("denied", "integer", (c) => c.notNull())
    .addColumn("prompt_tokens", "bigint", (c) => c.notNull())
    .addColumn("completion_tokens", "bigint", (c) => c.notNull())
    .addColumn("energy_kwh_min", "double precision", (c) => c.notNull())
    .addColumn("energy_kwh_max", "double precision", (c) => c.notNull())
    .addColumn("gwp_kg_min", "double precision", (c) => c.notNull())
    .addColumn("gwp_kg_max", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("usage_monthly_pk", [
      "month",
      "direction_id",
      "assistant_id",
      "model_ref",
      "sovereignty",
      "data_class",
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("usage_monthly").execute();
}
