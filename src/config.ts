import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ENTITY_TYPES } from "./guard/entity.js";
import { t } from "./i18n/index.js";
import { ROLES } from "./identity/permissions.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./providers/model-provider.js";
import { ProviderSchema } from "./providers/provider.schema.js";
import {
  DEFAULT_KEY_VARIABLES,
  isOwnVariable,
  KEY_VARIABLE_PATTERN,
  settleProviderKeys,
} from "./providers/provider-keys.js";

z.config(z.locales.fr());

const boolish = z.preprocess(
  (value) =>
    value === "true" || value === "1" ? true : value === "false" || value === "0" ? false : value,
  z.boolean(),
);
const positiveInt = z.coerce.number().int().positive();

/** proxy-addr's names for address ranges, which Fastify accepts besides addresses and CIDRs. */
const PROXY_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address (10.0.0.5, ::1), a CIDR range (10.0.0.0/8) or one of PROXY_RANGES. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = "", bits, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return (
    bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
  );
}

/**
 * Which hops to believe for X-Forwarded-*: false (none, the default), the
 * proxies' addresses and ranges ("127.0.0.1, 10.0.0.0/8", the safe choice), or
 * true (every hop) or a hop count, both safe only when the port is reachable
 * from the proxy alone, since they believe whoever connects.
 */
const trustProxy = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value;
    const text = value.trim();
    if (text === "true" || text === "false") return text === "true";
    if (/^\d+$/.test(text)) return Number(text);
    return text.split(",").map((entry) => entry.trim());
  },
  z.union(
    [
      z.boolean(),
      z.number().int().min(0),
      z
        .array(
          z.string().refine(isProxyAddress, {
            error: (issue) => t("config.proxy_address", { value: String(issue.input) }),
          }),
        )
        .min(1),
    ],
    { error: () => t("config.trust_proxy") },
  ),
);

const OidcSchema = z
  .strictObject({
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
    /**
     * Whether an e-mail without `email_verified: true` may link or create an
     * account: on for ProConnect, whose addresses come from the agents' own
     * identity providers; off for generic providers.
     */
    trustEmail: boolish.optional(),
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
      trustEmail: oidc.trustEmail ?? proconnect,
    };
  });

/** Origins (`https://outil.mairie.fr`), as a list or comma-separated in a variable; each kept as its origin. */
const originList = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .split(",")
          .map((origin) => origin.trim())
          .filter(Boolean)
      : value,
  z.array(z.url().transform((address) => new URL(address).origin)),
);

/** Comma-separated in a variable, a list in the file: host names or addresses, lower case. */
const hostList = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .split(",")
          .map((host) => host.trim())
          .filter(Boolean)
      : value,
  z.array(
    z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:_-]+$/)
      .transform((host) => host.toLowerCase()),
  ),
);

export const ConfigSchema = z.strictObject({
  dataDir: z.string().min(1).default("./data"),
  server: z
    .strictObject({
      host: z.string().min(1).default("127.0.0.1"),
      port: z.coerce.number().int().min(0).max(65535).default(8080),
      /** The address agents use, e.g. https://ia.mairie.fr; needed behind a proxy and for OIDC. */
      publicUrl: z.url().optional(),
      trustProxy: trustProxy.default(false),
      bodyLimitBytes: positiveInt.default(1_048_576),
      /**
       * Checks every answer against its route's response schema before it
       * leaves, and fails the request (500) when it does not match: on in the
       * test suite, so that the OpenAPI document and the page's types cannot
       * drift from what the API sends; off in production (it costs a parse).
       */
      checkResponses: boolish.default(false),
      /**
       * Origins whose web pages may call the OpenAI-compatible API (/v1) with an
       * API key, from a browser (CORS); none by default.
       */
      corsOrigins: originList.default([]),
    })
    .prefault({}),
  database: z
    .strictObject({
      /** postgres://… for PostgreSQL; sqlite:PATH or nothing for the embedded file. */
      url: z
        .string()
        .regex(/^(postgres(ql)?:\/\/|sqlite:)/, { error: () => t("config.database_url") })
        .optional(),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    })
    .prefault({}),
  session: z
    .strictObject({
      idleTimeoutMinutes: positiveInt.default(60),
      absoluteTimeoutHours: positiveInt.default(12),
    })
    .prefault({}),
  login: z
    .strictObject({
      maxFailures: positiveInt.default(5),
      maxFailuresPerAddress: positiveInt.default(50),
      windowMinutes: positiveInt.default(15),
    })
    .prefault({}),
  rateLimit: z
    .strictObject({
      requestsPerMinute: positiveInt.default(600),
    })
    .prefault({}),
  apiKeys: z
    .strictObject({
      defaultLifetimeDays: positiveInt.default(90),
      maxLifetimeDays: positiveInt.default(365),
    })
    .prefault({}),
  knowledge: z
    .strictObject({
      maxFileMegabytes: positiveInt.default(20),
      /** Files in one upload: a whole folder of notes goes in at once. */
      maxFilesPerUpload: positiveInt.default(500),
      /** All the files of one upload together: what one upload may hold in memory before it is stored. */
      maxUploadMegabytes: positiveInt.default(1000),
      /** How long a worker holds an ingestion job without renewing it; a dead worker's jobs resume after this. */
      jobLeaseSeconds: positiveInt.default(60),
      pollSeconds: positiveInt.default(2),
      /**
       * How long one document may take to read (parse and cut into passages, in a worker
       * thread); past it the reading is stopped and the document fails, never tried again.
       */
      parseTimeoutSeconds: positiveInt.max(3600).default(60),
      /** The reading thread's heap: a document that needs more fails alone, the server carries on. */
      parseMemoryMegabytes: positiveInt.min(64).default(1024),
      /** Load the demo base (a fictional commune's reception desk) on first start, when no base exists. */
      demo: boolish.default(true),
      /**
       * Dense retrieval, off unless set: an OpenAI-compatible `/embeddings`
       * endpoint. Passages and questions are sent to it, so it should be a
       * local or sovereign service.
       */
      embeddings: z
        .strictObject({
          /** The API's base URL, up to and including `/v1`. */
          baseUrl: z.url(),
          model: z.string().min(1),
          /** Name of the environment variable holding the API key, if the service needs one. */
          apiKeyEnv: z.string().min(1).optional(),
          /** Or a file holding it (a container secret). */
          apiKeyFile: z.string().min(1).optional(),
          batchSize: positiveInt.max(512).default(32),
          timeoutSeconds: positiveInt.default(30),
          /** Longer passages are cut before being sent (many models read 512 tokens at most). */
          maxInputCharacters: positiveInt.default(2000),
        })
        .optional(),
    })
    .prefault({}),
  /**
   * Documents an agent attaches to a message: read with the knowledge bases'
   * parsers (and their limits), never added to a base. Their text is scanned
   * by the guard at every turn of the conversation, hence a cap on it.
   */
  attachments: z
    .strictObject({
      maxFileMegabytes: positiveInt.default(10),
      /** Files attached to one message. */
      maxFilesPerMessage: positiveInt.max(50).default(5),
      /** Files a conversation holds in all: past it, the agent opens a new conversation. */
      maxFilesPerConversation: positiveInt.max(200).default(20),
      /** Characters of text one file may hold (about 100 pages). */
      maxCharacters: positiveInt.max(10_000_000).default(200_000),
    })
    .prefault({}),
  oidc: OidcSchema.optional(),
  /**
   * The document watch: RSS/Atom feeds and web pages an administrator
   * declares, read on a schedule by the running server (never a model: new
   * items are stored as text, summarised only when an agent asks).
   */
  watch: z
    .strictObject({
      /** How often the server looks for sources whose check is due. */
      pollSeconds: positiveInt.max(86_400).default(60),
      /** Items are deleted this many days after they were found. */
      keepDays: positiveInt.max(3650).default(90),
      /** Largest feed or page read, after decompression. */
      maxMegabytes: positiveInt.max(50).default(5),
      /** Longest one reading may take, redirects included. */
      timeoutSeconds: positiveInt.max(300).default(20),
      /**
       * Hosts that may resolve to private or loopback addresses (an intranet
       * page): every other watched address must be public, so that the watch
       * cannot be pointed at the collectivité's internal services.
       */
      privateHosts: hostList.default([]),
    })
    .prefault({}),
  impact: z
    .strictObject({
      /**
       * The collectivité's own datacenter: its measured PUE (and WUE, L/kWh),
       * used for local providers that declare none. Local models count with
       * the French electricity mix (their country, FRA).
       */
      localPue: z.coerce.number().min(1).max(3).optional(),
      localWue: z.coerce.number().min(0).max(20).optional(),
    })
    .prefault({}),
  guard: z
    .strictObject({
      /**
       * Key of the pseudonym vault (32 bytes in base64): encrypts, in the
       * database, the values each conversation's placeholders stand for.
       * Without it (and without vaultKeyFile), a single instance makes one
       * in the data folder; several instances on PostgreSQL must share one.
       */
      vaultKey: z
        .string()
        .refine((value) => Buffer.from(value.trim(), "base64").length === 32, {
          error: () => t("config.vault_key"),
        })
        .optional(),
      /** Or a file holding it (a container secret). */
      vaultKeyFile: z.string().min(1).optional(),
      /**
       * A named-entity model the DSI runs (Presidio's analyzer with a French
       * model, or any service answering `POST /analyze` the same way): its
       * findings are added to Beffroi's, never remove one; its failure or
       * time-out blocks the turn like any scan error.
       */
      external: z
        .strictObject({
          /** The analyzer's base address (`{url}/analyze` is called). */
          url: z.url(),
          language: z.string().min(2).default("fr"),
          /** Findings under this score are left out. */
          minScore: z.coerce.number().min(0).max(1).default(0.5),
          timeoutMilliseconds: positiveInt.max(60_000).default(2000),
          /** The analyzer's entity types mapped to Beffroi's (Presidio's by default). */
          entities: z.record(z.string(), z.enum(ENTITY_TYPES)).optional(),
          /** Name of the environment variable holding a bearer token, if the service needs one. */
          apiKeyEnv: z.string().min(1).optional(),
          /** Or a file holding it (a container secret). */
          apiKeyFile: z.string().min(1).optional(),
        })
        .optional(),
    })
    .prefault({}),
  answers: z
    .strictObject({
      /**
       * Origins (`https://www.service-public.fr`) whose links and images a
       * model's answer may keep as such; any other link or image is shown
       * as text, its address in a code span (none allowed by default).
       */
      allowedOrigins: originList.default([]),
    })
    .prefault({}),
  /**
   * What Beffroi publishes without an account: the public register of its
   * algorithmic processing (`/registre`, `/api/public/register`; CRPA art.
   * L. 312-1-3, on by default) and the monthly usage figures as open data
   * (`/api/public/opendata/…`, on by default), under the charter's threshold.
   */
  publication: z
    .strictObject({
      /** The collectivité's name, as the register's page shows it (« Ville de Saint-Amand »). */
      name: z.string().trim().min(1).max(200).optional(),
      register: boolish.default(true),
      openData: boolish.default(true),
    })
    .prefault({}),
  /**
   * What every model provider may read and receive. The administration API
   * names a provider's address, so whatever key it reads is sent there: a
   * key file is read only inside `keyDirectory` (none: no key file), a
   * variable only when `keyVariables` lists it (names, or prefixes ending in
   * `*`; never BEFFROI_*). The files and variables of the `providers`
   * declared below are allowed too.
   */
  modelProviders: z
    .strictObject({
      keyDirectory: z.string().min(1).optional(),
      keyVariables: z
        .preprocess(
          (value) =>
            typeof value === "string"
              ? value
                  .split(",")
                  .map((name) => name.trim())
                  .filter(Boolean)
              : value,
          z.array(
            z
              .string()
              .regex(KEY_VARIABLE_PATTERN, { message: t("config.key_variable_format") })
              .refine((name) => !isOwnVariable(name), {
                error: (issue) => t("config.key_variable_own", { name: String(issue.input) }),
              }),
          ),
        )
        .default([...DEFAULT_KEY_VARIABLES]),
      /** Bytes of a provider's answer read at most (a plain body, a whole stream, embeddings). */
      maxResponseBytes: positiveInt.default(DEFAULT_MAX_RESPONSE_BYTES),
    })
    .prefault({}),
  /**
   * Model providers declared here are added to the registry at start when
   * absent; afterwards the registry (API, CLI) is the reference, so an
   * administrator's edits are never overwritten.
   */
  providers: z.array(ProviderSchema).default([]),
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

/** BEFFROI_* variables that are not configuration keys: the file to read, and the test suite's own. */
const isOtherVariable = (name: string) =>
  name === "BEFFROI_CONFIG" || name.startsWith("BEFFROI_TEST_");

const camel = (snake: string) =>
  snake.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The configuration tree the variables make, and which variable set each key (dotted path → name). */
interface FromEnv {
  tree: Record<string, unknown>;
  sources: Map<string, string>;
}

/**
 * Maps BEFFROI_* variables onto the configuration tree: the aliases above, and
 * BEFFROI_SECTION__KEY for everything else (BEFFROI_SESSION__IDLE_TIMEOUT_MINUTES).
 * An empty variable counts as unset.
 */
function readEnv(env: NodeJS.ProcessEnv): FromEnv {
  const tree: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith("BEFFROI_") || isOtherVariable(name)) continue;
    if (value === undefined || value === "") continue;
    const keys = ENV_ALIASES[name] ?? name.slice("BEFFROI_".length).split("__").map(camel);
    let node = tree;
    for (const key of keys.slice(0, -1)) {
      if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys.at(-1) as string] = value;
    sources.set(keys.join("."), name);
  }
  return { tree, sources };
}

function merge(base: unknown, over: unknown): unknown {
  if (typeof base !== "object" || base === null || Array.isArray(base)) return over;
  if (typeof over !== "object" || over === null || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) out[key] = merge(out[key], value);
  return out;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads and parses the YAML file; a problem (missing, unreadable, not YAML, not a mapping) is pushed. */
function readFile(file: string, problems: string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "?";
    problems.push(
      code === "ENOENT"
        ? t("config.file_missing", { file })
        : t("config.file_unreadable", { file, reason: code }),
    );
    return {};
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0] ?? "";
    problems.push(t("config.yaml_invalid", { file, reason }));
    return {};
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isMapping(parsed)) {
    problems.push(t("config.yaml_not_mapping", { file }));
    return {};
  }
  return parsed;
}

/** One sentence per schema issue; an unknown key says which variable or YAML key holds it. */
function describeIssues(issues: z.core.$ZodIssue[], sources: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    const at = issue.path.map(String).join(".");
    if (issue.code !== "unrecognized_keys") {
      problems.push(t("config.problem", { path: at || t("config.root"), message: issue.message }));
      continue;
    }
    for (const key of issue.keys) {
      const keyPath = at ? `${at}.${key}` : key;
      const variables = [...sources]
        .filter(([source]) => source === keyPath || source.startsWith(`${keyPath}.`))
        .map(([, name]) => name);
      if (variables.length === 0) problems.push(t("config.unknown_key", { path: keyPath }));
      for (const name of variables) problems.push(t("config.unknown_variable", { name }));
    }
  }
  return problems;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Path to the YAML file; defaults to $BEFFROI_CONFIG or ./beffroi.yaml when present; null reads none. */
  file?: string | null;
  cwd?: string;
}

/**
 * Reads beffroi.yaml (optional, unless named) then BEFFROI_* variables; throws
 * a ConfigError listing every problem, unknown keys and variables included.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit =
    options.file === null ? undefined : options.file || env.BEFFROI_CONFIG || undefined;
  const file = path.resolve(cwd, explicit ?? "beffroi.yaml");
  const problems: string[] = [];
  const fromFile =
    options.file !== null && (explicit !== undefined || existsSync(file))
      ? readFile(file, problems)
      : {};
  const fromEnv = readEnv(env);
  const parsed = ConfigSchema.safeParse(merge(fromFile, fromEnv.tree));
  if (!parsed.success) problems.push(...describeIssues(parsed.error.issues, fromEnv.sources));
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
      problems.push(t("config.redirect_uri_required"));
    }
  }
  const embeddings = config?.knowledge.embeddings;
  if (embeddings?.apiKeyEnv && !env[embeddings.apiKeyEnv]) {
    problems.push(
      t("config.secret_env_missing", {
        path: "knowledge.embeddings.apiKeyEnv",
        name: embeddings.apiKeyEnv,
      }),
    );
  }
  if (embeddings?.apiKeyFile) {
    try {
      readFileSync(path.resolve(cwd, embeddings.apiKeyFile), "utf8");
      embeddings.apiKeyFile = path.resolve(cwd, embeddings.apiKeyFile);
    } catch (error) {
      problems.push(
        t("config.secret_missing", {
          path: "knowledge.embeddings.apiKeyFile",
          reason: (error as NodeJS.ErrnoException).code ?? "?",
        }),
      );
    }
  }
  if (config?.guard.vaultKeyFile) {
    const file = path.resolve(cwd, config.guard.vaultKeyFile);
    try {
      if (Buffer.from(readFileSync(file, "utf8").trim(), "base64").length !== 32) {
        problems.push(`guard.vaultKeyFile : ${t("config.vault_key")}`);
      }
      config.guard.vaultKeyFile = file;
    } catch (error) {
      problems.push(
        t("config.secret_missing", {
          path: "guard.vaultKeyFile",
          reason: (error as NodeJS.ErrnoException).code ?? "?",
        }),
      );
    }
  }
  if (config) problems.push(...settleProviderKeys(config, cwd));
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
