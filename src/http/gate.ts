import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Authentication } from "../identity/index.js";
import { sameSecret } from "../identity/index.js";
import type { Clock } from "../shared/clock.js";
import { MINUTE } from "../shared/clock.js";
import { AppError, appError, tooManyRequests } from "../shared/errors.js";
import type { Counters } from "../store/index.js";
import type { RouteDefinition } from "./route.js";
import { SESSION_COOKIE } from "./session-cookie.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who made the request (a user id, or an API key id), for the request log; null when anonymous. */
    principalId: string | null;
  }
}

/** How the gate turns a credential into an authentication; each throws a 401 AppError when it is not valid. */
export interface Authenticator {
  session(token: string): Promise<Authentication>;
  apiKey(token: string): Promise<Authentication>;
}

export interface GateDeps {
  authenticator: Authenticator;
  counters: Counters;
  clock: Clock;
  requestsPerMinute: number;
  /** Origins a browser may write from besides the request's own (the public URL). */
  trustedOrigins: string[];
  /** Checks each answer against its route's response schema (the test suite; see config). */
  checkResponses?: boolean;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Throws when a route's answer does not match its response schema: a
 * programming error, never the caller's (a 500, logged with the route and
 * the paths at fault, never the values). Run when `checkResponses` is on.
 */
export function checkResponse(definition: RouteDefinition, result: unknown): void {
  if (!definition.response) return;
  const checked = definition.response.safeParse(result);
  if (checked.success) return;
  const paths = checked.error.issues.map((issue) => `${issue.path.join(".")} ${issue.code}`);
  throw new Error(
    `response of ${definition.method} ${definition.url} does not match its schema: ${paths.join("; ")}`,
  );
}

async function authenticate(
  request: FastifyRequest,
  authenticator: Authenticator,
): Promise<Authentication | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError("invalid_api_key");
    return authenticator.apiKey(match[1]);
  }
  const token = request.cookies[SESSION_COOKIE];
  return token ? authenticator.session(token) : null;
}

/**
 * A browser write must come from our own origin; a cookie-authenticated write
 * must also carry the session's CSRF token (the page reads it from
 * /api/auth/session). Public routes (login, logout, bootstrap, OIDC) act on no
 * session's behalf, so a live cookie there needs no token: logging in again
 * with one must work. API keys are not sent by browsers on their own, so they
 * need neither.
 */
function checkCsrf(
  request: FastifyRequest,
  auth: Authentication | null,
  definition: RouteDefinition,
  trustedOrigins: string[],
): void {
  if (!UNSAFE.has(request.method)) return;
  // A key comes with the request because its caller put it there: no page can borrow it.
  if (auth?.principal.via === "api-key") return;
  const origin = request.headers.origin;
  if (
    origin !== undefined &&
    origin !== `${request.protocol}://${request.host}` &&
    !trustedOrigins.includes(origin)
  ) {
    throw appError("csrf_failed");
  }
  if (auth?.csrfToken === undefined || definition.access === "public") return;
  const given = request.headers["x-csrf-token"];
  if (typeof given !== "string" || !sameSecret(given, auth.csrfToken)) {
    throw appError("csrf_failed");
  }
}

async function rateLimit(
  request: FastifyRequest,
  reply: FastifyReply,
  auth: Authentication | null,
  deps: GateDeps,
) {
  const principal = auth?.principal;
  const key = principal
    ? `rate:${principal.apiKeyId ?? principal.userId}`
    : `rate:address:${request.ip}`;
  const now = deps.clock.now();
  const { count, resetAt } = await deps.counters.hit(key, MINUTE, now);
  const remaining = Math.max(0, deps.requestsPerMinute - count);
  const seconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
  reply.header("ratelimit-limit", deps.requestsPerMinute);
  reply.header("ratelimit-remaining", remaining);
  reply.header("ratelimit-reset", seconds);
  if (count > deps.requestsPerMinute) throw tooManyRequests("rate_limited", seconds, { seconds });
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (where === "body" ? undefined : {}));
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    // A field the schema does not know is named, not its parent object.
    field: [
      where,
      ...issue.path,
      ...(issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : []),
    ].join("."),
    message: issue.message,
  }));
  throw appError(
    "invalid_request",
    { details: issues.map((issue) => `${issue.field} : ${issue.message}`).join(" ; ") },
    issues,
  );
}

/** Registers routes behind one gate: authenticate, check CSRF, authorize, rate limit, validate, then call. */
export function registerRoutes(
  app: FastifyInstance,
  routes: RouteDefinition[],
  deps: GateDeps,
): void {
  for (const definition of routes) {
    app.route({
      method: definition.method,
      url: definition.url,
      handler: async (request, reply) => {
        // Rate limit first, by principal or by address, so that floods of bad credentials are limited too.
        let auth: Authentication | null = null;
        let failure: unknown;
        try {
          auth = await authenticate(request, deps.authenticator);
        } catch (error) {
          failure = error;
        }
        if (auth) request.principalId = auth.principal.apiKeyId ?? auth.principal.userId;
        await rateLimit(request, reply, auth, deps);
        if (definition.access !== "public") {
          if (failure) throw failure;
          if (!auth) throw appError("unauthenticated");
        }
        checkCsrf(request, auth, definition, deps.trustedOrigins);
        const principal = auth?.principal;
        if (principal && definition.sessionOnly && principal.via === "api-key")
          throw appError("forbidden");
        if (definition.access !== "public" && definition.access !== "authenticated" && principal) {
          if (!principal.permissions.includes(definition.access)) {
            throw principal.via === "api-key"
              ? appError("api_key_scope", { scope: definition.access })
              : appError("forbidden");
          }
        }
        const result = await definition.handler({
          body: parse(definition.body, request.body, "body"),
          query: parse(definition.query, request.query, "query"),
          params: parse(definition.params, request.params, "params"),
          auth,
          get principal() {
            if (!principal) throw appError("unauthenticated");
            return principal;
          },
          request,
          reply,
        } as never);
        if (reply.sent) return reply;
        if (deps.checkResponses) checkResponse(definition, result);
        reply.status(definition.status ?? 200);
        return definition.status === 204 ? reply.send() : reply.send(result);
      },
    });
  }
}
