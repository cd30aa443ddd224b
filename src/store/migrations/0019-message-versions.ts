import { type Kysely, sql } from "kysely";

/**
 * Versions of a conversation's messages: each message hangs under the one it
 * follows (`parent_id`: a question under the answer before it, none for the
 * first; an answer under its question). Regenerating an answer adds an answer
 * under the same question; editing a question adds a question under the same
 * parent: siblings are versions of one another, in the order of `ordinal`.
 * The version the conversation goes on from is the sibling whose
 * `superseded_at` is null; the others keep the instant they stopped being
 * shown. Messages stored before keep their order: each hangs under the one
 * before it. No foreign key: messages are only ever deleted with their
 * conversation, and SQLite could not drop a referencing column on the way down.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("messages").addColumn("parent_id", "text").execute();
  await db.schema.alterTable("messages").addColumn("superseded_at", "text").execute();
  await sql`
    update messages set parent_id = (
      select earlier.id from messages as earlier
      where earlier.conversation_id = messages.conversation_id
        and earlier.ordinal = messages.ordinal - 1
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("messages").dropColumn("superseded_at").execute();
  await db.schema.alterTable("messages").dropColumn("parent_id").execute();
}
