import type { Permission, Role } from "./permissions.js";

/** Who is asking: a user, through a session, an API key or the local CLI. */
export interface Principal {
  userId: string;
  displayName: string;
  email: string;
  directionId: string | null;
  directionPath: string | null;
  roles: Role[];
  /** Effective permissions: the roles' permissions, narrowed by the API key's scopes. */
  permissions: Permission[];
  via: "session" | "api-key" | "cli";
  apiKeyId?: string;
}

/** A resolved credential: the principal and what the HTTP layer needs to check writes. */
export interface Authentication {
  principal: Principal;
  sessionId?: string;
  csrfToken?: string;
}

export const can = (principal: Principal, permission: Permission): boolean =>
  principal.permissions.includes(permission);
