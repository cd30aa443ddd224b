import assert from "node:assert/strict";
import { it } from "node:test";
import type { AuditEntry } from "../../src/observatory/index.js";
import { MINUTE } from "../../src/shared/clock.js";
import {
  call,
  describeApps,
  login,
  PASSWORD,
  type Session,
  seedUser,
  sessionCookie,
} from "../support/apps.js";

describeApps("identity over HTTP", (get) => {
  it("answers health, readiness and the OpenAPI document", async () => {
    const { app } = get();
    assert.deepEqual((await call(app, "GET", "/healthz")).json(), { status: "ok" });
    assert.deepEqual((await call(app, "GET", "/readyz")).json(), { status: "ready" });
    const document = (await call(app, "GET", "/api/openapi.json")).json();
    assert.equal(document.openapi, "3.1.0");
    assert.ok(document.paths["/api/users/{id}"].patch.requestBody);
    assert.equal(document.paths["/api/users"].get["x-beffroi-permission"], "directory:read");
  });

  it("creates the first administrator with the one-time bootstrap token", async () => {
    const { app } = get();
    const token = await app.services.bootstrap.issueToken();
    assert.ok(token);
    const body = { token, email: "dsi@ville.example", displayName: "DSI", password: PASSWORD };
    const wrong = await call(app, "POST", "/api/bootstrap", undefined, { ...body, token: "nope" });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error.code, "bootstrap_invalid");
    const created = await call(app, "POST", "/api/bootstrap", undefined, body);
    assert.equal(created.statusCode, 201);
    assert.deepEqual(created.json().roles, ["admin"]);
    const again = await call(app, "POST", "/api/bootstrap", undefined, {
      ...body,
      email: "other@ville.example",
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, "bootstrap_done");
    await login(app, "dsi@ville.example");
  });

  it("logs in with a cookie that scripts cannot read, and gives no hint about unknown accounts", async () => {
    const { app } = get();
    await seedUser(app, "agent@ville.example", ["agent"], "Pôle solidarités > CCAS > Accueil");
    const response = await call(app, "POST", "/api/auth/login", undefined, {
      email: "agent@ville.example",
      password: PASSWORD,
    });
    assert.equal(response.statusCode, 200);
    const setCookie = String(response.headers["set-cookie"]);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.doesNotMatch(setCookie, /Secure/, "plain http on loopback: no Secure flag");
    const body = response.json();
    assert.equal(body.user.direction.path, "Pôle solidarités > CCAS > Accueil");
    assert.deepEqual(body.permissions, ["chat", "knowledge:read"]);
    assert.ok(body.csrfToken);
    assert.ok(!JSON.stringify(body).includes("argon2"));

    const wrong = await call(app, "POST", "/api/auth/login", undefined, {
      email: "agent@ville.example",
      password: "pas le bon mot de passe",
    });
    const unknown = await call(app, "POST", "/api/auth/login", undefined, {
      email: "personne@ville.example",
      password: "pas le bon mot de passe",
    });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    assert.equal(wrong.json().error.code, "invalid_credentials");
  });

  it("throttles repeated failures with 429 and a Retry-After", async () => {
    const { app } = get();
    await seedUser(app, "cible@ville.example", ["agent"]);
    for (let i = 0; i < 5; i += 1) {
      await call(app, "POST", "/api/auth/login", undefined, {
        email: "cible@ville.example",
        password: "mauvais essai",
      });
    }
    const blocked = await call(app, "POST", "/api/auth/login", undefined, {
      email: "cible@ville.example",
      password: PASSWORD,
    });
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().error.code, "too_many_attempts");
    assert.ok(Number(blocked.headers["retry-after"]) > 0);
  });

  it("refuses a cookie-authenticated write without the CSRF token or from another origin", async () => {
    const { app } = get();
    await seedUser(app, "csrf@ville.example", ["agent"]);
    const session = await login(app, "csrf@ville.example");
    const noToken = await app.server.inject({
      method: "POST",
      url: "/api/api-keys",
      headers: { cookie: session.cookie },
      payload: { name: "x", scopes: ["chat"] },
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, "csrf_failed");
    const foreign = await app.server.inject({
      method: "POST",
      url: "/api/api-keys",
      headers: {
        cookie: session.cookie,
        "x-csrf-token": session.csrf,
        origin: "https://evil.example",
      },
      payload: { name: "x", scopes: ["chat"] },
    });
    assert.equal(foreign.statusCode, 403);
    const ok = await call(app, "POST", "/api/api-keys", session, { name: "x", scopes: ["chat"] });
    assert.equal(ok.statusCode, 201);
  });

  it("lets a browser with a live session cookie log in again or out without the CSRF token", async () => {
    const { app } = get();
    await seedUser(app, "retour@ville.example", ["agent"]);
    const live = await login(app, "retour@ville.example");
    const again = await app.server.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { cookie: live.cookie },
      payload: { email: "retour@ville.example", password: PASSWORD },
    });
    assert.equal(again.statusCode, 200, again.body);
    const renewed = { cookie: sessionCookie(again), csrf: again.json().csrfToken };
    assert.equal((await call(app, "GET", "/api/auth/session", renewed)).statusCode, 200);
    assert.equal(
      (await call(app, "GET", "/api/auth/session", live)).statusCode,
      401,
      "the replaced session ends",
    );
    const foreign = await app.server.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: renewed.cookie, origin: "https://evil.example" },
    });
    assert.equal(foreign.statusCode, 403, "the origin check still holds");
    const out = await app.server.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: renewed.cookie },
    });
    assert.equal(out.statusCode, 204);
    assert.equal((await call(app, "GET", "/api/auth/session", renewed)).statusCode, 401);
  });

  it("gives agents 403 on administration, lets auditors read but not write", async () => {
    const { app } = get();
    await seedUser(app, "a2@ville.example", ["agent"]);
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    await seedUser(app, "admin2@ville.example", ["admin"]);
    const agent = await login(app, "a2@ville.example");
    const auditor = await login(app, "dpo@ville.example");
    const admin = await login(app, "admin2@ville.example");
    const newUser = { email: "nouveau@ville.example", displayName: "Nouveau", roles: ["agent"] };

    assert.equal((await call(app, "GET", "/api/users", agent)).statusCode, 403);
    assert.equal((await call(app, "POST", "/api/users", agent, newUser)).statusCode, 403);
    assert.equal(
      (await call(app, "POST", "/api/directions", agent, { path: "DRH" })).statusCode,
      403,
    );

    const list = await call(app, "GET", "/api/users", auditor);
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().some((u: { email: string }) => u.email === "a2@ville.example"));
    const refused = await call(app, "POST", "/api/users", auditor, newUser);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, "forbidden");
    const target = list.json().find((u: { email: string }) => u.email === "a2@ville.example");
    assert.equal(
      (await call(app, "PATCH", `/api/users/${target.id}`, auditor, { roles: ["admin"] }))
        .statusCode,
      403,
    );

    const created = await call(app, "POST", "/api/users", admin, newUser);
    assert.equal(created.statusCode, 201);
    const promoted = await call(app, "PATCH", `/api/users/${created.json().id}`, admin, {
      roles: ["agent", "referent"],
    });
    assert.deepEqual(promoted.json().roles, ["agent", "referent"]);
  });

  it("scopes API keys, refuses them once revoked, and never lets a key mint keys", async () => {
    const { app } = get();
    await seedUser(app, "admin3@ville.example", ["admin"]);
    const admin = await login(app, "admin3@ville.example");
    const created = await call(app, "POST", "/api/api-keys", admin, {
      name: "script",
      scopes: ["chat", "knowledge:read"],
      expiresInDays: 30,
    });
    assert.equal(created.statusCode, 201);
    const { token, key } = created.json();
    assert.match(token, /^bfr_/);
    const listed = await call(app, "GET", "/api/api-keys", admin);
    assert.ok(!listed.body.includes(token), "the key is shown once only");

    const bearer = { apiKey: token };
    const me = await call(app, "GET", "/api/auth/session", bearer);
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json().permissions, ["chat", "knowledge:read"]);
    assert.equal(me.json().csrfToken, null);
    const outOfScope = await call(app, "GET", "/api/users", bearer);
    assert.equal(outOfScope.statusCode, 403);
    assert.equal(outOfScope.json().error.code, "api_key_scope");
    assert.equal(
      (await call(app, "POST", "/api/api-keys", bearer, { name: "y", scopes: ["chat"] }))
        .statusCode,
      403,
    );

    const revoked = await call(app, "DELETE", `/api/api-keys/${key.id}`, admin);
    assert.ok(revoked.json().revokedAt);
    const after = await call(app, "GET", "/api/auth/session", bearer);
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, "invalid_api_key");
    assert.equal(
      (await call(app, "GET", "/api/auth/session", { apiKey: "bfr_invented" })).statusCode,
      401,
    );
    const malformed = await app.server.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { authorization: "Basic abc" },
    });
    assert.equal(malformed.json().error.code, "invalid_api_key");
  });

  it("ends sessions on idle timeout, logout, disabling and password change", async () => {
    const { app, clock } = get();
    await seedUser(app, "admin4@ville.example", ["admin"]);
    const user = await seedUser(app, "sessions@ville.example", ["agent"]);
    const idle = await login(app, "sessions@ville.example");
    clock.advance(61 * MINUTE);
    const expired = await call(app, "GET", "/api/auth/session", idle);
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().error.code, "session_expired");

    const session = await login(app, "sessions@ville.example");
    const out = await call(app, "POST", "/api/auth/logout", session);
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers["set-cookie"]), /beffroi_session=;/);
    assert.equal((await call(app, "GET", "/api/auth/session", session)).statusCode, 401);

    const old = await login(app, "sessions@ville.example");
    const second = await login(app, "sessions@ville.example");
    const change = await call(app, "POST", "/api/auth/password", old, {
      currentPassword: PASSWORD,
      newPassword: "un nouveau mot de passe",
    });
    assert.equal(change.statusCode, 200);
    const first = { cookie: sessionCookie(change), csrf: change.json().csrfToken };
    assert.notEqual(first.cookie, old.cookie, "the session in use is renewed");
    assert.notEqual(first.csrf, old.csrf);
    assert.equal((await call(app, "GET", "/api/auth/session", first)).statusCode, 200);
    assert.equal(
      (await call(app, "GET", "/api/auth/session", old)).statusCode,
      401,
      "the old cookie no longer works",
    );
    assert.equal(
      (await call(app, "GET", "/api/auth/session", second)).statusCode,
      401,
      "other sessions end",
    );
    const tooShort = await call(app, "POST", "/api/auth/password", first, {
      currentPassword: "un nouveau mot de passe",
      newPassword: "court",
    });
    assert.equal(tooShort.json().error.code, "password_length");

    const admin = await login(app, "admin4@ville.example");
    const disabled = await call(app, "PATCH", `/api/users/${user.id}`, admin, { disabled: true });
    assert.ok(disabled.json().disabledAt);
    assert.equal((await call(app, "GET", "/api/auth/session", first)).statusCode, 401);
    const relogin = await call(app, "POST", "/api/auth/login", undefined, {
      email: "sessions@ville.example",
      password: "un nouveau mot de passe",
    });
    assert.equal(relogin.json().error.code, "invalid_credentials");
  });

  it("revokes a user's API keys and sessions for good when they are disabled, from the API or the CLI", async () => {
    const { app } = get();
    await seedUser(app, "admin9@ville.example", ["admin"]);
    const user = await seedUser(app, "cles@ville.example", ["agent"]);
    const admin = await login(app, "admin9@ville.example");
    const works = async (auth: { apiKey: string } | Session) =>
      (await call(app, "GET", "/api/auth/session", auth)).statusCode === 200;
    const keyOf = async () => {
      const session = await login(app, "cles@ville.example");
      const created = await call(app, "POST", "/api/api-keys", session, {
        name: "script",
        scopes: ["chat"],
      });
      assert.equal(created.statusCode, 201, created.body);
      return { apiKey: created.json().token as string, id: created.json().key.id as string };
    };

    // Through the API, as an administrator does it.
    const viaApi = await keyOf();
    assert.ok(await works(viaApi));
    for (const disabled of [true, false]) {
      const changed = await call(app, "PATCH", `/api/users/${user.id}`, admin, { disabled });
      assert.equal(changed.statusCode, 200, changed.body);
    }
    const refused = await call(app, "GET", "/api/auth/session", viaApi);
    assert.equal(refused.statusCode, 401, "the key stays dead once the account is enabled again");
    assert.equal(refused.json().error.code, "invalid_api_key");

    // Through the service, as `beffroi user disable` / `enable` do it.
    const viaCli = await keyOf();
    const session = await login(app, "cles@ville.example");
    await app.services.users.update(user.id, { disabled: true });
    await app.services.users.update(user.id, { disabled: false });
    assert.equal(await works(viaCli), false, "the key stays dead");
    assert.equal(await works(session), false, "the session stays closed");

    const keys = (await call(app, "GET", "/api/api-keys?all=true", admin)).json();
    for (const id of [viaApi.id, viaCli.id]) {
      const key = keys.find((item: { id: string }) => item.id === id);
      assert.ok(key?.revokedAt, "the key is listed as revoked");
    }
    const entries: AuditEntry[] = (await call(app, "GET", "/api/audit?limit=500", admin)).json()
      .entries;
    for (const id of [viaApi.id, viaCli.id]) {
      const revoked = entries.find((e) => e.action === "api-key.revoked" && e.target === id);
      assert.deepEqual(revoked?.details, { ownerId: user.id, reason: "user-disabled" });
    }

    // A key issued after the account is enabled again works; none is issued to a disabled account.
    assert.ok(await works(await keyOf()));
    await app.services.users.update(user.id, { disabled: true });
    await assert.rejects(
      app.services.apiKeys.create(user.id, { name: "après", scopes: ["chat"] }),
      (error: { code?: string }) => error.code === "account_disabled",
    );
    await app.services.users.update(user.id, { disabled: false });
  });

  it("records an administrator's reset of a user's password in the audit log, never the password", async () => {
    const { app } = get();
    const adminUser = await seedUser(app, "admin10@ville.example", ["admin"]);
    const user = await seedUser(app, "oubli@ville.example", ["agent"]);
    const admin = await login(app, "admin10@ville.example");
    const resets = async () =>
      (
        (await call(app, "GET", "/api/audit?limit=500", admin)).json().entries as AuditEntry[]
      ).filter((entry) => entry.action === "user.password-reset");
    const before = (await resets()).length;

    const temporary = "mot de passe provisoire 2026";
    const reset = await call(app, "PATCH", `/api/users/${user.id}`, admin, {
      password: temporary,
    });
    assert.equal(reset.statusCode, 200, reset.body);
    const [entry, ...others] = await resets();
    assert.equal(others.length, before);
    assert.deepEqual(
      [entry?.actor, entry?.target, entry?.details],
      [{ kind: "user", id: adminUser.id }, user.id, {}],
    );
    assert.ok(entry && Date.parse(entry.at) > 0, "when");
    const log = (await call(app, "GET", "/api/audit?limit=500", admin)).body;
    for (const secret of [temporary, "argon2", PASSWORD])
      assert.ok(!log.includes(secret), `${secret} is not in the log`);

    // The user then chooses their own: not an administrative action, nothing recorded.
    const own = await login(app, "oubli@ville.example", temporary);
    const changed = await call(app, "POST", "/api/auth/password", own, {
      currentPassword: temporary,
      newPassword: "mon propre mot de passe",
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await resets()).length, before + 1);
  });

  it("creates exactly one first administrator when several bootstraps race", async () => {
    const { app } = get();
    await app.store.db.deleteFrom("user_roles").where("role", "=", "admin").execute();
    // Each instance starting prints its own token.
    const tokens = await Promise.all(
      Array.from({ length: 6 }, () => app.services.bootstrap.issueToken()),
    );
    const responses = await Promise.all(
      tokens.map((token, n) =>
        call(app, "POST", "/api/bootstrap", undefined, {
          token,
          email: `premier-${n}@ville.example`,
          displayName: `Premier ${n}`,
          password: PASSWORD,
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      assert.equal(response.json().error.code, "bootstrap_done");
    }
    const admins = (await app.services.users.list()).filter((u) => u.roles.includes("admin"));
    assert.equal(admins.length, 1);
    assert.equal(await app.services.bootstrap.issueToken(), null);
  });

  it("answers bad input with stable codes and stores nothing half-written", async () => {
    const { app } = get();
    await seedUser(app, "admin5@ville.example", ["admin"]);
    const admin = await login(app, "admin5@ville.example");
    const notFound = await call(app, "GET", "/api/nothing-here?x=1", admin);
    assert.equal(notFound.statusCode, 404);
    assert.equal(notFound.json().error.code, "route_not_found");

    const text = await app.server.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf, "content-type": "text/plain" },
      payload: "hello",
    });
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().error.code, "unsupported_media_type");

    const broken = await app.server.inject({
      method: "POST",
      url: "/api/users",
      headers: {
        cookie: admin.cookie,
        "x-csrf-token": admin.csrf,
        "content-type": "application/json",
      },
      payload: '{"email": ',
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, "invalid_json");

    const huge = await call(app, "POST", "/api/directions", admin, { path: "x".repeat(1_100_000) });
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error.code, "payload_too_large");

    const invalid = await call(app, "POST", "/api/users", admin, {
      email: "pas-une-adresse",
      displayName: "",
    });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.code, "invalid_request");
    const fields = invalid.json().error.details.map((d: { field: string }) => d.field);
    assert.deepEqual(fields.sort(), ["body.displayName", "body.email"]);

    const before = (await call(app, "GET", "/api/users", admin)).json().length;
    const shortPassword = await call(app, "POST", "/api/users", admin, {
      email: "p@ville.example",
      displayName: "P",
      password: "court",
    });
    assert.equal(shortPassword.json().error.code, "password_length");
    const duplicate = await call(app, "POST", "/api/users", admin, {
      email: "ADMIN5@ville.example",
      displayName: "Double",
    });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().error.code, "user_exists");
    assert.equal((await call(app, "GET", "/api/users", admin)).json().length, before);
    for (const response of [notFound, text, broken, huge, invalid, duplicate]) {
      assert.doesNotMatch(response.body, /\bat .*\.(ts|js):\d+/, "no stack traces");
    }
  });

  it("manages the direction tree", async () => {
    const { app } = get();
    await seedUser(app, "admin6@ville.example", ["admin"]);
    const admin = await login(app, "admin6@ville.example");
    const created = await call(app, "POST", "/api/directions", admin, {
      path: "Direction générale > DSI > Études",
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().path, "Direction générale > DSI > Études");
    const list = (await call(app, "GET", "/api/directions", admin)).json();
    const dsi = list.find((d: { path: string }) => d.path === "Direction générale > DSI");
    assert.ok(dsi);
    assert.equal(
      (await call(app, "DELETE", `/api/directions/${dsi.id}`, admin)).json().error.code,
      "direction_has_members",
    );
    assert.equal(
      (await call(app, "DELETE", `/api/directions/${created.json().id}`, admin)).statusCode,
      204,
    );
    assert.equal(
      (await call(app, "POST", "/api/directions", admin, { path: "Direction générale > DSI" }))
        .statusCode,
      409,
    );
  });

  it("creates a direction added by several administrators at once exactly once", async () => {
    const { app } = get();
    await seedUser(app, "admin7@ville.example", ["admin"]);
    const admin = await login(app, "admin7@ville.example");
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(app, "POST", "/api/directions", admin, { path: "Pôle aménagement > Urbanisme" }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      assert.equal(response.json().error.code, "direction_exists");
    }
  });

  it("keeps the request id a proxy sends and sets security headers", async () => {
    const { app } = get();
    const response = await app.server.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "proxy-123" },
    });
    assert.equal(response.headers["x-request-id"], "proxy-123");
    assert.equal(response.headers["x-content-type-options"], "nosniff");
    assert.equal(response.headers["x-frame-options"], "DENY");
    assert.match(String(response.headers["content-security-policy"]), /frame-ancestors 'none'/);
    const odd = await app.server.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "bad id with spaces" },
    });
    assert.notEqual(odd.headers["x-request-id"], "bad id with spaces");
  });

  it("does not believe a forwarded https header from an untrusted proxy", async () => {
    // trustProxy is off in this app: a forwarded https header must not be believed.
    const { app } = get();
    await seedUser(app, "proxy@ville.example", ["agent"]);
    const response = await app.server.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "x-forwarded-proto": "https" },
      payload: { email: "proxy@ville.example", password: PASSWORD },
    });
    assert.doesNotMatch(String(response.headers["set-cookie"]), /Secure/);
    assert.ok(sessionCookie(response));
  });
});

describeApps(
  "rate limits and TLS behind a proxy",
  (get) => {
    it("limits requests per principal with 429 and Retry-After", async () => {
      const { app } = get();
      await seedUser(app, "busy@ville.example", ["agent"]);
      await seedUser(app, "calm@ville.example", ["agent"]);
      const busy = await login(app, "busy@ville.example");
      const calm = await login(app, "calm@ville.example");
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await call(app, "GET", "/api/auth/session", busy)).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
      const limited = await call(app, "GET", "/api/auth/session", busy);
      assert.equal(limited.json().error.code, "rate_limited");
      assert.ok(Number(limited.headers["retry-after"]) >= 1);
      assert.equal(
        (await call(app, "GET", "/api/auth/session", calm)).statusCode,
        200,
        "another principal is not limited",
      );
    });

    it("marks the cookie Secure when the trusted proxy says https", async () => {
      const { app } = get();
      await seedUser(app, "tls@ville.example", ["agent"]);
      const response = await app.server.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { "x-forwarded-proto": "https" },
        payload: { email: "tls@ville.example", password: PASSWORD },
        remoteAddress: "10.1.1.1",
      });
      assert.match(String(response.headers["set-cookie"]), /Secure/);
      assert.match(String(response.headers["strict-transport-security"]), /max-age/);
    });
  },
  { BEFFROI_RATE_LIMIT__REQUESTS_PER_MINUTE: "4", BEFFROI_SERVER__TRUST_PROXY: "true" },
);

describeApps(
  "behind a proxy at a known address",
  (get) => {
    const attempt = (remoteAddress: string, forwardedFor: string, email: string) =>
      get().app.server.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { "x-forwarded-for": forwardedFor },
        payload: { email, password: "mauvais essai" },
        remoteAddress,
      });

    it("ignores X-Forwarded-For from any other address, so a client cannot dodge throttling", async () => {
      const { app } = get();
      await seedUser(app, "usurpe@ville.example", ["agent"]);
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i += 1) {
        statuses.push(
          (await attempt("203.0.113.9", `198.51.100.${i}`, "usurpe@ville.example")).statusCode,
        );
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    });

    it("believes X-Forwarded-For from the proxy: each agent behind it has their own count", async () => {
      const { app } = get();
      await seedUser(app, "derriere@ville.example", ["agent"]);
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i += 1) {
        statuses.push(
          (await attempt("127.0.0.1", `198.51.100.${i}`, "derriere@ville.example")).statusCode,
        );
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401]);
    });

    it("marks the session cookie Secure when the public address is https, even over plain http", async () => {
      const { app } = get();
      await seedUser(app, "https@ville.example", ["agent"]);
      const response = await call(app, "POST", "/api/auth/login", undefined, {
        email: "https@ville.example",
        password: PASSWORD,
      });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers["set-cookie"]), /Secure/);
    });

    it("logs who made each request by id, never by address or name", async () => {
      const { app, logs } = get();
      const user = await seedUser(app, "trace@ville.example", ["agent"]);
      const session = await login(app, "trace@ville.example");
      await call(app, "GET", "/api/auth/session", session);
      const key = (
        await call(app, "POST", "/api/api-keys", session, { name: "k", scopes: ["chat"] })
      ).json();
      await call(app, "GET", "/api/auth/session", { apiKey: key.token });
      const completed = logs()
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line))
        .filter((line) => line.msg === "request-completed" && line.route === "/api/auth/session");
      assert.deepEqual(
        completed.map((line) => line.principalId),
        [user.id, key.key.id],
      );
      assert.ok(!logs().includes("trace@"), "no e-mail in the logs");
    });
  },
  {
    BEFFROI_SERVER__TRUST_PROXY: "127.0.0.1",
    BEFFROI_PUBLIC_URL: "https://ia.ville.example",
    BEFFROI_LOG_LEVEL: "info",
  },
);
