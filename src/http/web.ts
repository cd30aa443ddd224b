import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { t } from "../i18n/index.js";

interface WebFile {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json"]);

/** Every file of the built page, read once at start (a few hundred kilobytes), gzipped once. */
function load(root: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const extension = path.extname(entry.name);
      const body = readFileSync(full);
      files.set(`/${path.relative(root, full).split(path.sep).join("/")}`, {
        body,
        gzip: COMPRESSIBLE.has(extension) ? gzipSync(body, { level: 9 }) : null,
        type: TYPES[extension] ?? "application/octet-stream",
      });
    }
  };
  walk(root);
  return files;
}

function send(request: FastifyRequest, reply: FastifyReply, file: WebFile, cache: string) {
  reply.header("cache-control", cache).header("vary", "accept-encoding").type(file.type);
  const accepts = request.headers["accept-encoding"];
  if (file.gzip && typeof accepts === "string" && /\bgzip\b/.test(accepts))
    return reply.header("content-encoding", "gzip").send(file.gzip);
  return reply.send(file.body);
}

/** Paths the page answers itself: anything that is not the API, /v1 or a file. */
export function isPagePath(url: string): boolean {
  const pathname = url.split("?")[0] ?? "";
  if (pathname.startsWith("/api/") || pathname === "/api" || pathname.startsWith("/v1/"))
    return false;
  return !path.posix.basename(pathname).includes(".");
}

/**
 * Serves the web page built by Vite (web/dist) from the same process and port
 * as the API: hashed assets cached for a year, the page itself revalidated on
 * every visit, and every page address (/conversations/42…) answered with the
 * page, whose router takes it from there. Returns a function that answers page
 * addresses, for the not-found handler; when the page is not built, it says
 * so in French with the command that builds it.
 */
export function registerWebPage(
  app: FastifyInstance,
  root: string | null,
): (request: FastifyRequest, reply: FastifyReply) => FastifyReply {
  const files = root && existsSync(path.join(root, "index.html")) ? load(root) : null;
  const index = files?.get("/index.html");
  if (files)
    app.get("/assets/*", async (request, reply) => {
      const file = files.get((request.url.split("?")[0] ?? "").replace(/^\/+/, "/"));
      if (!file)
        return reply.code(404).type("text/plain; charset=utf-8").send(t("web.asset_not_found"));
      return send(request, reply, file, "public, max-age=31536000, immutable");
    });
  return (request, reply) => {
    if (!index)
      return reply
        .code(503)
        .header("cache-control", "no-store")
        .type("text/plain; charset=utf-8")
        .send(t("web.not_built"));
    return send(request, reply, index, "no-cache");
  };
}
