import type { CharterTable, Database } from "../store/index.js";

/** The only place that speaks SQL about the charter's versions and their acceptances. */
export class CharterRepository {
  constructor(private readonly db: Database) {}

  latest(): Promise<CharterTable | undefined> {
    return this.db
      .selectFrom("charters")
      .selectAll()
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
  }

  byVersion(version: number): Promise<CharterTable | undefined> {
    return this.db
      .selectFrom("charters")
      .selectAll()
      .where("version", "=", version)
      .executeTakeFirst();
  }

  list(): Promise<Omit<CharterTable, "yaml">[]> {
    return this.db
      .selectFrom("charters")
      .select(["version", "title", "changes", "created_by", "created_at"])
      .orderBy("version", "desc")
      .execute();
  }

  /** Inserts a version; throws a unique violation when another instance saved the same number first. */
  async insert(row: CharterTable): Promise<void> {
    await this.db.insertInto("charters").values(row).execute();
  }

  async accept(userId: string, version: number, at: string): Promise<void> {
    await this.db
      .insertInto("charter_acceptances")
      .values({ user_id: userId, version, accepted_at: at })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }

  /** The latest version before `version` that the account accepted, and when. */
  async lastAcceptedBefore(
    userId: string,
    version: number,
  ): Promise<{ version: number; acceptedAt: string } | undefined> {
    const row = await this.db
      .selectFrom("charter_acceptances")
      .select(["version", "accepted_at"])
      .where("user_id", "=", userId)
      .where("version", "<", version)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    return row && { version: row.version, acceptedAt: row.accepted_at };
  }

  async acceptedAt(userId: string, version: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("charter_acceptances")
      .select("accepted_at")
      .where("user_id", "=", userId)
      .where("version", "=", version)
      .executeTakeFirst();
    return row?.accepted_at;
  }
}
