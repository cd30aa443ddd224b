import type { Database, UserTable } from "../store/index.js";
import type { Role } from "./permissions.js";

export type UserRow = UserTable & { roles: Role[]; direction_path: string | null };

/** The only place that speaks SQL about users and their roles. */
export class UsersRepository {
  constructor(private readonly db: Database) {}

  private base() {
    return this.db
      .selectFrom("users")
      .leftJoin("directions", "directions.id", "users.direction_id")
      .selectAll("users")
      .select("directions.path as direction_path");
  }

  private async withRoles(
    rows: (UserTable & { direction_path: string | null })[],
  ): Promise<UserRow[]> {
    if (rows.length === 0) return [];
    const roles = await this.db
      .selectFrom("user_roles")
      .select(["user_id", "role"])
      .where(
        "user_id",
        "in",
        rows.map((row) => row.id),
      )
      .orderBy("role")
      .execute();
    return rows.map((row) => ({
      ...row,
      roles: roles.filter((r) => r.user_id === row.id).map((r) => r.role as Role),
    }));
  }

  async list(): Promise<UserRow[]> {
    return this.withRoles(await this.base().orderBy("users.email").execute());
  }

  async byId(id: string): Promise<UserRow | undefined> {
    return (await this.withRoles(await this.base().where("users.id", "=", id).execute()))[0];
  }

  async byEmail(email: string): Promise<UserRow | undefined> {
    return (await this.withRoles(await this.base().where("users.email", "=", email).execute()))[0];
  }

  async byOidc(issuer: string, subject: string): Promise<UserRow | undefined> {
    const rows = await this.base()
      .where("users.oidc_issuer", "=", issuer)
      .where("users.oidc_subject", "=", subject)
      .execute();
    return (await this.withRoles(rows))[0];
  }

  /** Inserts a user and their roles in one transaction. */
  async insert(user: UserTable, roles: Role[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("users").values(user).execute();
      if (roles.length > 0) {
        await trx
          .insertInto("user_roles")
          .values(roles.map((role) => ({ user_id: user.id, role })))
          .execute();
      }
    });
  }

  async update(id: string, changes: Partial<Omit<UserTable, "id">>, roles?: Role[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (Object.keys(changes).length > 0) {
        await trx.updateTable("users").set(changes).where("id", "=", id).execute();
      }
      if (roles) {
        await trx.deleteFrom("user_roles").where("user_id", "=", id).execute();
        if (roles.length > 0) {
          await trx
            .insertInto("user_roles")
            .values(roles.map((role) => ({ user_id: id, role })))
            .execute();
        }
      }
    });
  }

  /** Active administrators, to keep at least one. */
  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom("users")
      .innerJoin("user_roles", "user_roles.user_id", "users.id")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("user_roles.role", "=", "admin")
      .where("users.disabled_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
