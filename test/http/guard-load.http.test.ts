import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { repeated, WORST_UNITS } from "../guard/worst-cases.js";
import {
  addProvider,
  describeApps,
  healthWhile,
  post,
  type Session,
  seedAdminAndAgent,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

/** The longest text the scan route takes (its schema's limit). */
const LONGEST = 200_000;

/** How long, at most, `/healthz` may take to answer while the worst cases are scanned. */
const HEALTHZ_WITHIN_MS = 200;

describeApps("personal-data guard under crafted input", (get) => {
  let agent: Session;
  let key: string;
  let base: string;
  let upstream: OpenAiUpstream;

  before(async () => {
    const cast = await seedAdminAndAgent(get().app);
    agent = cast.agent;
    key = cast.key;
    upstream = await startOpenAiUpstream();
    // A model abroad whose context holds the whole message: the guard must read it all.
    await addProvider(get().app, cast.admin, {
      id: "ailleurs",
      baseUrl: upstream.url,
      sovereignty: "extraterritorial",
      country: "USA",
      models: [{ id: "test-model", capabilities: ["chat"], contextLength: 1_000_000 }],
    });
    base = await get().app.server.listen({ host: "127.0.0.1", port: 0 });
  });
  after(() => upstream?.close());

  const scan = (text: string, purpose: "egress" | "documents") =>
    post(base, "/api/guard/scan", agent, { text, purpose });

  it("keeps /healthz answering while the longest crafted texts are scanned, and answers them all", async () => {
    const texts = Object.values(WORST_UNITS).map((unit) => repeated(unit, LONGEST));
    // A server past its first requests: the app warms every recognizer at start, but the code
    // paths of long crafted runs are compiled at their first use (a one-time cost of about 40 ms
    // per process, not a freeze); this run measures what an attack costs afterwards.
    for (const unit of Object.values(WORST_UNITS)) {
      await (await scan(repeated(unit, 2_000), "egress")).text();
    }
    let answered = 0;
    const waits = await healthWhile(base, async () => {
      // Two at a time, each purpose: the server scans them piece by piece, giving the loop back.
      for (let index = 0; index < texts.length; index += 2) {
        const batch = texts.slice(index, index + 2);
        const responses = await Promise.all(
          batch.flatMap((text) => [scan(text, "egress"), scan(text, "documents")]),
        );
        for (const response of responses) {
          // A class, or, on a machine too slow to scan it within the budget, the clear refusal.
          // Read without parsing: the answer lists every span (megabytes), and this client shares
          // the server's event loop, so parsing it here would count against the server.
          const body = await response.text();
          if (response.status === 200) {
            assert.match(body, /^\{"dataClass":"(?:public|personal|sensitive)"/);
            answered += 1;
          } else {
            assert.equal(response.status, 503);
            assert.match(body, /"code":"guard_timeout"/);
          }
        }
      }
    });
    assert.ok(answered > 0, "no crafted text was scanned within its budget");
    assert.ok(waits.length >= 10, `only ${waits.length} health checks answered meanwhile`);
    const slowest = Math.max(...waits);
    console.log(
      `/healthz: ${waits.length} answers during the scans, the slowest in ${slowest.toFixed(0)} ms; ${answered} of ${2 * texts.length} crafted texts of ${LONGEST} characters scanned within the budget`,
    );
    assert.ok(
      slowest < HEALTHZ_WITHIN_MS,
      `/healthz took ${slowest.toFixed(0)} ms to answer during the scans`,
    );
  });

  it("keeps /healthz answering while a 300 KB message of hyphenated names goes through /v1", async () => {
    const waits = await healthWhile(base, async () => {
      for (const unit of ["Jean-", "JEAN-MARIE-"]) {
        const from = upstream.requests.length;
        const response = await post(
          base,
          "/v1/chat/completions",
          { apiKey: key },
          {
            model: "ailleurs/test-model",
            stream: false,
            messages: [{ role: "user", content: `${repeated(unit, 300_000)} Mme Martine Dupont` }],
          },
        );
        assert.equal(response.status, 200, await response.clone().text());
        await response.body?.cancel();
        // Scanned to its end, not skipped: the name after the crafted run did not leave in clear.
        const sent = JSON.stringify(upstream.requests.slice(from).map((request) => request.body));
        assert.ok(sent.length > 300_000, "the message reached the model");
        assert.ok(!sent.includes("Martine"), "the name at the end left in clear");
      }
    });
    const slowest = Math.max(...waits);
    assert.ok(waits.length >= 1);
    assert.ok(slowest < HEALTHZ_WITHIN_MS, `/healthz took ${slowest.toFixed(0)} ms to answer`);
  });

  it("keeps /healthz answering while the longest message, naming thousands of places, is grounded", async () => {
    // Search reads where a question is asked from: a pasted text naming places in every line
    // once made it compare every pair of them (8 s for the page's longest message).
    const conversation = await post(base, "/api/conversations", agent, {});
    assert.equal(conversation.status, 201, await conversation.clone().text());
    const { id } = (await conversation.json()) as { id: string };
    const question = " Quels sont les horaires de la mairie ?";
    const pasted = repeated(
      "Bonjour, j'habite à Lyon, près de Villeurbanne (69100), dans le 74 ; ",
      100_000 - question.length,
    );
    const waits = await healthWhile(base, async () => {
      const response = await post(base, `/api/conversations/${id}/messages`, agent, {
        content: `${pasted}${question}`,
        generate: false,
      });
      assert.equal(response.status, 200, await response.clone().text());
      await response.body?.cancel();
    });
    const slowest = Math.max(...waits);
    assert.ok(waits.length >= 1);
    assert.ok(slowest < HEALTHZ_WITHIN_MS, `/healthz took ${slowest.toFixed(0)} ms to answer`);
  });

  it("refuses a text over the limit with a stable code, storing nothing", async () => {
    const response = await scan(repeated("Jean ", LONGEST + 1), "egress");
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: string } };
    assert.equal(typeof body.error.code, "string");
  });
});
