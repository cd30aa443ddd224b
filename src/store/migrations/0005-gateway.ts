import type { Kysely } from "kysely";

/**
 * The model gateway: providers (their definition as validated JSON, edited
 * by administrators), assistants (named use cases), and agents'
 * conversations with their messages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("providers")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("assistants")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("instructions", "text", (c) => c.notNull())
    .addColumn("knowledge_base_ids", "text", (c) => c.notNull())
    .addColumn("preferred_models", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("requires_validation", "integer", (c) => c.notNull())
    .addColumn("owner_direction_id", "text", (c) => c.references("directions.id"))
    .addColumn("is_default", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("conversations")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("assistant_id", "text", (c) => c.references("assistants.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("conversations_user")
    .on("conversations")
    .columns(["user_id", "updated_at"])
    .execute();

  await db.schema
    .createTable("messages")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("conversation_id", "text", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("ordinal", "integer", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    /** JSON: citations, model, provider, sovereignty, decisions, usage. */
    .addColumn("metadata", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("messages_order", ["conversation_id", "ordinal"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["messages", "conversations", "assistants", "providers"]) {
    await db.schema.dropTable(table).execute();
  }
}
