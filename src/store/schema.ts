/**
 * Table types as Kysely sees them. Timestamps are ISO-8601 UTC strings on both
 * dialects so that every query is written once; booleans are nullable timestamps
 * (disabled_at, revoked_at), which also say when.
 */
export interface DirectionTable {
  id: string;
  name: string;
  parent_id: string | null;
  path: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  direction_id: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  disabled_at: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  auth_method: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiKeyTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the key, shown in lists so that an owner recognises it. */
  token_prefix: string;
  scopes: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface CounterTable {
  key: string;
  count: number;
  expires_at: string;
}

export interface BootstrapTokenTable {
  id: string;
  token_hash: string;
  created_at: string;
}

export interface OidcTransactionTable {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: string;
}

export interface Tables {
  directions: DirectionTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  counters: CounterTable;
  bootstrap_tokens: BootstrapTokenTable;
  oidc_transactions: OidcTransactionTable;
}
