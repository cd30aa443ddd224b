import type { ModuleContext } from "../context.js";
import { identifyStage } from "../pipeline/index.js";
import { Counters } from "../store/index.js";
import { ApiKeysRepository } from "./api-keys.repository.js";
import { apiKeysRoutes } from "./api-keys.routes.js";
import { ApiKeysService } from "./api-keys.service.js";
import { authRoutes } from "./auth.routes.js";
import { AuthService } from "./auth.service.js";
import { BootstrapService } from "./bootstrap.service.js";
import { DirectionsRepository } from "./directions.repository.js";
import { directionsRoutes } from "./directions.routes.js";
import { DirectionsService } from "./directions.service.js";
import { oidcRoutes } from "./oidc.routes.js";
import { OidcService } from "./oidc.service.js";
import { SessionsRepository } from "./sessions.repository.js";
import { UsersRepository } from "./users.repository.js";
import { usersRoutes } from "./users.routes.js";
import { UsersService } from "./users.service.js";

/** Users, directions, sessions, API keys and OIDC sign-in; the pipeline's identify stage. */
export function identityModule({ config, store, clock, ids, audit }: ModuleContext) {
  const counters = new Counters(store.db);
  const directionsRepository = new DirectionsRepository(store.db);
  const usersRepository = new UsersRepository(store.db, store.rowLocks);
  const directions = new DirectionsService({ directions: directionsRepository, clock, ids });
  const users = new UsersService({
    users: usersRepository,
    directions: directionsRepository,
    clock,
    ids,
    audit,
  });
  const auth = new AuthService({
    users: usersRepository,
    sessions: new SessionsRepository(store.db),
    counters,
    clock,
    ids,
    settings: { ...config.session, ...config.login },
  });
  const apiKeys = new ApiKeysService({
    apiKeys: new ApiKeysRepository(store.db),
    users: usersRepository,
    clock,
    ids,
    settings: config.apiKeys,
    audit,
  });
  const bootstrap = new BootstrapService({
    db: store.db,
    users: usersRepository,
    usersService: users,
    clock,
    ids,
  });
  const oidc = config.oidc
    ? new OidcService({
        config: config.oidc,
        publicUrl: config.server.publicUrl,
        db: store.db,
        users,
        usersRepository,
        directions,
        auth,
        clock,
        ids,
      })
    : undefined;
  const authenticator = {
    session: (token: string) => auth.authenticateSession(token),
    apiKey: (token: string) => apiKeys.authenticate(token),
  };
  const identify = identifyStage((credential) =>
    credential.kind === "api-key"
      ? authenticator.apiKey(credential.token)
      : authenticator.session(credential.token),
  );
  return {
    services: { counters, directions, users, auth, apiKeys, bootstrap, oidc, identify },
    authenticator,
    stages: { identify },
    previewStages: { identify },
    ports: {
      directions,
      /** A direction's path, for the assistants bound to it. */
      directionPath: async (id: string) => (await directionsRepository.byId(id))?.path,
      userExists: async (id: string) => (await usersRepository.byId(id)) !== undefined,
      findUserByEmail: (email: string) => users.findByEmail(email),
      /** Every account, for the observatory's adoption figures (who never used Beffroi). */
      accounts: () => users.list(),
    },
    routes: [
      ...authRoutes({ auth, users, bootstrap, oidcLabel: config.oidc?.label ?? null }),
      ...(oidc ? oidcRoutes({ oidc }) : []),
      ...usersRoutes({ users, auth }),
      ...directionsRoutes({ directions }),
      ...apiKeysRoutes({ apiKeys }),
    ],
  };
}
