import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  addProvider,
  call,
  describeApps,
  type Session,
  seedAdminAndAgent,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const LIMIT = 64 * 1024;
const HUGE = 64 * 1024 * 1024;

describeApps(
  "provider answers past the configured size",
  (get) => {
    let upstream: OpenAiUpstream;
    let admin: Session;
    let key: string;
    before(async () => {
      upstream = await startOpenAiUpstream();
      const { app } = get();
      ({ admin, key } = await seedAdminAndAgent(app));
      await addProvider(app, admin, {
        id: "bavard",
        baseUrl: upstream.url,
        sovereignty: "local",
        country: "FRA",
        capabilities: ["chat", "embeddings"],
      });
    });
    after(() => upstream.close());

    /** The upstream saw the client hang up after a small part of the answer. */
    const assertCutEarly = async () => {
      const request = upstream.requests.at(-1);
      // The upstream sees the hang-up on its next write.
      for (let tries = 0; tries < 100 && !request?.aborted; tries += 1) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.equal(request?.aborted, true, "the client hung up");
      assert.ok((request?.sentBytes ?? 0) < HUGE / 4, `${request?.sentBytes} bytes sent`);
    };

    it("fails the test of a provider whose model list is too large, in French", async () => {
      upstream.oversize = HUGE;
      try {
        const tested = await call(get().app, "POST", "/api/providers/bavard/test", admin);
        assert.equal(tested.statusCode, 502, tested.body);
        assert.equal(tested.json().error.code, "provider_unreachable");
        assert.match(tested.json().error.message, /réponse trop volumineuse/);
        await assertCutEarly();
      } finally {
        upstream.oversize = undefined;
      }
    });

    it("fails embeddings too large with a clear reason, without retrying", async () => {
      upstream.oversize = HUGE;
      try {
        const before = upstream.requests.length;
        const embedded = await call(
          get().app,
          "POST",
          "/v1/embeddings",
          { apiKey: key },
          { model: "bavard/test-model", input: "Horaires de la médiathèque" },
        );
        assert.equal(embedded.statusCode, 502, embedded.body);
        assert.match(embedded.json().error.message, /réponse trop volumineuse/);
        assert.equal(upstream.requests.length - before, 1, "no second try");
        await assertCutEarly();
      } finally {
        upstream.oversize = undefined;
      }
    });

    it("falls back on the quoted sources when a chat answer is too large", async () => {
      upstream.script({ kind: "oversize", bytes: HUGE });
      const asked = await call(
        get().app,
        "POST",
        "/v1/chat/completions",
        { apiKey: key },
        { model: "bavard/test-model", messages: [{ role: "user", content: "Bonjour" }] },
      );
      assert.notEqual(asked.statusCode, 500, asked.body);
      assert.ok(asked.body.length < LIMIT * 2, `${asked.body.length} characters answered`);
      await assertCutEarly();
    });
  },
  { BEFFROI_MODEL_PROVIDERS__MAX_RESPONSE_BYTES: String(LIMIT) },
);
