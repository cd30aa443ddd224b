import { type MessageParams, t } from "../i18n/index.js";
import { ERROR_STATUS, type ErrorCode } from "./error-codes.js";

export type { ErrorCode } from "./error-codes.js";

/**
 * An error a user may see: a stable machine `code`, the HTTP status the code
 * always maps to (`ERROR_STATUS`), and a French message from the catalogue.
 * Anything that is not an AppError is an internal error and is never shown
 * as is.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly params: MessageParams = {},
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(t(`error.${code}`, params));
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

/** The error for `code`, with its message's parameters and optional details. */
export const appError = (code: ErrorCode, params?: MessageParams, details?: unknown) =>
  new AppError(code, params, details);

/** Too many requests: the response says, in `Retry-After`, when to try again. */
export const tooManyRequests = (
  code: "rate_limited" | "too_many_attempts",
  retryAfterSeconds: number,
  params?: MessageParams,
) => new AppError(code, params, undefined, { "retry-after": String(retryAfterSeconds) });
