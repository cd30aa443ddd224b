import assert from "node:assert/strict";
import { it } from "node:test";
import { ManualClock, MINUTE } from "../../src/shared/clock.js";
import { AppError } from "../../src/shared/errors.js";
import { describeStores, servicesFor } from "../support/stores.js";

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);

describeStores("identity store contract", (getStore) => {
  const clock = new ManualClock();
  const services = () => servicesFor(getStore(), clock);

  it("keeps directions as a tree addressed by path, creating missing parents", async () => {
    const { directions } = services();
    const leaf = await directions.add("Pôle solidarités > CCAS > Accueil");
    assert.equal(leaf.path, "Pôle solidarités > CCAS > Accueil");
    const all = await directions.list();
    assert.deepEqual(
      all.map((d) => d.path),
      ["Pôle solidarités", "Pôle solidarités > CCAS", "Pôle solidarités > CCAS > Accueil"],
    );
    const ccas = all.find((d) => d.name === "CCAS");
    assert.equal(leaf.parentId, ccas?.id);
    assert.equal((await directions.resolve("Pôle solidarités>CCAS")).id, ccas?.id);
    await rejectsWith(directions.add("Pôle solidarités > CCAS > Accueil"), "direction_exists");
    await rejectsWith(directions.remove(ccas?.id ?? ""), "direction_has_members");
    await directions.remove(leaf.id);
    assert.equal((await directions.list()).length, 2);
  });

  it("creates users with roles and a direction, without ever exposing the hash", async () => {
    const { users, directions } = services();
    const direction = await directions.add("Direction des ressources humaines");
    const user = await users.create({
      email: "  Claire.Martin@Mairie.example ",
      displayName: "Claire Martin",
      roles: ["referent", "agent", "agent"],
      directionId: direction.id,
      password: "un mot de passe long",
    });
    assert.equal(user.email, "claire.martin@mairie.example");
    assert.deepEqual(user.roles, ["agent", "referent"]);
    assert.deepEqual(user.direction, {
      id: direction.id,
      path: "Direction des ressources humaines",
    });
    assert.equal(user.hasPassword, true);
    assert.ok(!JSON.stringify(user).includes("argon2"));
    await rejectsWith(
      users.create({ email: "claire.martin@mairie.example", displayName: "X", roles: ["agent"] }),
      "user_exists",
    );
    await rejectsWith(
      users.create({ email: "a@b.fr", displayName: "A", roles: ["agent"], password: "court" }),
      "password_length",
    );
    await rejectsWith(
      users.create({ email: "b@b.fr", displayName: "B", roles: ["agent"], directionId: "nope" }),
      "direction_not_found",
    );
    assert.equal(
      (await users.list()).filter((u) => u.email === "a@b.fr").length,
      0,
      "nothing half-written",
    );
  });

  it("keeps at least one active administrator", async () => {
    const { users } = services();
    const admin = await users.create({
      email: "admin@contract.example",
      displayName: "Admin",
      roles: ["admin"],
    });
    await rejectsWith(users.update(admin.id, { disabled: true }), "last_admin");
    await rejectsWith(users.update(admin.id, { roles: ["agent"] }), "last_admin");
    const second = await users.create({
      email: "admin2@contract.example",
      displayName: "Admin 2",
      roles: ["admin"],
    });
    const demoted = await users.update(admin.id, { roles: ["agent"] });
    assert.deepEqual(demoted.roles, ["agent"]);
    await rejectsWith(users.update(second.id, { disabled: true }), "last_admin");
  });

  it("logs in with a password, throttles failures and never tells which addresses exist", async () => {
    const { users, auth } = services();
    await users.create({
      email: "agent@throttle.example",
      displayName: "Agent",
      roles: ["agent"],
      password: "correct horse battery",
    });
    const session = await auth.login("Agent@Throttle.example", "correct horse battery", "10.0.0.1");
    const { principal } = await auth.authenticateSession(session.token);
    assert.equal(principal.email, "agent@throttle.example");
    await rejectsWith(
      auth.login("agent@throttle.example", "wrong password", "10.0.0.1"),
      "invalid_credentials",
    );
    await rejectsWith(
      auth.login("nobody@throttle.example", "wrong password", "10.0.0.1"),
      "invalid_credentials",
    );
    for (let i = 0; i < 4; i += 1) {
      await rejectsWith(
        auth.login("agent@throttle.example", "wrong password", "10.0.0.2"),
        "invalid_credentials",
      );
    }
    // Fifth failure reached: even the right password is refused until the window ends.
    await rejectsWith(
      auth.login("agent@throttle.example", "correct horse battery", "10.0.0.3"),
      "too_many_attempts",
    );
    clock.advance(16 * MINUTE);
    await auth.login("agent@throttle.example", "correct horse battery", "10.0.0.3");
  });

  it("expires sessions when idle and at their absolute limit, and on logout", async () => {
    const { users, auth } = services();
    await users.create({
      email: "agent@sessions.example",
      displayName: "Agent",
      roles: ["agent"],
      password: "correct horse battery",
    });
    const idle = await auth.login("agent@sessions.example", "correct horse battery", "10.0.1.1");
    clock.advance(61 * MINUTE);
    await rejectsWith(auth.authenticateSession(idle.token), "session_expired");

    const busy = await auth.login("agent@sessions.example", "correct horse battery", "10.0.1.1");
    for (let step = 0; step < 12; step += 1) {
      clock.advance(59 * MINUTE);
      await auth.authenticateSession(busy.token);
    }
    clock.advance(59 * MINUTE);
    await rejectsWith(auth.authenticateSession(busy.token), "session_expired");

    const out = await auth.login("agent@sessions.example", "correct horse battery", "10.0.1.1");
    const { sessionId } = await auth.authenticateSession(out.token);
    await auth.logout(sessionId ?? "");
    await rejectsWith(auth.authenticateSession(out.token), "session_expired");
  });

  it("issues scoped, expiring, revocable API keys stored only as digests", async () => {
    const { users, apiKeys } = services();
    const owner = await users.create({
      email: "script@keys.example",
      displayName: "Script",
      roles: ["referent"],
    });
    const { key, token } = await apiKeys.create(owner.id, {
      name: "import",
      scopes: ["knowledge:write", "chat"],
      expiresInDays: 2,
    });
    assert.match(token, /^bfr_[A-Za-z0-9_-]{40,}$/);
    assert.equal(key.prefix, token.slice(0, 10));
    const row = await getStore()
      .db.selectFrom("api_keys")
      .selectAll()
      .where("id", "=", key.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, token);
    assert.ok(!JSON.stringify(row).includes(token.slice(4)));

    const { principal } = await apiKeys.authenticate(token);
    assert.deepEqual(principal.permissions, ["chat", "knowledge:write"]);
    assert.equal(principal.apiKeyId, key.id);

    await rejectsWith(
      apiKeys.create(owner.id, { name: "x", scopes: ["directory:write"] }),
      "api_key_scope_not_allowed",
    );
    await rejectsWith(
      apiKeys.create(owner.id, { name: "x", scopes: ["chat"], expiresInDays: 4000 }),
      "api_key_lifetime",
    );

    clock.advance(3 * 24 * 60 * MINUTE);
    await rejectsWith(apiKeys.authenticate(token), "invalid_api_key");

    const second = await apiKeys.create(owner.id, { name: "second", scopes: ["chat"] });
    await apiKeys.authenticate(second.token);
    await apiKeys.revoke("cli", second.key.id);
    await rejectsWith(apiKeys.authenticate(second.token), "invalid_api_key");
    await rejectsWith(apiKeys.authenticate("bfr_not-a-key"), "invalid_api_key");
  });

  it("spends the bootstrap token once to create the first administrator", async () => {
    const { bootstrap, users } = services();
    const admins = (await users.list()).filter((u) => u.roles.includes("admin") && !u.disabledAt);
    for (const admin of admins)
      await getStore().db.deleteFrom("user_roles").where("user_id", "=", admin.id).execute();
    const token = await bootstrap.issueToken();
    assert.ok(token);
    await rejectsWith(
      bootstrap.createFirstAdmin("wrong", {
        email: "first@boot.example",
        displayName: "First",
        password: "a long password",
      }),
      "bootstrap_invalid",
    );
    const [first, second] = await Promise.allSettled([
      bootstrap.createFirstAdmin(token, {
        email: "first@boot.example",
        displayName: "First",
        password: "a long password",
      }),
      bootstrap.createFirstAdmin(token, {
        email: "second@boot.example",
        displayName: "Second",
        password: "a long password",
      }),
    ]);
    assert.equal([first, second].filter((r) => r.status === "fulfilled").length, 1);
    assert.equal(await bootstrap.issueToken(), null);
  });

  it("counts in fixed windows shared by every process", async () => {
    const { counters } = services();
    const now = new Date("2026-03-01T10:00:30Z");
    assert.equal((await counters.hit("k", MINUTE, now)).count, 1);
    assert.equal((await counters.hit("k", MINUTE, now)).count, 2);
    assert.equal((await counters.peek("k", MINUTE, now)).count, 2);
    assert.equal((await counters.peek("k", MINUTE, new Date("2026-03-01T10:01:00Z"))).count, 0);
    await counters.purge(new Date("2026-03-01T10:02:00Z"));
    assert.equal((await counters.peek("k", MINUTE, now)).count, 0);
  });
});
