import type { Kysely } from "kysely";

/**
 * The personal-data guard: each conversation's pseudonym vault (which
 * placeholder stands for which value, the value encrypted) and the names
 * imported from INSEE's open files, which widen the built-in first-name list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("guard_vault")
    .addColumn("conversation_id", "text", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    /** `[PERSONNE_1]`, `[EMAIL_2]`…: what the model saw. */
    .addColumn("placeholder", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    /** Keyed hash (HMAC-SHA-256) of the normalised value: finds a value again without decrypting. */
    .addColumn("digest", "text", (c) => c.notNull())
    /** The value, AES-256-GCM: base64 of nonce, tag and ciphertext. */
    .addColumn("sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("guard_vault_pk", ["conversation_id", "placeholder"])
    .addUniqueConstraint("guard_vault_value", ["conversation_id", "digest"])
    .execute();

  await db.schema
    .createTable("guard_names")
    /** Folded (lower case, no accents). */
    .addColumn("name", "text", (c) => c.notNull())
    /** `first` or `last`. */
    .addColumn("kind", "text", (c) => c.notNull())
    /** How many people bear it in the imported file (a rare name is kept out of the list). */
    .addColumn("bearers", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("guard_names_pk", ["name", "kind"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("guard_names").execute();
  await db.schema.dropTable("guard_vault").execute();
}
