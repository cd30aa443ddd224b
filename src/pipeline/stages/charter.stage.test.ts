import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CHARTER_RULES, contextFor, rulesOf, turnOf } from "../../../test/support/turns.js";
import type { Principal } from "../../identity/index.js";
import type { Turn, TurnAssistant } from "../turn.js";
import {
  type CharterPort,
  charterStage,
  type QuotaAdmission,
  type QuotaPort,
  type TurnQuotaRules,
} from "./charter.stage.js";

const agent: Principal = {
  userId: "u1",
  displayName: "Agent",
  email: "agent@mairie.example",
  directionId: "d1",
  directionPath: "Solidarités > CCAS",
  roles: ["agent"],
  permissions: ["chat"],
  via: "session",
};

/** A charter that forbids HR assistants and citizen audiences, as a city's charter may. */
function charterOf(
  options: {
    accepted?: boolean;
    onExceed?: TurnQuotaRules["onExceed"];
    toolUse?: { allowed: boolean; forbiddenAssistants: string[] };
  } = {},
) {
  const port: CharterPort = {
    rulesFor: async () => ({
      turn: CHARTER_RULES,
      citizensAllowed: false,
      forbiddenCategories: ["hr"],
      toolUse: options.toolUse ?? { allowed: true, forbiddenAssistants: [] },
      requiresValidation: () => true,
      pilot: false,
      quotas: { agent: { requests: 100 }, onExceed: options.onExceed ?? "deny" },
    }),
    accepted: async () => options.accepted ?? true,
  };
  return port;
}

const quotasAt = (admission: QuotaAdmission): QuotaPort => ({ admit: async () => admission });
const reached: QuotaAdmission = {
  held: [],
  exceeded: {
    scope: "agent",
    metric: "requests",
    limit: 100,
    resetsAt: "2027-01-01T00:00:00.000Z",
  },
};

const assistant = (extra: Partial<TurnAssistant>): TurnAssistant => ({
  id: "a1",
  name: "Assistant RH",
  instructions: "",
  knowledgeBases: "all",
  preferredModels: [],
  requiresValidation: false,
  ...extra,
});

/**
 * The charter stage on its own: acceptance of the current version, audience
 * and category, validation, and what a reached quota does (refuse, degrade to
 * quoted passages, or warn), each said in French with what to do.
 */
describe("charter stage", () => {
  const run = async (turn: Turn, port: CharterPort, quotas?: QuotaPort) => {
    await charterStage(port, quotas)(turn, contextFor(turn, "charter"));
    return turn;
  };
  const asked = (extra: Partial<Turn> = {}) =>
    turnOf(["Rédige une note."], { principal: agent, ...extra });

  it("refuses an agent who has not accepted the current version, and says which", async () => {
    const turn = await run(asked(), charterOf({ accepted: false }));
    assert.deepEqual(rulesOf(turn), ["charter.acceptance deny"]);
    assert.match(turn.decisions[0]?.reason ?? "", /3/);
  });

  it("refuses an assistant facing citizens, or of a forbidden category, naming it", async () => {
    const citizens = await run(
      asked({ assistant: assistant({ audience: "citizens" }) }),
      charterOf(),
    );
    assert.deepEqual(rulesOf(citizens), ["charter.audience deny"]);
    const hr = await run(asked({ assistant: assistant({ category: "hr" }) }), charterOf());
    assert.deepEqual(rulesOf(hr), ["charter.category deny"]);
    assert.match(hr.decisions[0]?.reason ?? "", /Assistant RH/);
  });

  it("applies the charter: its rules on the turn, validation required where it says", async () => {
    const turn = await run(asked({ assistant: assistant({ category: "drafting" }) }), charterOf());
    assert.deepEqual(rulesOf(turn), ["charter.applied allow"]);
    assert.equal(turn.charter?.version, 3);
    assert.equal(turn.assistant?.requiresValidation, true);
  });

  it("does what the charter says when a quota is reached: refuse, degrade or warn", async () => {
    const denied = await run(asked(), charterOf({ onExceed: "deny" }), quotasAt(reached));
    assert.deepEqual(rulesOf(denied), ["charter.quota deny"]);
    assert.match(denied.decisions[0]?.reason ?? "", /janvier 2027/);
    const degraded = await run(asked(), charterOf({ onExceed: "degrade" }), quotasAt(reached));
    assert.deepEqual(rulesOf(degraded), ["charter.quota-degrade note", "charter.applied allow"]);
    assert.equal(degraded.quota?.degraded, true);
    const warned = await run(asked(), charterOf({ onExceed: "warn" }), quotasAt(reached));
    assert.deepEqual(rulesOf(warned), ["charter.quota-warn note", "charter.applied allow"]);
    assert.equal(warned.quota?.degraded, false);
  });

  it("asks no quota of the command line, which acts for the administrator at the machine", async () => {
    const turn = await run(
      turnOf(["Rédige une note."], { principal: { ...agent, via: "cli" } }),
      charterOf({ accepted: false }),
      quotasAt(reached),
    );
    assert.deepEqual(rulesOf(turn), ["charter.applied allow"]);
    assert.equal(turn.quota, undefined);
  });

  it("refuses a request that brings tools where the charter forbids them, globally or for an assistant", async () => {
    const tools = [{ type: "function" as const, function: { name: "envoyer_courriel" } }];
    const withTools = (extra: Partial<Turn> = {}) =>
      asked({
        input: { messages: [{ role: "user", content: "Écris au demandeur." }], tools },
        ...extra,
      });
    const allowed = await run(withTools(), charterOf());
    assert.deepEqual(rulesOf(allowed), ["charter.applied allow"]);
    const nowhere = await run(
      withTools(),
      charterOf({ toolUse: { allowed: false, forbiddenAssistants: [] } }),
    );
    assert.deepEqual(rulesOf(nowhere), ["charter.tools deny"]);
    assert.match(nowhere.decisions[0]?.reason ?? "", /pas d'agent autonome/);
    const notThisOne = await run(
      withTools({ assistant: assistant({ category: "drafting" }) }),
      charterOf({ toolUse: { allowed: true, forbiddenAssistants: ["a1"] } }),
    );
    assert.deepEqual(rulesOf(notThisOne), ["charter.tools deny"]);
    assert.match(notThisOne.decisions[0]?.reason ?? "", /Assistant RH/);
  });
});
