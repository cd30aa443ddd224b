import { z } from "zod";
import { PERMISSIONS, ROLES } from "./permissions.js";

export const Email = z.email().max(254);
/** Length is checked by the service (8 to 128 characters as the user counts them); here only a sanity bound. */
export const Password = z.string().max(1024);
export const DisplayName = z.string().trim().min(1).max(200);
export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);
export const IdParams = z.object({ id: z.string().min(1).max(100) });

export const LoginBody = z.object({ email: z.string().trim().min(1).max(254), password: Password });
export const PasswordChangeBody = z.object({ currentPassword: Password, newPassword: Password });
export const BootstrapBody = z.object({
  token: z.string().min(1).max(200),
  email: Email,
  displayName: DisplayName,
  password: Password,
});

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  direction: z.object({ id: z.string(), path: z.string() }).nullable(),
  hasPassword: z.boolean(),
  oidcLinked: z.boolean(),
  disabledAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const NewUserBody = z.object({
  email: Email,
  displayName: DisplayName,
  roles: z.array(RoleSchema).min(1).default(["agent"]),
  directionId: z.string().min(1).nullable().optional(),
  password: Password.optional(),
});

export const UserChangesBody = z
  .object({
    displayName: DisplayName,
    roles: z.array(RoleSchema).min(1),
    directionId: z.string().min(1).nullable(),
    disabled: z.boolean(),
    password: Password,
  })
  .partial()
  .strict();

export const SessionSchema = z.object({
  user: UserSchema,
  permissions: z.array(PermissionSchema),
  via: z.enum(["session", "api-key", "cli"]),
  csrfToken: z.string().nullable(),
});

export const DirectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  path: z.string(),
});
export const NewDirectionBody = z.object({
  path: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .describe("Chemin complet, par exemple « Pôle solidarités > CCAS > Accueil »"),
});

export const ApiKeySchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(PermissionSchema),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const NewApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(PermissionSchema).min(1),
  expiresInDays: z.number().int().positive().optional(),
});
export const ApiKeyListQuery = z.object({
  all: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
});
