import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextFor, rulesOf, turnOf } from "../../../test/support/turns.js";
import type { Stage } from "../pipeline.js";
import type { GroundingPassage, RouteCandidate, TurnAttachment } from "../turn.js";
import { attachmentsStage, attachmentText, fitAttachments } from "./attachments.stage.js";

const tokens = (text: string) => Math.ceil(text.length / 4);

/** A document of passages of `words` words each; `scores` their relevance, in reading order. */
const document = (id: string, scores: number[], words = 100): TurnAttachment => ({
  id,
  fileName: `${id}.docx`,
  passages: scores.map((score, ordinal) => ({
    id: `${id}-${ordinal}`,
    section: `Section ${ordinal}`,
    page: null,
    text: `${id}-${ordinal} ${"mot ".repeat(words)}`.trim(),
    score,
  })),
});

const basePassage = (id: string, score: number): GroundingPassage => ({
  passageId: id,
  documentId: "base-doc",
  knowledgeBaseId: "kb",
  knowledgeBaseName: "Accueil",
  fileName: "accueil.md",
  title: "Accueil",
  section: "",
  page: null,
  score,
  text: `${id} horaires de la mairie`,
});

const candidate: RouteCandidate = {
  ref: "local/petit",
  providerId: "local",
  providerLabel: "Local",
  modelId: "petit",
  sovereignty: "local",
  country: "FRA",
  pseudonymise: false,
};

describe("attached documents as a turn's sources", () => {
  it("without a model, every passage by relevance, then the bases' (scaled below), scores on one scale", () => {
    const turn = turnOf(["Question ?"], {
      grounding: {
        knowledgeBaseIds: ["kb"],
        passages: [basePassage("b1", 12), basePassage("b2", 6)],
        confidence: 0.8,
        abstained: false,
      },
    });
    turn.input.attachments = [document("message", [0, 4, 2]), document("earlier", [4])];
    const fit = fitAttachments(turn, null, tokens);
    assert.deepEqual(
      fit.grounding.passages.map((passage) => [passage.passageId, passage.score]),
      [
        ["message-1", 1],
        ["earlier-0", 1],
        ["message-2", 0.5],
        ["message-0", 0],
        ["b1", 0.9],
        ["b2", 0.45],
      ],
    );
    assert.equal(fit.grounding.fitted, true);
    assert.equal(fit.grounding.abstained, false);
    assert.deepEqual([fit.shown, fit.total], [4, 4]);
    const first = fit.grounding.passages[0];
    assert.equal(first?.fileName, "message.docx");
    assert.equal(first?.title, "message.docx");
    assert.equal(first?.knowledgeBaseId, "");
  });

  it("with a budget, the most relevant passages that fit, shown in reading order; the bases' fill what is left", () => {
    const turn = turnOf(["Question ?"], {
      grounding: {
        knowledgeBaseIds: ["kb"],
        passages: [basePassage("b1", 1)],
        confidence: 0.8,
        abstained: false,
      },
    });
    turn.input.attachments = [document("doc", [1, 0, 5, 0, 3])];
    // A passage of 100 words costs about 127 tokens: room for two of them, and the base's.
    const fit = fitAttachments(turn, 290, tokens);
    assert.deepEqual(
      fit.grounding.passages.map((passage) => passage.passageId),
      ["doc-2", "doc-4", "b1"],
    );
    assert.deepEqual([fit.shown, fit.total], [2, 5]);
  });

  it("a base that abstained adds nothing; an abstention no longer stands when documents are attached", () => {
    const turn = turnOf(["Résume ce document."], {
      grounding: {
        knowledgeBaseIds: ["kb"],
        passages: [basePassage("b1", 1)],
        confidence: 0.1,
        abstained: true,
      },
    });
    turn.input.attachments = [document("doc", [0, 0])];
    const fit = fitAttachments(turn, null, tokens);
    assert.deepEqual(
      fit.grounding.passages.map((passage) => passage.passageId),
      ["doc-0", "doc-1"],
    );
    assert.equal(fit.grounding.abstained, false);
  });

  it("cuts to the chosen model's context before generating, and says so", async () => {
    const turn = turnOf(["Que dit la section 7 ?"]);
    turn.input.attachments = [
      document(
        "long",
        Array.from({ length: 40 }, (_, i) => (i === 7 ? 5 : 0)),
      ),
    ];
    turn.route = { candidates: [candidate] };
    let seen: string[] = [];
    const generate: Stage = async (walking) => {
      seen = (walking.grounding?.passages ?? []).map((passage) => passage.passageId);
    };
    const stage = attachmentsStage(generate, {
      resolveModel: async () => ({ model: { contextLength: 2_000 } }),
      estimateTokens: tokens,
    });
    await stage(turn, contextFor(turn, "generate"));
    assert.ok(seen.includes("long-7"), seen.join());
    assert.ok(seen.length < 40 && seen.length > 1, seen.join());
    assert.deepEqual(rulesOf(turn), ["attachments.cut note"]);
    assert.match(turn.decisions[0]?.reason ?? "", /local\/petit peut lire \(2000 jetons\)/);
  });

  it("scans the file name with the text: the name reaches the model as the passages' title", () => {
    const text = attachmentText(document("Dupont", [0]));
    assert.ok(text.startsWith("Dupont.docx\n\nSection 0\nDupont-0 mot"));
  });
});
