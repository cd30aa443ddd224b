export { ApiKeysRepository } from "./api-keys.repository.js";
export { API_KEY_PREFIX, type ApiKey, ApiKeysService } from "./api-keys.service.js";
export { AuthService, type AuthSettings, type NewSession } from "./auth.service.js";
export { BootstrapService } from "./bootstrap.service.js";
export { DirectionsRepository } from "./directions.repository.js";
export {
  type Direction,
  DirectionsService,
  PATH_SEPARATOR,
  parseDirectionPath,
} from "./directions.service.js";
export {
  isPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  permissionsOf,
  ROLES,
  type Role,
} from "./permissions.js";
export { type Authentication, can, type Principal } from "./principal.js";
export { principalOf } from "./principals.js";
export { checkPasswordLength } from "./secrets.js";
export { SessionsRepository } from "./sessions.repository.js";
export { UsersRepository } from "./users.repository.js";
export { normaliseEmail, type User, UsersService } from "./users.service.js";
