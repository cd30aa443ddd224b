import assert from "node:assert/strict";
import { it } from "node:test";
import type { Insertable } from "kysely";
import { mulberry32 } from "../../src/arena/bradley-terry.js";
import { UsageRepository } from "../../src/observatory/usage.repository.js";
import type { Store, UsageRecordTable } from "../../src/store/index.js";
import { describeStores, userRow } from "../support/stores.js";

const AGENTS = 40;
const DIRECTIONS = ["dir-a", "dir-b", "dir-c"];
const SUBJECTS = [null, "assistant-rh", "usecase:langage-clair", "usecase:compte-rendu"];
const MODELS: [string | null, string | null][] = [
  ["local/petit", "local"],
  ["albert/grand", "sovereign"],
  ["ailleurs/modele", "extraterritorial"],
  [null, null],
];
const CLASSES = ["public", "personal", "sensitive"];
const MONTHS = ["2025-11", "2025-12", "2026-01", "2026-02"];

/** Accounts and directions the records point to (the journal's foreign keys). */
async function seedAccounts(store: Store) {
  const at = "2025-01-01T00:00:00.000Z";
  await store.db
    .insertInto("directions")
    .values(DIRECTIONS.map((id) => ({ id, name: id, parent_id: null, path: id, created_at: at })))
    .execute();
  await store.db
    .insertInto("users")
    .values(
      Array.from({ length: AGENTS }, (_, n) =>
        userRow(`user-${n}`, n, DIRECTIONS[n % DIRECTIONS.length] ?? null, at),
      ),
    )
    .execute();
}

/** `count` varied turns (seeded): subjects, models, classes, findings, refusals, months, the CLI. */
function records(count: number, seed: number, prefix: string): Insertable<UsageRecordTable>[] {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  return Array.from({ length: count }, (_, n) => {
    const agent = Math.floor(random() * (AGENTS + 2));
    // Two in forty-two turns come from no agent (the CLI).
    const user = agent < AGENTS ? `user-${agent}` : null;
    const [model, sovereignty] = pick(MODELS);
    const refused = model === null && random() < 0.5;
    const found = random() < 0.3 ? { PERSON: 1 + Math.floor(random() * 3), EMAIL: 1 } : null;
    const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
    const energy = random() / 1000;
    return {
      turn_id: `${prefix}-${String(n).padStart(6, "0")}`,
      at: `${pick(MONTHS)}-${day}T${String(n % 24).padStart(2, "0")}:00:00.000Z`,
      user_id: user,
      direction_id: user ? (DIRECTIONS[agent % DIRECTIONS.length] ?? null) : null,
      via: "session",
      assistant_id: pick(SUBJECTS),
      provider_id: model?.split("/")[0] ?? null,
      model_ref: model,
      sovereignty,
      data_class: found ? pick(CLASSES.slice(1)) : pick(CLASSES),
      status: refused ? "denied" : "completed",
      stopped_at: null,
      mode: "chat",
      prompt_tokens: Math.floor(random() * 500),
      completion_tokens: Math.floor(random() * 300),
      tokens_estimated: 0,
      latency_ms: 10,
      impact_method: null,
      energy_kwh_min: energy,
      energy_kwh_max: energy * 2,
      gwp_kg_min: energy / 10,
      gwp_kg_max: energy / 5,
      decisions: "[]",
      water_l_min: energy * 3,
      water_l_max: energy * 4,
      personal_data: found ? JSON.stringify(found) : null,
      data_action: found ? pick(["pseudonymise", "block"]) : null,
      refusal: refused ? "no-personal-data-abroad" : null,
      abstained: random() < 0.1 ? 1 : 0,
    };
  });
}

/** Every rollup row, keyed, its figures rounded to nine significant digits (sums in another order). */
async function rollups(store: Store): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  const keep = (table: string, key: string[], row: Record<string, unknown>) => {
    const figures = Object.entries(row)
      .filter(([column]) => !key.includes(column))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([column, value]) =>
          `${column}=${typeof value === "number" || (typeof value === "string" && /^-?\d+(\.\d+)?(e-?\d+)?$/.test(value)) ? Number(Number(value).toPrecision(9)) : value}`,
      );
    rows.set(`${table}|${key.map((column) => row[column]).join("|")}`, figures.join(" "));
  };
  for (const row of await store.db.selectFrom("usage_sums").selectAll().execute())
    keep("sums", ["kind", "month", "direction_id", "key1", "key2", "key3", "key4", "key5"], row);
  for (const row of await store.db.selectFrom("usage_agents").selectAll().execute())
    keep("agents", ["month", "user_id"], row);
  for (const row of await store.db.selectFrom("usage_agent_years").selectAll().execute())
    keep("years", ["kind", "key", "year", "user_id"], row);
  for (const row of await store.db.selectFrom("usage_findings").selectAll().execute())
    keep("findings", ["month", "direction_id", "data_type", "data_class", "data_action"], row);
  return rows;
}

async function unrolled(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("usage_records")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("rolled", "=", 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The journal writes a turn's record alone; its rollups come later, in
 * batches (`UsageRepository.rollUp`). What the batches add up to must be
 * what `rebuildRollups` computes from the same records in SQL, a record
 * counted once however many instances roll at once, and ratings given
 * before the roll-up counted once too.
 */
describeStores("journal rollups", (get) => {
  it("adds the records to the rollups in batches, as a rebuild from the records computes them, each once", async () => {
    const store = get();
    await seedAccounts(store);
    const first = new UsageRepository(store.db);
    const second = new UsageRepository(store.db);
    const written = records(4_500, 7, "t");
    for (const record of written) await first.insert(record);
    assert.equal(await unrolled(store), 4_500, "the turn's path writes the record only");
    assert.equal((await rollups(store)).size, 0);
    // A rating given before the roll-up: its difference goes to the sums at once.
    await first.setFeedback("t-000001", "up", 12);
    await first.setValidated("t-000002", "2026-02-28T10:00:00.000Z");

    // Two instances roll at once (PostgreSQL: two connections, rows taken by one are skipped).
    await Promise.all([first.rollUp(), second.rollUp(), first.rollUp()]);
    assert.equal(await unrolled(store), 0);
    const rolled = await rollups(store);
    // Rolled again: nothing left to add.
    await second.rollUp();
    assert.deepEqual(await rollups(store), rolled);

    // More turns after, rolled by the other instance.
    for (const record of records(300, 8, "u")) await second.insert(record);
    await first.rollUp();
    const incremental = await rollups(store);

    await first.rebuildRollups();
    const rebuilt = await rollups(store);
    assert.equal(incremental.size, rebuilt.size);
    for (const [key, figures] of rebuilt) assert.equal(incremental.get(key), figures, key);
    assert.ok(
      [...rebuilt.keys()].some((key) => key.startsWith("findings|")),
      "personal data found",
    );
    assert.ok(
      [...rebuilt.keys()].some((key) => key.startsWith("years|row|")),
      "open data rows",
    );
  });

  it("sums a period's records a day at a time, as they add up", async () => {
    const store = get();
    const repository = new UsageRepository(store.db);
    const from = "2025-12-10T12:00:00.000Z";
    const to = "2026-01-20T11:00:00.000Z";
    const expected = new Map<
      string,
      { turns: number; denied: number; tokens: number; energy: number }
    >();
    for (const record of [...records(4_500, 7, "t"), ...records(300, 8, "u")]) {
      if (record.at < from || record.at > to) continue;
      const key = [
        record.assistant_id,
        record.model_ref,
        record.sovereignty,
        record.data_class,
      ].join("|");
      const total = expected.get(key) ?? { turns: 0, denied: 0, tokens: 0, energy: 0 };
      total.turns += 1;
      total.denied += record.status === "completed" ? 0 : 1;
      total.tokens += Number(record.prompt_tokens);
      total.energy += record.energy_kwh_max ?? 0;
      expected.set(key, total);
    }
    const rows = await repository.summary(from, to);
    assert.equal(rows.length, expected.size);
    for (const row of rows) {
      const key = [row.assistant_id, row.model_ref, row.sovereignty, row.data_class].join("|");
      const total = expected.get(key);
      assert.ok(total, key);
      assert.deepEqual(
        [Number(row.turns), Number(row.denied), Number(row.prompt_tokens)],
        [total.turns, total.denied, total.tokens],
        key,
      );
      assert.ok(Math.abs(Number(row.energy_max) - total.energy) < 1e-9, key);
    }
  });

  it("purges the records before a cut in batches, each added once to its month's totals", async () => {
    const store = get();
    const repository = new UsageRepository(store.db);
    const cut = "2026-02-01T00:00:00.000Z";
    const before = (
      await store.db.selectFrom("usage_records").select(["at", "status"]).execute()
    ).filter((record) => record.at < cut);
    assert.ok(before.length > 2_000, `${before.length} records: more than one batch`);
    assert.equal(await repository.rollUpBefore(cut), before.length);
    const left = await store.db.selectFrom("usage_records").select("at").execute();
    assert.ok(left.length > 0 && left.every((record) => record.at >= cut));
    const monthly = await repository.monthly("2025-01", "2026-01");
    for (const month of ["2025-11", "2025-12", "2026-01"]) {
      const rows = monthly.filter((row) => row.month === month);
      const records = before.filter((record) => record.at.startsWith(month));
      assert.equal(
        rows.reduce((sum, row) => sum + Number(row.turns), 0),
        records.length,
        month,
      );
      assert.equal(
        rows.reduce((sum, row) => sum + Number(row.denied), 0),
        records.filter((record) => record.status !== "completed").length,
        month,
      );
    }
    // Who was active before February went with the records: 2025's masks, January's bits in
    // 2026's (a mask left empty gone), January's active agents; the sums stayed.
    const masks = await store.db.selectFrom("usage_agent_years").selectAll().execute();
    assert.ok(masks.length > 0);
    for (const mask of masks) {
      assert.equal(mask.year, "2026", `${mask.kind} ${mask.user_id}`);
      assert.equal(Number(mask.months) & 1, 0, "January's bit");
      assert.ok(Number(mask.months) > 0, "no empty mask");
    }
    const active = await store.db.selectFrom("usage_agents").select("month").execute();
    assert.ok(active.length > 0 && active.every((row) => row.month >= "2026-02"));
    const sums = await store.db
      .selectFrom("usage_sums")
      .select("month")
      .where("month", "<", "2026-02")
      .execute();
    assert.ok(sums.length > 0);
    // Purged again: nothing left before the cut.
    assert.equal(await repository.rollUpBefore(cut), 0);
    assert.equal(
      (await store.db.selectFrom("usage_agent_years").selectAll().execute()).length,
      masks.length,
    );
  });

  it("adds the records a stopped instance left before retention removes them", async () => {
    const store = get();
    const repository = new UsageRepository(store.db);
    const left = records(50, 9, "v");
    // One whose findings cannot be read (not the journal's writing): rolled without them.
    left[0] = { ...(left[0] as Insertable<UsageRecordTable>), personal_data: "{pas du JSON" };
    for (const record of left) await repository.insert(record);
    assert.equal(await unrolled(store), 50);
    const before = await store.db
      .selectFrom("usage_sums")
      .select((eb) => eb.fn.sum<number | string>("turns").as("turns"))
      .where("kind", "=", "total")
      .executeTakeFirst();
    await repository.rollUpBefore("2000-01-01T00:00:00.000Z");
    assert.equal(await unrolled(store), 0);
    const after = await store.db
      .selectFrom("usage_sums")
      .select((eb) => eb.fn.sum<number | string>("turns").as("turns"))
      .where("kind", "=", "total")
      .executeTakeFirst();
    assert.equal(Number(after?.turns) - Number(before?.turns), 50);
  });
});
