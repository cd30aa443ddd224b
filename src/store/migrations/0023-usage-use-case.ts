import type { Kysely } from "kysely";

/**
 * Usage per use case: the use case a turn ran (`use_case_id`) and its
 * definition's version, on the turn's usage record, so that the observatory
 * counts runs, validations and ratings per use case; and on the conversation
 * a run opens, which the agent may continue. No text. SQLite alters one
 * column per statement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("usage_records").addColumn("use_case_id", "text").execute();
  await db.schema.alterTable("usage_records").addColumn("use_case_version", "integer").execute();
  await db.schema.alterTable("conversations").addColumn("use_case_id", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("conversations").dropColumn("use_case_id").execute();
  await db.schema.alterTable("usage_records").dropColumn("use_case_version").execute();
  await db.schema.alterTable("usage_records").dropColumn("use_case_id").execute();
}
