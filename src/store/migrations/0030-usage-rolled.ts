import { type Kysely, sql } from "kysely";

/**
 * The observatory's rollups leave the turn's path. A turn's journal record
 * is written alone, `rolled = 0`; a round every second (and any reader of
 * the rollups, first) takes the records not rolled yet, adds them to the
 * rollups and marks them rolled, in one transaction per batch: a record is
 * counted once, whichever instance takes it, and one that a crash left
 * unrolled is taken by the next round. Records already kept were added to
 * the rollups by the turn's transaction (or by 0026's fill): rolled.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("usage_records")
    .addColumn("rolled", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("usage_records_unrolled")
    .on("usage_records")
    .column("turn_id")
    .where(sql.ref("rolled"), "=", 0)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("usage_records_unrolled").execute();
  await db.schema.alterTable("usage_records").dropColumn("rolled").execute();
}
