import type { AssistantTable, Database } from "../store/index.js";

export type AssistantRow = AssistantTable & { owner_direction_path: string | null };

/** The only place that speaks SQL about assistants. */
export class AssistantsRepository {
  constructor(private readonly db: Database) {}

  private select() {
    return this.db
      .selectFrom("assistants as a")
      .leftJoin("directions as d", "d.id", "a.owner_direction_id")
      .selectAll("a")
      .select("d.path as owner_direction_path");
  }

  list(): Promise<AssistantRow[]> {
    return this.select().orderBy("a.is_default", "desc").orderBy("a.name").execute();
  }

  byId(id: string): Promise<AssistantRow | undefined> {
    return this.select().where("a.id", "=", id).executeTakeFirst();
  }

  byName(name: string): Promise<AssistantRow | undefined> {
    return this.select().where("a.name", "=", name).executeTakeFirst();
  }

  defaultOne(): Promise<AssistantRow | undefined> {
    return this.select().where("a.is_default", "=", 1).executeTakeFirst();
  }

  async insert(row: AssistantTable): Promise<void> {
    await this.db.insertInto("assistants").values(row).execute();
  }

  async update(id: string, changes: Partial<AssistantTable>): Promise<void> {
    await this.db.updateTable("assistants").set(changes).where("id", "=", id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("assistants").where("id", "=", id).execute();
  }
}
