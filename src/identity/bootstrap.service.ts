import type { Clock, Ids } from "../shared/clock.js";
import { AppError, conflict } from "../shared/errors.js";
import type { Database } from "../store/index.js";
import { digest } from "./secrets.js";
import type { UsersRepository } from "./users.repository.js";
import type { User, UsersService } from "./users.service.js";

const TOKEN_ID = "first-admin";

/**
 * First start has no default password: while no active administrator exists,
 * each start issues a one-time token (only its digest is stored) that creates
 * the first administrator through POST /api/bootstrap.
 */
export class BootstrapService {
  constructor(
    private readonly deps: {
      db: Database;
      users: UsersRepository;
      usersService: UsersService;
      clock: Clock;
      ids: Ids;
    },
  ) {}

  /** Returns a fresh token to print, or null when an administrator exists (any old token is dropped). */
  async issueToken(): Promise<string | null> {
    const { db } = this.deps;
    await db.deleteFrom("bootstrap_tokens").execute();
    if ((await this.deps.users.countActiveAdmins()) > 0) return null;
    const token = this.deps.ids.secret(24);
    await db
      .insertInto("bootstrap_tokens")
      .values({
        id: TOKEN_ID,
        token_hash: digest(token),
        created_at: this.deps.clock.now().toISOString(),
      })
      .execute();
    return token;
  }

  /** Spends the token (once, even under concurrent calls) to create the first administrator. */
  async createFirstAdmin(
    token: string,
    input: { email: string; displayName: string; password: string },
  ): Promise<User> {
    if ((await this.deps.users.countActiveAdmins()) > 0) throw conflict("bootstrap_done");
    const spent = await this.deps.db
      .deleteFrom("bootstrap_tokens")
      .where("id", "=", TOKEN_ID)
      .where("token_hash", "=", digest(token))
      .executeTakeFirst();
    if (Number(spent.numDeletedRows) !== 1) throw new AppError("bootstrap_invalid", 401);
    return this.deps.usersService.create({ ...input, roles: ["admin"] });
  }
}
