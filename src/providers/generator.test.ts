import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Decision, RouteCandidate, Turn, TurnOutput } from "../pipeline/index.js";
import { Generator } from "./generator.js";
import { type ChatChunk, ProviderError } from "./model-provider.js";
import type { ProvidersService } from "./providers.service.js";

/**
 * The generator on its own: candidates tried in order, a failure before any
 * text falls back to the next, one after text fails the turn, a model the
 * charter allows only with pseudonyms is skipped without them, and quoted
 * passages answer when no model does. Providers are stand-ins that answer
 * from a script; nothing goes over the network.
 */
type Script = (messages: { role: string; content: string }[]) => AsyncIterable<ChatChunk>;

function generatorWith(scripts: Record<string, Script>) {
  const sent: Record<string, { role: string; content: string }[][]> = {};
  const providers = {
    list: async () => Object.keys(scripts).map((id) => ({ id, kind: "openai-compatible" })),
    adapter: (provider: { id: string }) => ({
      chat: (request: { messages: { role: string; content: string }[] }) => {
        sent[provider.id] = [...(sent[provider.id] ?? []), request.messages];
        return (scripts[provider.id] as Script)(request.messages);
      },
    }),
    health: { failed() {}, succeeded() {} },
  } as unknown as ProvidersService;
  const generator = new Generator({
    providers,
    extractive: (): TurnOutput => ({
      text: "Selon la fiche « Piscine », elle ouvre le mercredi.",
      mode: "extractive",
      citations: [],
      abstained: false,
    }),
    allowedOrigins: new Set(),
  });
  return { generator, sent };
}

const candidate = (providerId: string, pseudonymise = false): RouteCandidate => ({
  ref: `${providerId}/m`,
  providerId,
  providerLabel: providerId,
  modelId: "m",
  sovereignty: "local",
  country: "FRA",
  pseudonymise,
});

const turnFor = (candidates: RouteCandidate[]): Turn => ({
  id: "t1",
  startedAt: "2026-12-06T08:00:00.000Z",
  credential: { kind: "session", token: "" },
  input: { messages: [{ role: "user", content: "Horaires de la piscine ?" }] },
  decisions: [],
  status: "walking",
  route: { candidates },
});

async function run(generator: Generator, turn: Turn) {
  const decisions: Pick<Decision, "rule" | "outcome">[] = [];
  const output = await generator.generate(turn, (rule, outcome) => {
    decisions.push({ rule, outcome });
  });
  return { output, rules: decisions.map((d) => d.rule) };
}

async function* answer(...pieces: string[]): AsyncIterable<ChatChunk> {
  for (const text of pieces) yield { type: "delta", text };
}

async function* failing(afterText?: string): AsyncIterable<ChatChunk> {
  if (afterText) yield { type: "delta", text: afterText };
  throw new ProviderError("http", 500);
}

describe("generator", () => {
  it("falls back to the next candidate when one fails before writing, and says so", async () => {
    const { generator, sent } = generatorWith({
      first: () => failing(),
      second: () => answer("Le mercredi ", "de 14 h à 19 h."),
    });
    const { output, rules } = await run(
      generator,
      turnFor([candidate("first"), candidate("second")]),
    );
    assert.equal(output.mode, "model");
    assert.equal(output.text, "Le mercredi de 14 h à 19 h.");
    assert.equal(output.model?.providerId, "second");
    assert.deepEqual(rules, ["generate.fallback", "generate.model"]);
    assert.equal(sent.second?.length, 1);
  });

  it("fails the turn when a model stops after text was passed on, rather than mix two answers", async () => {
    const { generator } = generatorWith({
      first: () => failing("Le mercre"),
      second: () => answer("Autre réponse."),
    });
    const written: string[] = [];
    const turn = { ...turnFor([candidate("first"), candidate("second")]) };
    turn.sink = (text) => written.push(text);
    await assert.rejects(run(generator, turn), { code: "model_interrupted" });
    assert.ok(!written.join("").includes("Autre réponse"), "the second model never answered");
  });

  it("skips a model the charter allows only with pseudonyms when the turn has none", async () => {
    const { generator, sent } = generatorWith({ abroad: () => answer("Réponse.") });
    const { output, rules } = await run(generator, turnFor([candidate("abroad", true)]));
    assert.equal(sent.abroad, undefined, "nothing was sent there");
    assert.equal(output.mode, "extractive");
    assert.deepEqual(rules, ["generate.skipped", "generate.extractive"]);
  });

  it("answers with the quoted passages when every model fails", async () => {
    const { generator } = generatorWith({ first: () => failing(), second: () => failing() });
    const { output, rules } = await run(
      generator,
      turnFor([candidate("first"), candidate("second")]),
    );
    assert.equal(output.mode, "extractive");
    assert.match(output.text, /Piscine/);
    assert.deepEqual(rules, ["generate.fallback", "generate.fallback", "generate.extractive"]);
  });
});
