import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { templateYaml } from "../../src/charter/index.js";
import {
  addProvider,
  call,
  describeApps,
  login,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const DAY = 24 * 3600 * 1000;

describeApps("retention", (get) => {
  let upstream: OpenAiUpstream;
  let agent: Session;
  let admin: Session;
  let auditor: Session;

  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    admin = await seedAdmin(app);
    await seedUser(app, "agent@ville.example", ["agent"], "CCAS");
    await seedUser(app, "dpo@ville.example", ["auditor"], "DSI");
    auditor = await login(app, "dpo@ville.example");
    await addProvider(app, admin, {
      id: "abroad",
      baseUrl: upstream.url,
      sovereignty: "extraterritorial",
      country: "USA",
      pue: 1.2,
      models: [{ id: "test-model", activeParameters: 7.3, totalParameters: 7.3 }],
    });
    const yaml = templateYaml("balanced").replace(
      "disclosure:",
      "retention:\n  conversationsDays: 30\n  journalDays: 60\ndisclosure:",
    );
    assert.equal((await call(app, "PUT", "/api/charter", admin, { yaml })).statusCode, 200);
    await app.services.charter.accept(
      (await app.services.users.list()).find((u) => u.email === "agent@ville.example")?.id ?? "",
    );
    agent = await login(app, "agent@ville.example");
  });
  after(() => upstream.close());

  it("deletes conversations and usage records past the charter's periods, keeping the monthly totals", async () => {
    const { app, clock } = get();
    const old = (await call(app, "POST", "/api/conversations", agent, {})).json().id;
    // A personal-data turn abroad: pseudonyms go into the conversation's vault.
    const first = await call(app, "POST", `/api/conversations/${old}/messages`, agent, {
      content: "Rédige un courrier pour Mme Martine Dupont.",
    });
    assert.equal(first.statusCode, 200, first.body);
    const rated = await call(
      app,
      "POST",
      `/api/conversations/${old}/messages/${first.json().id}/feedback`,
      agent,
      { rating: "up", minutesSaved: 25 },
    );
    assert.equal(rated.statusCode, 200, rated.body);
    const vault = () =>
      app.store.db
        .selectFrom("guard_vault")
        .select("placeholder")
        .where("conversation_id", "=", old)
        .execute();
    assert.equal((await vault()).length, 1);
    const before = (
      await call(app, "GET", "/api/observatory/usage?from=2025-01-01T00:00:00Z", auditor)
    ).json();

    clock.advance(45 * DAY);
    agent = await login(app, "agent@ville.example");
    const recent = (await call(app, "POST", "/api/conversations", agent, {})).json().id;
    await call(app, "POST", `/api/conversations/${recent}/messages`, agent, { content: "Bonjour" });

    const purged = await app.services.retention.purge();
    assert.deepEqual(purged, { conversations: 1, usageRecords: 0 });
    assert.equal((await call(app, "GET", `/api/conversations/${old}`, agent)).statusCode, 404);
    assert.equal((await vault()).length, 0, "the vault goes with its conversation");
    assert.equal((await call(app, "GET", `/api/conversations/${recent}`, agent)).statusCode, 200);

    clock.advance(20 * DAY);
    agent = await login(app, "agent@ville.example");
    auditor = await login(app, "dpo@ville.example");
    assert.deepEqual(await app.services.retention.purge(), { conversations: 0, usageRecords: 1 });
    const records = await app.store.db.selectFrom("usage_records").select("turn_id").execute();
    assert.equal(records.length, 1, "the recent turn stays");
    const after = (
      await call(app, "GET", "/api/observatory/usage?from=2025-01-01T00:00:00Z", auditor)
    ).json();
    const turns = (body: { rows: { turns: number }[] }) =>
      body.rows.reduce((sum, r) => sum + r.turns, 0);
    assert.equal(turns(before), 1);
    assert.equal(turns(after), 2, "the purged turn still counts, through its month");
    const energy = (body: { rows: { energyKwh: { min: number } }[] }) =>
      body.rows.reduce((sum, r) => sum + r.energyKwh.min, 0);
    assert.ok(energy(after) >= energy(before) && energy(before) > 0);
    const minutes = (body: { rows: { minutesSaved: number; answersWithMinutes: number }[] }) => [
      body.rows.reduce((sum, r) => sum + r.minutesSaved, 0),
      body.rows.reduce((sum, r) => sum + r.answersWithMinutes, 0),
    ];
    assert.deepEqual(minutes(before), [25, 1]);
    assert.deepEqual(
      minutes(after),
      [25, 1],
      "the purged turn's minutes still count, through its month",
    );
  });
});
