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

const assistant = (
  knowledgeBases: TurnAssistant["knowledgeBases"],
  grounding?: TurnAssistant["grounding"],
): TurnAssistant => ({
  id: "a1",
  name: "Accueil",
  instructions: "",
  knowledgeBases,
  preferredModels: [],
  requiresValidation: false,
  ...(grounding && { grounding }),
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
    const { turn } = await run(
      turnOf(["Permis de chasse ?"], { principal, assistant: assistant(["kb-accueil"]) }),
      {
        passages: [],
        confidence: 0.12,
        abstained: true,
      },
    );
    assert.deepEqual(rulesOf(turn), ["knowledge.abstain note"]);
    assert.match(turn.decisions[0]?.reason ?? "", /12/);
  });

  describe("grounding modes", () => {
    const nothing = {
      passages: [passage("Le marché de Noël se tient place de l'Hôtel-de-Ville.")],
      confidence: 0.21,
      abstained: true,
    };
    const drafting = "Reformule ce courrier pour qu'il soit plus aimable.";

    it("required: abstains when nothing is relevant, as before the modes", async () => {
      const { turn, searched } = await run(
        turnOf([drafting], { principal, assistant: assistant(["kb-accueil"], "required") }),
        nothing,
      );
      assert.equal(searched.length, 1);
      assert.equal(turn.grounding?.abstained, true);
      assert.equal(turn.grounding?.ungrounded, undefined);
      assert.deepEqual(rulesOf(turn), ["knowledge.abstain note"]);
    });

    it("preferred: keeps no passage when nothing is relevant, and says the model answers alone", async () => {
      const { turn } = await run(
        turnOf([drafting], { principal, assistant: assistant(["kb-accueil"], "preferred") }),
        nothing,
      );
      assert.equal(turn.grounding?.abstained, false, "the answer does not have to abstain");
      assert.equal(turn.grounding?.ungrounded, true);
      assert.deepEqual(turn.grounding?.passages, []);
      assert.deepEqual(turn.grounding?.knowledgeBaseIds, ["kb-accueil"]);
      assert.deepEqual(rulesOf(turn), ["knowledge.ungrounded note"]);
      assert.match(turn.decisions[0]?.reason ?? "", /21 %.*sans source/);
    });

    it("preferred: the passages it drops are not scanned, so they raise nothing", async () => {
      const { turn } = await run(
        turnOf([drafting], {
          principal,
          dataClass: "public",
          assistant: assistant(["kb-accueil"], "preferred"),
        }),
        { ...nothing, passages: [passage("Contact : M. Jean Dupont, 06 11 22 33 44.")] },
      );
      assert.equal(turn.dataClass, "public");
      assert.equal(turn.personalData, undefined);
    });

    it("preferred: uses the passages when retrieval finds relevant ones, as required does", async () => {
      for (const mode of ["preferred", "required"] as const) {
        const { turn } = await run(
          turnOf(["Horaires de la mairie ?"], {
            principal,
            assistant: assistant(["kb-accueil"], mode),
          }),
          found,
        );
        assert.equal(turn.grounding?.passages.length, 1, mode);
        assert.equal(turn.grounding?.ungrounded, undefined, mode);
        assert.deepEqual(rulesOf(turn), ["knowledge.grounded allow"], mode);
      }
    });

    it("off: searches nothing and says nothing about the bases", async () => {
      const { turn, searched } = await run(
        turnOf(["Horaires de la mairie ?"], {
          principal,
          assistant: assistant(["kb-accueil"], "off"),
        }),
        found,
      );
      assert.deepEqual(searched, []);
      assert.equal(turn.grounding, undefined);
      assert.deepEqual(rulesOf(turn), []);
    });

    it("without a mode: bound to bases it requires them; searching every base it prefers them", async () => {
      const bound = await run(
        turnOf([drafting], { principal, assistant: assistant(["kb-accueil"]) }),
        nothing,
      );
      assert.deepEqual(rulesOf(bound.turn), ["knowledge.abstain note"]);
      const every = await run(
        turnOf([drafting], { principal, assistant: assistant("all") }),
        nothing,
      );
      assert.deepEqual(rulesOf(every.turn), ["knowledge.ungrounded note"]);
    });
  });
});
