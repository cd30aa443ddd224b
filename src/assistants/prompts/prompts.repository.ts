import { sql } from "kysely";
import type { Database, PromptTable } from "../../store/index.js";

export type PromptRow = PromptTable & {
  direction_path: string | null;
  author_name: string | null;
  rating_average: number | string | null;
  rating_count: number | string;
  my_rating: number | null;
};

/** The only place that speaks SQL about the prompt library. */
export class PromptsRepository {
  constructor(private readonly db: Database) {}

  private select(userId: string) {
    return this.db
      .selectFrom("prompts as p")
      .leftJoin("directions as d", "d.id", "p.direction_id")
      .leftJoin("users as u", "u.id", "p.author_id")
      .leftJoin("prompt_ratings as mine", (join) =>
        join.onRef("mine.prompt_id", "=", "p.id").on("mine.user_id", "=", userId),
      )
      .selectAll("p")
      .select([
        "d.path as direction_path",
        "u.display_name as author_name",
        "mine.rating as my_rating",
        (eb) =>
          eb
            .selectFrom("prompt_ratings as r")
            .whereRef("r.prompt_id", "=", "p.id")
            .select(sql<number | null>`avg(r.rating * 1.0)`.as("average"))
            .as("rating_average"),
        (eb) =>
          eb
            .selectFrom("prompt_ratings as r")
            .whereRef("r.prompt_id", "=", "p.id")
            .select((inner) => inner.fn.countAll<number>().as("count"))
            .as("rating_count"),
      ]);
  }

  /** Every prompt that is shared, and the user's own; the service narrows by direction. */
  listFor(userId: string): Promise<PromptRow[]> {
    return this.select(userId)
      .where((eb) => eb.or([eb("p.scope", "!=", "personal"), eb("p.author_id", "=", userId)]))
      .execute() as Promise<PromptRow[]>;
  }

  byId(id: string, userId: string): Promise<PromptRow | undefined> {
    return this.select(userId).where("p.id", "=", id).executeTakeFirst() as Promise<
      PromptRow | undefined
    >;
  }

  async insert(row: PromptTable): Promise<void> {
    await this.db.insertInto("prompts").values(row).execute();
  }

  async update(id: string, changes: Partial<PromptTable>): Promise<void> {
    await this.db.updateTable("prompts").set(changes).where("id", "=", id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("prompts").where("id", "=", id).execute();
  }

  /** Adds one use, in one statement (two agents at once both count). */
  async countUse(id: string): Promise<number> {
    await this.db
      .updateTable("prompts")
      .set((eb) => ({ use_count: eb("use_count", "+", 1) }))
      .where("id", "=", id)
      .execute();
    const row = await this.db
      .selectFrom("prompts")
      .select("use_count")
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(row?.use_count ?? 0);
  }

  /** One rating per agent: a second one replaces the first. */
  async rate(promptId: string, userId: string, rating: number, at: string): Promise<void> {
    await this.db
      .insertInto("prompt_ratings")
      .values({ prompt_id: promptId, user_id: userId, rating, rated_at: at })
      .onConflict((conflict) =>
        conflict.columns(["prompt_id", "user_id"]).doUpdateSet({ rating, rated_at: at }),
      )
      .execute();
  }
}
