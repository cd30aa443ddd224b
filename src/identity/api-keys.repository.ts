import type { ApiKeyTable, Database } from "../store/index.js";

export class ApiKeysRepository {
  constructor(private readonly db: Database) {}

  async insert(row: ApiKeyTable): Promise<void> {
    await this.db.insertInto("api_keys").values(row).execute();
  }

  byHash(tokenHash: string): Promise<ApiKeyTable | undefined> {
    return this.db
      .selectFrom("api_keys")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
  }

  byId(id: string): Promise<ApiKeyTable | undefined> {
    return this.db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Keys of one user, or of everyone when `userId` is undefined. */
  list(userId?: string): Promise<ApiKeyTable[]> {
    let query = this.db.selectFrom("api_keys").selectAll().orderBy("created_at", "desc");
    if (userId !== undefined) query = query.where("user_id", "=", userId);
    return query.execute();
  }

  async revoke(id: string, at: string): Promise<void> {
    await this.db
      .updateTable("api_keys")
      .set({ revoked_at: at })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .execute();
  }

  /** Revokes every live key of a user; returns their ids. */
  async revokeAllOf(userId: string, at: string): Promise<string[]> {
    const rows = await this.db
      .updateTable("api_keys")
      .set({ revoked_at: at })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .returning("id")
      .execute();
    return rows.map((row) => row.id);
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable("api_keys").set({ last_used_at: at }).where("id", "=", id).execute();
  }
}
