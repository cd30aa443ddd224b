import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresAdapter,
  PostgresDialect,
  type QueryResult,
  SqliteDialect,
  sql,
  type UnknownRow,
} from "kysely";
import pg from "pg";
import { TimeSlices } from "../shared/time-slices.js";
import type { Tables } from "./schema.js";

export type Dialect = "sqlite" | "postgres";
export type Database = Kysely<Tables>;

/** The open database and the few facts about it that the rest of the code may need. */
export interface Store {
  db: Database;
  dialect: Dialect;
  /**
   * Whether several Beffroi instances may share this store (PostgreSQL): what
   * one process keeps on its own disk (a vault key made at first start) would
   * not be the others'.
   */
  shared: boolean;
  /**
   * Whether `SELECT … FOR UPDATE` locks the rows read until the transaction
   * ends (PostgreSQL); SQLite's one writer at a time needs no row locks.
   */
  rowLocks: boolean;
  /** SQLite only: the connection itself, for loading extensions (sqlite-vec). */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL only: a schema to create and use (tests isolate themselves this way). */
  schema?: string;
  /** PostgreSQL only: connection pool size. */
  poolSize?: number;
}

/** Opens `sqlite:PATH` (creating its folder) or `postgres://…`. */
export function openStore(url: string, options: StoreOptions = {}): Store {
  if (url.startsWith("sqlite:")) return openSqlite(url.slice("sqlite:".length));
  return openPostgres(url, options);
}

function openSqlite(file: string): Store {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const connection = new SQLite(file);
  connection.pragma("journal_mode = WAL");
  connection.pragma("foreign_keys = ON");
  connection.pragma("busy_timeout = 5000");
  connection.pragma("synchronous = NORMAL");
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: withStatementCache(connection) }),
    plugins: [new LoopSlicesPlugin()],
  });
  return {
    db,
    dialect: "sqlite",
    shared: false,
    rowLocks: false,
    sqlite: connection,
    close: () => db.destroy(),
  };
}

/**
 * SQLite answers synchronously, and awaiting a settled promise never gives
 * the event loop back: a page that runs a few dozen queries (the
 * observatory's figures, a monthly report) would hold it for all of them.
 * After each query, once a slice of 10 ms is used up, the loop goes round
 * (a health check, another request) before the caller goes on. A query
 * itself still runs whole; within a transaction, other queries wait for the
 * connection as they always did.
 */
class LoopSlicesPlugin implements KyselyPlugin {
  private readonly slices = new TimeSlices();

  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await this.slices.pause();
    return args.result;
  }
}

/** Statements kept prepared, at most (the least recently used goes first). */
const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query anew; preparing costs more than running most
 * of Beffroi's queries. This keeps prepared statements by their SQL text.
 * Queries are parametrised, so the texts are few (`in (…)` lists of each
 * length aside, which the bound keeps in check).
 */
function withStatementCache(connection: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const cached = cache.get(source);
    if (cached) {
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = connection.prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  return new Proxy(connection, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function openPostgres(url: string, options: StoreOptions): Store {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", shared: true, rowLocks: true, close: () => db.destroy() };
}

/** Creates the PostgreSQL schema named in the options, if any. */
export async function ensureSchema(store: Store, schema: string | undefined): Promise<void> {
  if (store.dialect === "postgres" && schema) {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(store.db);
  }
}

/** A trivial round trip: the database answers. */
export async function ping(store: Store): Promise<void> {
  await sql`select 1`.execute(store.db);
}

/** A unique or primary-key constraint refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/** Whether a Kysely instance's database locks rows with `FOR UPDATE` (see `Store.rowLocks`). */
export const locksRows = (db: Database): boolean =>
  db.getExecutor().adapter instanceof PostgresAdapter;
