export { ApiKeysRepository } from "./api-keys.repository.js";
export { apiKeysRoutes } from "./api-keys.routes.js";
export { API_KEY_PREFIX, type ApiKey, ApiKeysService } from "./api-keys.service.js";
export { authRoutes } from "./auth.routes.js";
export { AuthService, type AuthSettings, type NewSession } from "./auth.service.js";
export { BootstrapService } from "./bootstrap.service.js";
export { DirectionsRepository } from "./directions.repository.js";
export { directionsRoutes } from "./directions.routes.js";
export {
  type Direction,
  DirectionsService,
  PATH_SEPARATOR,
  parseDirectionPath,
  within,
} from "./directions.service.js";
export { oidcRoutes } from "./oidc.routes.js";
export { OidcService } from "./oidc.service.js";
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
export { checkPasswordLength, sameSecret } from "./secrets.js";
export { SessionsRepository } from "./sessions.repository.js";
export { UsersRepository } from "./users.repository.js";
export { usersRoutes } from "./users.routes.js";
export { normaliseEmail, type User, UsersService } from "./users.service.js";
