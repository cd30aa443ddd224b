import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { t } from "./i18n/index.js";

z.config(z.locales.fr());

export const ROLES = ["agent", "referent", "admin", "auditor"] as const;

const boolish = z.preprocess(
  (value) =>
    value === "true" || value === "1" ? true : value === "false" || value === "0" ? false : value,
  z.boolean(),
);
const positiveInt = z.coerce.number().int().positive();

const OidcSchema = z
  .object({
    provider: z.enum(["proconnect", "generic"]).default("generic"),
    label: z.string().min(1).optional(),
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1).optional(),
    clientSecretFile: z.string().min(1).optional(),
    redirectUri: z.url().optional(),
    scopes: z.string().optional(),
    /** Claim whose value names the user's direction (e.g. a Keycloak group, ProConnect's siret). */
    directionClaim: z.string().min(1).optional(),
    /** Claim value → direction path ("Pôle solidarités > CCAS"); unmapped values are looked up as paths. */
    directionMap: z.record(z.string(), z.string()).default({}),
    defaultRoles: z.array(z.enum(ROLES)).default(["agent"]),
    createUsers: boolish.default(true),
    /** ProConnect answers userinfo as a signed JWT; generic providers usually as JSON. */
    userinfoSigned: boolish.optional(),
  })
  .transform((oidc) => {
    const proconnect = oidc.provider === "proconnect";
    return {
      ...oidc,
      label: oidc.label ?? (proconnect ? "ProConnect" : "SSO"),
      scopes:
        oidc.scopes ??
        (proconnect ? "openid email given_name usual_name siret uid" : "openid email profile"),
      userinfoSigned: oidc.userinfoSigned ?? proconnect,
    };
  });

export const ConfigSchema = z.object({
  dataDir: z.string().min(1).default("./data"),
  server: z
    .object({
      host: z.string().min(1).default("127.0.0.1"),
      port: z.coerce.number().int().min(0).max(65535).default(8080),
      /** The address agents use, e.g. https://ia.mairie.fr; needed behind a proxy and for OIDC. */
      publicUrl: z.url().optional(),
      trustProxy: boolish.default(false),
      bodyLimitBytes: positiveInt.default(1_048_576),
    })
    .prefault({}),
  database: z
    .object({
      /** postgres://… for PostgreSQL; sqlite:PATH or nothing for the embedded file. */
      url: z
        .string()
        .regex(/^(postgres(ql)?:\/\/|sqlite:)/, "postgres://… ou sqlite:CHEMIN attendu")
        .optional(),
    })
    .prefault({}),
  log: z
    .object({
      level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    })
    .prefault({}),
  session: z
    .object({
      idleTimeoutMinutes: positiveInt.default(60),
      absoluteTimeoutHours: positiveInt.default(12),
    })
    .prefault({}),
  login: z
    .object({
      maxFailures: positiveInt.default(5),
      maxFailuresPerAddress: positiveInt.default(50),
      windowMinutes: positiveInt.default(15),
    })
    .prefault({}),
  rateLimit: z
    .object({
      requestsPerMinute: positiveInt.default(600),
    })
    .prefault({}),
  apiKeys: z
    .object({
      defaultLifetimeDays: positiveInt.default(90),
      maxLifetimeDays: positiveInt.default(365),
    })
    .prefault({}),
  knowledge: z
    .object({
      maxFileMegabytes: positiveInt.default(20),
      maxFilesPerUpload: positiveInt.default(50),
      /** How long a worker holds an ingestion job without renewing it; a dead worker's jobs resume after this. */
      jobLeaseSeconds: positiveInt.default(60),
      pollSeconds: positiveInt.default(2),
      /** Load the demo base (a fictional commune's reception desk) on first start, when no base exists. */
      demo: boolish.default(true),
    })
    .prefault({}),
  oidc: OidcSchema.optional(),
});

export type Config = z.infer<typeof ConfigSchema>;
export type OidcConfig = NonNullable<Config["oidc"]>;

/** Every problem found in the configuration, listed at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `${t("config.invalid", { count: problems.length })}\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

const ENV_ALIASES: Record<string, string[]> = {
  BEFFROI_HOST: ["server", "host"],
  BEFFROI_PORT: ["server", "port"],
  BEFFROI_PUBLIC_URL: ["server", "publicUrl"],
  BEFFROI_DATA_DIR: ["dataDir"],
  BEFFROI_DATABASE_URL: ["database", "url"],
  BEFFROI_LOG_LEVEL: ["log", "level"],
};

const camel = (snake: string) =>
  snake.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Maps BEFFROI_* variables onto the configuration tree: the aliases above, and
 * BEFFROI_SECTION__KEY for everything else (BEFFROI_SESSION__IDLE_TIMEOUT_MINUTES).
 */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith("BEFFROI_") || value === undefined || name === "BEFFROI_CONFIG") continue;
    const keys = ENV_ALIASES[name] ?? name.slice("BEFFROI_".length).split("__").map(camel);
    let node = tree;
    for (const key of keys.slice(0, -1)) {
      if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys.at(-1) as string] = value;
  }
  return tree;
}

function merge(base: unknown, over: unknown): unknown {
  if (typeof base !== "object" || base === null || Array.isArray(base)) return over;
  if (typeof over !== "object" || over === null || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) out[key] = merge(out[key], value);
  return out;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Path to the YAML file; defaults to $BEFFROI_CONFIG or ./beffroi.yaml when present; null reads none. */
  file?: string | null;
  cwd?: string;
}

/** Reads beffroi.yaml (optional) then BEFFROI_* variables; throws a ConfigError listing every problem. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit =
    options.file === null ? undefined : options.file || env.BEFFROI_CONFIG || undefined;
  const file = path.resolve(cwd, explicit ?? "beffroi.yaml");
  const problems: string[] = [];
  let fromFile: unknown = {};
  if (options.file !== null && (explicit !== undefined || existsSync(file))) {
    try {
      fromFile = parseYaml(readFileSync(file, "utf8")) ?? {};
    } catch (error) {
      problems.push(
        t("config.yaml_invalid", { file, reason: (error as Error).message.split("\n")[0] ?? "" }),
      );
    }
  }
  const parsed = ConfigSchema.safeParse(merge(fromFile, configFromEnv(env)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${issue.path.join(".") || "(racine)"} : ${issue.message}`);
  }
  const config = parsed.success ? parsed.data : undefined;
  if (config?.oidc) {
    const { clientSecretFile } = config.oidc;
    if (clientSecretFile && !config.oidc.clientSecret) {
      try {
        config.oidc.clientSecret = readFileSync(path.resolve(cwd, clientSecretFile), "utf8").trim();
      } catch (error) {
        problems.push(
          t("config.secret_missing", {
            path: "oidc.clientSecretFile",
            reason: (error as NodeJS.ErrnoException).code ?? "?",
          }),
        );
      }
    }
    if (!config.oidc.redirectUri && !config.server.publicUrl) {
      problems.push("oidc.redirectUri : requis (ou server.publicUrl) pour la connexion OIDC");
    }
  }
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  config.dataDir = path.resolve(cwd, config.dataDir);
  return config;
}

/** The database address actually used: the configured one, or the embedded SQLite file. */
export function databaseUrl(config: Config): string {
  return config.database.url ?? `sqlite:${path.join(config.dataDir, "beffroi.db")}`;
}

const SECRET_KEY = /secret|password|token|key$/i;

/** The configuration with secrets and database passwords masked, for `doctor` and logs. */
export function maskConfig(config: Config): unknown {
  const mask = (value: unknown, key: string): unknown => {
    if (typeof value === "string") {
      if (SECRET_KEY.test(key)) return "********";
      return value.replace(/(\/\/[^:/@]+:)[^@]+@/, "$1********@");
    }
    if (Array.isArray(value)) return value.map((item) => mask(item, key));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, k)]));
    }
    return value;
  };
  return mask({ ...config, database: { url: databaseUrl(config) } }, "");
}
