import type { Database, GuardVaultTable } from "../store/index.js";

/** A sealed pseudonym as stored: never a value in clear. */
export type SealedEntry = Pick<GuardVaultTable, "placeholder" | "entity_type" | "sealed">;

/** The only place that speaks SQL about the pseudonym vault (`guard_vault`). */
export class VaultRepository {
  constructor(private readonly db: Database) {}

  /** A conversation's sealed entries. */
  entries(conversationId: string): Promise<SealedEntry[]> {
    return this.db
      .selectFrom("guard_vault")
      .select(["placeholder", "entity_type", "sealed"])
      .where("conversation_id", "=", conversationId)
      .execute();
  }

  /** Adds sealed entries; one already there (a concurrent turn's) is kept. */
  async add(rows: GuardVaultTable[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto("guard_vault")
      .values(rows)
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
}
