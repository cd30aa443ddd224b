import assert from "node:assert/strict";
import { it } from "node:test";
import { fitBradleyTerry } from "../../src/arena/index.js";
import { describeCli } from "../support/cli.js";

/** Votes as a group casts them: the baseline (0) beats model 1 mostly, model 2 beats both. */
const VOTES: [number, number, string][] = [
  [0, 1, "a"],
  [0, 1, "a"],
  [1, 0, "b"],
  [0, 1, "b"],
  [2, 0, "a"],
  [2, 0, "a"],
  [0, 2, "b"],
  [2, 1, "a"],
  [1, 2, "both-good"],
  [2, 1, "a"],
];

describeCli("beffroi arena", ({ cli, openDatabase }) => {
  it("prints a campaign's ranking from the votes in the database, as JSON and in French", async () => {
    assert.equal((await cli(["migrate"])).code, 0);
    const store = openDatabase();
    try {
      const at = "2026-12-01T09:00:00.000Z";
      await store.db
        .insertInto("arena_campaigns")
        .values({
          id: "c1",
          name: "Langage clair",
          subject_kind: "usecase",
          subject_id: "langage-clair",
          direction_id: null,
          data_class: "public",
          pair_mode: "random",
          seed: 7,
          publish_cases: 0,
          status: "open",
          created_by: null,
          created_at: at,
          closed_at: null,
          verdict: null,
        })
        .execute();
      await store.db
        .insertInto("arena_contenders")
        .values([
          { campaign_id: "c1", position: 0, kind: "baseline", model_ref: null },
          { campaign_id: "c1", position: 1, kind: "model", model_ref: "petit/modele" },
          { campaign_id: "c1", position: 2, kind: "model", model_ref: "grand/modele" },
        ])
        .execute();
      await store.db
        .insertInto("arena_cases")
        .values({
          id: "k1",
          campaign_id: "c1",
          position: 1,
          title: "Courrier",
          values_json: "{}",
          created_at: at,
        })
        .execute();
      await store.db
        .insertInto("arena_matches")
        .values(
          VOTES.map(([a, b, choice], index) => ({
            id: `m${index}`,
            campaign_id: "c1",
            case_id: "k1",
            user_id: null,
            contender_a: a,
            contender_b: b,
            shown_at: at,
            voted_at: `2026-12-01T09:${String(10 + index).padStart(2, "0")}:00.000Z`,
            choice,
            tags: "[]",
            comment: null,
            minutes_saved: null,
          })),
        )
        .execute();
    } finally {
      await store.close();
    }

    const json = await cli(["arena", "ranking", "c1", "--json"]);
    assert.equal(json.code, 0, json.stderr);
    const ranking = JSON.parse(json.stdout);
    assert.equal(ranking.votes, 10);
    assert.equal(ranking.seed, 7);
    const scores = fitBradleyTerry(
      3,
      VOTES.map(([a, b, choice]) => ({
        a,
        b,
        outcome: choice === "a" ? "a" : choice === "b" ? "b" : "tie",
      })),
    );
    for (const contender of ranking.contenders) {
      for (const key of ["score", "low", "high", "votes", "wins"])
        assert.equal(typeof contender[key], "number", key);
      assert.ok(Math.abs(contender.score - (scores[contender.position] ?? 0)) < 1e-9);
      assert.ok(contender.low <= contender.score && contender.score <= contender.high);
    }
    assert.equal(ranking.contenders[0].modelRef, "grand/modele");
    assert.equal(ranking.contenders[0].wins, 5.5);
    assert.ok(["gain", "no-gain"].includes(ranking.verdict.kind));
    assert.equal(typeof ranking.verdict.text, "string");
    // Deterministic for the campaign's seed.
    const again = JSON.parse((await cli(["arena", "ranking", "c1", "--json"])).stdout);
    assert.deepEqual(again, ranking);

    const text = await cli(["arena", "ranking", "c1"]);
    assert.match(text.stdout, /^Classement sur 10 vote\(s\) \(graine 7\)/);
    assert.match(
      text.stdout,
      /1\. grand\/modele — [-\d,]+ \[[-\d,]+ ; [-\d,]+\] — 6 vote\(s\), 5,5 victoire\(s\)/,
    );
    const listed = await cli(["arena", "list"]);
    assert.match(
      listed.stdout,
      /c1 {2}Langage clair \[usecase:langage-clair\] — ouverte — 10 vote\(s\)/,
    );

    const unknown = await cli(["arena", "ranking", "inconnue"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Campagne introuvable/);
    const badSeed = await cli(["arena", "ranking", "c1", "--seed", "-3"]);
    assert.equal(badSeed.code, 2);
  });
});
