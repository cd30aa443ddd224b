import { type RouteDefinition, route } from "../http/index.js";
import { auditActor } from "../observatory/index.js";
import type { AuthService } from "./auth.service.js";
import { IdParams, NewUserBody, UserChangesBody, UserSchema } from "./identity.schema.js";
import type { UsersService } from "./users.service.js";

export function usersRoutes(deps: { users: UsersService; auth: AuthService }): RouteDefinition[] {
  return [
    route({
      method: "GET",
      url: "/api/users",
      summary: "Lister les utilisateurs",
      tags: ["users"],
      access: "directory:read",
      response: UserSchema.array(),
      handler: async () => deps.users.list(),
    }),
    route({
      method: "GET",
      url: "/api/users/:id",
      summary: "Un utilisateur",
      tags: ["users"],
      access: "directory:read",
      params: IdParams,
      response: UserSchema,
      handler: async ({ params }) => deps.users.get(params.id),
    }),
    route({
      method: "POST",
      url: "/api/users",
      summary: "Créer un utilisateur",
      tags: ["users"],
      access: "directory:write",
      body: NewUserBody,
      response: UserSchema,
      status: 201,
      handler: async ({ principal, body }) => deps.users.create(body, auditActor(principal)),
    }),
    route({
      method: "PATCH",
      url: "/api/users/:id",
      summary: "Modifier un utilisateur (rôles, direction, désactivation, mot de passe)",
      tags: ["users"],
      access: "directory:write",
      params: IdParams,
      body: UserChangesBody,
      response: UserSchema,
      handler: async ({ principal, params, body }) => {
        const user = await deps.users.update(params.id, body, auditActor(principal));
        // A reset password must not keep open sessions (disabling ends them with the change).
        if (body.password !== undefined) await deps.auth.endSessions(params.id);
        return user;
      },
    }),
  ];
}
