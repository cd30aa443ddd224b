import type { Database, WatchItemTable, WatchSourceTable } from "../../store/index.js";

export type WatchSourceRow = WatchSourceTable & {
  direction_path: string | null;
  item_count: number;
};

export type WatchItemRow = WatchItemTable & { source_name: string };

/** Rows inserted in one statement (SQLite takes at most 32,766 bound values). */
const INSERT_BATCH = 100;

/** The only place that speaks SQL about the document watch. */
export class WatchRepository {
  constructor(private readonly db: Database) {}

  private select() {
    return this.db
      .selectFrom("watch_sources as s")
      .leftJoin("directions as d", "d.id", "s.direction_id")
      .selectAll("s")
      .select((eb) => [
        "d.path as direction_path",
        eb
          .selectFrom("watch_items as i")
          .whereRef("i.source_id", "=", "s.id")
          .select((count) => count.fn.countAll<number>().as("n"))
          .as("item_count"),
      ]);
  }

  async list(): Promise<WatchSourceRow[]> {
    const rows = await this.select().orderBy("s.name").orderBy("s.id").execute();
    return rows.map(withCount);
  }

  async byId(id: string): Promise<WatchSourceRow | undefined> {
    const row = await this.select().where("s.id", "=", id).executeTakeFirst();
    return row && withCount(row);
  }

  async insert(row: WatchSourceTable): Promise<void> {
    await this.db.insertInto("watch_sources").values(row).execute();
  }

  async update(id: string, changes: Partial<WatchSourceTable>): Promise<void> {
    await this.db.updateTable("watch_sources").set(changes).where("id", "=", id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("watch_sources").where("id", "=", id).execute();
  }

  /**
   * Takes the enabled source whose check is the most overdue, and moves its
   * next check to `leaseUntil` in the same statement: another instance asking
   * at the same time gets another source (the outer condition is checked
   * again on the row once it is locked), and a process that dies mid-check
   * leaves the source to be taken again once the lease has passed.
   */
  claimDue(now: string, leaseUntil: string): Promise<WatchSourceTable | undefined> {
    return this.db
      .updateTable("watch_sources")
      .set({ next_check_at: leaseUntil })
      .where("id", "=", (eb) =>
        eb
          .selectFrom("watch_sources")
          .select("id")
          .where("enabled", "=", 1)
          .where("next_check_at", "<=", now)
          .orderBy("next_check_at")
          .orderBy("id")
          .limit(1),
      )
      .where("next_check_at", "<=", now)
      .where("enabled", "=", 1)
      .returningAll()
      .executeTakeFirst();
  }

  /** Stores the items whose key the source has not had yet; returns how many were new. */
  async addItems(items: WatchItemTable[]): Promise<number> {
    let added = 0;
    for (let start = 0; start < items.length; start += INSERT_BATCH) {
      const batch = items.slice(start, start + INSERT_BATCH);
      const result = await this.db
        .insertInto("watch_items")
        .values(batch)
        .onConflict((conflict) => conflict.columns(["source_id", "key"]).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  /** Items found since a date, the newest first (by the date the source gives, else when found). */
  items(query: { since: string; sourceIds?: string[]; limit: number }): Promise<WatchItemRow[]> {
    let select = this.db
      .selectFrom("watch_items as i")
      .innerJoin("watch_sources as s", "s.id", "i.source_id")
      .selectAll("i")
      .select("s.name as source_name")
      .where("i.found_at", ">=", query.since);
    if (query.sourceIds !== undefined) select = select.where("i.source_id", "in", query.sourceIds);
    return select
      .orderBy((eb) => eb.fn.coalesce("i.published_at", "i.found_at"), "desc")
      .orderBy("i.id")
      .limit(query.limit)
      .execute();
  }

  /** Deletes the items found before a date; returns how many. */
  async purgeItems(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom("watch_items")
      .where("found_at", "<", before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

const withCount = <R extends { item_count: unknown }>(row: R) => ({
  ...row,
  item_count: Number(row.item_count ?? 0),
});
