import { sql } from "kysely";
import type { Database } from "./database.js";

export interface Count {
  count: number;
  /** When the window that holds the count ends. */
  resetAt: Date;
}

/**
 * Fixed-window counters kept in the database, so that throttling and rate
 * limits hold across several Beffroi processes. The window is part of the key.
 */
export class Counters {
  constructor(private readonly db: Database) {}

  /** Adds one to `key` in the window that contains `now`; returns the new count, atomically. */
  hit(key: string, windowMs: number, now: Date): Promise<Count> {
    return this.add(key, windowMs, now, 1);
  }

  /**
   * Adds `delta` to `key` in the window that contains `now` and returns the new
   * count, in one statement. A negative delta gives back earlier hits (never
   * below zero) and creates nothing when the window holds no count.
   */
  async add(key: string, windowMs: number, now: Date, delta: number): Promise<Count> {
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const resetAt = new Date(start + windowMs);
    const windowKey = `${key}@${start}`;
    if (delta <= 0) {
      const row = await this.db
        .updateTable("counters")
        .set({
          count: sql`case when counters.count + ${delta} < 0 then 0 else counters.count + ${delta} end`,
        })
        .where("key", "=", windowKey)
        .returning("count")
        .executeTakeFirst();
      return { count: Number(row?.count ?? 0), resetAt };
    }
    const row = await this.db
      .insertInto("counters")
      .values({ key: windowKey, count: delta, expires_at: resetAt.toISOString() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ count: sql`counters.count + ${delta}` }))
      .returning("count")
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), resetAt };
  }

  /** The current count of `key` in the window that contains `now`. */
  async peek(key: string, windowMs: number, now: Date): Promise<Count> {
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
