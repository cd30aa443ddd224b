import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { t } from "../i18n/index.js";
import { AppError } from "../shared/errors.js";
import { corsHook } from "./cors.js";
import { errorHandler } from "./errors.js";
import { type GateDeps, registerRoutes } from "./gate.js";
import { openApiDocument } from "./openapi.js";
import type { RouteDefinition } from "./route.js";
import { requestId, securityHeaders } from "./security.js";
import { useSecureCookies } from "./session-cookie.js";
import { isPagePath, registerWebPage } from "./web.js";

export interface ServerOptions extends GateDeps {
  routes: RouteDefinition[];
  bodyLimitBytes: number;
  /**
   * Which hops' X-Forwarded-* headers to believe, as Fastify takes it: false,
   * true (every hop), a hop count, or the proxies' addresses and CIDR ranges.
   */
  trustProxy: boolean | number | string[];
  /** The entry point's logger (see shared/log.ts): request lines and failures go through it. */
  log: FastifyBaseLogger;
  version: string;
  /** Multipart uploads (knowledge documents): per-file size and file count limits. */
  uploads: { maxFileBytes: number; maxFiles: number };
  /** Throws (with a reason) when the service cannot take traffic: database down, migrations pending. */
  readiness(): Promise<void>;
  /** Origins whose pages may call /v1 with an API key (CORS); none by default. */
  corsOrigins: readonly string[];
  /** The built web page (web/dist), served on the same port; null serves none. */
  webRoot: string | null;
}

/**
 * Fastify takes booleans and address lists as they are, but reads a bare hop
 * count as "trust nothing" (it cannot check the peer): a count is turned into
 * the function it stands for, with the same caveat as `true`.
 */
function trustedHops(trustProxy: ServerOptions["trustProxy"]) {
  if (typeof trustProxy !== "number") return trustProxy;
  return (_address: string, hop: number) => hop < trustProxy;
}

/**
 * Assembles the HTTP server. Request logging is our own single line per
 * request (method, route pattern, status, duration, principal id): never a
 * query string, a body or a header value, which may carry personal data.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.log,
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: "requestId",
    }),
    bodyLimit: options.bodyLimitBytes,
    trustProxy: trustedHops(options.trustProxy),
    genReqId: requestId,
  });
  await app.register(cookie);
  // A file over the limit is cut there and refused by name; the rest of the batch goes on.
  await app.register(multipart, {
    limits: {
      fileSize: options.uploads.maxFileBytes,
      files: options.uploads.maxFiles,
      fields: 20,
      parts: options.uploads.maxFiles + 20,
    },
    throwFileSizeLimit: false,
  });
  // The API speaks JSON only: anything else is refused with 415 rather than half-understood.
  app.removeContentTypeParser("text/plain");
  // Except a definition file sent as it is (a use case's YAML): the body becomes `{ yaml }`,
  // which only the routes taking such a file accept.
  app.addContentTypeParser(
    ["application/yaml", "text/yaml"],
    { parseAs: "string" },
    (_request, body, done) => done(null, { yaml: body }),
  );
  app.addHook("onRequest", securityHeaders);
  app.addHook("onRequest", corsHook(options.corsOrigins));
  app.decorateRequest("principalId", null);
  // The trusted origin is the public address (server.publicUrl): when it is https, cookies are
  // Secure even if the hop in front of Beffroi speaks plain http.
  useSecureCookies(
    app,
    options.trustedOrigins.some((origin) => origin.startsWith("https://")),
  );
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? "(none)",
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
        ...(request.principalId !== null && { principalId: request.principalId }),
      },
      "request-completed",
    );
  });
  app.setErrorHandler(errorHandler(options.bodyLimitBytes));
  const page = registerWebPage(app, options.webRoot);
  app.setNotFoundHandler(async (request, reply) => {
    if ((request.method === "GET" || request.method === "HEAD") && isPagePath(request.url))
      return page(request, reply);
    throw new AppError("route_not_found", {
      method: request.method,
      url: request.url.split("?")[0] ?? "",
    });
  });

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    try {
      await options.readiness();
      return { status: "ready" };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return reply
        .status(503)
        .send({ error: { code: "not_ready", message: t("error.not_ready", { reason }) } });
    }
  });
  const document = openApiDocument(options.routes, options.version);
  app.get("/api/openapi.json", async () => document);

  registerRoutes(app, options.routes, options);
  return app;
}
