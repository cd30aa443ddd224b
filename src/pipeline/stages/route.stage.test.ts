import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CHARTER_RULES, contextFor, rulesOf, turnOf } from "../../../test/support/turns.js";
import type { RouteCandidate, Turn, TurnAssistant, TurnCharter } from "../turn.js";
import { type RouteResult, routeStage } from "./route.stage.js";

const candidate = (
  ref: string,
  sovereignty: RouteCandidate["sovereignty"],
  pseudonymise = false,
): RouteCandidate => ({
  ref,
  providerId: ref.split("/")[0] ?? ref,
  providerLabel: ref,
  modelId: "m",
  sovereignty,
  country: sovereignty === "extraterritorial" ? "USA" : "FRA",
  pseudonymise,
});

const charter = (offerPassagesFirst: boolean): TurnCharter => ({
  ...CHARTER_RULES,
  sobriety: { preferSmallestModel: false, offerPassagesFirst, passagesFirstConfidence: 0.6 },
});

/**
 * The route stage on its own, given what the router chose: it refuses a turn
 * the charter keeps from every model and says what was found and where (never
 * the values), marks models that get pseudonyms, and answers from the passages
 * when a quota degrades the turn or retrieval alone answers well.
 */
describe("route stage", () => {
  const run = async (turn: Turn, result: Partial<RouteResult> = {}) => {
    let asked = false;
    const stage = routeStage(async () => {
      asked = true;
      return { dataClass: "public", allowed: ["local"], candidates: [], skipped: [], ...result };
    });
    await stage(turn, contextFor(turn, "route"));
    return { turn, asked };
  };

  it("refuses a sensitive turn every allowed model is blocked for, saying what and where, not the values", async () => {
    const { turn } = await run(
      turnOf(["M. Durand est suivi pour une dépression.", "Résume son dossier."], {
        personalData: [
          { message: 0, type: "SENSITIVE", start: 18, end: 40 },
          { message: 1, type: "PERSON", start: 0, end: 3, certainty: "possible" },
        ],
      }),
      {
        dataClass: "sensitive",
        allowed: ["local"],
        skipped: [{ ref: "openai/gpt", reason: "interdit", blocked: true }],
      },
    );
    assert.deepEqual(rulesOf(turn).slice(-1), ["route.blocked deny"]);
    const reason = turn.decisions.at(-1)?.reason ?? "";
    assert.match(reason, /openai\/gpt/);
    assert.match(reason, /dans un message précédent/);
    assert.match(reason, /dans votre message/);
    assert.doesNotMatch(reason, /Durand|dépression/);
  });

  it("marks the models that will see placeholders, and keeps the order it was given", async () => {
    const { turn } = await run(turnOf(["Courrier pour Mme Petit"]), {
      dataClass: "personal",
      allowed: ["local", "sovereign", "extraterritorial"],
      candidates: [candidate("local/m", "local"), candidate("us/m", "extraterritorial", true)],
    });
    assert.deepEqual(
      turn.route?.candidates.map((c) => c.ref),
      ["local/m", "us/m"],
    );
    assert.deepEqual(rulesOf(turn), [
      "route.data-class note",
      "route.pseudonymise transform",
      "route.candidates allow",
    ]);
    assert.match(turn.decisions[1]?.reason ?? "", /us\/m \(extraterritorial\)/);
    // The trace speaks French: hosting classes by their French names.
    assert.match(turn.decisions[0]?.reason ?? "", /local, souverain, extraterritorial/);
  });

  it("answers from the passages when a quota degrades the turn, without asking the router", async () => {
    const { turn, asked } = await run(
      turnOf(["Horaires ?"], { quota: { held: [], degraded: true } }),
      {
        candidates: [candidate("local/m", "local")],
      },
    );
    assert.equal(asked, false);
    assert.deepEqual(turn.route?.candidates, []);
    assert.deepEqual(rulesOf(turn), ["route.quota-degraded note"]);
  });

  it("offers the passages first when the charter asks for sobriety and retrieval answers well", async () => {
    const grounding = {
      knowledgeBaseIds: ["kb"],
      passages: [
        {
          passageId: "p",
          documentId: "d",
          knowledgeBaseId: "kb",
          knowledgeBaseName: "Accueil",
          fileName: "a.md",
          title: "Accueil",
          section: "",
          page: null,
          score: 3,
          text: "La mairie ouvre à 8 h 30.",
        },
      ],
      confidence: 0.9,
      abstained: false,
    };
    const sober = await run(turnOf(["Horaires ?"], { charter: charter(true), grounding }));
    assert.deepEqual(rulesOf(sober.turn), ["route.passages-first note"]);
    assert.match(sober.turn.decisions[0]?.reason ?? "", /90/);
    // Asked for a generated answer, or below the confidence: the models are asked.
    const wanted = await run(
      turnOf(["Horaires ?"], {
        charter: charter(true),
        grounding,
        input: { messages: [{ role: "user", content: "Horaires ?" }], generate: true },
      }),
    );
    assert.equal(wanted.asked, true);
    const unsure = await run(
      turnOf(["Horaires ?"], {
        charter: charter(true),
        grounding: { ...grounding, confidence: 0.4 },
      }),
    );
    assert.equal(unsure.asked, true);
  });

  it("says the baseline answers when a use case's sovereignty leaves no model, without refusing the turn", async () => {
    const assistant: TurnAssistant = {
      id: "usecase:deliberation",
      name: "Délibération",
      instructions: "",
      knowledgeBases: [],
      preferredModels: [],
      requiresValidation: true,
      sovereignty: "local",
    };
    const { turn } = await run(turnOf(["Rédige la délibération."], { assistant }), {
      skipped: [{ ref: "us/m", reason: "hébergement extraterritorial", sovereignty: true }],
    });
    assert.equal(turn.status, "walking");
    assert.deepEqual(rulesOf(turn).slice(-2), ["route.skipped note", "route.sovereignty note"]);
    assert.match(
      turn.decisions.at(-1)?.reason ?? "",
      /au moins en local.*le résultat sans IA répond/,
    );
  });

  it("keeps no model when an assistant that requires its bases found nothing, whichever bases it searched", async () => {
    const abstained = { knowledgeBaseIds: ["kb"], passages: [], confidence: 0.1, abstained: true };
    const assistant = {
      id: "a",
      name: "Accueil",
      instructions: "",
      preferredModels: [],
      requiresValidation: false,
    };
    for (const knowledgeBases of [["kb"], "all"] satisfies TurnAssistant["knowledgeBases"][]) {
      const { turn } = await run(
        turnOf(["Rédige une note."], {
          grounding: abstained,
          assistant: { ...assistant, knowledgeBases, grounding: "required" },
        }),
        { candidates: [candidate("local/m", "local")] },
      );
      assert.deepEqual(turn.route?.candidates, []);
      assert.deepEqual(rulesOf(turn), ["route.data-class note", "route.grounding-required note"]);
    }
    // Preferred: the ground stage left an ungrounded turn, which the models answer.
    const { turn } = await run(
      turnOf(["Rédige une note."], {
        grounding: { ...abstained, abstained: false, ungrounded: true },
        assistant: { ...assistant, knowledgeBases: ["kb"], grounding: "preferred" },
      }),
      { candidates: [candidate("local/m", "local")] },
    );
    assert.deepEqual(
      turn.route?.candidates.map((c) => c.ref),
      ["local/m"],
    );
  });

  it("answers extractively, and says so, when no model is registered", async () => {
    const { turn } = await run(turnOf(["Horaires ?"]));
    assert.deepEqual(rulesOf(turn), ["route.data-class note", "route.extractive note"]);
  });
});
