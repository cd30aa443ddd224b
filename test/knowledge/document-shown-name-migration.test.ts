import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { type Migration, Migrator, sql } from "kysely";
import { ManualClock } from "../../src/shared/clock.js";
import { ensureSchema, migrateToLatest, openStore, type Store } from "../../src/store/index.js";
import * as identity from "../../src/store/migrations/0001-identity.js";
import * as knowledge from "../../src/store/migrations/0002-knowledge.js";
import * as embeddings from "../../src/store/migrations/0003-embeddings.js";
import * as termStatistics from "../../src/store/migrations/0004-term-statistics.js";
import * as gateway from "../../src/store/migrations/0005-gateway.js";
import * as guard from "../../src/store/migrations/0006-guard.js";
import * as knowledgePersonalData from "../../src/store/migrations/0007-knowledge-personal-data.js";
import * as auditLog from "../../src/store/migrations/0008-audit-log.js";
import * as charter from "../../src/store/migrations/0009-charter.js";
import * as usageJournal from "../../src/store/migrations/0010-usage-journal.js";
import * as quotas from "../../src/store/migrations/0011-quotas.js";
import * as retention from "../../src/store/migrations/0012-retention.js";
import * as feedback from "../../src/store/migrations/0013-feedback.js";
import * as minutesSaved from "../../src/store/migrations/0014-minutes-saved.js";
import { principal } from "../support/knowledge.js";
import { describeEachDialect, freshLocation, servicesFor } from "../support/stores.js";

/** The migrations shipped before file names were scanned. */
const BEFORE: Record<string, Migration> = {
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
};

const FILE_NAME = "suivi-odile-ferrand.md";

/**
 * Documents ingested before file names were scanned, then migration 0015:
 * where the base indexes as is, readers keep seeing the name; elsewhere the
 * name was never scanned, and readers see none until the next ingestion.
 */
describeEachDialect("document shown name migration", (dialect) => {
  const location = freshLocation(dialect);
  let store: Store;

  before(async () => {
    store = openStore(location.url, { schema: location.schema, poolSize: 2 });
    await ensureSchema(store, location.schema);
  });
  after(async () => {
    await store.close();
    await location.cleanup();
  });

  it("shows readers an unscanned name only where the base indexes as is", async () => {
    const schema =
      dialect === "postgres"
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db))
            .rows[0]?.schema
        : undefined;
    const earlier = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => BEFORE },
      migrationTableName: "beffroi_migrations",
      migrationLockTableName: "beffroi_migrations_lock",
      ...(schema && { migrationTableSchema: schema }),
    });
    assert.ifError((await earlier.migrateToLatest()).error);

    const now = "2026-01-05T10:00:00.000Z";
    await store.db
      .insertInto("directions")
      .values({ id: "dir", name: "DRH", parent_id: null, path: "DRH", created_at: now })
      .execute();
    for (const setting of ["index", "pseudonymise"]) {
      await store.db
        .insertInto("knowledge_bases")
        .values({
          id: setting,
          name: `Suivi ${setting}`,
          description: "",
          owner_direction_id: "dir",
          personal_data: setting,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await store.db
        .insertInto("documents")
        .values({
          id: `doc-${setting}`,
          knowledge_base_id: setting,
          file_name: FILE_NAME,
          title: "Suivi",
          media_type: "text/markdown",
          sha256: "abc",
          size_bytes: 100,
          status: "ready",
          failure_code: null,
          page_count: null,
          passage_count: 0,
          word_count: 0,
          uploaded_by: null,
          created_at: now,
          updated_at: now,
          ingested_at: now,
        })
        .execute();
    }

    assert.ok((await migrateToLatest(store)).includes("0015-document-shown-name"));

    const s = servicesFor(store, new ManualClock(new Date("2026-02-01T00:00:00Z")));
    const reader = principal(["agent"], "DRH", "dir");
    const [asIs] = await s.knowledge.documents(reader, "index");
    assert.equal(asIs?.fileName, FILE_NAME);
    const [unscanned] = await s.knowledge.documents(reader, "pseudonymise");
    assert.equal(unscanned?.fileName, "nom de fichier masqué");
    const [managed] = await s.knowledge.documents("cli", "pseudonymise");
    assert.equal(managed?.fileName, FILE_NAME, "those who manage the base see the real name");
  });
});
