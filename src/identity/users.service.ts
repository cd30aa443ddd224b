import type { AuditActor, AuditEvent, RecordAudit } from "../observatory/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { appError } from "../shared/errors.js";
import { isUniqueViolation } from "../store/index.js";
import type { DirectionsRepository } from "./directions.repository.js";
import type { Role } from "./permissions.js";
import { hashPassword } from "./secrets.js";
import type { InsertPrecondition, UserRow, UsersRepository } from "./users.repository.js";

/** A user as the API and the CLI present it: never a password hash. */
export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  direction: { id: string; path: string } | null;
  hasPassword: boolean;
  oidcLinked: boolean;
  disabledAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    direction: row.direction_id ? { id: row.direction_id, path: row.direction_path ?? "" } : null,
    hasPassword: row.password_hash !== null,
    oidcLinked: row.oidc_subject !== null,
    disabledAt: row.disabled_at,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export interface NewUser {
  email: string;
  displayName: string;
  roles: Role[];
  directionId?: string | null;
  password?: string;
  oidc?: { issuer: string; subject: string };
}

export interface UserChanges {
  displayName?: string;
  roles?: Role[];
  directionId?: string | null;
  disabled?: boolean;
  password?: string;
}

export class UsersService {
  constructor(
    private readonly deps: {
      users: UsersRepository;
      directions: DirectionsRepository;
      clock: Clock;
      ids: Ids;
      /** The audit log: account creation, roles, disabling, direction, password resets. */
      audit?: RecordAudit;
    },
  ) {}

  async list(): Promise<User[]> {
    return (await this.deps.users.list()).map(presentUser);
  }

  async get(id: string): Promise<User> {
    return presentUser(await this.row(id));
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.deps.users.byEmail(normaliseEmail(email));
    return row ? presentUser(row) : undefined;
  }

  /**
   * Creates an account; `by` is who does it, for the audit log (the caller's
   * default when absent). `precondition` runs in the transaction that inserts
   * the account, before it, and aborts it by throwing.
   */
  async create(input: NewUser, by?: AuditActor, precondition?: InsertPrecondition): Promise<User> {
    const email = normaliseEmail(input.email);
    if (input.directionId) await this.checkDirection(input.directionId);
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    const now = this.deps.clock.now().toISOString();
    const id = this.deps.ids.id();
    const roles = [...new Set(input.roles)].sort();
    try {
      await this.deps.users.insert(
        {
          id,
          email,
          display_name: input.displayName.trim(),
          password_hash: passwordHash,
          direction_id: input.directionId ?? null,
          oidc_issuer: input.oidc?.issuer ?? null,
          oidc_subject: input.oidc?.subject ?? null,
          disabled_at: null,
          last_login_at: null,
          created_at: now,
          updated_at: now,
        },
        roles,
        precondition,
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw appError("user_exists");
      throw error;
    }
    await this.deps.audit?.({
      action: "user.created",
      target: id,
      details: {
        roles,
        directionId: input.directionId ?? null,
        signIn: input.oidc ? "oidc" : passwordHash !== null ? "password" : "none",
      },
      ...(by && { actor: by }),
    });
    return this.get(id);
  }

  /**
   * Changes an account. Disabling or demoting the last active administrator
   * is refused; the check and the change happen in one transaction, so that
   * two administrators disabling each other at once leave one. Disabling
   * revokes the account's API keys and ends its sessions in that same
   * transaction, for good: enabling the account again does not revive them.
   * A password set here is a reset by someone else, and is audited (never the password).
   */
  async update(id: string, changes: UserChanges, by?: AuditActor): Promise<User> {
    const current = await this.row(id);
    const roles = changes.roles ? [...new Set(changes.roles)].sort() : undefined;
    const mayRemoveAdmin =
      changes.disabled === true || (roles !== undefined && !roles.includes("admin"));
    if (changes.directionId) await this.checkDirection(changes.directionId);
    const now = this.deps.clock.now().toISOString();
    const disabling = changes.disabled === true && current.disabled_at === null;
    const applied = await this.deps.users.update(
      id,
      {
        updated_at: now,
        ...(changes.displayName !== undefined && { display_name: changes.displayName.trim() }),
        ...(changes.directionId !== undefined && { direction_id: changes.directionId }),
        ...(changes.disabled !== undefined && {
          disabled_at: changes.disabled ? (current.disabled_at ?? now) : null,
        }),
        ...(changes.password !== undefined && {
          password_hash: await hashPassword(changes.password),
        }),
      },
      roles,
      { keepAnAdmin: mayRemoveAdmin, ...(disabling && { revokeCredentialsAt: now }) },
    );
    if (!applied) throw appError("last_admin");
    const revocations = applied.revokedApiKeys.map(
      (key): AuditEvent => ({
        action: "api-key.revoked",
        target: key,
        details: { ownerId: id, reason: "user-disabled" },
      }),
    );
    for (const event of [...accountEvents(current, changes, roles), ...revocations]) {
      await this.deps.audit?.({ ...event, ...(by && { actor: by }) });
    }
    return this.get(id);
  }

  /** A user's change of their own password: not an administrative action, so not audited. */
  async changeOwnPassword(id: string, password: string): Promise<void> {
    await this.row(id);
    await this.deps.users.update(id, {
      password_hash: await hashPassword(password),
      updated_at: this.deps.clock.now().toISOString(),
    });
  }

  /** Links an OIDC identity to an existing account (first ProConnect login of a pre-created user). */
  async linkOidc(id: string, oidc: { issuer: string; subject: string }): Promise<void> {
    await this.deps.users.update(id, {
      oidc_issuer: oidc.issuer,
      oidc_subject: oidc.subject,
      updated_at: this.deps.clock.now().toISOString(),
    });
  }

  async recordLogin(id: string): Promise<void> {
    await this.deps.users.update(id, { last_login_at: this.deps.clock.now().toISOString() });
  }

  private async row(id: string): Promise<UserRow> {
    const row = await this.deps.users.byId(id);
    if (!row) throw appError("user_not_found");
    return row;
  }

  private async checkDirection(id: string): Promise<void> {
    if (!(await this.deps.directions.byId(id)))
      throw appError("direction_not_found", { direction: id });
  }
}

/** What an account change did, as audit events: one per role granted or revoked, disabling, direction, password. */
function accountEvents(
  before: UserRow,
  changes: UserChanges,
  roles: Role[] | undefined,
): AuditEvent[] {
  const target = before.id;
  const events: AuditEvent[] = [];
  if (roles) {
    for (const role of roles.filter((role) => !before.roles.includes(role)))
      events.push({ action: "role.granted", target, details: { role } });
    for (const role of before.roles.filter((role) => !roles.includes(role)))
      events.push({ action: "role.revoked", target, details: { role } });
  }
  if (changes.disabled === true && before.disabled_at === null)
    events.push({ action: "user.disabled", target });
  if (changes.disabled === false && before.disabled_at !== null)
    events.push({ action: "user.enabled", target });
  if (changes.directionId !== undefined && changes.directionId !== before.direction_id)
    events.push({
      action: "user.direction-changed",
      target,
      details: { from: before.direction_id, to: changes.directionId },
    });
  if (changes.password !== undefined) events.push({ action: "user.password-reset", target });
  return events;
}
