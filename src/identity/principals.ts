import { type Permission, permissionsOf } from "./permissions.js";
import type { Principal } from "./principal.js";
import type { UserRow } from "./users.repository.js";

/** Builds the principal of an active user; an API key's scopes narrow the roles' permissions. */
export function principalOf(
  user: UserRow,
  via: Principal["via"],
  key?: { id: string; scopes: readonly string[] },
): Principal {
  let permissions: Permission[] = permissionsOf(user.roles);
  if (key) permissions = permissions.filter((permission) => key.scopes.includes(permission));
  return {
    userId: user.id,
    displayName: user.display_name,
    email: user.email,
    directionId: user.direction_id,
    directionPath: user.direction_path,
    roles: user.roles,
    permissions,
    via,
    ...(key && { apiKeyId: key.id }),
  };
}
