import type { Clock, Ids } from "../shared/clock.js";
import { DAY } from "../shared/clock.js";
import { AppError, conflict } from "../shared/errors.js";
import type { Database } from "../store/index.js";
import { BootstrapRepository } from "./bootstrap.repository.js";
import { checkPasswordLength, digest } from "./secrets.js";
import type { UsersRepository } from "./users.repository.js";
import { normaliseEmail, type User, type UsersService } from "./users.service.js";

/** How long a printed token stays valid. */
const TOKEN_LIFETIME_MS = DAY;

/**
 * First start has no default password: while no active administrator exists,
 * each start issues a one-time token (only its digest is stored) that creates
 * the first administrator through POST /api/bootstrap. Each issuance is its
 * own row, so that several instances starting at once do not cancel each
 * other's tokens; tokens expire after a day and all go once an administrator exists.
 */
export class BootstrapService {
  private readonly tokens: BootstrapRepository;

  constructor(
    private readonly deps: {
      db: Database;
      users: UsersRepository;
      usersService: UsersService;
      clock: Clock;
      ids: Ids;
    },
  ) {
    this.tokens = new BootstrapRepository(deps.db);
  }

  /** Whether the installation still waits for its first administrator (the sign-in page then offers to create it). */
  async awaitingFirstAdmin(): Promise<boolean> {
    return (await this.deps.users.countActiveAdmins()) === 0;
  }

  /** Returns a fresh token to print, or null when an administrator exists (every token is dropped). */
  async issueToken(): Promise<string | null> {
    if ((await this.deps.users.countActiveAdmins()) > 0) {
      await this.tokens.clear();
      return null;
    }
    const now = this.deps.clock.now();
    await this.tokens.purge(new Date(now.getTime() - TOKEN_LIFETIME_MS).toISOString());
    const token = this.deps.ids.secret(24);
    await this.tokens.insert({
      id: this.deps.ids.id(),
      token_hash: digest(token),
      created_at: now.toISOString(),
    });
    return token;
  }

  /**
   * Spends a token (once, even under concurrent calls) to create the first
   * administrator. The request is checked before the token is spent, and the
   * token is given back if the creation fails anyway, so that a mistake does
   * not use it up.
   */
  async createFirstAdmin(
    token: string,
    input: { email: string; displayName: string; password: string },
  ): Promise<User> {
    const { users, usersService, clock } = this.deps;
    if ((await users.countActiveAdmins()) > 0) throw conflict("bootstrap_done");
    checkPasswordLength(input.password);
    if (await users.byEmail(normaliseEmail(input.email))) throw conflict("user_exists");
    const notBefore = new Date(clock.now().getTime() - TOKEN_LIFETIME_MS).toISOString();
    const spent = await this.tokens.take(digest(token), notBefore);
    if (!spent) throw new AppError("bootstrap_invalid", 401);
    let admin: User;
    try {
      admin = await usersService.create({ ...input, roles: ["admin"] });
    } catch (error) {
      await this.tokens.insert(spent);
      throw error;
    }
    await this.tokens.clear();
    return admin;
  }
}
