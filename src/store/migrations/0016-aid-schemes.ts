import type { Kysely } from "kysely";

/**
 * Aid schemes imported into a knowledge base (the open `aides-jeunes`
 * format): one row per scheme and base, keyed by the scheme's own id, so a
 * file imported again updates rows instead of adding them. Each scheme is
 * also a document of the base (a Markdown sheet made from it), ingested as
 * any other: deleting the document, or the base, deletes the scheme.
 * `conditions` is JSON: `{ general: [...], text: [...] }`; `digest` tells an
 * unchanged scheme from a changed one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("aid_schemes")
    .addColumn("knowledge_base_id", "text", (c) =>
      c.notNull().references("knowledge_bases.id").onDelete("cascade"),
    )
    .addColumn("scheme_id", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) =>
      c.notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("institution", "text", (c) => c.notNull())
    .addColumn("institution_type", "text", (c) => c.notNull())
    .addColumn("amount", "double precision")
    .addColumn("unit", "text")
    .addColumn("periodicity", "text")
    .addColumn("link", "text")
    .addColumn("conditions", "text", (c) => c.notNull())
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_schemes_pk", ["knowledge_base_id", "scheme_id"])
    .execute();
  await db.schema
    .createIndex("aid_schemes_document")
    .on("aid_schemes")
    .column("document_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("aid_schemes").execute();
}
