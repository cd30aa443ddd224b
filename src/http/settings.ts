import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { pendingMigrations, ping, type Store } from "../store/index.js";
import type { ServerOptions } from "./server.js";

const VERSION: string = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
).version;

/** The web page Vite builds (`npm run build`), beside src/ and dist/ alike. */
const WEB_ROOT = fileURLToPath(new URL("../../web/dist/", import.meta.url));

/**
 * The server's settings the configuration decides, its version, its page
 * (`webRoot`: null serves none) and its readiness against the store.
 */
export function serverSettings(
  config: Config,
  store: Store,
  webRoot: string | null = WEB_ROOT,
): Pick<
  ServerOptions,
  | "requestsPerMinute"
  | "trustedOrigins"
  | "bodyLimitBytes"
  | "checkResponses"
  | "trustProxy"
  | "readiness"
  | "uploads"
  | "version"
  | "corsOrigins"
  | "webRoot"
> {
  return {
    version: VERSION,
    corsOrigins: config.server.corsOrigins,
    webRoot,
    requestsPerMinute: config.rateLimit.requestsPerMinute,
    trustedOrigins: config.server.publicUrl ? [new URL(config.server.publicUrl).origin] : [],
    bodyLimitBytes: config.server.bodyLimitBytes,
    checkResponses: config.server.checkResponses,
    trustProxy: config.server.trustProxy,
    uploads: {
      maxFileBytes: config.knowledge.maxFileMegabytes * 1024 * 1024,
      maxFiles: config.knowledge.maxFilesPerUpload,
    },
    readiness: async () => {
      await ping(store).catch(() => {
        throw new Error(t("ready.database_unreachable"));
      });
      if ((await pendingMigrations(store)).length > 0)
        throw new Error(t("ready.migrations_pending"));
    },
  };
}
