import assert from "node:assert/strict";
import { before, it } from "node:test";
import { call, describeApps, login, type Session, seedUser } from "../support/apps.js";

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) <= 1e-6 * Math.abs(expected), `${actual} vs ${expected}`);

const GPT_4O = {
  activeParameters: { min: 44, max: 132 },
  totalParameters: 440,
  outputTokens: 500,
  latencySeconds: 10,
  pue: 1.2,
  zone: "USA",
};

describeApps("environmental impact API", (get) => {
  let agent: Session;
  let auditorKey: string;

  before(async () => {
    const { app } = get();
    await seedUser(app, "agent@ville.example", ["agent"], "CCAS");
    const auditor = await seedUser(app, "dpo@ville.example", ["auditor"]);
    agent = await login(app, "agent@ville.example");
    auditorKey = (
      await app.services.apiKeys.create(auditor.id, { name: "rapport", scopes: ["audit:read"] })
    ).token;
  });

  it("estimates one request for any signed-in user (EcoLogits 0.9.1 reference)", async () => {
    const response = await call(get().app, "POST", "/api/impact/estimate", agent, GPT_4O);
    assert.equal(response.statusCode, 200, response.body);
    const estimate = response.json();
    assert.equal(estimate.method, "ecologits-0.9");
    assert.equal(estimate.zone, "USA");
    close(estimate.energy.min, 7.546015e-4);
    close(estimate.energy.max, 1.235642e-3);
    close(estimate.gwp.total.min, 3.125888e-4);
    close(estimate.gwp.total.max, 4.97092e-4);
    assert.deepEqual(estimate.gpus, { min: 16, max: 16 });
    assert.ok(estimate.equivalents.videoStreamingMinutes.min > 0);

    const byKey = await call(
      get().app,
      "POST",
      "/api/impact/estimate",
      { apiKey: auditorKey },
      {
        activeParameters: 7.3,
        outputTokens: 200,
        latencySeconds: 5,
        pue: 1.16,
        zone: "SWE",
      },
    );
    assert.equal(byKey.statusCode, 200, byKey.body);
    close(byKey.json().energy.max, 1.414319e-5);
  });

  it("refuses anonymous callers", async () => {
    const response = await call(get().app, "POST", "/api/impact/estimate", undefined, GPT_4O);
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error.code, "unauthenticated");
  });

  it("names an unknown zone and the known ones, with a stable code", async () => {
    const response = await call(get().app, "POST", "/api/impact/estimate", agent, {
      ...GPT_4O,
      zone: "CHN",
    });
    assert.equal(response.statusCode, 400);
    const { error } = response.json();
    assert.equal(error.code, "impact_zone_unknown");
    assert.match(error.message, /« CHN ».*FRA, SWE, DEU, IRL, USA, WOR/);
  });

  it("validates the body in French", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...GPT_4O, activeParameters: { min: 132, max: 44 } }, /body\.activeParameters/],
      [{ ...GPT_4O, pue: 0.5 }, /body\.pue/],
      [{ ...GPT_4O, zone: "usa" }, /trois lettres majuscules/],
      [{ ...GPT_4O, outputTokens: -3 }, /body\.outputTokens/],
      [{ ...GPT_4O, gpus: 8 }, /gpus/],
    ];
    for (const [body, message] of cases) {
      const response = await call(get().app, "POST", "/api/impact/estimate", agent, body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      const { error } = response.json();
      assert.equal(error.code, "invalid_request");
      assert.match(error.message, /^La requête est invalide/);
      assert.match(error.message, message);
    }
  });

  it("appears in the OpenAPI document", async () => {
    const document = (await call(get().app, "GET", "/api/openapi.json")).json();
    const operation = document.paths["/api/impact/estimate"]?.post;
    assert.ok(operation, "documented");
    assert.deepEqual(operation.tags, ["impact"]);
    const body = operation.requestBody.content["application/json"].schema;
    assert.ok(body.properties.activeParameters && body.properties.zone);
    assert.ok(operation.responses["200"].content["application/json"].schema.properties.gwp);
  });
});
