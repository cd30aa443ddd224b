import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { fitBradleyTerry } from "../../src/arena/index.js";
import {
  addProvider,
  call,
  describeApps,
  login,
  post,
  type Session,
  seedAdmin,
  seedUser,
  sseEvents,
} from "../support/apps.js";
import { twoContenders } from "../support/arena.js";
import type { OpenAiUpstream } from "../support/openai-upstream.js";

const TEXT =
  "Nonobstant les dispositions susvisées, le demandeur est invité à produire les pièces afférentes à sa demande dans un délai de quinze jours.";
const ALPHA = "# Proposition de réécriture\n\nEnvoyez-nous vos papiers sous quinze jours. (alpha)";
const BETA = "# Proposition de réécriture\n\nMerci d'envoyer les documents demandés. (beta)";

interface Match {
  id: string;
  case: { title: string; values: Record<string, unknown> };
  a: { text: string };
  b: { text: string };
  voted: boolean;
}

/** Which side an output is: the two models answer differently; the rest is the baseline. */
const sideOf = (text: string) =>
  text.includes("(alpha)") ? "alpha" : text.includes("(beta)") ? "beta" : "baseline";

/**
 * LLM battles over HTTP, on both stores: two local test upstreams answering
 * differently and the use case's result without AI in the ring; a campaign
 * created with its contenders checked against the charter, test cases
 * checked against its data class, blind matches (no identity before the
 * vote), every refusal of a bad vote changing nothing, a ranking consistent
 * with a Bradley–Terry fit of the votes, the verdict « no gain » when votes
 * favour the baseline, closing, and the anonymised open data.
 */
describeApps("LLM battles", (get) => {
  let alpha: OpenAiUpstream;
  let beta: OpenAiUpstream;
  let admin: Session;
  let referent: Session;
  let voters: Session[];
  let outsider: Session;
  let auditor: Session;
  let campaignId = "";

  before(async () => {
    const { app } = get();
    admin = await seedAdmin(app);
    ({ alpha, beta } = await twoContenders(app, admin, { alpha: ALPHA, beta: BETA }));
    await addProvider(app, admin, {
      id: "ailleurs",
      baseUrl: beta.url,
      sovereignty: "extraterritorial",
      country: "USA",
    });
    await seedUser(app, "referent@ville.example", ["referent"], "Communication");
    await seedUser(app, "un@ville.example", ["agent"], "Communication");
    await seedUser(app, "deux@ville.example", ["agent"], "Communication");
    await seedUser(app, "dehors@ville.example", ["agent"], "Voirie");
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    referent = await login(app, "referent@ville.example");
    voters = [await login(app, "un@ville.example"), await login(app, "deux@ville.example")];
    outsider = await login(app, "dehors@ville.example");
    auditor = await login(app, "dpo@ville.example");
  });
  after(async () => {
    await alpha.close();
    await beta.close();
  });

  const campaign = (body: Record<string, unknown>) =>
    call(get().app, "POST", "/api/arena/campaigns", referent, {
      name: "Langage clair : quel modèle ?",
      useCaseId: "langage-clair",
      models: ["alpha/test-model", "beta/test-model"],
      members: ["un@ville.example", "deux@ville.example"],
      seed: 42,
      ...body,
    });

  it("creates a campaign: the baseline in the ring by right, contenders the charter allows", async () => {
    const unknown = await campaign({ models: ["nulle/part"] });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, "model_unknown");
    const stranger = await campaign({ members: ["personne@ville.example"] });
    assert.equal(stranger.json().error.code, "arena_member_unknown");
    const sensitive = await campaign({ dataClass: "sensitive", models: ["ailleurs/test-model"] });
    assert.equal(sensitive.statusCode, 400);
    assert.equal(sensitive.json().error.code, "arena_model_not_allowed");
    assert.match(sensitive.json().error.message, /données sensibles/);
    const byAgent = await call(get().app, "POST", "/api/arena/campaigns", voters[0], {
      name: "x",
      useCaseId: "langage-clair",
      models: ["alpha/test-model"],
    });
    assert.equal(byAgent.statusCode, 403);

    const created = await campaign({});
    assert.equal(created.statusCode, 201, created.body);
    const view = created.json();
    campaignId = view.id;
    assert.deepEqual(
      view.contenders.map((c: { kind: string; modelRef: string | null }) => [c.kind, c.modelRef]),
      [
        ["baseline", null],
        ["model", "alpha/test-model"],
        ["model", "beta/test-model"],
      ],
    );
    assert.equal(view.members.length, 3, "the two voters and the referent");
    assert.equal(view.directionPath, "Communication");
  });

  it("adds test cases from the use case's form, refusing missing fields and data above the campaign's class", async () => {
    const { app } = get();
    const add = (body: Record<string, unknown>) =>
      call(app, "POST", `/api/arena/campaigns/${campaignId}/cases`, referent, body);
    const missing = await add({ title: "Sans texte", values: { public: "Grand public" } });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.code, "usecase_fields_missing");
    const personal = await add({
      title: "Courrier à M. Martin",
      values: {
        texte:
          "Monsieur Jean Martin, né le 12/03/1961, domicilié 4 rue des Lilas à Arras, votre numéro de sécurité sociale 1 61 03 62 041 123 45 est incomplet.",
        public: "Grand public",
      },
    });
    assert.equal(personal.statusCode, 400, personal.body);
    assert.equal(personal.json().error.code, "arena_case_data_class");
    for (const [index, title] of ["Pièces à produire", "Délai de réponse"].entries()) {
      const added = await add({
        title,
        values: { texte: `${TEXT} (${index + 1})`, public: "Grand public" },
      });
      assert.equal(added.statusCode, 201, added.body);
      assert.equal(added.json().position, index + 1);
    }
    const byVoter = await call(app, "POST", `/api/arena/campaigns/${campaignId}/cases`, voters[0], {
      title: "x",
      values: { texte: TEXT, public: "Grand public" },
    });
    assert.equal(byVoter.statusCode, 403);
  });

  it("shows a member a case and two anonymous answers, the same until they vote", async () => {
    const { app } = get();
    const first = await call(app, "POST", `/api/arena/campaigns/${campaignId}/next`, voters[0]);
    assert.equal(first.statusCode, 200, first.body);
    const match: Match = first.json();
    assert.doesNotMatch(first.body, /alpha\/|beta\/|test-model|Résultat sans IA/, "blind");
    assert.notEqual(sideOf(match.a.text), sideOf(match.b.text));
    assert.match(match.case.title, /Pièces à produire|Délai de réponse/);
    const again = await call(app, "POST", `/api/arena/campaigns/${campaignId}/next`, voters[0]);
    assert.equal(again.json().id, match.id, "a match shown is shown again until voted");
    // A model's answer went through the pipeline with the use case's instructions and prompt.
    const upstream = [...alpha.requests, ...beta.requests].find(
      (r) => r.path === "/v1/chat/completions",
    );
    if (upstream) {
      const messages: { role: string; content: string }[] = upstream.body.messages;
      assert.match(messages.find((m) => m.role === "system")?.content ?? "", /langage clair/);
      assert.match(messages.at(-1)?.content ?? "", /Public visé : Grand public/);
    }
    const outside = await call(app, "POST", `/api/arena/campaigns/${campaignId}/next`, outsider);
    assert.equal(outside.statusCode, 403);
    assert.equal(outside.json().error.code, "arena_not_member");
  });

  it("refuses, changing nothing, a vote on a pair not shown to the voter and a second vote", async () => {
    const { app } = get();
    const match: Match = (
      await call(app, "POST", `/api/arena/campaigns/${campaignId}/next`, voters[0])
    ).json();
    const notMine = await call(app, "POST", `/api/arena/matches/${match.id}/vote`, voters[1], {
      choice: "a",
    });
    assert.equal(notMine.statusCode, 403);
    assert.equal(notMine.json().error.code, "arena_match_not_shown");
    const unknown = await call(app, "POST", "/api/arena/matches/inconnu/vote", voters[0], {
      choice: "a",
    });
    assert.equal(unknown.json().error.code, "arena_match_not_shown");
    const badTag = await call(app, "POST", `/api/arena/matches/${match.id}/vote`, voters[0], {
      choice: "a",
      tags: ["joli"],
    });
    assert.equal(badTag.statusCode, 400);
    const voted = await call(app, "POST", `/api/arena/matches/${match.id}/vote`, voters[0], {
      choice:
        sideOf(match.a.text) === "baseline"
          ? "a"
          : sideOf(match.b.text) === "baseline"
            ? "b"
            : "both-bad",
      // Tagged when the baseline won, as in the votes below.
      tags: [sideOf(match.a.text), sideOf(match.b.text)].includes("baseline")
        ? ["exact", "usable"]
        : [],
      comment: "La version sans IA suffit ici.",
      minutesSaved: 3,
    });
    assert.equal(voted.statusCode, 200, voted.body);
    const reveal = voted.json();
    // Identities and impact, after the vote only.
    for (const side of [reveal.a, reveal.b]) {
      if (side.kind === "baseline") {
        assert.equal(side.label, "Résultat sans IA");
        assert.equal(side.energyKwh, 0);
      } else {
        assert.match(side.modelRef, /^(alpha|beta)\/test-model$/);
        assert.ok(side.energyKwh > 0, "a model's answer has an energy");
        assert.ok(side.gwpKgCo2e > 0);
      }
    }
    const twice = await call(app, "POST", `/api/arena/matches/${match.id}/vote`, voters[0], {
      choice: "b",
    });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, "arena_already_voted");
    const ranking = await call(app, "GET", `/api/arena/campaigns/${campaignId}/ranking`, referent);
    assert.equal(ranking.json().votes, 1, "the refused votes changed nothing");
  });

  it("ranks the contenders on the votes, says « no gain » when votes favour the baseline", async () => {
    const { app } = get();
    // Every voter sees every pair of every case once: 2 cases × 3 pairs.
    for (const voter of voters) {
      for (;;) {
        const next = await call(app, "POST", `/api/arena/campaigns/${campaignId}/next`, voter);
        if (next.statusCode === 409) {
          assert.equal(next.json().error.code, "arena_nothing_left");
          break;
        }
        assert.equal(next.statusCode, 200, next.body);
        const match: Match = next.json();
        const a = sideOf(match.a.text);
        const b = sideOf(match.b.text);
        const choice = a === "baseline" ? "a" : b === "baseline" ? "b" : "both-bad";
        const voted = await call(app, "POST", `/api/arena/matches/${match.id}/vote`, voter, {
          choice,
          tags: choice === "both-bad" ? [] : ["exact"],
        });
        assert.equal(voted.statusCode, 200, voted.body);
      }
    }
    const response = await call(
      app,
      "GET",
      `/api/arena/campaigns/${campaignId}/ranking`,
      voters[1],
    );
    assert.equal(response.statusCode, 200, response.body);
    const ranking = response.json();
    assert.equal(ranking.votes, 12);
    assert.equal(ranking.contenders[0].kind, "baseline", "the baseline ranks first");
    const baseline = ranking.contenders[0];
    assert.equal(baseline.votes, 8);
    assert.equal(baseline.wins, 8);
    assert.ok(baseline.low <= baseline.score && baseline.score <= baseline.high);
    assert.equal(ranking.verdict.kind, "no-gain");
    assert.match(ranking.verdict.text, /L'IA n'apporte pas de gain mesurable sur ce cas d'usage/);
    assert.match(ranking.verdict.text, /Wh pour rien/);
    assert.equal(ranking.winRate[0][1], 1);
    assert.equal(ranking.winRate[1][2], 0.5, "both bad: half a win each");
    assert.equal(ranking.pairVotes[1][2], 4);
    // The scores are the Bradley–Terry fit of the votes, by position.
    const exported = (
      await call(app, "GET", `/api/arena/campaigns/${campaignId}/export`, referent)
    ).json();
    const outcome = (choice: string) => (choice === "a" ? "a" : choice === "b" ? "b" : "tie");
    const scores = fitBradleyTerry(
      3,
      exported.votes.map((v: { a: number; b: number; choice: string }) => ({
        a: v.a,
        b: v.b,
        outcome: outcome(v.choice),
      })),
    );
    for (const contender of ranking.contenders)
      assert.ok(Math.abs(contender.score - (scores[contender.position] ?? 0)) < 1e-9);
    // Deterministic for a seed; another seed moves the intervals, not the scores.
    const same = (
      await call(app, "GET", `/api/arena/campaigns/${campaignId}/ranking`, referent)
    ).json();
    assert.deepEqual(same.contenders, ranking.contenders);
    const other = (
      await call(app, "GET", `/api/arena/campaigns/${campaignId}/ranking?seed=7`, referent)
    ).json();
    assert.deepEqual(
      other.contenders.map((c: { score: number }) => c.score),
      ranking.contenders.map((c: { score: number }) => c.score),
    );
    const tagged = (
      await call(app, "GET", `/api/arena/campaigns/${campaignId}/ranking?tag=exact`, referent)
    ).json();
    assert.equal(tagged.votes, 8, "the votes that carry the tag: those the baseline won");
    const hidden = await call(app, "GET", `/api/arena/campaigns/${campaignId}/ranking`, outsider);
    assert.equal(hidden.statusCode, 404);
  });

  it("closes the campaign: its verdict recorded, later votes refused", async () => {
    const { app } = get();
    // The referent is a member: a match shown before closing cannot be voted after.
    const pending: Match = (
      await call(app, "POST", `/api/arena/campaigns/${campaignId}/next`, referent)
    ).json();
    const closed = await call(app, "POST", `/api/arena/campaigns/${campaignId}/close`, referent);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, "closed");
    assert.equal(closed.json().verdict.kind, "no-gain");
    const late = await call(app, "POST", `/api/arena/matches/${pending.id}/vote`, referent, {
      choice: "a",
    });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, "arena_campaign_closed");
    const again = await call(app, "POST", `/api/arena/campaigns/${campaignId}/close`, referent);
    assert.equal(again.json().error.code, "arena_campaign_closed");
    const audit = await call(app, "GET", "/api/audit?limit=500", auditor);
    const actions = (audit.json().entries as { action: string; target: string }[])
      .filter((entry) => entry.target === campaignId)
      .map((entry) => entry.action)
      .sort();
    assert.deepEqual(actions, ["arena-campaign.closed", "arena-campaign.created"]);
  });

  it("exports the anonymised votes and the ranking as JSON and CSV", async () => {
    const { app } = get();
    const json = await call(app, "GET", `/api/arena/campaigns/${campaignId}/export`, auditor);
    assert.equal(json.statusCode, 200, json.body);
    const data = json.json();
    assert.equal(data.votes.length, 12);
    assert.deepEqual(Object.keys(data.votes[0]).sort(), [
      "a",
      "b",
      "case",
      "choice",
      "day",
      "minutesSaved",
      "tags",
    ]);
    assert.deepEqual(
      data.cases,
      [{ position: 1 }, { position: 2 }],
      "no case text unless published",
    );
    assert.doesNotMatch(
      json.body,
      /ville\.example|Nonobstant|suffit ici/,
      "no voter, text or comment",
    );
    const csv = await call(
      app,
      "GET",
      `/api/arena/campaigns/${campaignId}/export?format=csv`,
      auditor,
    );
    assert.match(String(csv.headers["content-type"]), /text\/csv/);
    const lines = csv.body.trim().split("\r\n");
    assert.equal(lines[0], "campaign,case,contender_a,contender_b,choice,tags,minutes_saved,day");
    assert.equal(lines.length, 13);
    assert.match(csv.body, /alpha\/test-model/);
    const ranking = await call(
      app,
      "GET",
      `/api/arena/campaigns/${campaignId}/export?format=csv&table=ranking`,
      auditor,
    );
    const rows = ranking.body.trim().split("\r\n");
    assert.equal(rows[0], "campaign,rank,contender,score,low,high,votes,wins");
    assert.match(rows[1] ?? "", new RegExp(`^${campaignId},1,baseline,[\\d.]+,`));
    assert.equal(rows.length, 4);
  });

  it("recommends a winner that beats the baseline for its use case, and only then", async () => {
    const { app } = get();
    const noGain = await call(
      app,
      "POST",
      `/api/arena/campaigns/${campaignId}/recommend`,
      referent,
    );
    assert.equal(noGain.statusCode, 409);
    assert.equal(noGain.json().error.code, "arena_no_gain");

    const created = await campaign({ name: "Langage clair, second tour", seed: 3 });
    const id = created.json().id;
    // Imported from a file: all the cases or none (here the third misses its text).
    const cases = Array.from({ length: 4 }, (_, index) => ({
      title: `Courrier ${index + 1}`,
      values: { texte: `${TEXT} [${index}]`, public: "Grand public" },
    }));
    const broken = await call(app, "POST", `/api/arena/campaigns/${id}/cases/import`, referent, {
      cases: cases.map((c, index) =>
        index === 2 ? { ...c, values: { public: "Grand public" } } : c,
      ),
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, "arena_case_invalid");
    assert.match(
      broken.json().error.message,
      /^Cas n° 3 \(« Courrier 3 »\) : .*Aucun cas n'a été importé\.$/,
    );
    assert.equal(
      (await call(app, "GET", `/api/arena/campaigns/${id}`, referent)).json().cases.length,
      0,
    );
    const imported = await call(app, "POST", `/api/arena/campaigns/${id}/cases/import`, referent, {
      cases,
    });
    assert.equal(imported.statusCode, 201, imported.body);
    assert.deepEqual(
      imported.json().map((c: { position: number }) => c.position),
      [1, 2, 3, 4],
    );
    const open = await call(app, "POST", `/api/arena/campaigns/${id}/recommend`, referent);
    assert.equal(open.json().error.code, "arena_campaign_open");
    // Alpha is preferred to beta, and both to the result without AI, every time.
    const rank = { alpha: 2, beta: 1, baseline: 0 } as const;
    // The second voter votes from their own tool, with an API key.
    const user = await app.services.users.findByEmail("deux@ville.example");
    const key = (
      await app.services.apiKeys.create(user?.id ?? "", {
        name: "outil du groupe",
        scopes: ["chat"],
      })
    ).token;
    for (const voter of [voters[0], { apiKey: key }] as const) {
      for (;;) {
        const next = await call(app, "POST", `/api/arena/campaigns/${id}/next`, voter);
        if (next.statusCode === 409) break;
        const match: Match = next.json();
        const a = rank[sideOf(match.a.text)];
        const b = rank[sideOf(match.b.text)];
        await call(app, "POST", `/api/arena/matches/${match.id}/vote`, voter, {
          choice: a > b ? "a" : "b",
        });
      }
    }
    const closed = await call(app, "POST", `/api/arena/campaigns/${id}/close`, referent);
    assert.equal(closed.json().verdict.kind, "gain", closed.body);
    assert.match(
      closed.json().verdict.text,
      /^« alpha\/test-model » fait mieux que le résultat sans IA/,
    );
    // The use case belongs to the whole collectivité: its administrators set its model.
    const notTheirs = await call(app, "POST", `/api/arena/campaigns/${id}/recommend`, referent);
    assert.equal(notTheirs.statusCode, 403);
    assert.equal(notTheirs.json().error.code, "usecase_not_manageable");
    const recommended = await call(app, "POST", `/api/arena/campaigns/${id}/recommend`, admin);
    assert.equal(recommended.statusCode, 200, recommended.body);
    assert.deepEqual(recommended.json(), { useCaseId: "langage-clair", model: "alpha/test-model" });
    const summary = (await call(app, "GET", "/api/usecases", referent))
      .json()
      .find((u: { id: string }) => u.id === "langage-clair");
    assert.equal(summary.recommendedModel, "alpha/test-model");
    // The use case's runs now try the recommended model first.
    const before = alpha.requests.length;
    const run = await call(app, "POST", "/api/usecases/langage-clair/run", voters[0], {
      values: { texte: TEXT, public: "Grand public" },
    });
    assert.equal(run.statusCode, 200, run.body);
    assert.equal(run.json().answer.model, "alpha/test-model");
    assert.equal(alpha.requests.length, before + 1);
  });

  it("streams a duel's two answers side by side as they are written, then the match to vote on", async () => {
    const { app } = get();
    const created = await campaign({ name: "Langage clair, en direct", seed: 9 });
    const id = created.json().id;
    await call(app, "POST", `/api/arena/campaigns/${id}/cases`, referent, {
      title: "Courrier en direct",
      values: { texte: `${TEXT} [direct]`, public: "Grand public" },
    });
    const base = await app.server.listen({ host: "127.0.0.1", port: 0 });
    const voter = voters[0] as Session;
    const response = await post(
      base,
      `/api/arena/campaigns/${id}/next`,
      voter,
      {},
      { stream: true },
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /text\/event-stream/);
    const events = await sseEvents(response);
    const done = events.at(-1);
    assert.equal(done?.event, "done");
    const match = done?.data as Match;
    // The case first, then the two answers as they are written.
    assert.equal(events[0]?.event, "case");
    assert.deepEqual(events[0]?.data, match.case);
    const deltas = (side: "a" | "b") =>
      events
        .filter((e) => e.event === "delta" && (e.data as { side: string }).side === side)
        .map((e) => (e.data as { text: string }).text);
    // Each side's pieces make its answer; a model's answer comes in several pieces.
    assert.equal(deltas("a").join(""), match.a.text);
    assert.equal(deltas("b").join(""), match.b.text);
    const modelSide = sideOf(match.a.text) === "baseline" ? "b" : "a";
    assert.ok(deltas(modelSide).length > 1, "written piece by piece");
    assert.doesNotMatch(JSON.stringify(events), /alpha\/|beta\/|test-model/, "still blind");
    // The match is the member's pending one, to vote on as any other.
    const again = await call(app, "POST", `/api/arena/campaigns/${id}/next`, voter);
    assert.equal(again.json().id, match.id);
    const voted = await call(app, "POST", `/api/arena/matches/${match.id}/vote`, voter, {
      choice: "a",
    });
    assert.equal(voted.statusCode, 200, voted.body);
    // A refusal before the stream starts is a plain HTTP error.
    const outside = await post(
      base,
      `/api/arena/campaigns/${id}/next`,
      outsider,
      {},
      { stream: true },
    );
    assert.equal(outside.status, 403);
    const refusal = (await outside.json()) as { error: { code: string } };
    assert.equal(refusal.error.code, "arena_not_member");
  });

  it("compares models on a plain assistant: questions as test cases, its bases' passages as the result without AI", async () => {
    const { app } = get();
    const assistant = await app.services.assistants.defaultAssistant();
    const both = await campaign({ assistantId: assistant.id });
    assert.equal(both.statusCode, 400);
    assert.equal(both.json().error.code, "arena_subject_required");
    const created = await campaign({
      useCaseId: undefined,
      assistantId: assistant.id,
      name: "Accueil",
    });
    assert.equal(created.statusCode, 201, created.body);
    const view = created.json();
    assert.deepEqual(
      [view.useCaseId, view.assistantId, view.assistantName],
      [null, assistant.id, assistant.name],
    );
    const empty = await call(app, "POST", `/api/arena/campaigns/${view.id}/cases`, referent, {
      title: "Sans question",
      values: { question: "  " },
    });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.code, "usecase_fields_missing");
    const question = "Quels sont les horaires d'ouverture de la mairie le samedi ?";
    const added = await call(app, "POST", `/api/arena/campaigns/${view.id}/cases`, referent, {
      title: "Horaires",
      values: { question },
    });
    assert.equal(added.statusCode, 201, added.body);
    const voter = voters[1] as Session;
    const seen = new Set<string>();
    for (;;) {
      const next = await call(app, "POST", `/api/arena/campaigns/${view.id}/next`, voter);
      if (next.statusCode === 409) break;
      assert.equal(next.statusCode, 200, next.body);
      const match: Match = next.json();
      for (const side of [match.a.text, match.b.text]) seen.add(sideOf(side));
      if (sideOf(match.a.text) === "baseline" || sideOf(match.b.text) === "baseline") {
        const baseline = sideOf(match.a.text) === "baseline" ? match.a.text : match.b.text;
        assert.match(baseline, /^# Résultats de la recherche/);
        assert.match(baseline, /Question : Quels sont les horaires/);
      }
      await call(app, "POST", `/api/arena/matches/${match.id}/vote`, voter, {
        choice: "both-good",
      });
    }
    assert.deepEqual([...seen].sort(), ["alpha", "baseline", "beta"]);
    // The models answered the question itself, with the assistant's instructions.
    const asked = alpha.requests.filter((r) => r.path === "/v1/chat/completions").at(-1);
    assert.match(JSON.stringify(asked?.body.messages.at(-1)), /horaires d'ouverture de la mairie/);
    const ranking = (
      await call(app, "GET", `/api/arena/campaigns/${view.id}/ranking`, voter)
    ).json();
    assert.equal(ranking.votes, 3);
    assert.equal(ranking.verdict.kind, "no-gain");
  });
});
