import type { Database, OidcTransactionTable } from "../store/index.js";

/** The only place that speaks SQL about OIDC login transactions (state, nonce, PKCE verifier). */
export class OidcTransactionsRepository {
  constructor(private readonly db: Database) {}

  async insert(row: OidcTransactionTable): Promise<void> {
    await this.db.insertInto("oidc_transactions").values(row).execute();
  }

  /**
   * Deletes the transaction and returns it, in one statement: of two callbacks
   * racing with the same state, only one gets it back.
   */
  take(state: string): Promise<OidcTransactionTable | undefined> {
    return this.db
      .deleteFrom("oidc_transactions")
      .where("state", "=", state)
      .returningAll()
      .executeTakeFirst();
  }

  async purge(now: string): Promise<void> {
    await this.db.deleteFrom("oidc_transactions").where("expires_at", "<=", now).execute();
  }
}
