import assert from "node:assert/strict";
import { before, it } from "node:test";
import { repeated, WORST_UNITS } from "../guard/worst-cases.js";
import { describeApps, post, type Session, seedAdminAndAgent } from "../support/apps.js";

/** The longest text the scan route takes (its schema's limit). */
const LONGEST = 200_000;

/** How long, at most, `/healthz` may take to answer while the worst cases are scanned. */
const HEALTHZ_WITHIN_MS = 1_000;

describeApps("personal-data guard under crafted input", (get) => {
  let agent: Session;
  let base: string;

  before(async () => {
    agent = (await seedAdminAndAgent(get().app)).agent;
    base = await get().app.server.listen({ host: "127.0.0.1", port: 0 });
  });

  const scan = (text: string, purpose: "egress" | "documents") =>
    post(base, "/api/guard/scan", agent, { text, purpose });

  it("keeps /healthz answering while the longest crafted texts are scanned, and answers them all", async () => {
    const texts = Object.values(WORST_UNITS).map((unit) => repeated(unit, LONGEST));
    let scanning = true;
    let answered = 0;
    const waits: number[] = [];
    const polling = (async () => {
      while (scanning) {
        const started = performance.now();
        const response = await fetch(`${base}/healthz`);
        assert.equal(response.status, 200);
        await response.body?.cancel();
        waits.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      // Two at a time, each purpose: the server scans them piece by piece, giving the loop back.
      for (let index = 0; index < texts.length; index += 2) {
        const batch = texts.slice(index, index + 2);
        const responses = await Promise.all(
          batch.flatMap((text) => [scan(text, "egress"), scan(text, "documents")]),
        );
        for (const response of responses) {
          // A class, or, on a machine too slow to scan it within the budget, the clear refusal.
          const body = (await response.json()) as {
            dataClass?: string;
            error?: { code: string };
          };
          if (response.status === 200) {
            assert.ok(["public", "personal", "sensitive"].includes(body.dataClass ?? ""));
            answered += 1;
          } else {
            assert.equal(response.status, 503);
            assert.equal(body.error?.code, "guard_timeout");
          }
        }
      }
    } finally {
      scanning = false;
      await polling;
    }
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

  it("refuses a text over the limit with a stable code, storing nothing", async () => {
    const response = await scan(repeated("Jean ", LONGEST + 1), "egress");
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: string } };
    assert.equal(typeof body.error.code, "string");
  });
});
