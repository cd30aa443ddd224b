import { z } from "zod";
import {
  clearSessionCookie,
  type RouteDefinition,
  route,
  setSessionCookie,
} from "../http/index.js";
import type { AuthService } from "./auth.service.js";
import type { BootstrapService } from "./bootstrap.service.js";
import {
  BootstrapBody,
  LoginBody,
  PasswordChangeBody,
  SessionSchema,
  UserSchema,
} from "./identity.schema.js";
import type { Principal } from "./principal.js";
import type { UsersService } from "./users.service.js";

export interface AuthRoutesDeps {
  auth: AuthService;
  users: UsersService;
  bootstrap: BootstrapService;
  /** The configured identity provider's label and login address, if any. */
  oidcLabel: string | null;
}

const PasswordChangedSchema = z.object({ ok: z.literal(true), csrfToken: z.string() });

export function authRoutes(deps: AuthRoutesDeps): RouteDefinition[] {
  const session = async (principal: Principal, csrfToken: string | null) => ({
    user: await deps.users.get(principal.userId),
    permissions: principal.permissions,
    via: principal.via,
    csrfToken,
  });

  return [
    route({
      method: "GET",
      url: "/api/auth/providers",
      summary: "Moyens de connexion proposés",
      tags: ["auth"],
      access: "public",
      response: z.object({
        password: z.boolean(),
        oidc: z.object({ label: z.string(), loginUrl: z.string() }).nullable(),
        /** No administrator exists yet: the page offers to create one with the bootstrap token. */
        firstAdministrator: z.boolean(),
      }),
      handler: async () => ({
        password: true,
        firstAdministrator: await deps.bootstrap.awaitingFirstAdmin(),
        oidc: deps.oidcLabel ? { label: deps.oidcLabel, loginUrl: "/api/auth/oidc/login" } : null,
      }),
    }),
    route({
      method: "POST",
      url: "/api/auth/login",
      summary: "Connexion par adresse électronique et mot de passe",
      tags: ["auth"],
      access: "public",
      body: LoginBody,
      response: SessionSchema,
      handler: async ({ body, auth, request, reply }) => {
        const started = await deps.auth.login(body.email, body.password, request.ip);
        // Logging in again with a live cookie replaces that session rather than leaving it behind.
        if (auth?.sessionId) await deps.auth.logout(auth.sessionId);
        setSessionCookie(request, reply, started.token, started.expiresAt);
        const { principal } = await deps.auth.authenticateSession(started.token);
        return session(principal, started.csrfToken);
      },
    }),
    route({
      method: "POST",
      url: "/api/auth/logout",
      summary: "Déconnexion (fin de la session)",
      tags: ["auth"],
      access: "public",
      status: 204,
      handler: async ({ auth, request, reply }) => {
        if (auth?.sessionId) await deps.auth.logout(auth.sessionId);
        clearSessionCookie(request, reply);
      },
    }),
    route({
      method: "GET",
      url: "/api/auth/session",
      summary: "Session en cours : utilisateur, permissions, jeton CSRF",
      tags: ["auth"],
      access: "authenticated",
      response: SessionSchema,
      handler: async ({ auth, principal }) => session(principal, auth?.csrfToken ?? null),
    }),
    route({
      method: "POST",
      url: "/api/auth/password",
      summary:
        "Changer son mot de passe : met fin à toutes ses sessions et en ouvre une nouvelle (nouveau cookie, nouveau jeton CSRF)",
      tags: ["auth"],
      access: "authenticated",
      sessionOnly: true,
      body: PasswordChangeBody,
      response: PasswordChangedSchema,
      handler: async ({ body, principal, request, reply }) => {
        await deps.auth.checkPassword(principal.userId, body.currentPassword, request.ip);
        await deps.users.changeOwnPassword(principal.userId, body.newPassword);
        // Whoever held the old cookie, this session included, is out: the browser gets a new one.
        const renewed = await deps.auth.renewSessions(principal.userId);
        setSessionCookie(request, reply, renewed.token, renewed.expiresAt);
        return { ok: true as const, csrfToken: renewed.csrfToken };
      },
    }),
    route({
      method: "POST",
      url: "/api/bootstrap",
      summary:
        "Créer le premier administrateur avec le jeton d'initialisation affiché au démarrage",
      tags: ["auth"],
      access: "public",
      body: BootstrapBody,
      response: UserSchema,
      status: 201,
      handler: async ({ body }) => deps.bootstrap.createFirstAdmin(body.token, body),
    }),
  ];
}
