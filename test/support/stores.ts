import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe } from "node:test";
import pg from "pg";
import { createServices } from "../../src/app.js";
import { type Config, loadConfig } from "../../src/config.js";
import { type Clock, randomIds } from "../../src/shared/clock.js";
import {
  type Dialect,
  ensureSchema,
  migrateToLatest,
  openStore,
  type Store,
} from "../../src/store/index.js";

export const DIALECTS: Dialect[] = ["sqlite", "postgres"];

/** The PostgreSQL server the suite runs against (the machine's, on loopback). */
export const POSTGRES_URL =
  process.env.BEFFROI_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let postgresReachable: Promise<boolean> | undefined;
/**
 * Whether the suite's PostgreSQL answers. A loaded machine (a browser, two
 * test processes, a checkpoint) can take seconds to accept a connection:
 * in CI, where it is required, three tries of ten seconds before calling it
 * unreachable; elsewhere one of three, so that a machine without it skips fast.
 */
function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const required = process.env.CI === "true";
    for (let attempt = 0; attempt < (required ? 3 : 1); attempt += 1) {
      const client = new pg.Client({
        connectionString: POSTGRES_URL,
        connectionTimeoutMillis: required ? 10_000 : 3_000,
      });
      try {
        await client.connect();
        await client.query("select 1");
        return true;
      } catch {
        // Tried again below, after a pause.
      } finally {
        await client.end().catch(() => {});
      }
      if (required) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return false;
  })();
  return postgresReachable;
}

/**
 * Whether to skip the PostgreSQL half of a suite. In CI (CI=true) PostgreSQL is
 * required: its absence fails the run instead of skipping it.
 */
export async function postgresSkip(dialect: Dialect): Promise<string | false> {
  if (dialect !== "postgres" || (await isPostgresReachable())) return false;
  if (process.env.CI === "true")
    throw new Error(`PostgreSQL is required in CI and is unreachable at ${POSTGRES_URL}`);
  return `PostgreSQL unreachable at ${POSTGRES_URL}`;
}

let counter = 0;
/** A fresh, isolated place for one suite: a temporary SQLite file, or a new PostgreSQL schema. */
export function freshLocation(dialect: Dialect): {
  url: string;
  schema?: string;
  dataDir: string;
  cleanup(): Promise<void>;
} {
  const dataDir = mkdtempSync(path.join(tmpdir(), "beffroi-test-"));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === "sqlite") {
    return { url: `sqlite:${path.join(dataDir, "beffroi.db")}`, dataDir, cleanup: removeDir };
  }
  counter += 1;
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
  return {
    url: POSTGRES_URL,
    schema,
    dataDir,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
      await removeDir();
    },
  };
}

/** Creates a fresh location's PostgreSQL schema (nothing to do for SQLite). */
export async function ensureSchemaFor(location: { schema?: string }): Promise<void> {
  if (!location.schema) return;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`create schema if not exists ${location.schema}`);
  await client.end();
}

/** Opens and migrates a store in a fresh location. */
export async function freshStore(
  dialect: Dialect,
): Promise<{ store: Store; cleanup(): Promise<void> }> {
  const location = freshLocation(dialect);
  const store = openStore(location.url, { schema: location.schema, poolSize: 4 });
  await ensureSchema(store, location.schema);
  await migrateToLatest(store);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await location.cleanup();
    },
  };
}

/** The pseudonym vault's key in tests (32 bytes, base64): several test instances share one, as production ones must. */
export const TEST_VAULT_KEY = Buffer.alloc(32, 7).toString("base64");

/** The variables test providers may read their keys from; a suite passes "" to get the default list. */
export const TEST_KEY_VARIABLES = "ALBERT_API_KEY,TEST_*,SECRET_KEY_VARIABLE";

/** A configuration for tests: quiet logs, the given database, overrides through BEFFROI_* names. */
export function testConfig(
  location: { url: string; dataDir: string },
  env: Record<string, string> = {},
): Config {
  return loadConfig({
    env: {
      BEFFROI_DATA_DIR: location.dataDir,
      BEFFROI_DATABASE_URL: location.url,
      BEFFROI_LOG_LEVEL: "silent",
      BEFFROI_GUARD__VAULT_KEY: TEST_VAULT_KEY,
      // The suites' providers read their keys from these (the default list is the presets' names).
      BEFFROI_MODEL_PROVIDERS__KEY_VARIABLES: TEST_KEY_VARIABLES,
      // Every answer is checked against its route's response schema.
      BEFFROI_SERVER__CHECK_RESPONSES: "true",
      ...env,
    },
    file: null,
  });
}

/**
 * Declares one `describe` per dialect, named "NAME [dialect]"; the PostgreSQL
 * one is skipped (or, in CI, failed) when the server is unreachable.
 */
export function describeEachDialect(
  name: string,
  body: (dialect: Dialect) => void,
  dialects: readonly Dialect[] = DIALECTS,
): void {
  for (const dialect of dialects) {
    describe(`${name} [${dialect}]`, async () => {
      const skip = await postgresSkip(dialect);
      if (skip) {
        describe("skipped", { skip }, () => {});
        return;
      }
      body(dialect);
    });
  }
}

/**
 * Runs `suite` once per dialect against a fresh, migrated store: the store
 * contract. `get()` gives the suite's store inside tests.
 */
export function describeStores(
  name: string,
  suite: (get: () => Store, dialect: Dialect) => void,
): void {
  describeEachDialect(name, (dialect) => {
    let current: Awaited<ReturnType<typeof freshStore>> | undefined;
    before(async () => {
      current = await freshStore(dialect);
    });
    after(async () => {
      await current?.cleanup();
    });
    suite(() => {
      if (!current) throw new Error("store not ready");
      return current.store;
    }, dialect);
  });
}

/** The app's services over a test store, with a clock the test moves; `env` overrides settings. */
export function servicesFor(store: Store, clock: Clock, env: Record<string, string> = {}) {
  return createServices({
    config: testConfig({ url: "sqlite::memory:", dataDir: tmpdir() }, env),
    store,
    clock,
    ids: randomIds,
  });
}

/** An account's row, written straight to the store (a journal's records point to their agents). */
export const userRow = (id: string, n: number, directionId: string | null, at: string) => ({
  id,
  email: `agent${n}@ville.example`,
  display_name: `Agent ${n}`,
  password_hash: null,
  direction_id: directionId,
  oidc_issuer: null,
  oidc_subject: null,
  disabled_at: null,
  last_login_at: null,
  created_at: at,
  updated_at: at,
});
