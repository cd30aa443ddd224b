import type { Kysely } from "kysely";

/** The agent's opinion of an answer (`up` or `down`), kept with the turn's usage record; never a comment's text. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("usage_records").addColumn("feedback", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("usage_records").dropColumn("feedback").execute();
}
