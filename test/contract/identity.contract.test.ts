import assert from "node:assert/strict";
import { it } from "node:test";
import { ManualClock, MINUTE } from "../../src/shared/clock.js";
import { AppError } from "../../src/shared/errors.js";
import { describeStores, servicesFor } from "../support/stores.js";

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);

describeStores("identity store contract", (getStore) => {
  const clock = new ManualClock();
  const services = (store = getStore(), env: Record<string, string> = {}) =>
    servicesFor(store, clock, env);
  /** Takes the administrator role from everyone, as on a fresh installation. */
  const withoutAdmins = () =>
    getStore().db.deleteFrom("user_roles").where("role", "=", "admin").execute();

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
    for (let i = 0; i < 5; i += 1) {
      await rejectsWith(
        auth.login("agent@throttle.example", "wrong password", "10.0.0.2"),
        "invalid_credentials",
      );
    }
    // Fifth failure from that address: even the right password is refused there until the window ends.
    await rejectsWith(
      auth.login("agent@throttle.example", "correct horse battery", "10.0.0.2"),
      "too_many_attempts",
    );
    clock.advance(16 * MINUTE);
    await auth.login("agent@throttle.example", "correct horse battery", "10.0.0.2");
  });

  it("counts parallel wrong logins before checking them: at most the limit get through", async () => {
    const { users, auth } = services();
    await users.create({
      email: "parallel@throttle.example",
      displayName: "Parallel",
      roles: ["agent"],
      password: "correct horse battery",
    });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        auth.login("parallel@throttle.example", "wrong password", "10.0.2.1"),
      ),
    );
    const codes = results.map((result) =>
      result.status === "rejected" && result.reason instanceof AppError ? result.reason.code : "?",
    );
    const wrong = codes.filter((code) => code === "invalid_credentials").length;
    const throttled = codes.filter((code) => code === "too_many_attempts").length;
    assert.ok(wrong >= 1 && wrong <= 5, `${wrong} attempts were checked, at most 5 may be`);
    assert.equal(wrong + throttled, 30);
  });

  it("locks an account for the attacking address only, until the per-account limit", async () => {
    const { users, auth } = services();
    await users.create({
      email: "victim@throttle.example",
      displayName: "Victim",
      roles: ["agent"],
      password: "correct horse battery",
    });
    const fail = (address: string) =>
      rejectsWith(
        auth.login("victim@throttle.example", "wrong password", address),
        "invalid_credentials",
      );
    for (let i = 0; i < 5; i += 1) await fail("192.0.2.66");
    await rejectsWith(
      auth.login("victim@throttle.example", "correct horse battery", "192.0.2.66"),
      "too_many_attempts",
    );
    // The agent, from the town hall, is not locked out by the attacker.
    await fail("10.0.3.1");
    await auth.login("victim@throttle.example", "correct horse battery", "10.0.3.1");
    // Still refused where the attacker is, however long they insist.
    for (let i = 0; i < 10; i += 1) {
      await rejectsWith(
        auth.login("victim@throttle.example", "wrong password", "192.0.2.66"),
        "too_many_attempts",
      );
    }
    // Spread over four more addresses, the guesses reach the per-account limit (5 × 4).
    for (const address of ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"]) {
      for (let i = 0; i < 5; i += 1) await fail(address);
    }
    await rejectsWith(
      auth.login("victim@throttle.example", "correct horse battery", "10.0.3.1"),
      "too_many_attempts",
    );
  });

  it("does not count successful logins against a shared address", async () => {
    const { users, auth } = services(getStore(), { BEFFROI_LOGIN__MAX_FAILURES_PER_ADDRESS: "3" });
    for (const name of ["a", "b", "c", "d"]) {
      await users.create({
        email: `${name}@nat.example`,
        displayName: name,
        roles: ["agent"],
        password: "correct horse battery",
      });
      await auth.login(`${name}@nat.example`, "correct horse battery", "10.0.4.1");
      await auth.login(`${name}@nat.example`, "correct horse battery", "10.0.4.1");
    }
    for (let i = 0; i < 3; i += 1) {
      await rejectsWith(
        auth.login(`x${i}@nat.example`, "wrong password", "10.0.4.1"),
        "invalid_credentials",
      );
    }
    await rejectsWith(
      auth.login("a@nat.example", "correct horse battery", "10.0.4.1"),
      "too_many_attempts",
    );
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

  it("creates one first administrator when several instances spend their own tokens at once", async () => {
    const { users } = services();
    await withoutAdmins();
    // Each instance has its own services over the shared database, and printed its own token.
    const instances = Array.from({ length: 4 }, () => services().bootstrap);
    const tokens = await Promise.all(instances.map((instance) => instance.issueToken()));
    const results = await Promise.allSettled(
      instances.map((instance, n) =>
        instance.createFirstAdmin(tokens[n] ?? "", {
          email: `race-${n}@boot.example`,
          displayName: `Race ${n}`,
          password: "a long password",
        }),
      ),
    );
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
    for (const result of results.filter((r) => r.status === "rejected")) {
      assert.ok(result.reason instanceof AppError && result.reason.code === "bootstrap_done");
    }
    const admins = (await users.list()).filter(
      (user) => user.roles.includes("admin") && user.disabledAt === null,
    );
    assert.equal(admins.length, 1);
  });

  it("does not spend the bootstrap token on a request it refuses", async () => {
    const { bootstrap, users } = services();
    await withoutAdmins();
    await users.create({ email: "taken@boot.example", displayName: "Taken", roles: ["agent"] });
    const token = await bootstrap.issueToken();
    assert.ok(token);
    const input = { email: "dgs@boot.example", displayName: "DGS", password: "a long password" };
    await rejectsWith(
      bootstrap.createFirstAdmin(token, { ...input, password: "court" }),
      "password_length",
    );
    await rejectsWith(
      bootstrap.createFirstAdmin(token, { ...input, email: "Taken@boot.example" }),
      "user_exists",
    );
    const admin = await bootstrap.createFirstAdmin(token, input);
    assert.deepEqual(admin.roles, ["admin"]);
  });

  it("keeps the tokens of instances started together, expires them after a day, drops them once an admin exists", async () => {
    const { bootstrap } = services();
    const tokens = () =>
      getStore().db.selectFrom("bootstrap_tokens").select("token_hash").execute();
    await withoutAdmins();
    const yesterday = await bootstrap.issueToken();
    clock.advance(25 * 60 * MINUTE);
    const [first, second] = await Promise.all([bootstrap.issueToken(), bootstrap.issueToken()]);
    assert.ok(yesterday && first && second && first !== second);
    assert.equal((await tokens()).length, 2, "a token older than a day is purged");
    const input = { email: "boot2@boot.example", displayName: "Boot", password: "a long password" };
    await rejectsWith(bootstrap.createFirstAdmin(yesterday, input), "bootstrap_invalid");
    await bootstrap.createFirstAdmin(first, input);
    assert.equal((await tokens()).length, 0, "every token goes with the first administrator");
    await rejectsWith(
      bootstrap.createFirstAdmin(second, { ...input, email: "boot3@boot.example" }),
      "bootstrap_done",
    );
    assert.equal(await bootstrap.issueToken(), null);
  });

  it("leaves one administrator when the last two disable or demote each other at once", async () => {
    const { users } = services();
    for (const change of [{ disabled: true }, { roles: ["agent" as const] }]) {
      await withoutAdmins();
      const [first, second] = await Promise.all(
        ["race1", "race2"].map((name) =>
          users.create({
            email: `${name}-${Object.keys(change)[0]}@admins.example`,
            displayName: name,
            roles: ["admin"],
          }),
        ),
      );
      const results = await Promise.allSettled([
        users.update(first?.id ?? "", change),
        users.update(second?.id ?? "", change),
      ]);
      assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
      const refused = results.find((result) => result.status === "rejected");
      assert.ok(refused?.reason instanceof AppError && refused.reason.code === "last_admin");
      const admins = (await users.list()).filter(
        (user) => user.roles.includes("admin") && user.disabledAt === null,
      );
      assert.equal(admins.length, 1);
    }
  });

  it("creates a direction once under concurrent additions, and their missing parents once", async () => {
    const { directions } = services();
    const same = await Promise.allSettled(
      Array.from({ length: 6 }, () => directions.add("Pôle culture > Médiathèque > Jeunesse")),
    );
    assert.equal(same.filter((result) => result.status === "fulfilled").length, 1);
    for (const result of same.filter((r) => r.status === "rejected")) {
      assert.ok(result.reason instanceof AppError && result.reason.code === "direction_exists");
    }
    const siblings = await Promise.all(
      ["Piscine", "Stade", "Gymnase"].map((name) => directions.add(`Pôle sports > ${name}`)),
    );
    const parents = (await directions.list()).filter((d) => d.path === "Pôle sports");
    assert.equal(parents.length, 1);
    assert.ok(siblings.every((sibling) => sibling.parentId === parents[0]?.id));
  });

  it("counts in fixed windows shared by every process", async () => {
    const { counters } = services();
    const now = new Date("2026-03-01T10:00:30Z");
    assert.equal((await counters.hit("k", MINUTE, now)).count, 1);
    assert.equal((await counters.hit("k", MINUTE, now)).count, 2);
    assert.equal((await counters.peek("k", MINUTE, now)).count, 2);
    assert.equal((await counters.peek("k", MINUTE, new Date("2026-03-01T10:01:00Z"))).count, 0);
    assert.equal((await counters.add("k", MINUTE, now, -1)).count, 1, "a hit given back");
    assert.equal((await counters.add("k", MINUTE, now, -5)).count, 0, "never below zero");
    assert.equal((await counters.add("absent", MINUTE, now, -1)).count, 0);
    assert.equal((await counters.peek("absent", MINUTE, now)).count, 0);
    await counters.purge(new Date("2026-03-01T10:02:00Z"));
    assert.equal((await counters.peek("k", MINUTE, now)).count, 0);
  });
});
