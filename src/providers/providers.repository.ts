import type { Database } from "../store/index.js";

/** The only place that speaks SQL about providers: rows of validated JSON definitions. */
export class ProvidersRepository {
  constructor(private readonly db: Database) {}

  list(): Promise<{ id: string; definition: string; updated_at: string }[]> {
    return this.db
      .selectFrom("providers")
      .select(["id", "definition", "updated_at"])
      .orderBy("id")
      .execute();
  }

  async insert(id: string, definition: string, at: string): Promise<void> {
    await this.db
      .insertInto("providers")
      .values({ id, definition, created_at: at, updated_at: at })
      .execute();
  }

  async update(id: string, definition: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable("providers")
      .set({ definition, updated_at: at })
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Replaces a definition only if it is still `previous` (another writer's edit wins); true if it was. */
  async rewrite(id: string, previous: string, definition: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable("providers")
      .set({ definition, updated_at: at })
      .where("id", "=", id)
      .where("definition", "=", previous)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("providers").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
