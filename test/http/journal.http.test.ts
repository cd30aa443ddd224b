import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  addProvider,
  call,
  describeApps,
  login,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

describeApps(
  "usage journal",
  (get) => {
    let upstream: OpenAiUpstream;
    let agent: Session;
    let auditor: Session;

    before(async () => {
      upstream = await startOpenAiUpstream();
      const { app } = get();
      const admin = await seedAdmin(app);
      await seedUser(app, "agent@ville.example", ["agent"], "CCAS");
      await seedUser(app, "dpo@ville.example", ["auditor"], "DSI");
      await seedUser(app, "nouveau@ville.example", ["agent"], "CCAS", { acceptCharter: false });
      agent = await login(app, "agent@ville.example");
      auditor = await login(app, "dpo@ville.example");
      await addProvider(app, admin, {
        // The collectivité's own server: no PUE declared, the configuration's is used.
        id: "souverain",
        baseUrl: upstream.url,
        sovereignty: "local",
        country: "FRA",
        models: [{ id: "test-model", activeParameters: 7.3, totalParameters: 7.3 }],
      });
    });
    after(() => upstream.close());

    it("keeps one record per turn, answered or refused, without the text of either side", async () => {
      const { app } = get();
      upstream.script({
        kind: "reply",
        text: "Réponse pour Mme Martine Dupont : dossier complet.",
      });
      const answered = await call(app, "POST", "/api/ask", agent, {
        question: "Le dossier de Mme Martine Dupont est-il complet ?",
      });
      assert.equal(answered.statusCode, 200, answered.body);
      const newcomer = await login(app, "nouveau@ville.example");
      const denied = await call(app, "POST", "/api/ask", newcomer, {
        question: "Le dossier de Mme Martine Dupont ?",
      });
      assert.equal(denied.statusCode, 403, "the charter is not accepted yet");

      const rows = await app.store.db
        .selectFrom("usage_records")
        .selectAll()
        .orderBy("at")
        .execute();
      assert.equal(rows.length, 2);
      const [first, second] = rows;
      assert.equal(first?.status, "completed");
      assert.equal(first?.data_class, "personal");
      assert.equal(first?.model_ref, "souverain/test-model");
      assert.equal(first?.sovereignty, "local");
      assert.equal(first?.mode, "model");
      assert.ok((first?.completion_tokens ?? 0) > 0);
      assert.equal(first?.impact_method, "ecologits-0.9");
      assert.ok((first?.energy_kwh_min ?? 0) > 0);
      assert.equal(second?.status, "denied");
      assert.equal(second?.stopped_at, "charter");
      const stored = JSON.stringify(rows);
      for (const text of ["Dupont", "Martine", "complet ?", "dossier complet"]) {
        assert.ok(!stored.includes(text), `${text} in the journal`);
      }
    });

    it("gives the DPO totals per assistant, model and data class; agents may not read them", async () => {
      const { app } = get();
      const summary = await call(app, "GET", "/api/observatory/usage", auditor);
      assert.equal(summary.statusCode, 200, summary.body);
      const row = summary
        .json()
        .rows.find((r: { modelRef: string | null }) => r.modelRef === "souverain/test-model");
      assert.equal(row.turns, 1);
      assert.equal(row.dataClass, "personal");
      assert.ok(row.energyKwh.min > 0);
      assert.equal((await call(app, "GET", "/api/observatory/usage", agent)).statusCode, 403);
      for (const query of [
        "?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
      ]) {
        const refused = await call(app, "GET", `/api/observatory/usage${query}`, auditor);
        assert.equal(refused.statusCode, 400, query);
        assert.equal(refused.json().error.code, "observatory_usage_period_invalid");
        assert.match(refused.json().error.message, /1096 jours au plus/);
      }
    });

    it("shows an agent their own use this month, with what it amounts to", async () => {
      const { app } = get();
      const mine = await call(app, "GET", "/api/me/usage", agent);
      assert.equal(mine.statusCode, 200, mine.body);
      assert.equal(mine.json().turns, 1);
      assert.ok(mine.json().energyKwh.min > 0);
      assert.ok(mine.json().equivalents.ledBulbMinutes.min > 0);
      const other = await call(app, "GET", "/api/me/usage", auditor);
      assert.equal(other.json().turns, 0);
    });

    it("keeps an agent's opinion of an answer with its turn, and counts it", async () => {
      const { app } = get();
      const id = (await call(app, "POST", "/api/conversations", agent, {})).json().id;
      const answer = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
        content: "Rédige une phrase d'accueil.",
      });
      assert.equal(answer.statusCode, 200, answer.body);
      const url = (messageId: string) => `/api/conversations/${id}/messages/${messageId}/feedback`;
      const rated = await call(app, "POST", url(answer.json().id), agent, { rating: "down" });
      assert.equal(rated.statusCode, 200, rated.body);
      assert.equal(rated.json().metadata.feedback, "down");
      const record = await app.store.db
        .selectFrom("usage_records")
        .select("feedback")
        .where("turn_id", "=", answer.json().metadata.turnId)
        .executeTakeFirst();
      assert.equal(record?.feedback, "down");
      const bad = await call(app, "POST", url(answer.json().id), agent, { rating: "bof" });
      assert.equal(bad.statusCode, 400);
      const summary = (await call(app, "GET", "/api/observatory/usage", auditor)).json();
      assert.equal(
        summary.rows.reduce((sum: number, r: { negative: number }) => sum + r.negative, 0),
        1,
      );
    });

    it("counts the minutes agents say answers saved them, for the DPO and for the agent; a rating without minutes takes them back", async () => {
      const { app } = get();
      const id = (await call(app, "POST", "/api/conversations", agent, {})).json().id;
      const answers = [];
      for (const content of [
        "Résume la note de M. Paul Durand.",
        "Rédige un courriel de relance.",
      ]) {
        const answer = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
          content,
        });
        assert.equal(answer.statusCode, 200, answer.body);
        answers.push(answer.json());
      }
      const [first, second] = answers;
      const rate = (messageId: string, body: object) =>
        call(app, "POST", `/api/conversations/${id}/messages/${messageId}/feedback`, agent, body);
      assert.equal((await rate(first.id, { rating: "up", minutesSaved: 20 })).statusCode, 200);
      assert.equal((await rate(second.id, { rating: "up", minutesSaved: 35 })).statusCode, 200);

      type Row = { minutesSaved: number; answersWithMinutes: number };
      const observatory = async () => {
        const response = await call(app, "GET", "/api/observatory/usage", auditor);
        assert.equal(response.statusCode, 200, response.body);
        const rows: Row[] = response.json().rows;
        return {
          minutesSaved: rows.reduce((sum, r) => sum + r.minutesSaved, 0),
          answersWithMinutes: rows.reduce((sum, r) => sum + r.answersWithMinutes, 0),
        };
      };
      const mine = async () => {
        const response = await call(app, "GET", "/api/me/usage", agent);
        assert.equal(response.statusCode, 200, response.body);
        const { minutesSaved, answersWithMinutes } = response.json();
        return { minutesSaved, answersWithMinutes };
      };
      assert.deepEqual(await observatory(), { minutesSaved: 55, answersWithMinutes: 2 });
      assert.deepEqual(await mine(), { minutesSaved: 55, answersWithMinutes: 2 });
      const others = (await call(app, "GET", "/api/me/usage", auditor)).json();
      assert.equal(others.minutesSaved, 0);
      assert.equal(others.answersWithMinutes, 0);

      // Rated again without minutes: the answer no longer counts any, as on its message.
      const again = await rate(first.id, { rating: "down" });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().metadata.minutesSaved, undefined);
      assert.deepEqual(await observatory(), { minutesSaved: 35, answersWithMinutes: 1 });
      assert.deepEqual(await mine(), { minutesSaved: 35, answersWithMinutes: 1 });
      // Zero minutes is an answer with minutes: it counts, and adds nothing.
      assert.equal((await rate(first.id, { rating: "down", minutesSaved: 0 })).statusCode, 200);
      assert.deepEqual(await observatory(), { minutesSaved: 35, answersWithMinutes: 2 });

      const record = (turnId: string) =>
        app.store.db
          .selectFrom("usage_records")
          .select(["feedback", "minutes_saved"])
          .where("turn_id", "=", turnId)
          .executeTakeFirst();
      assert.deepEqual(await record(first.metadata.turnId), { feedback: "down", minutes_saved: 0 });
      assert.deepEqual(await record(second.metadata.turnId), { feedback: "up", minutes_saved: 35 });
      const stored = JSON.stringify(
        await app.store.db.selectFrom("usage_records").selectAll().execute(),
      );
      for (const text of ["Durand", "Paul", "note de", "courriel de relance"]) {
        assert.ok(!stored.includes(text), `${text} in the journal`);
      }
    });
  },
  { BEFFROI_IMPACT__LOCAL_PUE: "1.3" },
);
