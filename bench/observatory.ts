/**
 * npm run bench:observatory [-- --agents 5000 --turns 2000000]
 *
 * The observatory's queries over one year of journal: 5,000 agents in 40
 * directions, about 2 million turns (seeded: the same journal on every run)
 * spread over twelve months, six models in the three hosting classes, the
 * shipped use cases and a few assistants, a fifth of the turns holding
 * personal data, refusals, ratings, validations, sobriety. The records are
 * written in bulk, then the rollups are computed once from them
 * (`UsageRepository.rebuildRollups`, the sums the journal adds turn by turn).
 *
 * Measured, on SQLite and on PostgreSQL (when 127.0.0.1:5432 answers): each
 * page's figures as the service computes them for an administrator over the
 * twelve months (adoption, uses, protection, impact, an agent's own usage,
 * the public open data's rows once counted), and for one direction; the
 * open data's first download (every month's agents per row counted from the
 * journal's masks), the auditors' journal summary over the year (against
 * one query) and the retention's purge of three months; for each, the
 * longest it held the event loop; median of five after a warm-up. Baseline, in the
 * same run: the same breakdowns read by scanning the records themselves
 * (what the observatory did before its rollups; median of three). Target: every page under
 * 500 ms.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { createServices } from "../src/app.js";
import { mulberry32 } from "../src/arena/bradley-terry.js";
import type { Principal } from "../src/identity/index.js";
import { UsageRepository } from "../src/observatory/usage.repository.js";
import { ManualClock, randomIds } from "../src/shared/clock.js";
import type { Dialect, Store, UsageRecordTable } from "../src/store/index.js";
import {
  freshLocation,
  freshStore,
  postgresSkip,
  testConfig,
  userRow,
} from "../test/support/stores.js";

const { values: args } = parseArgs({
  options: {
    agents: { type: "string", default: "5000" },
    turns: { type: "string", default: "2000000" },
  },
});
const AGENTS = Number(args.agents);
const TURNS = Number(args.turns);
const DIRECTIONS = 40;
const MONTHS = Array.from(
  { length: 12 },
  (_, i) => `${i < 1 ? 2025 : 2026}-${String(i < 1 ? 12 : i).padStart(2, "0")}`,
);
const NOW = new Date("2026-11-30T18:00:00.000Z");
const MODELS = [
  ["local/mistral-small", "local", 24, 0.0004],
  ["local/llama-8b", "local", 8, 0.0002],
  ["albert/albert-large", "sovereign", 70, 0.0012],
  ["scaleway/qwen-72b", "sovereign", 72, 0.0013],
  ["openai/gpt-4o-mini", "extraterritorial", 8, 0.0003],
  ["anthropic/claude-sonnet", "extraterritorial", 200, 0.003],
] as const;
const SUBJECTS = [
  "default",
  "assistant-rh",
  "assistant-accueil",
  "assistant-urbanisme",
  "usecase:deliberation",
  "usecase:marche-public",
  "usecase:compte-rendu",
  "usecase:langage-clair",
  "usecase:accueil",
  "usecase:rh",
  "usecase:note-synthese",
  "usecase:veille",
];
const REFUSALS = ["route.blocked", "charter.quota", "guard.sensitive", "charter.category"];
const TYPES = ["PERSON", "PHONE", "EMAIL", "ADDRESS", "NIR", "IBAN", "SENSITIVE"];

const random = mulberry32(2026);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The journal's accounts: directions, agents (a sixth never used Beffroi), an administrator. */
async function seedAccounts(store: Store) {
  const at = "2025-11-01T08:00:00.000Z";
  const directions = Array.from({ length: DIRECTIONS }, (_, i) => ({
    id: `dir-${pad(i, 2)}`,
    name: `Direction ${i}`,
    parent_id: null,
    path: `Direction ${pad(i, 2)}`,
    created_at: at,
  }));
  await store.db.insertInto("directions").values(directions).execute();
  const users = Array.from({ length: AGENTS + 1 }, (_, i) =>
    userRow(`user-${pad(i, 5)}`, i, `dir-${pad(i % DIRECTIONS, 2)}`, at),
  );
  for (let start = 0; start < users.length; start += 500) {
    const slice = users.slice(start, start + 500);
    await store.db.insertInto("users").values(slice).execute();
    await store.db
      .insertInto("user_roles")
      .values(slice.map((user) => ({ user_id: user.id, role: "agent" })))
      .execute();
  }
  await store.db
    .insertInto("user_roles")
    .values({ user_id: `user-${pad(AGENTS, 5)}`, role: "admin" })
    .execute();
}

/** One turn's record, as the journal writes it. */
function record(index: number, user: number, month: string): UsageRecordTable {
  const [ref, sovereignty, , kwh] = pick(MODELS);
  const day = 1 + Math.floor(random() * 28);
  const at = `${month}-${pad(day, 2)}T${pad(8 + Math.floor(random() * 10), 2)}:${pad(Math.floor(random() * 60), 2)}:00.000Z`;
  const roll = random();
  const dataClass = roll < 0.75 ? "public" : roll < 0.95 ? "personal" : "sensitive";
  const denied = random() < 0.05;
  const passagesFirst = !denied && random() < 0.08;
  const mode = denied ? null : passagesFirst ? "extractive" : "model";
  const personal =
    dataClass === "public"
      ? null
      : JSON.stringify(Object.fromEntries([[pick(TYPES), 1 + Math.floor(random() * 3)]]));
  const energy = mode === "model" ? kwh * (0.5 + random()) : 0;
  const rated = mode !== null && random() < 0.1;
  return {
    turn_id: `turn-${pad(index, 8)}`,
    at,
    user_id: `user-${pad(user, 5)}`,
    direction_id: `dir-${pad(user % DIRECTIONS, 2)}`,
    via: "session",
    assistant_id: pick(SUBJECTS),
    provider_id: mode === "model" ? (ref.split("/")[0] ?? null) : null,
    model_ref: mode === "model" ? ref : null,
    sovereignty: mode === "model" ? sovereignty : mode ? "local" : null,
    data_class: dataClass,
    status: denied ? "denied" : "completed",
    stopped_at: denied ? "route" : null,
    mode,
    prompt_tokens: 200 + Math.floor(random() * 2000),
    completion_tokens: mode === "model" ? 100 + Math.floor(random() * 800) : 0,
    tokens_estimated: 0,
    latency_ms: 300 + Math.floor(random() * 5000),
    impact_method: mode === "model" ? "ecologits-0.9" : mode ? "extractive" : null,
    energy_kwh_min: mode ? energy * 0.8 : null,
    energy_kwh_max: mode ? energy * 1.2 : null,
    gwp_kg_min: mode ? energy * 0.05 : null,
    gwp_kg_max: mode ? energy * 0.4 : null,
    decisions: "[]",
    feedback: rated ? (random() < 0.8 ? "up" : "down") : null,
    minutes_saved: rated && random() < 0.5 ? Math.floor(random() * 60) : null,
    use_case_id: null,
    use_case_version: null,
    water_l_min: mode ? energy * 0.5 : null,
    water_l_max: mode ? energy * 2 : null,
    personal_data: personal,
    data_action: personal
      ? denied
        ? "block"
        : sovereignty === "extraterritorial"
          ? "pseudonymise"
          : "allow"
      : null,
    refusal: denied ? pick(REFUSALS) : null,
    validated_at: mode && random() < 0.2 ? at : null,
    sobriety: passagesFirst ? "passages-first" : null,
    abstained: mode === "extractive" && random() < 0.3 ? 1 : 0,
  };
}

/** About `TURNS` records: five agents in six never use it; the others from a few to many turns a month. */
async function seedJournal(store: Store): Promise<number> {
  const active = Array.from({ length: AGENTS }, (_, i) => i).filter((i) => i % 6 !== 5);
  // Heavier and lighter users: a weight per agent, turns shared out by weight each month.
  const weights = active.map(() => 0.2 + random() ** 2 * 4);
  let index = 0;
  let batch: UsageRecordTable[] = [];
  const flush = async () => {
    if (batch.length > 0) await store.db.insertInto("usage_records").values(batch).execute();
    batch = [];
  };
  // Some agents start later in the year: adoption grows.
  const started = (agent: number, month: string) => (agent * 7) % 12 <= MONTHS.indexOf(month) + 4;
  for (const month of MONTHS) {
    // The month's share of the turns, spread over the agents active that month by weight.
    const weight = active.reduce(
      (sum, agent, position) => sum + (started(agent, month) ? (weights[position] ?? 1) : 0),
      0,
    );
    for (const [position, agent] of active.entries()) {
      if (!started(agent, month)) continue;
      const turns = Math.round((((weights[position] ?? 1) / weight) * TURNS) / MONTHS.length);
      for (let t = 0; t < turns; t++) {
        batch.push(record(index++, agent, month));
        if (batch.length === 400) await flush();
      }
    }
  }
  await flush();
  return index;
}

/**
 * A timer's turn. The event loop's delay histogram sees a hold only between
 * two of its own ticks: one once it is enabled, before the work starts, and
 * one after the work, before it stops (a single synchronous query would
 * otherwise show none).
 */
const settled = () => new Promise((resolve) => setTimeout(resolve, 5));

/** The median of `times` runs after a warm-up. */
async function median(run: () => Promise<unknown>, times = 5): Promise<number> {
  await run();
  const taken: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    taken.push(performance.now() - start);
  }
  return taken.sort((a, b) => a - b)[Math.floor(times / 2)] ?? Number.NaN;
}

/** The baseline: the same breakdowns read by scanning the records. */
function scans(store: Store, from: string, to: string, direction?: string) {
  const where = sql`at >= ${from} and at < ${to} ${direction ? sql`and direction_id = ${direction}` : sql``}`;
  return {
    adoption: () =>
      sql`select substr(at, 1, 7) as month, count(distinct user_id) from usage_records where ${where} group by substr(at, 1, 7)`.execute(
        store.db,
      ),
    uses: async () => {
      await sql`select assistant_id, status, count(*), count(distinct user_id), sum(minutes_saved), count(validated_at) from usage_records where ${where} group by assistant_id, status`.execute(
        store.db,
      );
      await sql`select model_ref, sovereignty, count(*), count(distinct user_id), sum(energy_kwh_max) from usage_records where ${where} group by model_ref, sovereignty`.execute(
        store.db,
      );
      await sql`select refusal, count(*) from usage_records where ${where} group by refusal`.execute(
        store.db,
      );
    },
    openData: () =>
      sql`select substr(at, 1, 7), assistant_id, model_ref, sovereignty, data_class, count(distinct user_id) from usage_records where ${where} group by substr(at, 1, 7), assistant_id, model_ref, sovereignty, data_class`.execute(
        store.db,
      ),
    impact: () =>
      sql`select substr(at, 1, 7), sum(energy_kwh_min), sum(energy_kwh_max), sum(gwp_kg_max), sum(water_l_max) from usage_records where ${where} group by substr(at, 1, 7)`.execute(
        store.db,
      ),
  };
}

async function measure(dialect: Dialect) {
  const { store, cleanup } = await freshStore(dialect);
  try {
    let start = performance.now();
    await seedAccounts(store);
    const turns = await seedJournal(store);
    const seeded = performance.now() - start;
    start = performance.now();
    await new UsageRepository(store.db).rebuildRollups();
    const rolled = performance.now() - start;
    if (dialect === "postgres") await sql`analyze`.execute(store.db);
    const rollupRows = await store.db
      .selectFrom("usage_sums")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirst();
    const agentRows = await store.db
      .selectFrom("usage_agents")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirst();
    const yearRows = await store.db
      .selectFrom("usage_agent_years")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirst();
    console.log(
      `${dialect}: ${turns.toLocaleString("en")} turns written in ${(seeded / 1000).toFixed(0)} s, rollups computed in ${(rolled / 1000).toFixed(1)} s (${Number(rollupRows?.n).toLocaleString("en")} sum rows, ${Number(agentRows?.n).toLocaleString("en")} agent-month rows, ${Number(yearRows?.n).toLocaleString("en")} agent-year rows)`,
    );

    const clock = new ManualClock(NOW);
    const location = freshLocation(dialect);
    const services = createServices({
      config: testConfig(location),
      store,
      clock,
      ids: randomIds,
    });
    const admin = {
      userId: `user-${pad(AGENTS, 5)}`,
      displayName: "DSI",
      email: "dsi@ville.example",
      directionId: null,
      directionPath: null,
      roles: ["admin"],
      permissions: ["chat", "audit:read", "settings:read", "directory:read"],
      via: "session",
    } as Principal;
    const agent = {
      ...admin,
      userId: "user-00001",
      roles: ["agent"],
      permissions: ["chat"],
    } as Principal;
    const year = { from: MONTHS[0], to: MONTHS[MONTHS.length - 1] };
    const oneDirection = { ...year, direction: "dir-07" };
    const figures = services.figures;
    const baseline = scans(store, `${MONTHS[0]}-01`, "2026-12-01");
    const baselineDirection = scans(store, `${MONTHS[0]}-01`, "2026-12-01", "dir-07");
    const rows: [string, () => Promise<unknown>, (() => Promise<unknown>) | null][] = [
      ["adoption (year)", () => figures.adoption(admin, year), baseline.adoption],
      ["uses (year)", () => figures.uses(admin, year), baseline.uses],
      ["protection (year)", () => figures.protection(admin, year), null],
      ["impact (year)", () => figures.impact(admin, year), baseline.impact],
      ["uses (one direction)", () => figures.uses(admin, oneDirection), baselineDirection.uses],
      [
        "impact (one direction)",
        () => figures.impact(admin, oneDirection),
        baselineDirection.impact,
      ],
      ["my usage (an agent)", () => figures.mine(agent), null],
      [
        "open data (counts kept)",
        () => services.register.usage({ from: year.from, to: year.to }),
        baseline.openData,
      ],
    ];
    // The open data's first download counts every month's agents per row, a few keys per query.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    await settled();
    start = performance.now();
    await services.register.usage({ from: year.from, to: year.to });
    const counted = performance.now() - start;
    await settled();
    loop.disable();
    console.log(
      `  open data, first count    ${counted.toFixed(1).padStart(7)} ms   longest hold of the event loop: ${(loop.max / 1e6).toFixed(1)} ms`,
    );
    let worst = 0;
    for (const [name, run, scan] of rows) {
      const held = monitorEventLoopDelay({ resolution: 1 });
      held.enable();
      await settled();
      const ms = await median(run);
      await settled();
      held.disable();
      worst = Math.max(worst, ms);
      // The scans take seconds each: the median of three.
      const base = scan ? await median(scan, 3) : null;
      console.log(
        `  ${name.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms  (loop held ≤ ${(held.max / 1e6).toFixed(0).padStart(3)} ms)${base === null ? "" : `   records scanned: ${base.toFixed(0).padStart(6)} ms   ratio scan / rollup: ×${(base / ms).toFixed(1)}`}`,
      );
    }
    console.log(
      `  slowest page: ${worst.toFixed(1)} ms (target: under 500 ms) ${worst < 500 ? "✓" : "✗"}`,
    );
    // Work that reads the journal's records themselves: the auditors' summary, then retention.
    const yearStart = `${MONTHS[0]}-01T00:00:00.000Z`;
    const yearEnd = "2026-11-30T23:59:59.999Z";
    const oneQuery = () =>
      sql`select assistant_id, model_ref, sovereignty, data_class, count(*), sum(energy_kwh_max) from usage_records where at >= ${yearStart} and at <= ${yearEnd} group by assistant_id, model_ref, sovereignty, data_class`.execute(
        store.db,
      );
    for (const [name, run] of [
      ["journal summary (year)", () => services.journal.summary(yearStart, yearEnd)],
      ["  the same, one query", oneQuery],
      [
        "retention: 3 months purged",
        () => new UsageRepository(store.db).rollUpBefore("2026-03-01T00:00:00.000Z"),
      ],
    ] as const) {
      const held = monitorEventLoopDelay({ resolution: 1 });
      held.enable();
      await settled();
      start = performance.now();
      const result = await run();
      const ms = performance.now() - start;
      await settled();
      held.disable();
      const purged = typeof result === "number" ? ` (${result.toLocaleString("en")} records)` : "";
      console.log(
        `  ${name.padEnd(26)} ${ms.toFixed(0).padStart(7)} ms  (loop held ≤ ${(held.max / 1e6).toFixed(0).padStart(4)} ms)${purged}`,
      );
    }
    await location.cleanup();
  } finally {
    await cleanup();
  }
}

for (const dialect of ["sqlite", "postgres"] as const) {
  const skip = await postgresSkip(dialect);
  if (skip) {
    console.log(`${dialect}: skipped (${skip})`);
    continue;
  }
  await measure(dialect);
}
