import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { sql } from "kysely";
import { turnAssistant } from "../../src/assistants/index.js";
import { ManualClock } from "../../src/shared/clock.js";
import {
  ensureSchema,
  migrateToLatest,
  migrateUpTo,
  openStore,
  type Store,
} from "../../src/store/index.js";
import { describeEachDialect, freshLocation, servicesFor } from "../support/stores.js";

/** Name → category, bases, default?, and the mode migration 0017 must give it. */
const ROWS: [string, string, string[], boolean, string][] = [
  ["Assistant général", "general", [], true, "preferred"],
  ["Questions internes", "general", ["kb"], false, "required"],
  ["Généraliste sans base", "general", [], false, "preferred"],
  ["Courriers", "drafting", ["kb"], false, "preferred"],
  ["Synthèses", "summary", ["kb"], false, "preferred"],
  ["Langage clair", "plain-language", ["kb"], false, "preferred"],
  ["Comptes rendus", "minutes", ["kb"], false, "preferred"],
  ["Marchés", "procurement", ["kb"], false, "preferred"],
  ["Accueil", "reception", ["kb"], false, "required"],
  ["Aides", "aid-finder", ["kb"], false, "required"],
  ["RH", "hr", ["kb"], false, "required"],
  ["Veille", "watch", ["kb"], false, "required"],
  ["Accueil sans base", "reception", [], false, "required"],
];

/**
 * Assistants created before the modes, then migration 0017: those bound to
 * bases keep answering only from them, except the drafting and rewriting
 * categories, which now use them when relevant; the default assistant and a
 * general one bound to nothing prefer them (as they behaved already).
 */
describeEachDialect("assistant grounding migration", (dialect) => {
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

  it("keeps existing assistants' behaviour, except the drafting and rewriting categories", async () => {
    // The tables as they were before the migration under test.
    await migrateUpTo(store, "0016-aid-schemes");

    const now = "2026-01-05T10:00:00.000Z";
    for (const [index, [name, category, bases, isDefault]] of ROWS.entries()) {
      // The table as it was: no grounding column yet.
      await sql`insert into assistants (id, name, description, instructions, knowledge_base_ids,
          preferred_models, audience, category, requires_validation, owner_direction_id,
          is_default, created_at, updated_at)
        values (${`a${index}`}, ${name}, '', '', ${JSON.stringify(bases)}, '[]', 'agents',
          ${category}, 1, null, ${isDefault ? 1 : 0}, ${now}, ${now})`.execute(store.db);
    }

    assert.ok((await migrateToLatest(store)).includes("0017-assistant-grounding"));

    const s = servicesFor(store, new ManualClock(new Date("2026-02-01T00:00:00Z")));
    const assistants = await s.assistants.list();
    for (const [name, , , , mode] of ROWS) {
      const assistant = assistants.find((candidate) => candidate.name === name);
      assert.equal(assistant?.grounding, mode, name);
      assert.equal(assistant && turnAssistant(assistant).grounding, mode, name);
    }
    // The default assistant is found as before, not created again.
    assert.equal((await s.assistants.defaultAssistant()).id, "a0");
  });
});
