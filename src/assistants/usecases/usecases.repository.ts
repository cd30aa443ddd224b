import type { Database, UseCaseTable, UseCaseVersionTable } from "../../store/index.js";

export type UseCaseRow = UseCaseTable & {
  owner_direction_path: string | null;
  yaml: string;
  source: string;
  author_id: string | null;
  version_created_at: string;
};

/** The only place that speaks SQL about the use-case catalogue. */
export class UseCasesRepository {
  constructor(private readonly db: Database) {}

  private select() {
    return this.db
      .selectFrom("use_cases as u")
      .innerJoin("use_case_versions as v", (join) =>
        join.onRef("v.use_case_id", "=", "u.id").onRef("v.revision", "=", "u.current_revision"),
      )
      .leftJoin("directions as d", "d.id", "u.owner_direction_id")
      .selectAll("u")
      .select([
        "d.path as owner_direction_path",
        "v.yaml",
        "v.source",
        "v.author_id",
        "v.created_at as version_created_at",
      ]);
  }

  list(): Promise<UseCaseRow[]> {
    return this.select().orderBy("u.id").execute();
  }

  byId(id: string): Promise<UseCaseRow | undefined> {
    return this.select().where("u.id", "=", id).executeTakeFirst();
  }

  versions(id: string): Promise<UseCaseVersionTable[]> {
    return this.db
      .selectFrom("use_case_versions")
      .selectAll()
      .where("use_case_id", "=", id)
      .orderBy("revision", "desc")
      .execute();
  }

  /** A new use case and its first version, together. */
  async insert(row: UseCaseTable, version: UseCaseVersionTable): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("use_cases").values(row).execute();
      await trx.insertInto("use_case_versions").values(version).execute();
    });
  }

  /**
   * A new version, made current; `changes` go on the use case. Two writers
   * of the same revision: the second breaks the primary key and nothing of
   * it is kept.
   */
  async addVersion(
    version: UseCaseVersionTable,
    changes: Partial<Omit<UseCaseTable, "id" | "current_revision">>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("use_case_versions").values(version).execute();
      await trx
        .updateTable("use_cases")
        .set({ ...changes, current_revision: version.revision, updated_at: version.created_at })
        .where("id", "=", version.use_case_id)
        .execute();
    });
  }

  async update(id: string, changes: Partial<Omit<UseCaseTable, "id">>): Promise<void> {
    await this.db.updateTable("use_cases").set(changes).where("id", "=", id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("use_case_versions").where("use_case_id", "=", id).execute();
      await trx.deleteFrom("use_cases").where("id", "=", id).execute();
    });
  }
}
