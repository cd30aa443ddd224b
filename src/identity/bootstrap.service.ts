import type { Clock, Ids } from "../shared/clock.js";
import { DAY } from "../shared/clock.js";
import { AppError, appError } from "../shared/errors.js";
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
   * Spends a token to create the first administrator, exactly once even when
   * several instances race: the token check, the absence of an administrator
   * and the creation happen in one transaction that first spends every token
   * (see `BootstrapRepository.spendAll`), so a concurrent call waits, then
   * gets `bootstrap_done`. A refused request rolls back and spends nothing.
   */
  async createFirstAdmin(
    token: string,
    input: { email: string; displayName: string; password: string },
  ): Promise<User> {
    const { users, usersService, clock } = this.deps;
    if ((await users.countActiveAdmins()) > 0) throw appError("bootstrap_done");
    checkPasswordLength(input.password);
    if (await users.byEmail(normaliseEmail(input.email))) throw appError("user_exists");
    const tokenHash = digest(token);
    const notBefore = new Date(clock.now().getTime() - TOKEN_LIFETIME_MS).toISOString();
    // Checked before the password is hashed, so that a wrong token costs the server nothing. A
    // token spent meanwhile by another instance's first administrator: that one won the race.
    if (!(await this.tokens.exists(tokenHash, notBefore))) {
      if ((await users.countActiveAdmins()) > 0) throw appError("bootstrap_done");
      throw invalidToken();
    }
    return usersService.create({ ...input, roles: ["admin"] }, undefined, async (trx) => {
      const spent = await new BootstrapRepository(trx).spendAll();
      if ((await users.countActiveAdmins(trx)) > 0) throw appError("bootstrap_done");
      if (!spent.some((row) => row.token_hash === tokenHash && row.created_at > notBefore))
        throw invalidToken();
    });
  }
}

const invalidToken = () => new AppError("bootstrap_invalid");
