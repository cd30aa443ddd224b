import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { sql } from "kysely";
import {
  ensureSchema,
  migrateToLatest,
  migrateUpTo,
  openStore,
  type Store,
} from "../../src/store/index.js";
import {
  AGENT_KINDS,
  OPTIONAL_AGENT_KEYS,
  SUM_KINDS,
} from "../../src/store/migrations/0026-observatory.js";
import { describeEachDialect, freshLocation } from "../support/stores.js";

/** A usage record as migration 0025 left the table (no water, findings, refusal or validation yet). */
interface OldRecord {
  turn: string;
  at: string;
  user: string | null;
  direction: string | null;
  assistant: string | null;
  model: string | null;
  sovereignty: string | null;
  dataClass: string;
  status: string;
  mode: string | null;
  prompt: number;
  completion: number;
  energy: [number, number] | null;
  gwp: [number, number] | null;
  feedback: string | null;
  minutes: number | null;
}

const record = (
  turn: string,
  at: string,
  user: string | null,
  direction: string | null,
  rest: Partial<OldRecord> = {},
): OldRecord => ({
  turn,
  at,
  user,
  direction,
  assistant: "a-courriers",
  model: "local/petit",
  sovereignty: "local",
  dataClass: "public",
  status: "completed",
  mode: "model",
  prompt: 100,
  completion: 40,
  energy: [0.0011, 0.0023],
  gwp: [0.00007, 0.00019],
  feedback: null,
  minutes: null,
  ...rest,
});

/** Records of two months still kept: three agents, two directions, one CLI turn, refusals, ratings. */
const RECORDS: OldRecord[] = [
  record("t1", "2025-11-03T09:00:00.000Z", "u1", "d1", { feedback: "up", minutes: 15 }),
  record("t2", "2025-11-03T10:00:00.000Z", "u1", "d1", {
    model: "ailleurs/grand",
    sovereignty: "extraterritorial",
    dataClass: "personal",
    energy: [0.004, 0.009],
    gwp: [0.0011, 0.0031],
    feedback: "down",
  }),
  record("t3", "2025-11-20T10:00:00.000Z", "u2", "d1", {
    assistant: "usecase:langage-clair",
    feedback: "up",
    minutes: 0,
  }),
  record("t4", "2025-11-21T10:00:00.000Z", "u2", "d1", {
    status: "denied",
    model: null,
    sovereignty: null,
    mode: null,
    dataClass: "sensitive",
    prompt: 0,
    completion: 0,
    energy: null,
    gwp: null,
  }),
  record("t5", "2025-11-28T10:00:00.000Z", null, null, { assistant: null }),
  record("t6", "2025-12-01T08:00:00.000Z", "u1", "d1", { minutes: 30, feedback: "up" }),
  record("t7", "2025-12-02T08:00:00.000Z", "u3", "d2", { mode: "extractive", energy: [0, 0] }),
  record("t8", "2025-12-02T09:00:00.000Z", "u3", "d2", {
    assistant: "usecase:langage-clair",
    status: "failed",
    mode: null,
    model: null,
    sovereignty: null,
    energy: null,
    gwp: null,
    completion: 0,
  }),
  record("t9", "2025-12-31T23:59:59.999Z", "u2", "d1", { model: "ailleurs/grand" }),
];

/** Monthly totals of purged months, as retention kept them (the records are gone). */
const MONTHLY = [
  {
    month: "2025-06",
    direction_id: "d1",
    assistant_id: "a-courriers",
    model_ref: "local/petit",
    sovereignty: "local",
    data_class: "public",
    turns: 12,
    denied: 3,
    prompt_tokens: 1200,
    completion_tokens: 480,
    energy_kwh_min: 0.012,
    energy_kwh_max: 0.025,
    gwp_kg_min: 0.0008,
    gwp_kg_max: 0.0021,
    minutes_saved: 45,
    minutes_answers: 2,
  },
  {
    month: "2025-06",
    direction_id: "",
    assistant_id: "",
    model_ref: "",
    sovereignty: "",
    data_class: "personal",
    turns: 2,
    denied: 2,
    prompt_tokens: 0,
    completion_tokens: 0,
    energy_kwh_min: 0,
    energy_kwh_max: 0,
    gwp_kg_min: 0,
    gwp_kg_max: 0,
    minutes_saved: 0,
    minutes_answers: 0,
  },
  {
    month: "2025-07",
    direction_id: "d2",
    assistant_id: "",
    model_ref: "ailleurs/grand",
    sovereignty: "extraterritorial",
    data_class: "personal",
    turns: 5,
    denied: 0,
    prompt_tokens: 500,
    completion_tokens: 250,
    energy_kwh_min: 0.02,
    energy_kwh_max: 0.05,
    gwp_kg_min: 0.006,
    gwp_kg_max: 0.017,
    minutes_saved: 10,
    minutes_answers: 1,
  },
];

/** A record's value for a journal column, as the rollups key it ("" for none). */
function columnOf(r: OldRecord, column: string): string {
  const values: Record<string, string | null> = {
    assistant_id: r.assistant,
    model_ref: r.model,
    sovereignty: r.sovereignty,
    data_class: r.dataClass,
    status: r.status,
    mode: r.mode,
  };
  // Columns the records did not have before the migration (refusal, data_action, sobriety): none.
  return values[column] ?? "";
}

/** The sums a group of records adds up to, named as `usage_sums` names them. */
function sumsOf(records: OldRecord[]): Record<string, number> {
  const total = (pick: (r: OldRecord) => number) => records.reduce((s, r) => s + pick(r), 0);
  return {
    turns: records.length,
    abstained: 0,
    prompt_tokens: total((r) => r.prompt),
    completion_tokens: total((r) => r.completion),
    energy_kwh_min: total((r) => r.energy?.[0] ?? 0),
    energy_kwh_max: total((r) => r.energy?.[1] ?? 0),
    gwp_kg_min: total((r) => r.gwp?.[0] ?? 0),
    gwp_kg_max: total((r) => r.gwp?.[1] ?? 0),
    // Nothing recorded water or validations before: none is made up.
    water_l_min: 0,
    water_l_max: 0,
    minutes_saved: total((r) => r.minutes ?? 0),
    minutes_answers: records.filter((r) => r.minutes !== null).length,
    positive: records.filter((r) => r.feedback === "up").length,
    negative: records.filter((r) => r.feedback === "down").length,
    validated: 0,
  };
}

const close = (actual: number, expected: number, message: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${message}: ${actual} ≠ ${expected}`);

/**
 * Migration 0026 fills the observatory's rollups from what the journal held
 * before it: the records kept (purged months keep only their monthly totals,
 * as retention wrote them). The figures must be those of the rows inserted,
 * whatever the dialect.
 */
describeEachDialect("observatory rollup migration", (dialect) => {
  const location = freshLocation(dialect);
  let store: Store;

  before(async () => {
    store = openStore(location.url, { schema: location.schema, poolSize: 2 });
    await ensureSchema(store, location.schema);
    await migrateUpTo(store, "0025-arena");
    const now = "2025-06-01T00:00:00.000Z";
    for (const [id, path] of [
      ["d1", "Solidarités"],
      ["d2", "Culture"],
    ])
      await sql`insert into directions (id, name, parent_id, path, created_at)
        values (${id}, ${path}, null, ${path}, ${now})`.execute(store.db);
    for (const [id, direction] of [
      ["u1", "d1"],
      ["u2", "d1"],
      ["u3", "d2"],
    ])
      await sql`insert into users (id, email, display_name, direction_id, created_at, updated_at)
        values (${id}, ${`${id}@ville.example`}, ${id}, ${direction}, ${now}, ${now})`.execute(
        store.db,
      );
    // The table as it was: no water, personal data, refusal, validation or sobriety columns.
    for (const r of RECORDS)
      await sql`insert into usage_records (turn_id, at, user_id, direction_id, via, assistant_id,
          provider_id, model_ref, sovereignty, data_class, status, stopped_at, mode, prompt_tokens,
          completion_tokens, tokens_estimated, latency_ms, impact_method, energy_kwh_min,
          energy_kwh_max, gwp_kg_min, gwp_kg_max, decisions, feedback, minutes_saved,
          use_case_id, use_case_version)
        values (${r.turn}, ${r.at}, ${r.user}, ${r.direction}, ${r.user ? "session" : "cli"},
          ${r.assistant}, ${r.model?.split("/")[0] ?? null}, ${r.model}, ${r.sovereignty},
          ${r.dataClass}, ${r.status}, ${r.status === "completed" ? null : "route"}, ${r.mode},
          ${r.prompt}, ${r.completion}, 1, 800, ${r.energy ? "ecologits-0.9" : null},
          ${r.energy?.[0] ?? null}, ${r.energy?.[1] ?? null}, ${r.gwp?.[0] ?? null},
          ${r.gwp?.[1] ?? null}, '[]', ${r.feedback}, ${r.minutes},
          ${r.assistant?.startsWith("usecase:") ? r.assistant.slice(8) : null},
          ${r.assistant?.startsWith("usecase:") ? 2 : null})`.execute(store.db);
    for (const m of MONTHLY) await store.db.insertInto("usage_monthly").values(m).execute();
    assert.ok((await migrateToLatest(store)).includes("0026-observatory"));
  });
  after(async () => {
    await store.close();
    await location.cleanup();
  });

  it("sums the records kept into each breakdown of usage_sums, per month and direction", async () => {
    const rows = await sql<Record<string, string | number>>`select * from usage_sums`.execute(
      store.db,
    );
    const keyOf = (parts: string[]) => parts.join("|");
    for (const [kind, { keys, perDirection }] of Object.entries(SUM_KINDS)) {
      const expected = new Map<string, OldRecord[]>();
      for (const r of RECORDS) {
        const values = keys.map((column) => columnOf(r, column));
        while (values.length < 5) values.push("");
        const id = keyOf([r.at.slice(0, 7), perDirection ? (r.direction ?? "") : "", ...values]);
        expected.set(id, [...(expected.get(id) ?? []), r]);
      }
      const actual = new Map(
        rows.rows
          .filter((row) => row.kind === kind)
          .map((row) => [
            keyOf(
              ["month", "direction_id", "key1", "key2", "key3", "key4", "key5"].map((c) =>
                String(row[c]),
              ),
            ),
            row,
          ]),
      );
      assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), kind);
      for (const [id, records] of expected)
        for (const [column, value] of Object.entries(sumsOf(records)))
          close(Number(actual.get(id)?.[column]), value, `${kind} ${id} ${column}`);
    }
    // Every breakdown adds up to the same totals per month.
    const months = new Set(RECORDS.map((r) => r.at.slice(0, 7)));
    for (const month of months) {
      const expected = sumsOf(RECORDS.filter((r) => r.at.startsWith(month)));
      for (const kind of Object.keys(SUM_KINDS))
        for (const [column, value] of Object.entries(expected))
          close(
            rows.rows
              .filter((row) => row.kind === kind && row.month === month)
              .reduce((s, row) => s + Number(row[column]), 0),
            value,
            `${kind} ${month} ${column}`,
          );
    }
  });

  it("leaves the monthly totals of purged months as they were, and adds no figure for them", async () => {
    const kept = await store.db.selectFrom("usage_monthly").selectAll().execute();
    const key = (m: { month: string; direction_id: string; data_class: string }) =>
      `${m.month}|${m.direction_id}|${m.data_class}`;
    assert.deepEqual(kept.map((row) => key(row)).sort(), MONTHLY.map((m) => key(m)).sort());
    for (const m of MONTHLY) {
      const row = kept.find((r) => key(r) === key(m));
      for (const [column, value] of Object.entries(m))
        if (typeof value === "number")
          close(Number(row?.[column as keyof typeof row]), value, column);
    }
    const purged = await sql<{ month: string }>`
      select month from usage_sums where month < '2025-11'
      union select month from usage_agents where month < '2025-11'`.execute(store.db);
    assert.deepEqual(purged.rows, []);
  });

  it("finds the same active agents per month, and each agent's months per assistant, model and data class", async () => {
    const rows = await store.db
      .selectFrom("usage_agents")
      .select(["month", "user_id", "direction_id", "turns", "first_at"])
      .execute();
    const expected = new Map<string, { turns: number; first: string; direction: string }>();
    const masks = new Map<string, number>();
    for (const r of RECORDS) {
      if (!r.user) continue; // the CLI is no agent
      const month = r.at.slice(0, 7);
      const id = `${month}|${r.user}`;
      const entry = expected.get(id) ?? { turns: 0, first: r.at, direction: r.direction ?? "" };
      entry.turns += 1;
      if (r.at < entry.first) entry.first = r.at;
      expected.set(id, entry);
      for (const [kind, column] of Object.entries(AGENT_KINDS)) {
        // A key over several columns (an open data row) joins their values with a tab.
        const value = column
          ? [column]
              .flat()
              .map((c) => columnOf(r, c))
              .join("\t")
          : "";
        // Old records have no refusal rule nor personal data action: counted under none.
        if (typeof column === "string" && OPTIONAL_AGENT_KEYS.includes(column) && value === "")
          continue;
        const key = `${kind}|${value}|${month.slice(0, 4)}|${r.user}`;
        masks.set(key, (masks.get(key) ?? 0) | (1 << (Number(month.slice(5, 7)) - 1)));
      }
    }
    const actual = new Map(
      rows.map((row) => [
        `${row.month}|${row.user_id}`,
        { turns: Number(row.turns), first: row.first_at, direction: row.direction_id },
      ]),
    );
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
    for (const [k, e] of expected) assert.deepEqual(actual.get(k), e, k);
    const years = await store.db.selectFrom("usage_agent_years").selectAll().execute();
    assert.deepEqual(
      new Map(
        years.map((row) => [
          `${row.kind}|${row.key}|${row.year}|${row.user_id}`,
          Number(row.months),
        ]),
      ),
      masks,
    );

    // Active agents per month, as the adoption page counts them.
    const perMonth = await sql<{ month: string; agents: number }>`
      select month, count(distinct user_id) as agents from usage_agents
      group by month order by month`.execute(store.db);
    const distinct = new Map<string, Set<string>>();
    for (const r of RECORDS)
      if (r.user)
        distinct.set(r.at.slice(0, 7), (distinct.get(r.at.slice(0, 7)) ?? new Set()).add(r.user));
    assert.deepEqual(
      perMonth.rows.map((row) => [row.month, Number(row.agents)]),
      [...distinct.entries()].map(([month, users]) => [month, users.size]).sort(),
    );
    assert.deepEqual([...distinct.entries()].map(([month, users]) => [month, users.size]).sort(), [
      ["2025-11", 2],
      ["2025-12", 3],
    ]);
  });
});
