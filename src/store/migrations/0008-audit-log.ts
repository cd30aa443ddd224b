import { type Kysely, sql } from "kysely";

/**
 * The audit log of administrative actions, hash-chained: each entry holds
 * the hash of the one before it, and its own hash over its content and that
 * link, so that an edit, a deletion or a reordering breaks the chain.
 * `audit_head` is one row (id 1) with the last entry's number and hash:
 * appending locks it (an UPDATE), so two appends, even from two Beffroi
 * processes, never chain onto the same entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    /** 1, 2, 3…: strictly increasing, no gap. */
    .addColumn("seq", "integer", (c) => c.primaryKey().notNull())
    .addColumn("at", "text", (c) => c.notNull())
    /** user, cli or system. */
    .addColumn("actor_kind", "text", (c) => c.notNull())
    /** The user's id when actor_kind is user. */
    .addColumn("actor_id", "text")
    /** A stable id: role.granted, provider.added… */
    .addColumn("action", "text", (c) => c.notNull())
    /** The id of what was acted on (user, key, base, provider). */
    .addColumn("target", "text")
    /** Canonical JSON of non-secret, non-personal facts; hashed as stored. */
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey().notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  // The genesis hash (64 zeros): the first entry's previous hash. Written here
  // as a literal, since a migration must not change when the code does.
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${"0".repeat(64)})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_head").execute();
  await db.schema.dropTable("audit_log").execute();
}
