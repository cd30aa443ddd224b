import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../shared/errors.js";
import { equivalents } from "./equivalents.js";
import {
  estimateRequestImpact,
  extractiveImpact,
  type Range,
  type RequestImpactInput,
} from "./estimator.js";
import { estimateModelImpact } from "./model.js";

/** The references have 7 significant digits: relative 1e-6 covers their rounding. */
function close(actual: number, expected: number, what: string) {
  const relative = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(relative <= 1e-6, `${what}: ${actual} vs ${expected} (relative ${relative})`);
}

function closeRange(actual: Range, expected: [number, number], what: string) {
  close(actual.min, expected[0], `${what} min`);
  close(actual.max, expected[1], `${what} max`);
}

// EcoLogits 0.9.1 reference values (../shared/design/IMPACT.md).
const REFERENCES: {
  name: string;
  input: RequestImpactInput;
  energy: [number, number];
  gwp: [number, number];
}[] = [
  {
    name: "open-mistral-7b, 200 tokens, 5 s, SWE, PUE 1.16",
    input: {
      activeParameters: 7.3,
      totalParameters: 7.3,
      outputTokens: 200,
      latencySeconds: 5,
      zone: "SWE",
      pue: 1.16,
    },
    energy: [1.414319e-5, 1.414319e-5],
    gwp: [1.230402e-6, 1.230402e-6],
  },
  {
    name: "mistral-large-2411, 500 tokens, 30 s, FRA, PUE 1.16",
    input: {
      activeParameters: 123,
      totalParameters: 123,
      outputTokens: 500,
      latencySeconds: 30,
      zone: "FRA",
      pue: 1.16,
    },
    energy: [3.471409e-4, 3.471409e-4],
    gwp: [3.27077e-5, 3.27077e-5],
  },
  {
    name: "gpt-4o, 500 tokens, 10 s, USA, PUE 1.20",
    input: {
      activeParameters: { min: 44, max: 132 },
      totalParameters: 440,
      outputTokens: 500,
      latencySeconds: 10,
      zone: "USA",
      pue: 1.2,
    },
    energy: [7.546015e-4, 1.235642e-3],
    gwp: [3.125888e-4, 4.97092e-4],
  },
  {
    name: "claude-sonnet-4, 1000 tokens, 100 s, USA, PUE 1.09–1.14",
    input: {
      activeParameters: { min: 44, max: 132 },
      totalParameters: 440,
      outputTokens: 1000,
      latencySeconds: 100,
      zone: "USA",
      pue: { min: 1.09, max: 1.14 },
    },
    energy: [1.930526e-3, 3.297721e-3],
    gwp: [9.00942e-4, 1.496454e-3],
  },
];

describe("impact estimator (EcoLogits 0.9)", () => {
  for (const reference of REFERENCES) {
    it(`reproduces EcoLogits 0.9.1: ${reference.name}`, () => {
      const impact = estimateRequestImpact(reference.input);
      assert.equal(impact.method, "ecologits-0.9");
      closeRange(impact.energy, reference.energy, "energy");
      closeRange(impact.gwp.total, reference.gwp, "gwp");
    });
  }

  it("gives a dense model one value (min = max) and splits usage from embodied", () => {
    const impact = estimateRequestImpact(REFERENCES[0]?.input as RequestImpactInput);
    for (const range of [impact.energy, impact.gwp.total, impact.adpe.total, impact.pe.total]) {
      assert.equal(range.min, range.max);
    }
    const { gwp, adpe, pe } = impact;
    for (const criterion of [gwp, adpe, pe]) {
      assert.ok(criterion.usage.min > 0 && criterion.embodied.min > 0);
      close(criterion.total.min, criterion.usage.min + criterion.embodied.min, "total");
    }
    // Usage = energy × the zone's mix (SWE).
    close(gwp.usage.min, impact.energy.min * 0.03582, "gwp usage");
    close(adpe.usage.min, impact.energy.min * 7.771e-8, "adpe usage");
    close(pe.usage.min, impact.energy.min * 4.7301, "pe usage");
    // One GPU (7.3B × 1.2 × 2 bytes = 17.5 GB), the whole 5 s allocated.
    assert.deepEqual(impact.gpus, { min: 1, max: 1 });
    assert.deepEqual(impact.generationSeconds, { min: 5, max: 5 });
    // Embodied GWP: 5 s × (5700/8 + 164) kgCO2e / (64 × 3 years).
    close(gwp.embodied.min, (5 * (5700 / 8 + 164)) / (64 * 94_608_000), "gwp embodied");
  });

  it("runs once with every minimum and once with every maximum", () => {
    const input = REFERENCES[3]?.input as RequestImpactInput;
    const impact = estimateRequestImpact({ ...input, wue: { min: 0.13, max: 0.999 } });
    const low = estimateRequestImpact({
      ...input,
      activeParameters: 44,
      pue: 1.09,
      wue: 0.13,
    });
    const high = estimateRequestImpact({
      ...input,
      activeParameters: 132,
      pue: 1.14,
      wue: 0.999,
    });
    assert.equal(impact.energy.min, low.energy.min);
    assert.equal(impact.energy.max, high.energy.max);
    assert.equal(impact.water.usage.min, low.water.usage.min);
    assert.equal(impact.water.usage.max, high.water.usage.max);
    assert.equal(impact.gwp.embodied.max, high.gwp.embodied.max);
    assert.deepEqual(impact.gpus, { min: 16, max: 16 });
    // Water: E × (WUE on site + PUE × WUE off site of the USA).
    close(impact.water.usage.max, high.energy.max * (0.999 + 1.14 * 3.1321), "water");
    assert.equal(impact.water.onSiteCounted, true);
  });

  it("counts only the off-site water when the datacenter's WUE is unknown", () => {
    const impact = estimateRequestImpact(REFERENCES[1]?.input as RequestImpactInput);
    assert.equal(impact.water.onSiteCounted, false);
    close(impact.water.usage.min, impact.energy.min * 1.16 * 3.6737, "water");
  });

  it("caps the generation time at the measured latency, and without one uses the modelled time", () => {
    const base = REFERENCES[1]?.input as RequestImpactInput;
    // Modelled: 500 × (0.000678…·123 + 0.000311…·64 + 0.01947…) ≈ 61.4 s.
    const modelled =
      500 * (0.0006785088094353663 * 123 + 0.0003119310311688259 * 64 + 0.019473717579473387);
    const unknown = estimateRequestImpact({ ...base, latencySeconds: undefined });
    close(unknown.generationSeconds.min, modelled, "modelled time");
    const infinite = estimateRequestImpact({ ...base, latencySeconds: Infinity });
    assert.deepEqual(infinite.generationSeconds, unknown.generationSeconds);
    const slow = estimateRequestImpact({ ...base, latencySeconds: 600 });
    assert.deepEqual(slow.energy, unknown.energy, "a longer latency changes nothing");
    const capped = estimateRequestImpact(base);
    assert.deepEqual(capped.generationSeconds, { min: 30, max: 30 });
    assert.ok(capped.energy.min < unknown.energy.min);
    assert.ok(capped.gwp.embodied.min < unknown.gwp.embodied.min);
    // The GPU energy does not depend on time: only the server share and the embodied part shrink.
    const gpuPart = (e: typeof capped) =>
      e.energy.min - (1.16 * (e.generationSeconds.min / 3600) * 1.2 * (4 / 8)) / 64;
    close(gpuPart(capped), gpuPart(unknown), "GPU energy");
  });

  it("needs the next power of two GPUs to hold the weights", () => {
    const gpus = (total: number) =>
      estimateRequestImpact({
        activeParameters: 1,
        totalParameters: total,
        outputTokens: 10,
        zone: "FRA",
        pue: 1.2,
      }).gpus.min;
    // 1.2 × P × 2 GB against 80 GB per GPU.
    assert.equal(gpus(33), 1); // 79.2 GB
    assert.equal(gpus(34), 2); // 81.6 GB
    assert.equal(gpus(100), 4); // 240 GB: 3 GPUs, rounded up to 4
    assert.equal(gpus(440), 16); // 1056 GB: 14 GPUs, rounded up to 16
  });

  it("refuses a zone without a published electricity mix, listing the known ones", () => {
    assert.throws(
      () => estimateRequestImpact({ ...(REFERENCES[0]?.input as RequestImpactInput), zone: "CHN" }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, "impact_zone_unknown");
        assert.equal(error.status, 400);
        assert.match(error.message, /CHN/);
        assert.match(error.message, /FRA, SWE, DEU, IRL, USA, WOR/);
        return true;
      },
    );
  });

  it("refuses values out of bounds", () => {
    const base = REFERENCES[0]?.input as RequestImpactInput;
    for (const bad of [
      { pue: 0.9 },
      { pue: { min: 1.2, max: 1.1 } },
      { activeParameters: 0 },
      { outputTokens: -1 },
      { latencySeconds: Number.NaN },
      { wue: -1 },
    ]) {
      assert.throws(
        () => estimateRequestImpact({ ...base, ...bad }),
        (error: unknown) => error instanceof AppError && error.code === "impact_input_invalid",
        JSON.stringify(bad),
      );
    }
  });

  it("counts an extractive answer (no model) as zero, labelled as such", () => {
    const impact = extractiveImpact();
    assert.equal(impact.method, "extractive");
    assert.deepEqual(impact.energy, { min: 0, max: 0 });
    assert.deepEqual(impact.gwp.total, { min: 0, max: 0 });
    assert.deepEqual(equivalents(impact).ledBulbMinutes, { min: 0, max: 0 });
  });

  it("turns energy and emissions into a 5 W LED bulb's and video streaming's minutes", () => {
    const impact = estimateRequestImpact(REFERENCES[2]?.input as RequestImpactInput);
    const { ledBulbMinutes, videoStreamingMinutes } = equivalents(impact);
    close(ledBulbMinutes.max, ((1.235642e-3 * 1000) / 5) * 60, "LED");
    close(videoStreamingMinutes.max, ((4.97092e-4 * 1000) / 36) * 60, "streaming");
  });
});

describe("impact of a registered model", () => {
  it("estimates from the registry's declarations (dense when only the active count is known)", () => {
    const outcome = estimateModelImpact(
      { activeParameters: 7.3 },
      { country: "SWE", pue: 1.16 },
      { outputTokens: 200, latencySeconds: 5 },
    );
    assert.equal(outcome.status, "estimated");
    if (outcome.status === "estimated") close(outcome.impact.energy.min, 1.414319e-5, "energy");
  });

  it("says what is missing instead of guessing", () => {
    assert.deepEqual(estimateModelImpact({}, { country: "CHN" }, { outputTokens: 10 }), {
      status: "unavailable",
      missing: ["parameters", "pue", "zone"],
    });
    assert.deepEqual(
      estimateModelImpact(
        { activeParameters: { min: 44, max: 132 }, totalParameters: 440 },
        { country: "USA" },
        { outputTokens: 10 },
      ),
      { status: "unavailable", missing: ["pue"] },
    );
  });
});
