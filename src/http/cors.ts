import type { FastifyReply, FastifyRequest } from "fastify";
import { appError } from "../shared/errors.js";

/** What a page of another origin may read of an answer: Beffroi's account of it, and the limits. */
const EXPOSED = [
  "x-request-id",
  "x-beffroi-provider",
  "x-beffroi-model",
  "x-beffroi-sovereignty",
  "x-beffroi-overhead-ms",
  "x-beffroi-ignored",
  "retry-after",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
].join(", ");

/** Request headers a preflight may ask for: echoed when each is a plain header name, bounded. */
const HEADER_LIST = /^[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+){0,49}$/;

/**
 * CORS for the OpenAI-compatible API (`/v1/…`): off unless an administrator
 * lists origins (`server.corsOrigins`). A listed origin's pages may call it
 * with an API key (`Authorization: Bearer`); no cookie is ever allowed across
 * origins (no `Access-Control-Allow-Credentials`), so the page's session
 * stays on its own origin. A preflight from another origin is refused with
 * a code that says where the list is.
 */
export function corsHook(origins: readonly string[]) {
  const allowed = new Set(origins);
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    const origin = request.headers.origin;
    if (!request.url.startsWith("/v1/") || origin === undefined) return undefined;
    if (!allowed.has(origin)) {
      if (request.method === "OPTIONS") throw appError("cors_origin_not_allowed", { origin });
      return undefined;
    }
    reply.header("access-control-allow-origin", origin);
    reply.header("vary", "Origin");
    reply.header("access-control-expose-headers", EXPOSED);
    reply.header("cross-origin-resource-policy", "cross-origin");
    if (request.method !== "OPTIONS") return undefined;
    const asked = request.headers["access-control-request-headers"];
    reply.header("access-control-allow-methods", "GET, POST, OPTIONS");
    reply.header(
      "access-control-allow-headers",
      typeof asked === "string" && HEADER_LIST.test(asked.trim())
        ? asked.trim()
        : "authorization, content-type",
    );
    reply.header("access-control-max-age", "600");
    return reply.status(204).send();
  };
}
