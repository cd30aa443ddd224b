import type { Kysely } from "kysely";

/**
 * Monthly quotas: per scope (`user:ID`, `direction:ID`) and calendar month
 * (UTC), the requests admitted, the answers in progress and what the
 * recorded answers consumed. One row per scope and month, updated in place
 * by single conditional statements (see impact/quota.service.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("quota_usage")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("requests", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("in_flight", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("settled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("tokens", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("wh", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("gco2e", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("quota_usage_pk", ["scope", "month"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("quota_usage").execute();
}
