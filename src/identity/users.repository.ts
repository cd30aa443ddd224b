import type { Kysely, Transaction } from "kysely";
import { type Database, locksRows, type Tables, type UserTable } from "../store/index.js";
import { ApiKeysRepository } from "./api-keys.repository.js";
import type { Role } from "./permissions.js";
import { SessionsRepository } from "./sessions.repository.js";

/** Thrown inside a transaction to roll it back when it would leave no administrator. */
const LAST_ADMIN = Symbol("last-admin");

export type UserRow = UserTable & { roles: Role[]; direction_path: string | null };

/** Runs first in the transaction that inserts a user; throwing aborts the insertion. */
export type InsertPrecondition = (db: Kysely<Tables>) => Promise<void>;

/** What an update did, when it was applied: the API keys it revoked. */
export interface UserUpdated {
  revokedApiKeys: string[];
}

/** The only place that speaks SQL about users and their roles. */
export class UsersRepository {
  /** `rowLocks`: admin rows are locked FOR UPDATE where the store can (see `Store.rowLocks`). */
  constructor(
    private readonly db: Database,
    private readonly rowLocks: boolean = locksRows(db),
  ) {}

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
    // Grouped once: a list of thousands of accounts is read in one pass, not one per account.
    const byUser = new Map<string, Role[]>();
    for (const { user_id, role } of roles)
      byUser.set(user_id, [...(byUser.get(user_id) ?? []), role as Role]);
    return rows.map((row) => ({ ...row, roles: byUser.get(row.id) ?? [] }));
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

  /** Inserts a user and their roles in one transaction, once `precondition` (in it) has passed. */
  async insert(user: UserTable, roles: Role[], precondition?: InsertPrecondition): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await precondition?.(trx);
      await trx.insertInto("users").values(user).execute();
      if (roles.length > 0) {
        await trx
          .insertInto("user_roles")
          .values(roles.map((role) => ({ user_id: user.id, role })))
          .execute();
      }
    });
  }

  /**
   * Applies the changes (and replaces the roles) in one transaction. With
   * `keepAnAdmin`, when an active administrator existed and none would remain,
   * nothing changes and the answer is undefined. The administrators' rows
   * are locked first on PostgreSQL, so that two administrators disabling each
   * other at once cannot both pass; SQLite runs one transaction at a time.
   * With `revokeCredentialsAt`, the user's API keys are revoked and their
   * sessions ended in the same transaction (the account is being disabled).
   */
  async update(
    id: string,
    changes: Partial<Omit<UserTable, "id">>,
    roles?: Role[],
    options: { keepAnAdmin?: boolean; revokeCredentialsAt?: string } = {},
  ): Promise<UserUpdated | undefined> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const adminsBefore = options.keepAnAdmin ? await this.lockActiveAdmins(trx) : [];
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
        if (adminsBefore.length > 0 && (await this.countActiveAdmins(trx)) === 0) {
          throw LAST_ADMIN;
        }
        const at = options.revokeCredentialsAt;
        if (at === undefined) return { revokedApiKeys: [] };
        await new SessionsRepository(trx).deleteForUser(id);
        return { revokedApiKeys: await new ApiKeysRepository(trx).revokeAllOf(id, at) };
      });
    } catch (error) {
      if (error === LAST_ADMIN) return undefined;
      throw error;
    }
  }

  /** Ids of the active administrators, their rows locked until the transaction ends (PostgreSQL). */
  private async lockActiveAdmins(trx: Transaction<Tables>): Promise<string[]> {
    let query = trx
      .selectFrom("users")
      .innerJoin("user_roles", "user_roles.user_id", "users.id")
      .select("users.id")
      .where("user_roles.role", "=", "admin")
      .where("users.disabled_at", "is", null);
    if (this.rowLocks) query = query.forUpdate();
    return (await query.execute()).map((row) => row.id);
  }

  /** Active administrators, to keep at least one. */
  async countActiveAdmins(db: Kysely<Tables> = this.db): Promise<number> {
    const row = await db
      .selectFrom("users")
      .innerJoin("user_roles", "user_roles.user_id", "users.id")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("user_roles.role", "=", "admin")
      .where("users.disabled_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
