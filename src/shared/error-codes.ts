/**
 * Every error code the API answers with, and its HTTP status: one table, so
 * that a code always means the same status wherever it is raised. Each code
 * has its French message `error.<code>` in the catalogue (a test checks both
 * ways). Add a code here, then its message, then raise it with `appError`.
 */
export const ERROR_STATUS = {
  // 400: the request is wrong; the message says what to change.
  aids_duplicate_id: 400,
  aids_field_invalid: 400,
  aids_file_empty: 400,
  aids_file_not_utf8: 400,
  aids_find_empty: 400,
  aids_line_not_json: 400,
  api_key_lifetime: 400,
  assistant_model_unknown: 400,
  charter_invalid: 400,
  charter_yaml: 400,
  content_not_supported: 400,
  context_too_long: 400,
  guard_names_columns: 400,
  guard_names_count: 400,
  guard_names_empty: 400,
  guard_names_format: 400,
  guard_names_kind_mismatch: 400,
  guard_names_none_kept: 400,
  guard_names_quote: 400,
  impact_input_invalid: 400,
  impact_zone_unknown: 400,
  invalid_json: 400,
  invalid_request: 400,
  knowledge_base_unknown: 400,
  message_not_rateable: 400,
  message_not_validatable: 400,
  no_files: 400,
  owner_direction_required: 400,
  password_length: 400,
  provider_key_file_refused: 400,
  provider_key_reentry: 400,
  provider_key_variable_refused: 400,
  tools_not_supported: 400,
  // 401: who is asking is not known.
  bootstrap_invalid: 401,
  invalid_api_key: 401,
  invalid_credentials: 401,
  session_expired: 401,
  unauthenticated: 401,
  // 403: known, but not allowed (or the charter refuses).
  account_disabled: 403,
  api_key_scope: 403,
  api_key_scope_not_allowed: 403,
  assistant_not_manageable: 403,
  csrf_failed: 403,
  embeddings_blocked: 403,
  forbidden: 403,
  turn_denied: 403,
  // 404: what the request names does not exist (or may not be seen).
  api_key_not_found: 404,
  assistant_not_found: 404,
  charter_template_unknown: 404,
  charter_version_unknown: 404,
  conversation_not_found: 404,
  direction_not_found: 404,
  document_not_found: 404,
  knowledge_base_not_found: 404,
  message_not_found: 404,
  model_unknown: 404,
  passage_not_found: 404,
  provider_not_found: 404,
  route_not_found: 404,
  user_not_found: 404,
  // 409: the state does not allow it now.
  assistant_default: 409,
  assistant_exists: 409,
  bootstrap_done: 409,
  charter_conflict: 409,
  direction_exists: 409,
  direction_has_members: 409,
  document_not_quarantined: 409,
  knowledge_base_exists: 409,
  last_admin: 409,
  provider_exists: 409,
  user_exists: 409,
  // 413, 415: too large, or not a format the route reads.
  aids_file_too_large: 413,
  aids_line_too_long: 413,
  aids_too_many_lines: 413,
  payload_too_large: 413,
  too_many_files: 413,
  upload_too_large: 413,
  unsupported_media_type: 415,
  // 429: too many requests; the response says when to retry.
  rate_limited: 429,
  too_many_attempts: 429,
  // 499: the client went away (nginx's convention; logged, rarely seen).
  request_cancelled: 499,
  // 5xx: Beffroi or what it depends on failed.
  internal: 500,
  model_interrupted: 502,
  provider_unreachable: 502,
  turn_failed: 502,
  guard_failed: 503,
  guard_timeout: 503,
  not_ready: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];
