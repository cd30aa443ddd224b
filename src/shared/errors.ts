import { hasMessage, type MessageParams, t } from "../i18n/index.js";

/**
 * An error a user may see: a stable machine `code`, the HTTP status it maps to,
 * and a French message from the catalogue. Anything that is not an AppError is
 * an internal error and is never shown as is.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: MessageParams = {},
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    const key = `error.${code}`;
    super(hasMessage(key) ? t(key, params) : code);
    this.name = "AppError";
  }
}

export const badRequest = (code: string, params?: MessageParams, details?: unknown) =>
  new AppError(code, 400, params, details);
export const unauthenticated = (code = "unauthenticated") => new AppError(code, 401);
export const forbidden = (code = "forbidden", params?: MessageParams) =>
  new AppError(code, 403, params);
export const notFound = (code: string, params?: MessageParams) => new AppError(code, 404, params);
export const conflict = (code: string, params?: MessageParams) => new AppError(code, 409, params);
export const tooManyRequests = (code: string, retryAfterSeconds: number, params?: MessageParams) =>
  new AppError(code, 429, params, undefined, { "retry-after": String(retryAfterSeconds) });
