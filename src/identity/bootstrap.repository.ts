import type { BootstrapTokenTable, Database } from "../store/index.js";

/** The only place that speaks SQL about bootstrap tokens: one row per issuance, digests only. */
export class BootstrapRepository {
  constructor(private readonly db: Database) {}

  async insert(row: BootstrapTokenTable): Promise<void> {
    await this.db.insertInto("bootstrap_tokens").values(row).execute();
  }

  /** Whether a token with this digest was issued after `notBefore` (and not spent yet). */
  async exists(tokenHash: string, notBefore: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("bootstrap_tokens")
      .select("id")
      .where("token_hash", "=", tokenHash)
      .where("created_at", ">", notBefore)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Deletes every token and returns them. As the first statement of the
   * transaction that creates the first administrator, it is that creation's
   * lock: a concurrent one waits for these rows (row locks on PostgreSQL; on
   * SQLite the write makes the transaction the file's one writer), then finds
   * the administrator. Any token it could spend is among these rows, so two
   * bootstraps cannot miss each other.
   */
  spendAll(): Promise<BootstrapTokenTable[]> {
    return this.db.deleteFrom("bootstrap_tokens").returningAll().execute();
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
