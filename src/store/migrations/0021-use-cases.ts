import type { Kysely } from "kysely";

/**
 * The use-case catalogue, stored: one row per use case (`use_cases`: its
 * owning direction, whether it is shipped with Beffroi and the last shipped
 * version seen) and every version of its definition (`use_case_versions`: the
 * YAML as `exportUseCase` writes it, where it came from, who and when).
 * A version is never changed or deleted, except with its use case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("use_cases")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("owner_direction_id", "text", (c) =>
      c.references("directions.id").onDelete("set null"),
    )
    .addColumn("shipped", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("shipped_version", "integer")
    .addColumn("current_revision", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("use_case_versions")
    .addColumn("use_case_id", "text", (c) =>
      c.notNull().references("use_cases.id").onDelete("cascade"),
    )
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("definition_version", "integer", (c) => c.notNull())
    .addColumn("yaml", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("use_case_versions_pk", ["use_case_id", "revision"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("use_case_versions").execute();
  await db.schema.dropTable("use_cases").execute();
}
