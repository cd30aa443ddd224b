import assert from "node:assert/strict";
import { it } from "node:test";
import { call, describeApps, healthWhile, login, seedUser } from "../support/apps.js";

/** How long, at most, `/healthz` may take to answer while the searches run. */
const HEALTHZ_WITHIN_MS = 200;
const CONVERSATIONS = 300;
const PER_CONVERSATION = 20;
const AT = Date.parse("2026-01-05T08:00:00.000Z");

/** Words every message holds, in every conversation: the costliest search is all of them. */
const COMMON = "demande dossier service accueil courrier usager mairie delai piece rendez".split(
  " ",
);

describeApps("conversations: searching a long history keeps the server answering", (get) => {
  it("answers /healthz while an agent searches thousands of messages for their commonest words", async () => {
    const { app } = get();
    const user = await seedUser(app, "historique@ville.example", ["agent"], "Accueil");
    const agent = await login(app, "historique@ville.example");
    // A history written straight into the store: each message holds every common word, and a number.
    for (let start = 0; start < CONVERSATIONS; start += 50) {
      await app.store.db.transaction().execute(async (trx) => {
        for (let index = start; index < start + 50; index += 1) {
          const id = `historique-${index}`;
          const at = new Date(AT + index * 60_000).toISOString();
          await trx
            .insertInto("conversations")
            .values({
              id,
              user_id: user.id,
              assistant_id: null,
              title: `Dossier ${index}`,
              created_at: at,
              updated_at: at,
            })
            .execute();
          await trx
            .insertInto("messages")
            .values(
              Array.from({ length: PER_CONVERSATION }, (_, ordinal) => ({
                id: `${id}-${ordinal}`,
                conversation_id: id,
                ordinal,
                role: ordinal % 2 === 0 ? "user" : "assistant",
                content: `${COMMON.join(" ")} n°${index}-${ordinal} `.repeat(8),
                metadata: "{}",
                created_at: at,
              })),
            )
            .execute();
        }
      });
    }
    const base = await app.server.listen({ host: "127.0.0.1", port: 0 });
    const query = new URLSearchParams({ q: COMMON.join(" "), limit: "50" });
    let found: { results: unknown[]; more: boolean } | undefined;
    const waits = await healthWhile(base, async () => {
      for (let round = 0; round < 10; round += 1) {
        const response = await fetch(`${base}/api/conversations/search?${query}`, {
          headers: { cookie: agent.cookie },
        });
        assert.equal(response.status, 200, await response.clone().text());
        found = (await response.json()) as { results: unknown[]; more: boolean };
      }
    });
    assert.equal(found?.results.length, 50);
    assert.equal(found?.more, true, "the lookups stopped at their bound: there may be more");
    const first = await call(app, "GET", `/api/conversations/search?${query}`, agent);
    assert.equal(first.json().results[0].conversation.id, `historique-${CONVERSATIONS - 1}`);
    const slowest = Math.max(...waits);
    console.log(
      `${CONVERSATIONS * PER_CONVERSATION} messages searched for ${COMMON.length} words [${get().dialect}]: ${waits.length} health checks answered meanwhile, the slowest in ${slowest.toFixed(0)} ms`,
    );
    assert.ok(waits.length > 0);
    assert.ok(slowest < HEALTHZ_WITHIN_MS, `/healthz waited ${slowest.toFixed(0)} ms`);
  });
});
