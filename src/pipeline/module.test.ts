import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { systemClock } from "../shared/clock.js";
import { silentLog } from "../shared/log.js";
import { pipelineModule } from "./module.js";
import type { Stage } from "./pipeline.js";

const noting =
  (rule: string): Stage =>
  async (_turn, context) =>
    context.decide(rule, "note", rule);

describe("the pipelines' composition", () => {
  it("runs each domain's stages in the order STAGES fixes; a preview only those given for it", () => {
    const { ports } = pipelineModule({ clock: systemClock, log: silentLog }, [
      { services: {}, routes: [], stages: { journal: noting("journal") } },
      {
        services: {},
        routes: [],
        stages: { route: noting("route"), guard: noting("guard") },
        previewStages: { guard: noting("guard.preview") },
      },
    ]);
    assert.deepEqual(ports.pipeline.order, ["guard", "route", "journal"]);
    assert.deepEqual(ports.preview.order, ["guard"]);
  });

  it("refuses two domains filling the same slot: a wiring mistake found at start", () => {
    assert.throws(
      () =>
        pipelineModule({ clock: systemClock, log: silentLog }, [
          { services: {}, routes: [], stages: { guard: noting("one") } },
          { services: {}, routes: [], stages: { guard: noting("two") } },
        ]),
      /guard/,
    );
  });
});
