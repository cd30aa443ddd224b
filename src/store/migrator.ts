import { type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import type { Store } from "./database.js";
import * as identity from "./migrations/0001-identity.js";
import * as knowledge from "./migrations/0002-knowledge.js";
import * as embeddings from "./migrations/0003-embeddings.js";
import * as termStatistics from "./migrations/0004-term-statistics.js";
import * as gateway from "./migrations/0005-gateway.js";
import * as guard from "./migrations/0006-guard.js";
import * as knowledgePersonalData from "./migrations/0007-knowledge-personal-data.js";
import * as auditLog from "./migrations/0008-audit-log.js";
import * as charter from "./migrations/0009-charter.js";
import * as usageJournal from "./migrations/0010-usage-journal.js";
import * as quotas from "./migrations/0011-quotas.js";
import * as retention from "./migrations/0012-retention.js";
import * as feedback from "./migrations/0013-feedback.js";
import * as minutesSaved from "./migrations/0014-minutes-saved.js";
import * as documentShownName from "./migrations/0015-document-shown-name.js";
import * as aidSchemes from "./migrations/0016-aid-schemes.js";
import * as assistantGrounding from "./migrations/0017-assistant-grounding.js";
import * as attachments from "./migrations/0018-attachments.js";
import * as messageVersions from "./migrations/0019-message-versions.js";
import * as conversationPins from "./migrations/0020-conversation-pins.js";
import * as useCases from "./migrations/0021-use-cases.js";
import * as promptLibrary from "./migrations/0022-prompt-library.js";
import * as usageUseCase from "./migrations/0023-usage-use-case.js";
import * as watch from "./migrations/0024-watch.js";
import * as arena from "./migrations/0025-arena.js";
import * as observatory from "./migrations/0026-observatory.js";
import * as observatoryReports from "./migrations/0027-observatory-reports.js";
import * as experience from "./migrations/0028-experience.js";
import * as openDataAgents from "./migrations/0029-opendata-agents.js";
import * as usageRolled from "./migrations/0030-usage-rolled.js";

/** Every migration, in order. Names are permanent: never rename one that has shipped. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-identity": identity,
  "0002-knowledge": knowledge,
  "0003-embeddings": embeddings,
  "0004-term-statistics": termStatistics,
  "0005-gateway": gateway,
  "0006-guard": guard,
  "0007-knowledge-personal-data": knowledgePersonalData,
  "0008-audit-log": auditLog,
  "0009-charter": charter,
  "0010-usage-journal": usageJournal,
  "0011-quotas": quotas,
  "0012-retention": retention,
  "0013-feedback": feedback,
  "0014-minutes-saved": minutesSaved,
  "0015-document-shown-name": documentShownName,
  "0016-aid-schemes": aidSchemes,
  "0017-assistant-grounding": assistantGrounding,
  "0018-attachments": attachments,
  "0019-message-versions": messageVersions,
  "0020-conversation-pins": conversationPins,
  "0021-use-cases": useCases,
  "0022-prompt-library": promptLibrary,
  "0023-usage-use-case": usageUseCase,
  "0024-watch": watch,
  "0025-arena": arena,
  "0026-observatory": observatory,
  "0027-observatory-reports": observatoryReports,
  "0028-experience": experience,
  "0029-opendata-agents": openDataAgents,
  "0030-usage-rolled": usageRolled,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * On PostgreSQL the migration tables are pinned to the current schema: left
 * unqualified, Kysely would take a table of the same name in any other schema
 * of the database (another Beffroi, a test run) as ours.
 */
async function migrator(store: Store): Promise<Migrator> {
  const schema =
    store.dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]
          ?.schema
      : undefined;
  return new Migrator({
    db: store.db,
    provider,
    migrationTableName: "beffroi_migrations",
    migrationLockTableName: "beffroi_migrations_lock",
    ...(schema && { migrationTableSchema: schema }),
  });
}

/**
 * Kysely finds its migration tables by listing every table of the
 * database, with their columns; on PostgreSQL, another schema dropped or
 * migrated meanwhile (another Beffroi, a test run) makes that listing fail
 * though ours is fine: "schema … does not exist" (3F000), or a table or a
 * column of that other schema gone mid-listing (42P01, 42703). Such a
 * failure is tried again, a few times.
 */
const LISTING_RACES: ReadonlySet<string> = new Set(["3F000", "42P01", "42703"]);

async function withSchemaRace<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!LISTING_RACES.has((error as { code?: string }).code ?? "") || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** Applies pending migrations; returns the names applied. Safe to run from several processes. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  return withSchemaRace(async () => {
    const { error, results } = await (await migrator(store)).migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  });
}

/**
 * Applies the migrations up to `name`, included: a test writes rows as they
 * were before the next one, then migrates to the latest and checks them.
 */
export async function migrateUpTo(store: Store, name: string): Promise<void> {
  await withSchemaRace(async () => {
    const { error } = await (await migrator(store)).migrateTo(name);
    if (error) throw error;
  });
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(store: Store): Promise<string[]> {
  return withSchemaRace(async () => {
    const all = await (await migrator(store)).getMigrations();
    return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
  });
}
