import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type VerdictContender, verdictOf } from "./verdict.js";

const baseline: VerdictContender = {
  position: 0,
  kind: "baseline",
  label: "Résultat sans IA",
  score: 0,
  low: -0.3,
  high: 0.3,
  votes: 40,
  energyKwh: 0,
};
const model = (score: number, low: number, high: number): VerdictContender => ({
  position: 1,
  kind: "model",
  label: "local/mistral-small",
  score,
  low,
  high,
  votes: 40,
  energyKwh: 0.0012,
});

describe("a campaign's verdict", () => {
  it("says the model does better when its interval is above the baseline's", () => {
    const verdict = verdictOf([baseline, model(1, 0.5, 1.5)], 80);
    assert.equal(verdict.kind, "gain");
    assert.equal(verdict.best, 1);
    assert.equal(verdict.energyForNothingKwh, null);
    assert.match(verdict.text, /^« local\/mistral-small » fait mieux que le résultat sans IA/);
    assert.match(verdict.text, /\(de 0,5 à 1,5\).*\(de -0,3 à 0,3\), sur 80 votes/);
  });

  it("says « no measurable gain » when the intervals overlap, with the energy spent for nothing", () => {
    const verdict = verdictOf([baseline, model(0.4, 0.1, 0.8)], 30);
    assert.equal(verdict.kind, "no-gain");
    assert.equal(verdict.best, 1);
    assert.match(verdict.text, /^L'IA n'apporte pas de gain mesurable sur ce cas d'usage : /);
    assert.match(verdict.text, /recouvre celui du résultat sans IA/);
    assert.match(verdict.text, /environ 1,2 Wh pour rien\.$/);
    assert.equal(verdict.energyForNothingKwh, 0.0012);
  });

  it("says « no measurable gain » when the baseline ranks first", () => {
    const verdict = verdictOf(
      [{ ...baseline, score: 0.5, low: 0.2, high: 0.8 }, model(-0.5, -0.9, -0.1)],
      30,
    );
    assert.equal(verdict.kind, "no-gain");
    assert.equal(verdict.best, 0);
    assert.match(verdict.text, /le résultat sans IA est le mieux classé/);
  });

  it("gives no verdict without votes", () => {
    const verdict = verdictOf([baseline, model(0, 0, 0)], 0);
    assert.equal(verdict.kind, "no-votes");
    assert.equal(verdict.text, "Pas encore de vote : aucun verdict.");
  });
});
