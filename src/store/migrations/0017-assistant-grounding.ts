import { type Kysely, sql } from "kysely";

/**
 * How an assistant uses its knowledge bases (`grounding`): `required`
 * (answers only from their passages, abstains otherwise), `preferred` (the
 * passages when retrieval finds relevant ones, else the model alone, with a
 * notice) or `off` (the bases are not searched).
 *
 * Until now an assistant bound to bases behaved as `required`: it refused
 * every request its bases did not cover, drafting and rewriting included.
 * Existing assistants keep that behaviour, except where it was the fault:
 * - the drafting and rewriting categories (drafting, summary,
 *   plain-language, minutes, procurement: the agent brings the text, the
 *   bases only help) become `preferred`. Procurement is among them: its
 *   assistants mostly draft specifications and reports; a rule question
 *   its bases do not cover now gets the model's answer marked "sans source"
 *   instead of a refusal;
 * - the default assistant becomes `preferred`, which it already was in
 *   effect (it called a model when nothing was found), now with the notice;
 * - a general-use assistant bound to no base takes the general default,
 *   `preferred`: it searches nothing, so nothing changes until a base is
 *   added to it. A general-use assistant bound to bases stays `required`,
 *   as it behaved: the one who manages it decides (the form warns).
 * The others (reception, aid-finder, hr, watch) stay `required`.
 * The values are written here as they were at this migration, on purpose:
 * a migration does not follow later code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("assistants")
    .addColumn("grounding", "text", (c) => c.notNull().defaultTo("required"))
    .execute();
  await sql`update assistants set grounding = 'preferred'
    where is_default = 1
      or category in ('drafting', 'summary', 'plain-language', 'minutes', 'procurement')
      or (category = 'general' and knowledge_base_ids = '[]')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("assistants").dropColumn("grounding").execute();
}
