import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "beffroi_session";

declare module "fastify" {
  interface FastifyInstance {
    /** Every cookie this server sets is Secure: its public address is https. */
    beffroiSecureCookies: boolean;
  }
}

/** Says once, when the server is built, whether every cookie it sets must be Secure. */
export function useSecureCookies(app: FastifyInstance, secure: boolean): void {
  app.decorate("beffroiSecureCookies", secure);
}

/**
 * Whether a cookie set on this request must be Secure: the request came over
 * TLS (directly or through a trusted proxy), or the public address is https.
 */
export function secureCookie(request: FastifyRequest): boolean {
  return request.protocol === "https" || request.server.beffroiSecureCookies === true;
}

/** HttpOnly, SameSite=Lax, and Secure whenever served over TLS or the public address is https. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookie(request),
    expires: expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookie(request),
  });
}
