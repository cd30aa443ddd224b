import type { Clock, Ids } from "../shared/clock.js";
import { MINUTE } from "../shared/clock.js";
import { AppError, appError, tooManyRequests } from "../shared/errors.js";
import type { Counters } from "../store/index.js";
import type { Authentication } from "./principal.js";
import { principalOf } from "./principals.js";
import { decoyPasswordHash, digest, verifyPassword } from "./secrets.js";
import type { SessionsRepository } from "./sessions.repository.js";
import type { UserRow, UsersRepository } from "./users.repository.js";
import { normaliseEmail } from "./users.service.js";

export interface AuthSettings {
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  maxFailures: number;
  maxFailuresPerAddress: number;
  windowMinutes: number;
}

export interface NewSession {
  /** The cookie value; only its digest is stored. */
  token: string;
  csrfToken: string;
  userId: string;
  expiresAt: Date;
}

/** How long a session's last-seen time may lag, to spare a write per request. */
const TOUCH_EVERY_MS = MINUTE;

/** The per-account limit, across all addresses, is this many times the per-(account, address) one. */
const ACCOUNT_LIMIT_FACTOR = 4;

/** Password login with throttling, and server-side sessions with idle and absolute timeouts. */
export class AuthService {
  constructor(
    private readonly deps: {
      users: UsersRepository;
      sessions: SessionsRepository;
      counters: Counters;
      clock: Clock;
      ids: Ids;
      settings: AuthSettings;
    },
  ) {}

  /**
   * Checks an address and password. Unknown addresses, wrong passwords and
   * disabled accounts all answer `invalid_credentials` after the same work, so
   * that nobody can learn which addresses have an account.
   */
  async login(email: string, password: string, clientAddress: string): Promise<NewSession> {
    const user = await this.deps.users.byEmail(normaliseEmail(email));
    await this.attempt(email, clientAddress, async () => {
      const valid = await verifyPassword(
        user?.password_hash ?? (await decoyPasswordHash()),
        password,
      );
      return Boolean(user?.password_hash) && valid && user?.disabled_at === null;
    });
    return this.startSession((user as UserRow).id, "password");
  }

  /** Checks a signed-in user's current password (before a change), throttled like a login. */
  async checkPassword(userId: string, password: string, clientAddress: string): Promise<void> {
    const user = await this.deps.users.byId(userId);
    if (!user) throw new AppError("invalid_credentials");
    await this.attempt(user.email, clientAddress, async () =>
      user.password_hash ? verifyPassword(user.password_hash, password) : false,
    );
  }

  /**
   * Runs a credential check unless too many failed recently. Every attempt is
   * counted before the check, atomically, so that parallel attempts cannot all
   * slip under the limit; an attempt refused is given back, so that it does
   * not count towards any other limit. Three limits hold:
   * - per (account, address), the strict one (`maxFailures`): an attacker
   *   locks the account only for themselves;
   * - per account across all addresses (`maxFailures × 4`): a guess spread
   *   over many addresses stops there;
   * - per address (`maxFailuresPerAddress`): one address guessing many
   *   accounts. A success gives its hit back, so that a town hall's shared
   *   NAT address is not blocked by its agents' logins.
   */
  private async attempt(
    email: string,
    clientAddress: string,
    check: () => Promise<boolean>,
  ): Promise<void> {
    const { counters, clock, settings } = this.deps;
    const now = clock.now();
    const windowMs = settings.windowMinutes * MINUTE;
    const account = digest(normaliseEmail(email));
    const pairKey = `login:pair:${digest(`${account}|${clientAddress}`)}`;
    const accountKey = `login:account:${account}`;
    const addressKey = `login:address:${clientAddress}`;
    const limits: Array<[key: string, max: number]> = [
      [pairKey, settings.maxFailures],
      [accountKey, settings.maxFailures * ACCOUNT_LIMIT_FACTOR],
      [addressKey, settings.maxFailuresPerAddress],
    ];
    const counts = await Promise.all(limits.map(([key]) => counters.hit(key, windowMs, now)));
    const over = counts.filter((count, index) => count.count > (limits[index]?.[1] ?? 0));
    if (over.length > 0) {
      await Promise.all(limits.map(([key]) => counters.add(key, windowMs, now, -1)));
      const resetAt = Math.max(...over.map((count) => count.resetAt.getTime()));
      const seconds = Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000));
      throw tooManyRequests("too_many_attempts", seconds, { minutes: Math.ceil(seconds / 60) });
    }
    if (!(await check())) throw new AppError("invalid_credentials");
    await Promise.all([
      counters.reset(pairKey, windowMs, now),
      counters.reset(accountKey, windowMs, now),
      counters.add(addressKey, windowMs, now, -1),
    ]);
  }

  /** Opens a session after a login. */
  async startSession(userId: string, method: "password" | "oidc"): Promise<NewSession> {
    const session = await this.openSession(userId, method);
    await this.deps.users.update(userId, { last_login_at: this.deps.clock.now().toISOString() });
    return session;
  }

  /** Ends every session of the user and opens a fresh one (after a password change). */
  async renewSessions(userId: string): Promise<NewSession> {
    await this.deps.sessions.deleteForUser(userId);
    return this.openSession(userId, "password");
  }

  private async openSession(userId: string, method: "password" | "oidc"): Promise<NewSession> {
    const now = this.deps.clock.now();
    const token = this.deps.ids.secret(32);
    const csrfToken = this.deps.ids.secret(24);
    const expiresAt = new Date(
      now.getTime() + this.deps.settings.absoluteTimeoutHours * 60 * MINUTE,
    );
    await this.deps.sessions.insert({
      id: digest(token),
      user_id: userId,
      csrf_token: csrfToken,
      auth_method: method,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    });
    return { token, csrfToken, userId, expiresAt };
  }

  /** Resolves a session cookie; an expired or unknown session is `session_expired`. */
  async authenticateSession(token: string): Promise<Authentication> {
    const { sessions, clock, settings } = this.deps;
    const id = digest(token);
    const session = await sessions.byId(id);
    if (!session) throw appError("session_expired");
    const now = clock.now();
    const idleLimit =
      new Date(session.last_seen_at).getTime() + settings.idleTimeoutMinutes * MINUTE;
    if (now.getTime() >= idleLimit || now.toISOString() >= session.expires_at) {
      await sessions.delete(id);
      throw appError("session_expired");
    }
    const user = await this.activeUser(session.user_id);
    if (!user) {
      await sessions.delete(id);
      throw appError("session_expired");
    }
    if (now.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
      await sessions.touch(id, now.toISOString());
    }
    return {
      principal: principalOf(user, "session"),
      sessionId: id,
      csrfToken: session.csrf_token,
    };
  }

  async logout(sessionId: string): Promise<void> {
    await this.deps.sessions.delete(sessionId);
  }

  /** Ends a user's other sessions, e.g. after a password change or when an admin disables them. */
  async endSessions(userId: string, exceptSessionId?: string): Promise<void> {
    await this.deps.sessions.deleteForUser(userId, exceptSessionId);
  }

  async purge(): Promise<void> {
    const now = this.deps.clock.now();
    const idleBefore = new Date(now.getTime() - this.deps.settings.idleTimeoutMinutes * MINUTE);
    await this.deps.sessions.purge(idleBefore.toISOString(), now.toISOString());
    await this.deps.counters.purge(now);
  }

  private async activeUser(id: string): Promise<UserRow | undefined> {
    const user = await this.deps.users.byId(id);
    return user && user.disabled_at === null ? user : undefined;
  }
}
