import assert from "node:assert/strict";
import { before, it } from "node:test";
import { sql } from "kysely";
import { templateYaml } from "../../src/charter/index.js";
import { call, describeApps, login, type Session, seedAdmin, seedUser } from "../support/apps.js";

interface Entry {
  seq: number;
  actor: { kind: string; id: string | null };
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

const PROVIDER = {
  id: "albert",
  baseUrl: "https://albert.api.etalab.gouv.fr/v1",
  apiKeyEnv: "ALBERT_API_KEY",
  sovereignty: "sovereign",
  country: "FRA",
  models: [{ id: "albert-large" }],
};

describeApps("audit log of administrative actions", (get) => {
  let admin: Session;
  let auditor: Session;
  let agent: Session;
  let adminId = "";
  let agentId = "";
  let apiKeyToken = "";
  let apiKeyId = "";
  let baseId = "";

  before(async () => {
    const { app } = get();
    admin = await seedAdmin(app);
    adminId = (await app.services.users.findByEmail("dsi@ville.example"))?.id ?? "";
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    agentId = (await seedUser(app, "agent@ville.example", ["agent"], "CCAS")).id;
    auditor = await login(app, "dpo@ville.example");
    agent = await login(app, "agent@ville.example");
  });

  const log = async (): Promise<Entry[]> => {
    const response = await call(get().app, "GET", "/api/audit?limit=500", auditor);
    assert.equal(response.statusCode, 200, response.body);
    return response.json().entries;
  };

  it("records each administrative action with its actor and target, and no secret", async () => {
    const { app } = get();
    const granted = await call(app, "PATCH", `/api/users/${agentId}`, admin, {
      roles: ["agent", "referent"],
    });
    assert.equal(granted.statusCode, 200, granted.body);
    const provider = await call(app, "POST", "/api/providers", admin, PROVIDER);
    assert.equal(provider.statusCode, 201, provider.body);
    const key = await call(app, "POST", "/api/api-keys", admin, {
      name: "export mensuel",
      scopes: ["audit:read"],
    });
    assert.equal(key.statusCode, 201, key.body);
    apiKeyToken = key.json().token;
    apiKeyId = key.json().key.id;
    const ccas = await app.services.directions.find("CCAS");
    const base = await call(app, "POST", "/api/knowledge-bases", admin, {
      name: "Aides sociales",
      ownerDirectionId: ccas?.id,
    });
    assert.equal(base.statusCode, 201, base.body);
    baseId = base.json().id;
    const readers = await call(app, "PATCH", `/api/knowledge-bases/${baseId}`, admin, {
      readers: [{ kind: "role", value: "agent" }],
    });
    assert.equal(readers.statusCode, 200, readers.body);

    const entries = await log();
    const mine = entries.filter((entry) => entry.actor.kind === "user").reverse();
    assert.deepEqual(
      mine.map((entry) => [entry.action, entry.actor.id, entry.target]),
      [
        ["role.granted", adminId, agentId],
        ["provider.added", adminId, "albert"],
        ["api-key.created", adminId, apiKeyId],
        ["knowledge-base.created", adminId, baseId],
        ["knowledge-base.readers-changed", adminId, baseId],
      ],
    );
    const [role, added, created, , changed] = mine;
    assert.deepEqual(role?.details, { role: "referent" });
    assert.equal(added?.details?.sovereignty, "sovereign");
    assert.deepEqual(added?.details?.models, ["albert-large"]);
    assert.deepEqual(created?.details?.scopes, ["audit:read"]);
    assert.deepEqual(changed?.details, { before: [], after: [{ kind: "role", value: "agent" }] });
    // Users seeded through the service, with no signed-in user, are Beffroi's own doing.
    assert.ok(
      entries.some((entry) => entry.action === "user.created" && entry.actor.kind === "system"),
    );

    const whole = JSON.stringify(entries);
    assert.ok(!whole.includes(apiKeyToken), "the API key is nowhere in the log");
    assert.ok(!whole.includes(apiKeyToken.slice(0, 12)), "not even its first characters");
    for (const personal of [
      "agent@ville.example",
      "dsi@ville.example",
      "export mensuel",
      "ALBERT_API_KEY",
    ])
      assert.ok(!whole.includes(personal), `${personal} is not in the log`);
  });

  it("records revocations, provider edits and removals, disabling, and the personal-data setting", async () => {
    const { app } = get();
    assert.equal(
      (
        await call(app, "PUT", "/api/providers/albert", admin, {
          ...PROVIDER,
          sovereignty: "extraterritorial",
        })
      ).statusCode,
      200,
    );
    assert.equal((await call(app, "DELETE", "/api/providers/albert", admin)).statusCode, 204);
    assert.equal((await call(app, "DELETE", `/api/api-keys/${apiKeyId}`, admin)).statusCode, 200);
    // Revoking twice changes nothing, and records nothing.
    assert.equal((await call(app, "DELETE", `/api/api-keys/${apiKeyId}`, admin)).statusCode, 200);
    assert.equal(
      (await call(app, "PATCH", `/api/knowledge-bases/${baseId}`, admin, { personalData: "index" }))
        .statusCode,
      200,
    );
    assert.equal(
      (await call(app, "PATCH", `/api/users/${agentId}`, admin, { disabled: true })).statusCode,
      200,
    );
    assert.equal(
      (await call(app, "DELETE", `/api/knowledge-bases/${baseId}`, admin)).statusCode,
      204,
    );
    const latest = (await log()).slice(0, 6).reverse();
    assert.deepEqual(
      latest.map((entry) => [entry.action, entry.actor.id, entry.target]),
      [
        ["provider.updated", adminId, "albert"],
        ["provider.removed", adminId, "albert"],
        ["api-key.revoked", adminId, apiKeyId],
        ["knowledge-base.personal-data-changed", adminId, baseId],
        ["user.disabled", adminId, agentId],
        ["knowledge-base.deleted", adminId, baseId],
      ],
    );
    assert.deepEqual(latest[0]?.details, {
      changed: ["sovereignty"],
      before: { sovereignty: "sovereign" },
      after: { sovereignty: "extraterritorial" },
    });
    assert.equal(latest[3]?.details?.from, "quarantine");
    assert.equal(latest[3]?.details?.to, "index");
    // A new version of the usage charter (the first was installed by Beffroi itself).
    const charter = await call(app, "PUT", "/api/charter", admin, { yaml: templateYaml("strict") });
    assert.equal(charter.statusCode, 200, charter.body);
    const entries = await log();
    const [changedCharter] = entries;
    assert.deepEqual(
      [changedCharter?.action, changedCharter?.actor.id, changedCharter?.target],
      ["charter.changed", adminId, "2"],
    );
    assert.ok(((changedCharter?.details?.changes ?? []) as string[]).length > 0);
    assert.ok(
      entries.some(
        (entry) =>
          entry.action === "charter.changed" &&
          entry.target === "1" &&
          entry.actor.kind === "system",
      ),
    );
    // Disabling ended the agent's sessions; enabled again, they sign in anew.
    assert.equal(
      (await call(app, "PATCH", `/api/users/${agentId}`, admin, { disabled: false })).statusCode,
      200,
    );
    const enabled = (await log())[0];
    assert.deepEqual([enabled?.action, enabled?.target], ["user.enabled", agentId]);
    agent = await login(app, "agent@ville.example");
  });

  it("is for administrators and auditors only", async () => {
    const { app } = get();
    for (const url of ["/api/audit", "/api/audit/verify", "/api/audit/head"]) {
      const refused = await call(app, "GET", url, agent);
      assert.equal(refused.statusCode, 403, `${url}: ${refused.body}`);
      assert.equal((await call(app, "GET", url)).statusCode, 401);
      assert.equal((await call(app, "GET", url, admin)).statusCode, 200);
    }
  });

  it("verifies the chain, then reports the first broken link once a row is tampered with in the database", async () => {
    const { app } = get();
    const intact = await call(app, "GET", "/api/audit/verify", auditor);
    assert.equal(intact.statusCode, 200, intact.body);
    const entries = await log();
    assert.deepEqual(intact.json().ok, true);
    assert.equal(intact.json().count, entries.length);
    assert.match(intact.json().message, /Journal d'audit intact/);
    const head = (await call(app, "GET", "/api/audit/head", auditor)).json();
    assert.equal(head.seq, entries[0]?.seq);
    const anchored = await call(
      app,
      "GET",
      `/api/audit/verify?anchor=${head.seq}:${head.hash}`,
      auditor,
    );
    assert.equal(anchored.json().ok, true, anchored.body);

    // Someone with access to the database makes the role grant look like another role.
    const grant = entries.find((entry) => entry.action === "role.granted");
    assert.ok(grant);
    await sql`update audit_log set details = ${'{"role":"agent"}'} where seq = ${grant.seq}`.execute(
      app.store.db,
    );
    const broken = await call(app, "GET", "/api/audit/verify", admin);
    assert.equal(broken.statusCode, 200, broken.body);
    const { message, ...result } = broken.json() as { message: string };
    assert.deepEqual(result, { ok: false, brokenAt: grant.seq, reason: "hash" });
    assert.match(message, new RegExp(`^Maillon rompu à l'entrée n° ${grant.seq} : `));

    // Putting it back is not enough to hide a deletion further on.
    await sql`update audit_log set details = ${'{"role":"referent"}'} where seq = ${grant.seq}`.execute(
      app.store.db,
    );
    assert.equal((await call(app, "GET", "/api/audit/verify", admin)).json().ok, true);
    await sql`delete from audit_log where seq = ${grant.seq + 1}`.execute(app.store.db);
    const gap = (await call(app, "GET", "/api/audit/verify", admin)).json();
    assert.deepEqual([gap.ok, gap.brokenAt, gap.reason], [false, grant.seq + 1, "gap"]);
    assert.equal(
      (await call(app, "GET", "/api/audit/verify?anchor=12:abc", admin)).statusCode,
      400,
    );
  });
});
