import type { Kysely } from "kysely";

/**
 * The prompt library ("apprendre à prompter"): prompts with `{{variables}}`,
 * kept for their author alone (`personal`), shared with a direction and the
 * directions below it (`direction`, `direction_id` set) or with the whole
 * collectivité (`collectivite`). `use_count` counts the times a prompt was
 * put in a composer (never the text sent). One rating (1 to 5) per agent
 * and prompt, deleted with either.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("prompts")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("example", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("direction_id", "text", (c) => c.references("directions.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("use_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("prompts_scope").on("prompts").columns(["scope"]).execute();
  await db.schema
    .createTable("prompt_ratings")
    .addColumn("prompt_id", "text", (c) => c.notNull().references("prompts.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("rating", "integer", (c) => c.notNull())
    .addColumn("rated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("prompt_ratings_pk", ["prompt_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("prompt_ratings").execute();
  await db.schema.dropTable("prompts").execute();
}
