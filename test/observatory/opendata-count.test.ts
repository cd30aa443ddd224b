import assert from "node:assert/strict";
import { it } from "node:test";
import { OpenDataRepository } from "../../src/observatory/opendata.repository.js";
import { describeStores } from "../support/stores.js";

/** A row's key as the journal keeps it: subject, model, hosting and class joined by a tab. */
const rowKey = (n: number) =>
  [`assistant-${String(n).padStart(2, "0")}`, "local/petit", "local", "public"].join("\t");

/**
 * The open data's agents per row, counted from the journal's masks a few
 * keys at a time (more keys here than one step takes), on both stores: each
 * month's own agents, whatever the year's; other kinds and years ignored;
 * kept and read back per month.
 */
describeStores("open data agent counts", (get) => {
  it("counts each row's agents in a month from the masks, over several steps of keys", async () => {
    const store = get();
    const repository = new OpenDataRepository(store.db);
    const masks: { kind: string; key: string; year: string; user_id: string; months: number }[] =
      [];
    const expected = new Map<string, number>();
    // 50 rows; row n has 12 × (n % 7 + 1) agents in March 2026 (and February), one more in
    // April only: about 2,450 masks, more than one step reads.
    for (let n = 0; n < 50; n++) {
      const key = rowKey(n);
      const march = 12 * ((n % 7) + 1);
      for (let user = 0; user < march; user++)
        masks.push({ kind: "row", key, year: "2026", user_id: `u${user}`, months: 0b110 });
      masks.push({ kind: "row", key, year: "2026", user_id: "april-only", months: 0b1000 });
      expected.set(key, march);
    }
    // The same key under another kind (not counted), and in another year.
    masks.push({ kind: "assistant", key: rowKey(1), year: "2026", user_id: "x", months: 0b100 });
    masks.push({ kind: "row", key: rowKey(2), year: "2025", user_id: "y", months: 0b100 });
    for (let start = 0; start < masks.length; start += 500)
      await store.db
        .insertInto("usage_agent_years")
        .values(masks.slice(start, start + 500).map((mask) => ({ ...mask, direction_id: "" })))
        .execute();

    const year = await repository.countYear("2026");
    assert.deepEqual([...year.keys()].sort(), ["2026-02", "2026-03", "2026-04"]);
    const march = year.get("2026-03") ?? new Map();
    assert.deepEqual(new Map([...march].sort()), new Map([...expected].sort()));
    assert.deepEqual(year.get("2026-02"), march);
    const april = year.get("2026-04") ?? new Map();
    assert.equal(april.size, 50);
    assert.ok([...april.values()].every((agents) => agents === 1));
    assert.deepEqual(
      [...((await repository.countYear("2025")).get("2025-03") ?? new Map())],
      [[rowKey(2), 1]],
    );

    await repository.keep("2026-03", "2026-04-01T08:00:00.000Z", true, march);
    await repository.keep("2026-04", "2026-04-15T08:00:00.000Z", false, april);
    // Kept again: replaced, not added to.
    await repository.keep("2026-04", "2026-04-15T09:00:00.000Z", false, new Map([["k", 9]]));
    const kept = await repository.kept("2026-01", "2026-12");
    assert.deepEqual([...kept.keys()].sort(), ["2026-03", "2026-04"]);
    assert.deepEqual(kept.get("2026-03")?.agents, march);
    assert.equal(kept.get("2026-03")?.final, true);
    assert.deepEqual(kept.get("2026-04"), {
      countedAt: "2026-04-15T09:00:00.000Z",
      final: false,
      agents: new Map([["k", 9]]),
    });
  });
});
