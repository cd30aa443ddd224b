import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_MATRIX, dataHandling, matrixPolicy } from "../charter/index.js";
import type { Turn } from "../pipeline/index.js";
import { ProviderSchema } from "./provider.schema.js";
import type { ProvidersService } from "./providers.service.js";
import { Router } from "./router.js";

/**
 * The router on its own, over a registry of three models (one per hosting
 * class): the charter's matrix for the turn's data class, possible findings
 * masked abroad, another matrix, a prompt too long for a model.
 */
describe("router", () => {
  const providers = () =>
    ({
      models: async () =>
        ["local", "sovereign", "extraterritorial"].map((sovereignty) => ({
          ref: `${sovereignty}/m`,
          provider: ProviderSchema.parse({
            id: sovereignty,
            baseUrl: "http://127.0.0.1:1/v1",
            sovereignty,
            country: "FRA",
            models: [{ id: "m" }],
          }),
          model: { id: "m", contextLength: 100, capabilities: ["chat"] },
        })),
      resolve: async () => null,
      health: { available: () => true },
    }) as unknown as ProvidersService;
  const turn = (dataClass: Turn["dataClass"], content = "court"): Turn => ({
    id: "t",
    startedAt: "",
    credential: { kind: "session", token: "" },
    input: { messages: [{ role: "user", content }] },
    decisions: [],
    status: "walking",
    ...(dataClass && { dataClass }),
  });

  it("applies the charter's matrix: pseudonyms abroad for personal data, sensitive data never abroad", async () => {
    const router = new Router({ providers: providers() });
    const route = async (dataClass: Turn["dataClass"]) =>
      (await router.route(turn(dataClass))).candidates.map(
        (c) => `${c.ref}${c.pseudonymise ? " (pseudonymes)" : ""}`,
      );
    assert.deepEqual(await route("public"), ["local/m", "sovereign/m", "extraterritorial/m"]);
    assert.deepEqual(await route("personal"), [
      "local/m",
      "sovereign/m",
      "extraterritorial/m (pseudonymes)",
    ]);
    assert.deepEqual(await route("sensitive"), ["local/m", "sovereign/m (pseudonymes)"]);
    const skipped = (await router.route(turn("sensitive"))).skipped;
    assert.deepEqual(
      skipped.map((s) => [s.ref, s.blocked]),
      [["extraterritorial/m", true]],
    );
    assert.match(skipped[0]?.reason ?? "", /la charte interdit d'envoyer des données sensibles/);
  });

  it("masks a public turn's possible findings wherever personal data may not go in clear", async () => {
    const possible: Turn = {
      ...turn("public"),
      personalData: [{ message: 0, type: "PERSON", start: 0, end: 5, certainty: "possible" }],
    };
    const result = await new Router({ providers: providers() }).route(possible);
    assert.deepEqual(
      result.candidates.map((c) => [c.ref, c.pseudonymise]),
      [
        ["local/m", false],
        ["sovereign/m", false],
        ["extraterritorial/m", true],
      ],
    );
    // The same rule as /v1/embeddings applies, from one function.
    assert.equal(dataHandling(matrixPolicy(), "public", true, "extraterritorial"), "mask");
    assert.equal(dataHandling(matrixPolicy(), "public", false, "extraterritorial"), "clear");
    assert.equal(dataHandling(matrixPolicy(), "sensitive", false, "extraterritorial"), "block");
    assert.equal(dataHandling(matrixPolicy(), "personal", false, "sovereign"), "clear");
  });

  it("follows another matrix when the charter says so", async () => {
    const strict = matrixPolicy({
      ...DEFAULT_MATRIX,
      personal: { local: "allow", sovereign: "pseudonymise", extraterritorial: "block" },
    });
    const result = await new Router({ providers: providers(), policy: strict }).route(
      turn("personal"),
    );
    assert.deepEqual(
      result.candidates.map((c) => [c.ref, c.pseudonymise]),
      [
        ["local/m", false],
        ["sovereign/m", true],
      ],
    );
  });

  it("leaves out models too small for the request", async () => {
    const result = await new Router({ providers: providers() }).route(
      turn("public", "x".repeat(1000)),
    );
    assert.deepEqual(result.candidates, []);
    assert.match(result.skipped[0]?.reason ?? "", /trop longue/);
  });
  it("keeps a use case's requests at its sovereignty or more sovereign, never called elsewhere", async () => {
    const router = new Router({ providers: providers() });
    const withAssistant = (sovereignty: "local" | "sovereign" | undefined): Turn => ({
      ...turn("public"),
      assistant: {
        id: "usecase:accueil",
        name: "Accueil",
        instructions: "",
        knowledgeBases: [],
        preferredModels: [],
        requiresValidation: true,
        ...(sovereignty && { sovereignty }),
      },
    });
    const sovereign = await router.route(withAssistant("sovereign"));
    assert.deepEqual(
      sovereign.candidates.map((c) => c.ref),
      ["local/m", "sovereign/m"],
    );
    assert.deepEqual(
      sovereign.skipped.map((s) => [s.ref, s.sovereignty, s.blocked]),
      [["extraterritorial/m", true, undefined]],
    );
    assert.match(
      sovereign.skipped[0]?.reason ?? "",
      /hébergement extraterritorial : ce cas d'usage n'autorise pas moins souverain qu'un hébergement souverain/,
    );
    const local = await router.route(withAssistant("local"));
    assert.deepEqual(
      local.candidates.map((c) => c.ref),
      ["local/m"],
    );
    assert.deepEqual(
      (await router.route(withAssistant(undefined))).candidates.map((c) => c.ref),
      ["local/m", "sovereign/m", "extraterritorial/m"],
      "no sovereignty: as the charter says",
    );
  });
});
