import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextFor, rulesOf, turnOf } from "../../../test/support/turns.js";
import { DEFAULT_RECOGNIZERS, GuardService } from "../../guard/index.js";
import type { Principal } from "../../identity/index.js";
import type { Grounding, GroundingPassage, Turn, TurnAssistant } from "../turn.js";
import { groundStage } from "./ground.stage.js";

const principal: Principal = {
  userId: "u1",
  displayName: "Agent",
  email: "agent@mairie.example",
  directionId: null,
  directionPath: null,
  roles: ["agent"],
  permissions: ["chat"],
  via: "session",
};

const passage = (text: string): GroundingPassage => ({
  passageId: "p1",
  documentId: "d1",
  knowledgeBaseId: "kb-accueil",
  knowledgeBaseName: "Accueil",
  fileName: "accueil.md",
  title: "Accueil",
  section: "",
  page: null,
  score: 3,
  text,
});

const assistant = (knowledgeBases: TurnAssistant["knowledgeBases"]): TurnAssistant => ({
  id: "a1",
  name: "Accueil",
  instructions: "",
  knowledgeBases,
  preferredModels: [],
  requiresValidation: false,
});

/**
 * The ground stage on its own: which bases it searches (the assistant's,
 * narrowed by the caller), the passages' personal data raising the turn's
 * class (the real guard), and what it says when retrieval abstains.
 */
describe("ground stage", () => {
  const guard = new GuardService(DEFAULT_RECOGNIZERS);
  const run = async (turn: Turn, grounding: Omit<Grounding, "knowledgeBaseIds">) => {
    const searched: (string[] | undefined)[] = [];
    const stage = groundStage(
      async (_who, _question, bases) => {
        searched.push(bases);
        return { knowledgeBaseIds: bases ?? ["kb-accueil"], ...grounding };
      },
      { scan: guard.passageFinding },
    );
    await stage(turn, contextFor(turn, "ground"));
    return { turn, searched };
  };
  const found = {
    passages: [passage("La mairie ouvre à 8 h 30.")],
    confidence: 0.8,
    abstained: false,
  };

  it("searches the assistant's bases, narrowed to those the caller names", async () => {
    const { turn, searched } = await run(
      turnOf(["Horaires ?"], {
        principal,
        assistant: assistant(["kb-accueil", "kb-rh"]),
        input: {
          messages: [{ role: "user", content: "Horaires ?" }],
          knowledgeBaseIds: ["kb-rh", "kb-autre"],
        },
      }),
      found,
    );
    assert.deepEqual(searched, [["kb-rh"]]);
    assert.deepEqual(rulesOf(turn), ["knowledge.grounded allow"]);
  });

  it("searches nothing for an assistant bound to no base, and says so", async () => {
    const { turn, searched } = await run(
      turnOf(["Horaires ?"], { principal, assistant: assistant([]) }),
      found,
    );
    assert.deepEqual(searched, []);
    assert.deepEqual(rulesOf(turn), ["knowledge.none note"]);
  });

  it("raises the turn's class when a passage holds personal data, and places it in the passages", async () => {
    const { turn } = await run(
      turnOf(["Qui contacter pour la cantine ?"], { principal, dataClass: "public" }),
      {
        ...found,
        passages: [
          passage("Contact : M. Jean Dupont, 06 11 22 33 44, service de restauration scolaire."),
        ],
      },
    );
    assert.equal(turn.dataClass, "personal");
    assert.ok(turn.personalData?.some((span) => span.message === -1 && span.type === "PHONE"));
    assert.deepEqual(rulesOf(turn), ["ground.personal-data note", "knowledge.grounded allow"]);
  });

  it("says it abstains, with the coverage, when nothing supports an answer", async () => {
    const { turn } = await run(turnOf(["Permis de chasse ?"], { principal }), {
      passages: [],
      confidence: 0.12,
      abstained: true,
    });
    assert.deepEqual(rulesOf(turn), ["knowledge.abstain note"]);
    assert.match(turn.decisions[0]?.reason ?? "", /12/);
  });
});
