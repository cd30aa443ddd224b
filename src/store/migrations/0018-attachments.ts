import type { Kysely } from "kysely";

/**
 * Documents an agent attaches to a message of a conversation: read once, at
 * upload, into passages (`passages`, JSON: `[{ text, section, page }]`, in
 * reading order); the file itself is not kept. `message_id` stays null until
 * the message is sent (an attachment waiting for its message); the
 * conversation's deletion (by the agent or by retention) deletes them, and
 * the message's deletion too. Never part of a knowledge base or its index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("attachments")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("conversation_id", "text", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("message_id", "text", (c) => c.references("messages.id").onDelete("cascade"))
    /** Its place among the message's attachments, from 0. */
    .addColumn("ordinal", "integer", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("page_count", "integer")
    .addColumn("character_count", "integer", (c) => c.notNull())
    .addColumn("passages", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("attachments_conversation")
    .on("attachments")
    .columns(["conversation_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("attachments_message")
    .on("attachments")
    .column("message_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("attachments").execute();
}
