import type { Database, SessionTable } from "../store/index.js";

export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async insert(row: SessionTable): Promise<void> {
    await this.db.insertInto("sessions").values(row).execute();
  }

  byId(id: string): Promise<SessionTable | undefined> {
    return this.db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", id).execute();
  }

  /** Ends every session of a user but, optionally, the one in use. */
  async deleteForUser(userId: string, exceptId?: string): Promise<void> {
    let query = this.db.deleteFrom("sessions").where("user_id", "=", userId);
    if (exceptId) query = query.where("id", "!=", exceptId);
    await query.execute();
  }

  async purge(idleBefore: string, now: string): Promise<void> {
    await this.db
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("last_seen_at", "<", idleBefore), eb("expires_at", "<=", now)]))
      .execute();
  }
}
