import type { Kysely } from "kysely";

/**
 * The minutes an answer saved the agent, by their own estimate, kept on the
 * turn's usage record (null when they gave none); the monthly totals keep
 * their sum and how many answers had one, so both survive retention.
 * SQLite alters one column per statement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("usage_records").addColumn("minutes_saved", "integer").execute();
  await db.schema
    .alterTable("usage_monthly")
    .addColumn("minutes_saved", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("usage_monthly")
    .addColumn("minutes_answers", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("usage_monthly").dropColumn("minutes_answers").execute();
  await db.schema.alterTable("usage_monthly").dropColumn("minutes_saved").execute();
  await db.schema.alterTable("usage_records").dropColumn("minutes_saved").execute();
}
