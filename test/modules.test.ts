import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { after, before, describe, it } from "node:test";
import { createModules } from "../src/app.js";
import { STAGES } from "../src/pipeline/index.js";
import { randomIds, systemClock } from "../src/shared/clock.js";
import type { Store } from "../src/store/index.js";
import { freshStore, testConfig } from "./support/stores.js";

/**
 * The composition root wires every domain's module: their services are
 * reached by name, so two modules never give the same name; every route is
 * declared once; the pipeline has a stage for each slot of STAGES.
 */
describe("the composition root", () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ store, cleanup } = await freshStore("sqlite"));
  });
  after(() => cleanup());

  const build = () =>
    createModules({
      config: testConfig({ url: "sqlite::memory:", dataDir: tmpdir() }),
      store,
      clock: systemClock,
      ids: randomIds,
    });

  it("gives each service one name, from one module", () => {
    const { modules } = build();
    const owners = new Map<string, number>();
    for (const [index, module] of modules.entries()) {
      for (const name of Object.keys(module.services)) {
        assert.equal(owners.get(name), undefined, `service "${name}" given by two modules`);
        owners.set(name, index);
      }
    }
    for (const name of ["knowledge", "guard", "providers", "chat", "journal", "quotas", "audit"])
      assert.ok(owners.has(name), name);
  });

  it("gives each port one name, from one module: a later module takes it by that name", () => {
    const { modules } = build();
    const owners = new Map<string, number>();
    for (const [index, module] of modules.entries()) {
      for (const name of Object.keys(("ports" in module && module.ports) || {})) {
        assert.equal(owners.get(name), undefined, `port "${name}" given by two modules`);
        owners.set(name, index);
      }
    }
    for (const name of ["policyFor", "resolveModel", "searchPassages", "answerOnce", "prepare"])
      assert.ok(owners.has(name), name);
  });

  it("declares each route once, the API of every domain among them", () => {
    const { routes } = build();
    const keys = routes.map((route) => `${route.method} ${route.url}`);
    assert.equal(new Set(keys).size, keys.length, "a route declared twice");
    for (const key of ["POST /api/ask", "GET /api/audit", "POST /v1/chat/completions"])
      assert.ok(keys.includes(key), key);
  });

  it("declares what every route answers: a schema, or no body (204) or a redirection (302)", () => {
    const undeclared = build()
      .routes.filter((route) => !route.response && route.status !== 204 && route.status !== 302)
      .map((route) => `${route.method} ${route.url}`);
    assert.deepEqual(undeclared, []);
  });

  it("fills every slot of the pipeline; a preview's up to the route, without side effects", () => {
    const { services } = build();
    assert.deepEqual(services.pipeline.order, [...STAGES]);
    assert.deepEqual(services.previewPipeline.order, ["identify", "charter", "guard", "route"]);
  });
});
