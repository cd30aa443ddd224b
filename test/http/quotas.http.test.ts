import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { type App, createApp } from "../../src/app.js";
import { templateYaml } from "../../src/charter/index.js";
import { ManualClock } from "../../src/shared/clock.js";
import { call, describeApps, login, seedUser } from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";
import { describeEachDialect, freshLocation, testConfig } from "../support/stores.js";

/** The balanced charter with the given quotas (YAML flow mapping). */
const withQuotas = (quotas: string) =>
  templateYaml("balanced").replace(/^quotas:.*$/m, `quotas: ${quotas}`);

const MONTH = "2026-01";

/** An agent (charter accepted) and a chat-scoped API key. */
async function agentWithKey(app: App, email: string, direction: string) {
  const user = await seedUser(app, email, ["agent"], direction);
  const { token } = await app.services.apiKeys.create(user.id, {
    name: "script",
    scopes: ["chat"],
  });
  return { user, key: { apiKey: token } };
}

async function addProvider(app: App, upstream: OpenAiUpstream, adminEmail: string) {
  await seedUser(app, adminEmail, ["admin"], "DSI");
  const admin = await login(app, adminEmail);
  const created = await call(app, "POST", "/api/providers", admin, {
    id: "souverain",
    baseUrl: upstream.url,
    sovereignty: "sovereign",
    country: "FRA",
    models: [{ id: "test-model" }],
  });
  assert.equal(created.statusCode, 201, created.body);
}

const rules = (response: { json(): { decisions: { rule: string }[] } }) =>
  response.json().decisions.map((d) => d.rule);

describeApps("monthly quotas", (get) => {
  let upstream: OpenAiUpstream;

  before(async () => {
    upstream = await startOpenAiUpstream();
    await addProvider(get().app, upstream, "dsi@ville.example");
  });
  after(() => upstream.close());

  const ask = (key: { apiKey: string }, question = "Rédige une invitation au conseil.") =>
    call(get().app, "POST", "/api/ask", key, { question });

  it("warns past a quota when the charter says `warn`, and counts what the answers consumed", async () => {
    const { app } = get();
    await app.services.charter.update(null, withQuotas("{ agent: { tokens: 5 }, onExceed: warn }"));
    const { user, key } = await agentWithKey(app, "alerte@ville.example", "Culture");
    const first = await ask(key);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().mode, "model");
    assert.ok(!rules(first).includes("charter.quota-warn"));
    const second = await ask(key);
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().mode, "model", "a warning lets the request through");
    const warning = second
      .json()
      .decisions.find((d: { rule: string }) => d.rule === "charter.quota-warn");
    assert.match(
      warning.reason,
      /^Quota dépassé : votre quota de jetons \(5 jetons par mois\) ; .* Il repart à zéro le 1er février 2026/,
    );
    const usage = await app.services.quotas.usage(`user:${user.id}`, MONTH);
    assert.equal(usage.requests, 2);
    assert.equal(usage.inFlight, 0);
    assert.equal(usage.settled, 2);
    assert.ok(usage.tokens > 10, `${usage.tokens} tokens`);
    const direction = await app.services.quotas.usage(`direction:${user.direction?.id}`, MONTH);
    assert.equal(direction.requests, 2, "the direction's month is counted too");
    assert.equal(direction.tokens, usage.tokens);
  });

  it("answers extractively once a direction's quota is reached when the charter says `degrade`", async () => {
    const { app } = get();
    await app.services.charter.update(
      null,
      withQuotas("{ direction: { requests: 1 }, onExceed: degrade }"),
    );
    const { key } = await agentWithKey(app, "urba@ville.example", "Urbanisme");
    const { key: colleague } = await agentWithKey(app, "urba2@ville.example", "Urbanisme");
    const calls = upstream.requests.length;
    const first = await ask(key);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().mode, "model");
    const degraded = await ask(colleague);
    assert.equal(degraded.statusCode, 200, degraded.body);
    assert.equal(degraded.json().mode, "extractive");
    assert.equal(upstream.requests.length, calls + 1, "no model called once degraded");
    const why = degraded
      .json()
      .decisions.find((d: { rule: string }) => d.rule === "charter.quota-degrade");
    assert.match(
      why.reason,
      /le quota de demandes de votre direction \(Urbanisme\) \(1 demandes par mois\) est épuisé ; jusqu'au 1er février 2026 .* réponses extractives/,
    );
    assert.ok(rules(degraded).includes("route.quota-degraded"));
    // Through /v1, quoted passages are no model's answer: refused unless the client asks for them.
    const completion = (headers: Record<string, string> = {}) =>
      app.server.inject({
        method: "POST",
        url: "/v1/chat/completions",
        headers: { authorization: `Bearer ${colleague.apiKey}`, ...headers },
        payload: {
          model: "default",
          messages: [{ role: "user", content: "Horaires de la mairie ?" }],
        },
      });
    const refused = await completion();
    assert.equal(refused.statusCode, 429, refused.body);
    assert.equal(refused.json().error.code, "quota_degraded");
    const quoted = await completion({ "x-beffroi-fallback": "extractive" });
    assert.equal(quoted.statusCode, 200, quoted.body);
    assert.equal(quoted.json().model, "extractive");
    assert.equal(upstream.requests.length, calls + 1, "no model called once degraded");
  });

  it("refuses past a quota when the charter says `deny`, says which and until when, and starts again next month", async () => {
    const { app, clock } = get();
    await app.services.charter.update(
      null,
      withQuotas("{ agent: { requests: 2 }, onExceed: deny }"),
    );
    const { user, key } = await agentWithKey(app, "refus@ville.example", "CCAS");
    for (let i = 0; i < 2; i++) assert.equal((await ask(key)).statusCode, 200);
    const calls = upstream.requests.length;
    const refused = await ask(key);
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error.code, "turn_denied");
    assert.equal(
      refused.json().error.message,
      "Demande refusée : Quota atteint : votre quota de demandes (2 demandes par mois) est épuisé ; il repart à zéro le 1er février 2026 (heure UTC). D'ici là, demandez à votre référent de le relever si votre besoin le justifie, ou utilisez la recherche dans les documents (passages cités, sans modèle).",
    );
    const denial = refused
      .json()
      .error.details.find((d: { outcome: string }) => d.outcome === "deny");
    assert.equal(denial.rule, "charter.quota");
    assert.equal(upstream.requests.length, calls);
    assert.equal((await app.services.quotas.usage(`user:${user.id}`, MONTH)).requests, 2);

    // The command line acts for the administrator at the machine: no quota.
    const cli = await app.services.chat.run({
      principal: {
        userId: user.id,
        displayName: "cli",
        email: "refus@ville.example",
        directionId: user.direction?.id ?? null,
        directionPath: "CCAS",
        roles: ["admin"],
        permissions: ["chat"],
        via: "cli",
      },
      messages: [{ role: "user", content: "Rédige une invitation." }],
    });
    assert.equal(cli.status, "completed");

    clock.advance(31 * 24 * 3600 * 1000);
    const nextMonth = await ask(key);
    assert.equal(nextMonth.statusCode, 200, nextMonth.body);
  });
});

/**
 * Races: many requests at once against one quota, through two app instances
 * sharing one PostgreSQL schema (one app on SQLite, a single writer).
 */
describeEachDialect("quota races", (dialect) => {
  const location = freshLocation(dialect);
  const apps: App[] = [];
  let upstream: OpenAiUpstream;
  const N = 5;

  before(async () => {
    upstream = await startOpenAiUpstream();
    const env = { BEFFROI_RATE_LIMIT__REQUESTS_PER_MINUTE: "100000" };
    const open = () =>
      createApp(testConfig(location, env), {
        clock: new ManualClock(),
        store: { schema: location.schema, poolSize: 4 },
      });
    apps.push(await open());
    await addProvider(apps[0] as App, upstream, "dsi@ville.example");
    if (dialect === "postgres") apps.push(await open());
  });
  after(async () => {
    for (const app of apps) await app.close();
    await upstream.close();
    await location.cleanup();
  });

  const fire = (key: { apiKey: string }, count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        call(apps[i % apps.length] as App, "POST", "/v1/chat/completions", key, {
          model: "default",
          messages: [{ role: "user", content: `Rédige la note numéro ${i}.` }],
        }),
      ),
    );

  it("overshoots a tokens quota by at most one answer under concurrent requests", async () => {
    const app = apps[0] as App;
    const perAnswer = 30;
    const limit = 100;
    await app.services.charter.update(
      null,
      withQuotas(`{ agent: { tokens: ${limit} }, onExceed: deny }`),
    );
    const { user, key } = await agentWithKey(app, "jetons@ville.example", "Finances");
    const count = 12;
    upstream.script(
      ...Array.from({ length: count }, () => ({
        kind: "reply" as const,
        text: "Voici la note.",
        firstTokenDelayMs: 20,
        usage: { prompt_tokens: 10, completion_tokens: perAnswer - 10 },
      })),
    );
    const responses = await fire(key, count);
    const admitted = responses.filter((r) => r.statusCode === 200).length;
    const usage = await app.services.quotas.usage(`user:${user.id}`, MONTH);
    console.log(
      `[${dialect}] tokens race: ${admitted} answered of ${count}, ${usage.tokens} tokens for a quota of ${limit} (${perAnswer} per answer)`,
    );
    assert.equal(usage.tokens, admitted * perAnswer);
    assert.ok(usage.tokens >= limit, "the quota was used up");
    assert.ok(
      usage.tokens < limit + perAnswer,
      `${usage.tokens} tokens: overshoot within one answer`,
    );
    assert.equal(usage.inFlight, 0);
    for (const response of responses.filter((r) => r.statusCode !== 200)) {
      assert.equal(response.statusCode, 403, response.body);
      assert.match(response.json().error.message, /votre quota de jetons \(100 jetons par mois\)/);
    }
  });

  it(`admits exactly N of 3N concurrent requests against a requests quota of N`, async () => {
    const app = apps[0] as App;
    await app.services.charter.update(
      null,
      withQuotas(`{ agent: { requests: ${N} }, onExceed: deny }`),
    );
    const { user, key } = await agentWithKey(app, "course@ville.example", "Finances");
    upstream.script(
      ...Array.from({ length: 3 * N }, () => ({
        kind: "reply" as const,
        text: "Voici la note.",
        firstTokenDelayMs: 20,
      })),
    );
    const responses = await fire(key, 3 * N);
    const admitted = responses.filter((r) => r.statusCode === 200).length;
    const refused = responses.filter((r) => r.statusCode === 403);
    console.log(`[${dialect}] requests race: ${admitted} admitted of ${3 * N}, quota ${N}`);
    assert.ok(admitted <= N + 1, `${admitted} admitted`);
    assert.equal(admitted, N);
    assert.equal(refused.length, 3 * N - admitted);
    for (const response of refused) {
      assert.match(
        response.json().error.message,
        /votre quota de demandes \(5 demandes par mois\)/,
      );
    }
    const usage = await app.services.quotas.usage(`user:${user.id}`, MONTH);
    assert.equal(usage.requests, admitted, "the stored count is the admitted count");
    assert.equal(usage.inFlight, 0);
  });
});
