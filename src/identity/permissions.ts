/** The roles a user may hold; the configuration (OIDC default roles) draws from this list too. */
export const ROLES = ["agent", "referent", "admin", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a principal may do. API key scopes are drawn from the same list, so a
 * key can never do more than its owner's roles allow.
 */
export const PERMISSIONS = [
  "chat",
  "knowledge:read",
  "knowledge:write",
  "assistants:write",
  "directory:read",
  "directory:write",
  "settings:read",
  "settings:write",
  "audit:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BY_ROLE: Record<Role, readonly Permission[]> = {
  agent: ["chat", "knowledge:read"],
  referent: ["chat", "knowledge:read", "knowledge:write", "assistants:write"],
  // The DPO's seat: reads everything an audit needs, writes nothing.
  auditor: ["knowledge:read", "directory:read", "settings:read", "audit:read"],
  admin: PERMISSIONS,
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const granted = new Set(roles.flatMap((role) => BY_ROLE[role]));
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
export const isPermission = (value: string): value is Permission =>
  (PERMISSIONS as readonly string[]).includes(value);
