import type { Database, DirectionTable } from "../store/index.js";

export type DirectionRow = DirectionTable;

export class DirectionsRepository {
  constructor(private readonly db: Database) {}

  list(): Promise<DirectionRow[]> {
    return this.db.selectFrom("directions").selectAll().orderBy("path").execute();
  }

  byId(id: string): Promise<DirectionRow | undefined> {
    return this.db.selectFrom("directions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  byPath(path: string): Promise<DirectionRow | undefined> {
    return this.db.selectFrom("directions").selectAll().where("path", "=", path).executeTakeFirst();
  }

  /** Inserts the direction; a path that exists already is a unique violation. */
  async insert(row: DirectionRow): Promise<void> {
    await this.db.insertInto("directions").values(row).execute();
  }

  /** Inserts the direction unless its path exists, then returns the row that holds the path. */
  async insertOrGet(row: DirectionRow): Promise<DirectionRow> {
    await this.db
      .insertInto("directions")
      .values(row)
      .onConflict((oc) => oc.column("path").doNothing())
      .execute();
    const stored = await this.byPath(row.path);
    if (!stored) throw new Error("direction vanished after insert");
    return stored;
  }

  /** Whether anything hangs on the direction: sub-directions or users. */
  async isUsed(id: string): Promise<boolean> {
    const child = await this.db
      .selectFrom("directions")
      .select("id")
      .where("parent_id", "=", id)
      .executeTakeFirst();
    if (child) return true;
    const member = await this.db
      .selectFrom("users")
      .select("id")
      .where("direction_id", "=", id)
      .executeTakeFirst();
    return member !== undefined;
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("directions").where("id", "=", id).execute();
  }
}
