import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { passageTerms } from "../../src/knowledge/index.js";
import { ManualClock } from "../../src/shared/clock.js";
import {
  ensureSchema,
  lexicalIndex,
  migrateToLatest,
  migrateUpTo,
  openStore,
  type Store,
} from "../../src/store/index.js";
import { principal } from "../support/knowledge.js";
import { describeEachDialect, freshLocation, servicesFor } from "../support/stores.js";

const TEXT =
  "Pour toute question sur votre dossier, écrivez à claire.vidal@mairie.example ou passez au guichet du service des sports, ouvert le mardi.";

/**
 * A base and its document as an earlier version left them, then migration
 * 0007: nothing disappears from search, the base indexes as is, and the
 * audit scans what was never scanned, values masked.
 */
describeEachDialect("personal data migration", (dialect) => {
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

  it("keeps existing documents searchable and as they were, with their base set to index", async () => {
    // The tables as they were before the migration under test.
    await migrateUpTo(store, "0006-guard");

    const now = "2026-01-05T10:00:00.000Z";
    await store.db
      .insertInto("directions")
      .values({ id: "dir", name: "Sports", parent_id: null, path: "Sports", created_at: now })
      .execute();
    await store.db
      .insertInto("knowledge_bases")
      .values({
        id: "kb",
        name: "Sports",
        description: "",
        owner_direction_id: "dir",
        created_at: now,
        updated_at: now,
      })
      .execute();
    await store.db
      .insertInto("documents")
      .values({
        id: "doc",
        knowledge_base_id: "kb",
        file_name: "contact.md",
        title: "Contact",
        media_type: "text/markdown",
        sha256: "abc",
        size_bytes: TEXT.length,
        status: "ready",
        failure_code: null,
        page_count: null,
        passage_count: 1,
        word_count: 22,
        uploaded_by: null,
        created_at: now,
        updated_at: now,
        ingested_at: now,
      })
      .execute();
    const terms = passageTerms("Contact", ["Contact"], TEXT);
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("passages")
        .values({
          id: "p1",
          document_id: "doc",
          knowledge_base_id: "kb",
          ordinal: 0,
          text: TEXT,
          section_path: "Contact",
          page: null,
          word_count: 22,
          terms: terms.join(" "),
          term_count: terms.length,
        })
        .execute();
      await lexicalIndex(trx, dialect).add(trx, [{ id: "p1", knowledgeBaseId: "kb", terms }]);
    });

    assert.equal((await migrateToLatest(store))[0], "0007-knowledge-personal-data");

    const s = servicesFor(store, new ManualClock(new Date("2026-02-01T00:00:00Z")));
    const base = await s.knowledge.get("cli", "kb");
    assert.equal(base.personalData, "index");
    assert.equal(base.passageCount, 1);
    const [document] = await s.knowledge.documents("cli", "kb");
    assert.equal(document?.status, "ready");
    assert.equal(document?.personalData, null, "not scanned: ingested before the scan");
    assert.equal(document?.release, null);
    const admin = principal(["admin"], null);
    const { hits } = await s.retrieval.search(admin, "guichet service des sports mardi");
    assert.equal(hits[0]?.passageId, "p1");
    assert.equal(hits[0]?.text, TEXT, "the passage is untouched");

    const report = await s.knowledge.audit("cli", "kb");
    const finding = report.findings.find((f) => f.kind === "personal_data");
    assert.deepEqual(finding?.personalData, {
      dataClass: "personal",
      types: { EMAIL: 1 },
      action: "unscanned",
    });
    assert.match(finding?.passages[0]?.excerpt ?? "", /écrivez à \[EMAIL\]/);
    assert.doesNotMatch(JSON.stringify(report), /claire\.vidal/);
  });
});
