import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { after, afterEach, before, describe, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { type App, createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { safeReturnTo } from "../../src/identity/oidc.service.js";
import { ManualClock, MINUTE } from "../../src/shared/clock.js";
import type { Dialect } from "../../src/store/index.js";
import { call, seedUser, sessionCookie } from "../support/apps.js";
import { type IssuedUser, startIssuer, type TestIssuer } from "../support/oidc-issuer.js";
import { describeEachDialect, freshLocation, TEST_VAULT_KEY } from "../support/stores.js";

const CLIENT_ID = "beffroi-test";
const CLIENT_SECRET = "secret-du-client-de-test";
const PUBLIC_URL = "https://ia.ville.example";
const SIRET_CCAS = "21750001600019";

/**
 * Ways to name another origin that a prefix check misses: what a browser
 * makes of a Location header (dot segments resolved, "\\" read as "/", tabs
 * and newlines dropped, encoded dots decoded) decides, not the string; an
 * encoded slash is refused too, as a proxy or a static server may decode it.
 */
const RETURN_TO_BYPASSES = [
  "//evil.example",
  "//evil.example/phish",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "\\/evil.example",
  "/.//evil.example/phish",
  "/./\\evil.example",
  "/..//evil.example/phish",
  "/../../evil.example/..//evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%5C/evil.example",
  "/%5c%5cevil.example",
  "\t//evil.example",
  " //evil.example",
  "https://evil.example/",
  "https:evil.example",
  "http://beffroi.invalid@evil.example/",
  "HTTPS://evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "///evil.example",
  "//[evil",
  "//evil.example:99999",
];

interface OidcTestApp {
  app: App;
  issuer: TestIssuer;
  clock: ManualClock;
  logs: () => string;
}

/** A whole Beffroi app configured against a test provider; the YAML file carries what env cannot. */
function describeOidcApps(
  name: string,
  provider: { proconnect: boolean; yaml: string; env: Record<string, string> },
  suite: (get: () => OidcTestApp) => void,
): void {
  describeEachDialect(name, (dialect: Dialect) => {
    const location = freshLocation(dialect);
    let current: OidcTestApp | undefined;
    before(async () => {
      const issuer = await startIssuer({
        clientId: CLIENT_ID,
        ...(provider.proconnect && { clientSecret: CLIENT_SECRET }),
        signedUserinfo: provider.proconnect,
        path: provider.proconnect ? "/api/v2" : "/realms/ville",
      });
      const file = path.join(location.dataDir, "beffroi.yaml");
      writeFileSync(file, provider.yaml);
      const config = loadConfig({
        file,
        env: {
          BEFFROI_DATA_DIR: location.dataDir,
          BEFFROI_DATABASE_URL: location.url,
          BEFFROI_GUARD__VAULT_KEY: TEST_VAULT_KEY,
          BEFFROI_LOG_LEVEL: "warn",
          BEFFROI_SERVER__PUBLIC_URL: PUBLIC_URL,
          BEFFROI_OIDC__ISSUER: issuer.issuer,
          BEFFROI_OIDC__CLIENT_ID: CLIENT_ID,
          ...provider.env,
        },
      });
      const stream = new PassThrough();
      let logs = "";
      stream.on("data", (chunk) => {
        logs += chunk;
      });
      const clock = new ManualClock();
      const app = await createApp(config, {
        clock,
        store: { schema: location.schema, poolSize: 4 },
        logStream: stream,
      });
      current = { app, issuer, clock, logs: () => logs };
    });
    afterEach(() => {
      if (current) current.issuer.misbehaviour = {};
    });
    after(async () => {
      await current?.app.close();
      await current?.issuer.close();
      await location.cleanup();
    });
    suite(() => {
      if (!current) throw new Error("app not ready");
      return current;
    });
  });
}

function cookieNamed(response: LightMyRequestResponse, name: string): string | undefined {
  const header = response.headers["set-cookie"];
  const value = (Array.isArray(header) ? header : [header]).find((c) => c?.startsWith(`${name}=`));
  return value?.split(";")[0];
}

async function countSessions(app: App): Promise<number> {
  const row = await app.store.db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

interface Journey {
  start: LightMyRequestResponse;
  /** The callback address the provider sent the browser back to (path and query). */
  callbackUrl: string;
  /** The login-binding cookie the browser holds. */
  binding: string;
  finish(cookie?: string): Promise<LightMyRequestResponse>;
}

/** What a browser does: our login address, the provider's /authorize, back to our callback. */
async function journey(t: OidcTestApp, user: IssuedUser, returnTo?: string): Promise<Journey> {
  t.issuer.user = user;
  const query = returnTo === undefined ? "" : `?returnTo=${encodeURIComponent(returnTo)}`;
  const start = await t.app.server.inject({ method: "GET", url: `/api/auth/oidc/login${query}` });
  assert.equal(start.statusCode, 302, start.body);
  const binding = cookieNamed(start, "beffroi_oidc");
  assert.ok(binding, "the login is bound to the browser");
  const authorize = await fetch(String(start.headers.location), { redirect: "manual" });
  assert.equal(authorize.status, 302);
  const back = new URL(authorize.headers.get("location") ?? "");
  assert.equal(`${back.origin}${back.pathname}`, `${PUBLIC_URL}/api/auth/oidc/callback`);
  const callbackUrl = `${back.pathname}${back.search}`;
  return {
    start,
    callbackUrl,
    binding,
    finish: (cookie = binding) =>
      t.app.server.inject({ method: "GET", url: callbackUrl, headers: { cookie } }),
  };
}

async function signIn(t: OidcTestApp, user: IssuedUser, returnTo?: string) {
  const response = await (await journey(t, user, returnTo)).finish();
  assert.equal(response.statusCode, 302);
  assert.doesNotMatch(String(response.headers.location), /login_error/, response.headers.location);
  const cookie = sessionCookie(response);
  const session = await call(t.app, "GET", "/api/auth/session", { cookie, csrf: "" });
  assert.equal(session.statusCode, 200);
  return { response, session: session.json() };
}

/** The login ends on the page with `code`, and no session exists afterwards. */
async function assertRefused(t: OidcTestApp, code: string, attempt: () => Promise<unknown>) {
  const before = await countSessions(t.app);
  const response = (await attempt()) as LightMyRequestResponse;
  assert.equal(response.statusCode, 302);
  assert.equal(response.headers.location, `/?login_error=${code}`);
  assert.equal(cookieNamed(response, "beffroi_session"), undefined);
  assert.equal(await countSessions(t.app), before, "no session was created");
}

const marie: IssuedUser = {
  sub: "pc-7f3a9c",
  email: "Marie.Curie@Ville.example",
  given_name: "Marie",
  usual_name: "Curie",
  siret: SIRET_CCAS,
  uid: "4412",
};

describeOidcApps(
  "OIDC login with ProConnect",
  {
    proconnect: true,
    yaml: `oidc:\n  directionMap:\n    "${SIRET_CCAS}": "Pôle solidarités > CCAS"\n`,
    env: {
      BEFFROI_OIDC__PROVIDER: "proconnect",
      BEFFROI_OIDC__CLIENT_SECRET: CLIENT_SECRET,
      BEFFROI_OIDC__DIRECTION_CLAIM: "siret",
    },
  },
  (get) => {
    before(async () => {
      await get().app.services.directions.add("Pôle solidarités > CCAS");
    });

    it("retries discovery at the next login after the provider was unreachable", async () => {
      const t = get();
      t.issuer.misbehaviour.discoveryDown = true;
      const down = await t.app.server.inject({ method: "GET", url: "/api/auth/oidc/login" });
      assert.equal(down.statusCode, 302);
      assert.equal(down.headers.location, "/?login_error=oidc_unavailable");
      t.issuer.misbehaviour = {};
      const up = await t.app.server.inject({ method: "GET", url: "/api/auth/oidc/login" });
      assert.equal(up.statusCode, 302);
      assert.ok(String(up.headers.location).startsWith(`${t.issuer.issuer}/authorize?`));
    });

    it("creates the agent on first login, in the direction mapped from the SIRET, with a working session", async () => {
      const t = get();
      const { response, session } = await signIn(t, marie, "/assistants?onglet=2");
      assert.equal(response.headers.location, "/assistants?onglet=2");
      assert.match(String(response.headers["set-cookie"]), /HttpOnly/);
      assert.equal(session.user.email, "marie.curie@ville.example");
      assert.equal(session.user.displayName, "Marie Curie");
      assert.deepEqual(session.user.roles, ["agent"]);
      assert.equal(session.user.direction.path, "Pôle solidarités > CCAS");
      assert.equal(session.user.oidcLinked, true);
      assert.equal(session.user.hasPassword, false);

      const asked = t.issuer.authorizations.at(-1);
      assert.equal(asked?.codeChallengeMethod, "S256");
      assert.equal(asked?.scope, "openid email given_name usual_name siret uid");
      assert.ok((asked?.nonce?.length ?? 0) >= 32 && (asked?.state?.length ?? 0) >= 32);

      // The next login finds the same account by its subject, even if the address changed.
      const again = await signIn(t, { ...marie, email: "m.curie@ville.example" });
      assert.equal(again.session.user.id, session.user.id);
    });

    it("links a pre-created account by address, keeping its roles, and moves it only to a known direction", async () => {
      const t = get();
      const seeded = await seedUser(
        t.app,
        "jean.moulin@ville.example",
        ["agent", "referent"],
        "Direction des ressources humaines",
      );
      const jean = { sub: "pc-81b2", email: "Jean.Moulin@ville.example", siret: "99999999999999" };
      const first = await signIn(t, jean);
      assert.equal(first.session.user.id, seeded.id);
      assert.deepEqual(first.session.user.roles, ["agent", "referent"]);
      assert.equal(first.session.user.oidcLinked, true);
      assert.equal(first.session.user.hasPassword, true);
      assert.equal(first.session.user.direction.path, "Direction des ressources humaines");

      const moved = await signIn(t, { ...jean, siret: SIRET_CCAS });
      assert.equal(moved.session.user.direction.path, "Pôle solidarités > CCAS");
      assert.deepEqual(moved.session.user.roles, ["agent", "referent"]);

      // Another identity claiming the same address does not get the linked account.
      await assertRefused(t, "oidc_account_refused", async () =>
        (await journey(t, { ...jean, sub: "pc-usurpateur" })).finish(),
      );
    });

    it("trusts ProConnect's addresses without email_verified, but never one said to be unverified", async () => {
      const t = get();
      const seeded = await seedUser(t.app, "claude.bernard@ville.example", ["agent"]);
      const claude = { sub: "pc-c1a0", email: "claude.bernard@ville.example" };
      await assertRefused(t, "oidc_account_refused", async () =>
        (await journey(t, { ...claude, email_verified: false })).finish(),
      );
      const { session } = await signIn(t, claude);
      assert.equal(session.user.id, seeded.id);
    });

    it("uses a state once: replaying the callback fails", async () => {
      const t = get();
      const trip = await journey(t, { ...marie });
      assert.equal((await trip.finish()).statusCode, 302);
      await assertRefused(t, "oidc_state_invalid", () => trip.finish());
    });

    it("refuses a callback from another browser, and an expired login", async () => {
      const t = get();
      const foreign = await journey(t, marie);
      await assertRefused(t, "oidc_state_invalid", () => foreign.finish("beffroi_oidc=autre"));
      const late = await journey(t, marie);
      t.clock.advance(11 * MINUTE);
      await assertRefused(t, "oidc_state_invalid", () => late.finish());
    });

    it("refuses an ID token with another nonce", async () => {
      const t = get();
      t.issuer.misbehaviour.wrongNonce = true;
      await assertRefused(t, "oidc_failed", async () => (await journey(t, marie)).finish());
    });

    it("refuses an ID token signed by a key the provider does not publish", async () => {
      const t = get();
      t.issuer.misbehaviour.foreignKey = true;
      await assertRefused(t, "oidc_failed", async () => (await journey(t, marie)).finish());
    });

    it("refuses an unsigned userinfo answer when ProConnect must sign it", async () => {
      const t = get();
      t.issuer.misbehaviour.unsignedUserinfo = true;
      await assertRefused(t, "oidc_failed", async () => (await journey(t, marie)).finish());
    });

    it("ends on the page when the agent cancels at the provider", async () => {
      const t = get();
      t.issuer.misbehaviour.error = "access_denied";
      await assertRefused(t, "oidc_failed", async () => (await journey(t, marie)).finish());
    });

    it("refuses a disabled account, linked or not", async () => {
      const t = get();
      const seeded = await seedUser(t.app, "paul.durand@ville.example", ["agent"]);
      await t.app.services.users.update(seeded.id, { disabled: true });
      const paul = { sub: "pc-d00d", email: "paul.durand@ville.example" };
      await assertRefused(t, "account_disabled", async () => (await journey(t, paul)).finish());
      await t.app.services.users.update(seeded.id, { disabled: false });
      await signIn(t, paul);
      await t.app.services.users.update(seeded.id, { disabled: true });
      await assertRefused(t, "account_disabled", async () => (await journey(t, paul)).finish());
    });

    it("returns only to a path on this site, judged after the path is normalised", async () => {
      const t = get();
      for (const returnTo of [...RETURN_TO_BYPASSES, "/assistants/../conversations?x=1#y"]) {
        const { response } = await signIn(t, marie, returnTo);
        const location = String(response.headers.location);
        const expected = returnTo.startsWith("/assistants") ? "/conversations?x=1#y" : "/";
        assert.equal(location, expected, `returnTo=${JSON.stringify(returnTo)}`);
        assert.equal(new URL(location, PUBLIC_URL).origin, PUBLIC_URL);
      }
    });

    it("logs failures by code, never tokens, claims or addresses", async () => {
      const t = get();
      const lines = t
        .logs()
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      const failures = lines.filter((line) => line.msg === "oidc-login-failed");
      assert.ok(failures.some((line) => line.code === "oidc_failed" && line.cause?.code));
      assert.ok(failures.some((line) => line.code === "account_disabled"));
      for (const needle of [
        "curie",
        "Curie",
        "moulin",
        "durand",
        marie.sub,
        SIRET_CCAS,
        CLIENT_SECRET,
        ...t.issuer.accessTokens,
        ...t.issuer.authorizations.flatMap((a) => [a.state ?? "", a.nonce ?? ""]),
      ]) {
        assert.ok(!t.logs().includes(needle), `logs must not contain ${needle}`);
      }
    });
  },
);

describeOidcApps(
  "OIDC login with a generic provider",
  {
    proconnect: false,
    yaml: "oidc:\n  directionMap:\n    /agents/drh: Direction des ressources humaines\n",
    env: {
      BEFFROI_OIDC__CREATE_USERS: "false",
      BEFFROI_OIDC__DIRECTION_CLAIM: "groups",
    },
  },
  (get) => {
    it("finds pre-created accounts only and reads the direction from a list of groups", async () => {
      const t = get();
      await t.app.services.directions.add("Direction des ressources humaines");
      const seeded = await seedUser(t.app, "lucie.aubrac@ville.example", ["agent"]);
      const lucie = {
        sub: "kc-1",
        email: "lucie.aubrac@ville.example",
        email_verified: true,
        family_name: "Aubrac",
        groups: ["/inconnu", "/agents/drh"],
      };
      const { session } = await signIn(t, lucie);
      assert.equal(session.user.id, seeded.id);
      assert.equal(session.user.direction.path, "Direction des ressources humaines");

      await assertRefused(t, "oidc_account_refused", async () =>
        (await journey(t, { sub: "kc-2", email: "nouveau@ville.example" })).finish(),
      );
      await seedUser(t.app, "pierre@ville.example", ["agent"]);
      await assertRefused(t, "oidc_account_refused", async () =>
        (
          await journey(t, { sub: "kc-3", email: "pierre@ville.example", email_verified: false })
        ).finish(),
      );
    });

    it("links a pre-created account only through an address the provider says it verified", async () => {
      const t = get();
      const seeded = await seedUser(t.app, "sans.preuve@ville.example", ["agent"]);
      const claims = { sub: "kc-4", email: "sans.preuve@ville.example" };
      await assertRefused(t, "oidc_account_refused", async () =>
        (await journey(t, claims)).finish(),
      );
      const { session } = await signIn(t, { ...claims, email_verified: true });
      assert.equal(session.user.id, seeded.id);
    });
  },
);

describeOidcApps(
  "OIDC login with a generic provider trusted for its addresses",
  {
    proconnect: false,
    yaml: "oidc:\n  trustEmail: true\n",
    env: {},
  },
  (get) => {
    it("creates an account from an address without email_verified when told to trust them", async () => {
      const t = get();
      const { session } = await signIn(t, { sub: "kc-10", email: "annuaire@ville.example" });
      assert.equal(session.user.email, "annuaire@ville.example");
      assert.deepEqual(session.user.roles, ["agent"]);
    });
  },
);

describe("where a login may return", () => {
  it("keeps same-site paths, normalised, and turns anything else into /", () => {
    for (const [input, expected] of [
      ["/assistants?x=1#y", "/assistants?x=1#y"],
      ["/", "/"],
      ["/assistants/./../conversations", "/conversations"],
      ["/a/%2e%2e/b", "/b"],
      ["/ /evil.example", "/%20/evil.example"],
      ["/\u3002/evil.example", "/%E3%80%82/evil.example"],
      ["/conversations?next=%2F%2Fevil.example", "/conversations?next=%2F%2Fevil.example"],
      ["/caf\u00e9?q=\u00e9t\u00e9", "/caf%C3%A9?q=%C3%A9t%C3%A9"],
      ["assistants", "/"],
      ["", "/"],
      [undefined, "/"],
      [42, "/"],
      [`/${"a".repeat(3000)}`, "/"],
      ...RETURN_TO_BYPASSES.map((bypass) => [bypass, "/"] as const),
    ] as const) {
      assert.equal(safeReturnTo(input), expected, JSON.stringify(input));
    }
  });

  it("gives a path that stays on this site however a browser reads it", () => {
    for (const input of RETURN_TO_BYPASSES) {
      const output = safeReturnTo(input);
      for (const base of ["https://ia.ville.example/", "https://ia.ville.example/a/b/c"]) {
        assert.equal(new URL(output, base).origin, "https://ia.ville.example", input);
      }
      assert.equal(safeReturnTo(output), output, "normalising twice changes nothing");
    }
  });
});
