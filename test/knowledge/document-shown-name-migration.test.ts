import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { ManualClock } from "../../src/shared/clock.js";
import {
  ensureSchema,
  migrateToLatest,
  migrateUpTo,
  openStore,
  type Store,
} from "../../src/store/index.js";
import { principal } from "../support/knowledge.js";
import { describeEachDialect, freshLocation, servicesFor } from "../support/stores.js";

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
    // The tables as they were before the migration under test.
    await migrateUpTo(store, "0014-minutes-saved");

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
