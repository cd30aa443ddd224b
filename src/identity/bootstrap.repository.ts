import type { BootstrapTokenTable, Database } from "../store/index.js";

/** The only place that speaks SQL about bootstrap tokens: one row per issuance, digests only. */
export class BootstrapRepository {
  constructor(private readonly db: Database) {}

  async insert(row: BootstrapTokenTable): Promise<void> {
    await this.db.insertInto("bootstrap_tokens").values(row).execute();
  }

  /**
   * Deletes the token issued after `notBefore` with this digest and returns it,
   * in one statement: of two requests racing with the same token, one gets it.
   */
  take(tokenHash: string, notBefore: string): Promise<BootstrapTokenTable | undefined> {
    return this.db
      .deleteFrom("bootstrap_tokens")
      .where("token_hash", "=", tokenHash)
      .where("created_at", ">", notBefore)
      .returningAll()
      .executeTakeFirst();
  }

  /** Drops tokens issued at or before `before`. */
  async purge(before: string): Promise<void> {
    await this.db.deleteFrom("bootstrap_tokens").where("created_at", "<=", before).execute();
  }

  /** Drops every token (an administrator exists). */
  async clear(): Promise<void> {
    await this.db.deleteFrom("bootstrap_tokens").execute();
  }
}
