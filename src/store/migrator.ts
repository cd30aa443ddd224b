import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Store } from "./database.js";
import * as identity from "./migrations/0001-identity.js";

/** Every migration, in order. Names are permanent: never rename one that has shipped. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-identity": identity,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

function migrator(store: Store): Migrator {
  return new Migrator({
    db: store.db,
    provider,
    migrationTableName: "beffroi_migrations",
    migrationLockTableName: "beffroi_migrations_lock",
  });
}

/** Applies pending migrations; returns the names applied. Safe to run from several processes. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const { error, results } = await migrator(store).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const all = await migrator(store).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
