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

  async insert(row: DirectionRow): Promise<void> {
    await this.db.insertInto("directions").values(row).execute();
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
