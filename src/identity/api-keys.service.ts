import { type AuditActor, auditActor, type RecordAudit } from "../observatory/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { DAY, MINUTE } from "../shared/clock.js";
import { AppError, appError } from "../shared/errors.js";
import type { ApiKeyTable } from "../store/index.js";
import type { ApiKeysRepository } from "./api-keys.repository.js";
import { type Permission, permissionsOf } from "./permissions.js";
import type { Authentication, Principal } from "./principal.js";
import { principalOf } from "./principals.js";
import { digest } from "./secrets.js";
import type { UsersRepository } from "./users.repository.js";

/** Every key starts with this, so that secret scanners and people recognise a leaked one. */
export const API_KEY_PREFIX = "bfr_";

export interface ApiKey {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: Permission[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const present = (row: ApiKeyTable): ApiKey => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  prefix: row.token_prefix,
  scopes: row.scopes.split(" ").filter(Boolean) as Permission[],
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  lastUsedAt: row.last_used_at,
});

/** API keys for scripts and third-party tools: shown once, stored as a digest, scoped, expiring, revocable. */
export class ApiKeysService {
  constructor(
    private readonly deps: {
      apiKeys: ApiKeysRepository;
      users: UsersRepository;
      clock: Clock;
      ids: Ids;
      settings: { defaultLifetimeDays: number; maxLifetimeDays: number };
      /** The audit log: keys created and revoked (never the key itself). */
      audit?: RecordAudit;
    },
  ) {}

  /**
   * Creates a key for `userId`; the returned `token` is the only copy there
   * will ever be. `by` is who creates it, for the audit log.
   */
  async create(
    userId: string,
    input: { name: string; scopes: Permission[]; expiresInDays?: number },
    by?: AuditActor,
  ): Promise<{ key: ApiKey; token: string }> {
    const user = await this.deps.users.byId(userId);
    if (!user) throw appError("user_not_found");
    // A disabled account gets no new key: it would outlive the disable.
    if (user.disabled_at !== null) throw appError("account_disabled");
    const allowed = permissionsOf(user.roles);
    const refused = input.scopes.find((scope) => !allowed.includes(scope));
    if (refused) throw appError("api_key_scope_not_allowed", { scope: refused });
    const { defaultLifetimeDays, maxLifetimeDays } = this.deps.settings;
    const days = input.expiresInDays ?? defaultLifetimeDays;
    if (!Number.isInteger(days) || days < 1 || days > maxLifetimeDays) {
      throw appError("api_key_lifetime", { max: maxLifetimeDays });
    }
    const now = this.deps.clock.now();
    const token = `${API_KEY_PREFIX}${this.deps.ids.secret(32)}`;
    const row: ApiKeyTable = {
      id: this.deps.ids.id(),
      user_id: userId,
      name: input.name.trim(),
      token_hash: digest(token),
      token_prefix: token.slice(0, API_KEY_PREFIX.length + 6),
      scopes: [...new Set(input.scopes)].sort().join(" "),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + days * DAY).toISOString(),
      revoked_at: null,
      last_used_at: null,
    };
    await this.deps.apiKeys.insert(row);
    await this.deps.audit?.({
      action: "api-key.created",
      target: row.id,
      details: { ownerId: userId, scopes: row.scopes.split(" "), expiresAt: row.expires_at },
      ...(by && { actor: by }),
    });
    return { key: present(row), token };
  }

  /**
   * Keys of one user, or every key ("all", for the CLI). A principal sees their
   * own keys, or everyone's with `all` when they may read the directory.
   */
  async list(scope: Principal | { userId: string } | "all", all = false): Promise<ApiKey[]> {
    let userId: string | undefined;
    if (scope === "all") userId = undefined;
    else if ("permissions" in scope)
      userId = all && scope.permissions.includes("directory:read") ? undefined : scope.userId;
    else userId = scope.userId;
    return (await this.deps.apiKeys.list(userId)).map(present);
  }

  /** Revokes a key of one's own, or anyone's for an administrator. Revoking twice is harmless. */
  async revoke(principal: Principal | "cli", id: string): Promise<ApiKey> {
    const row = await this.deps.apiKeys.byId(id);
    const mayManage = principal === "cli" || principal.permissions.includes("directory:write");
    if (!row || (!mayManage && row.user_id !== principal.userId))
      throw appError("api_key_not_found");
    await this.deps.apiKeys.revoke(id, this.deps.clock.now().toISOString());
    if (row.revoked_at === null) {
      await this.deps.audit?.({
        action: "api-key.revoked",
        target: id,
        details: { ownerId: row.user_id },
        actor: auditActor(principal),
      });
    }
    return present((await this.deps.apiKeys.byId(id)) as ApiKeyTable);
  }

  /** Resolves a bearer token; unknown, expired, revoked keys and disabled owners all get `invalid_api_key`. */
  async authenticate(token: string): Promise<Authentication> {
    // Built only when thrown: an error's stack costs more than the rest of a valid key's check.
    const invalid = () => new AppError("invalid_api_key");
    if (!token.startsWith(API_KEY_PREFIX)) throw invalid();
    const row = await this.deps.apiKeys.byHash(digest(token));
    const now = this.deps.clock.now();
    if (!row || row.revoked_at !== null || row.expires_at <= now.toISOString()) throw invalid();
    const user = await this.deps.users.byId(row.user_id);
    if (!user || user.disabled_at !== null) throw invalid();
    const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
    if (now.getTime() - lastUsed >= MINUTE)
      await this.deps.apiKeys.touch(row.id, now.toISOString());
    return {
      principal: principalOf(user, "api-key", { id: row.id, scopes: row.scopes.split(" ") }),
    };
  }
}
