/** The shapes of the API answers the page reads (the server's zod schemas are the reference). */
export type Permission =
  | "chat"
  | "knowledge:read"
  | "knowledge:write"
  | "assistants:write"
  | "directory:read"
  | "directory:write"
  | "settings:read"
  | "settings:write"
  | "audit:read";

export type Role = "agent" | "referent" | "auditor" | "admin";

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

export interface Session {
  user: User;
  permissions: Permission[];
  via: string;
  csrfToken: string | null;
}

export interface AuthProviders {
  password: boolean;
  oidc: { label: string; loginUrl: string } | null;
  firstAdministrator: boolean;
}

export interface CurrentCharter {
  version: number;
  title: string;
  yaml: string;
  charter: {
    title: string;
    principles: string;
    disclosure?: string;
    [key: string]: unknown;
  };
  createdAt: string;
  acceptedAt: string | null;
}

export type Sovereignty = "local" | "sovereign" | "extraterritorial";
