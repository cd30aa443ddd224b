import { type Kysely, sql } from "kysely";

/**
 * A document's file name as readers of its base are shown it: scanned with
 * the document at ingestion, then pseudonymised or masked as its text is
 * (`arret-maladie-[PERSONNE_1]-depression.md`). The real name stays in
 * `file_name`, which identifies the file on upload, for those who manage the
 * base. Null: not scanned yet; readers are shown no name.
 *
 * Documents already ingested were scanned without their name. Those of
 * bases that index as is keep showing it (nothing is masked there); the
 * others show no name to readers until their next ingestion.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("documents").addColumn("shown_file_name", "text").execute();
  await sql`update documents set shown_file_name = file_name
    where knowledge_base_id in (select id from knowledge_bases where personal_data = 'index')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("documents").dropColumn("shown_file_name").execute();
}
