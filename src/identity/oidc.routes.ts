import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type RouteDefinition, route, secureCookie, setSessionCookie } from "../http/index.js";
import { OidcLoginError, type OidcService } from "./oidc.service.js";

/** Holds the state a browser started its login with, so that nobody can finish it in their place. */
const TRANSACTION_COOKIE = "beffroi_oidc";

const lenient = z.string().optional().catch(undefined);

/** Name and code of what went wrong, and the provider's protocol error code: never tokens or claims. */
function describe(error: unknown): Record<string, string> | undefined {
  if (error === undefined) return undefined;
  if (!(error instanceof Error)) return { name: typeof error };
  const { code, error: providerError } = error as { code?: unknown; error?: unknown };
  return {
    name: error.name,
    ...(typeof code === "string" && { code }),
    ...(typeof providerError === "string" &&
      /^[a-z_]{1,64}$/.test(providerError) && { providerError }),
  };
}

/** Sends the browser back to the page with a stable code the page turns into a sentence. */
function fail(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof OidcLoginError) {
    const { code, reason, cause } = error;
    request.log.warn({ code, reason, cause: describe(cause) }, "oidc-login-failed");
    return reply.redirect(`/?login_error=${error.code}`);
  }
  request.log.error({ code: "oidc_failed", cause: describe(error) }, "oidc-login-failed");
  return reply.redirect("/?login_error=oidc_failed");
}

export function oidcRoutes({ oidc }: { oidc: OidcService }): RouteDefinition[] {
  const cookieOptions = (request: FastifyRequest) => ({
    path: oidc.callbackPath,
    httpOnly: true,
    sameSite: "lax" as const,
    secure: secureCookie(request),
  });

  return [
    route({
      method: "GET",
      url: "/api/auth/oidc/login",
      summary: "Connexion via le fournisseur d'identité (redirection vers celui-ci)",
      tags: ["auth"],
      access: "public",
      query: z.object({ returnTo: lenient.describe("Chemin de Beffroi où revenir ensuite") }),
      status: 302,
      handler: async ({ query, request, reply }) => {
        try {
          const started = await oidc.begin(query.returnTo);
          reply.setCookie(TRANSACTION_COOKIE, started.state, {
            ...cookieOptions(request),
            expires: started.expiresAt,
          });
          return reply.redirect(started.url);
        } catch (error) {
          return fail(request, reply, error);
        }
      },
    }),
    route({
      method: "GET",
      url: "/api/auth/oidc/callback",
      summary: "Retour du fournisseur d'identité : ouvre la session (redirection)",
      tags: ["auth"],
      access: "public",
      query: z.object({ code: lenient, state: lenient, error: lenient }),
      status: 302,
      handler: async ({ request, reply }) => {
        const boundState = request.cookies[TRANSACTION_COOKIE];
        reply.clearCookie(TRANSACTION_COOKIE, cookieOptions(request));
        try {
          // The raw query string: openid-client checks it whole (duplicates, iss, error).
          const search = request.url.includes("?")
            ? request.url.slice(request.url.indexOf("?"))
            : "";
          const { session, returnTo } = await oidc.complete(search, boundState);
          setSessionCookie(request, reply, session.token, session.expiresAt);
          return reply.redirect(returnTo);
        } catch (error) {
          return fail(request, reply, error);
        }
      },
    }),
  ];
}
