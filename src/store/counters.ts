import { sql } from "kysely";
import type { Database } from "./database.js";

/**
 * Fixed-window counters kept in the database, so that throttling and rate
 * limits hold across several Beffroi processes. The window is part of the key.
 */
export class Counters {
  constructor(private readonly db: Database) {}

  /** Adds one to `key` in the window that contains `now`; returns the new count and when the window ends. */
  async hit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }> {
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const resetAt = new Date(start + windowMs);
    const row = await this.db
      .insertInto("counters")
      .values({ key: `${key}@${start}`, count: 1, expires_at: resetAt.toISOString() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ count: sql`counters.count + 1` }))
      .returning("count")
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), resetAt };
  }

  /** The current count of `key` in the window that contains `now`. */
  async peek(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }> {
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const row = await this.db
      .selectFrom("counters")
      .select("count")
      .where("key", "=", `${key}@${start}`)
      .executeTakeFirst();
    return { count: Number(row?.count ?? 0), resetAt: new Date(start + windowMs) };
  }

  async reset(key: string, windowMs: number, now: Date): Promise<void> {
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    await this.db.deleteFrom("counters").where("key", "=", `${key}@${start}`).execute();
  }

  /** Drops windows that have ended. */
  async purge(now: Date): Promise<void> {
    await this.db.deleteFrom("counters").where("expires_at", "<=", now.toISOString()).execute();
  }
}
