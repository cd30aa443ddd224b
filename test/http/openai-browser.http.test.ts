import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { addProvider, apiAgent, call, describeApps, seedAdmin } from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const TOOL = "https://outil.ville.example";
const STRANGER = "https://ailleurs.example";

/**
 * `/v1` from a browser: a request carrying an API key is never taken for a
 * cross-site forgery (a page cannot borrow a key it was not given), and CORS
 * is open only to the origins an administrator lists, for keys, never for the
 * session's cookie.
 */
describeApps(
  "OpenAI-compatible API from browsers",
  (get) => {
    let upstream: OpenAiUpstream;
    let key: string;
    let base: string;
    const chat = { model: "local/test-model", messages: [{ role: "user", content: "Bonjour" }] };

    before(async () => {
      upstream = await startOpenAiUpstream();
      const { app } = get();
      const admin = await seedAdmin(app);
      await addProvider(app, admin, {
        id: "local",
        baseUrl: upstream.url,
        sovereignty: "local",
        country: "FRA",
      });
      ({ key, base } = await apiAgent(app));
    });
    after(() => upstream.close());

    const send = (origin: string, extra: Record<string, string> = {}) =>
      get().app.server.inject({
        method: "POST",
        url: "/v1/chat/completions",
        headers: { authorization: `Bearer ${key}`, origin, ...extra },
        payload: chat,
      });

    it("answers a key sent from any page, and lets only listed origins read the answer", async () => {
      const stranger = await send(STRANGER);
      assert.equal(stranger.statusCode, 200, stranger.body);
      assert.equal(stranger.headers["access-control-allow-origin"], undefined);
      const listed = await send(TOOL);
      assert.equal(listed.statusCode, 200, listed.body);
      assert.equal(listed.headers["access-control-allow-origin"], TOOL);
      assert.equal(listed.headers["access-control-allow-credentials"], undefined);
      assert.match(String(listed.headers["access-control-expose-headers"]), /x-beffroi-model/);
      assert.equal(listed.headers.vary, "Origin");
    });

    it("answers a listed origin's preflight with the headers it asks for, and refuses another's", async () => {
      const { app } = get();
      const preflight = (origin: string) =>
        app.server.inject({
          method: "OPTIONS",
          url: "/v1/chat/completions",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type, x-stainless-os",
          },
        });
      const listed = await preflight(TOOL);
      assert.equal(listed.statusCode, 204);
      assert.equal(listed.headers["access-control-allow-origin"], TOOL);
      assert.equal(
        listed.headers["access-control-allow-headers"],
        "authorization, content-type, x-stainless-os",
      );
      assert.match(String(listed.headers["access-control-allow-methods"]), /POST/);
      const refused = await preflight(STRANGER);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, "cors_origin_not_allowed");
      assert.match(refused.json().error.message, /server\.corsOrigins/);
    });

    it("streams to a listed origin with the CORS and security headers", async () => {
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          origin: TOOL,
          "content-type": "application/json",
        },
        body: JSON.stringify({ ...chat, stream: true }),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("access-control-allow-origin"), TOOL);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      assert.match(response.headers.get("content-type") ?? "", /text\/event-stream/);
      assert.match(await response.text(), /\[DONE\]/);
    });

    it("still refuses a cookie session's write from another origin, and opens no /api route", async () => {
      const { app } = get();
      const session = await app.server.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "agent@ville.example", password: "mot de passe de test" },
      });
      const cookie = String(session.headers["set-cookie"]).split(";")[0] ?? "";
      const { csrfToken } = session.json();
      const forged = await app.server.inject({
        method: "POST",
        url: "/api/conversations",
        headers: { cookie, "x-csrf-token": csrfToken, origin: TOOL },
        payload: {},
      });
      assert.equal(forged.statusCode, 403);
      assert.equal(forged.json().error.code, "csrf_failed");
      const page = await call(app, "GET", "/api/auth/providers");
      assert.equal(page.headers["access-control-allow-origin"], undefined);
      const api = await app.server.inject({
        method: "GET",
        url: "/api/auth/providers",
        headers: { origin: TOOL },
      });
      assert.equal(api.headers["access-control-allow-origin"], undefined);
    });
  },
  { BEFFROI_SERVER__CORS_ORIGINS: TOOL },
);
