import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { Tables } from "./schema.js";

export type Dialect = "sqlite" | "postgres";
export type Database = Kysely<Tables>;

/** The open database and the few facts about it that the rest of the code may need. */
export interface Store {
  db: Database;
  dialect: Dialect;
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
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: connection }) });
  return { db, dialect: "sqlite", sqlite: connection, close: () => db.destroy() };
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
  return { db, dialect: "postgres", close: () => db.destroy() };
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
