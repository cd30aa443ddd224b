import assert from "node:assert/strict";
import { it } from "node:test";
import { describeStores, servicesFor } from "../../test/support/stores.js";
import type { Principal } from "../identity/index.js";
import { ManualClock } from "../shared/clock.js";
import { AppError } from "../shared/errors.js";
import { type Credential, Pipeline, STAGES, type Stage, type Turn } from "./index.js";

const newTurn = (credential: Credential): Turn => ({
  id: "turn-1",
  startedAt: "2026-01-05T08:00:00.000Z",
  credential,
  input: { messages: [{ role: "user", content: "Quelles aides pour un premier logement ?" }] },
  decisions: [],
  status: "walking",
});

const principal: Principal = {
  userId: "u1",
  displayName: "Agent",
  email: "a@b.example",
  directionId: null,
  directionPath: null,
  roles: ["agent"],
  permissions: ["chat"],
  via: "cli",
};

/** A stand-in for a capability not built yet: it records that it ran. */
const noting =
  (rule: string): Stage =>
  async (_turn, { decide }) =>
    decide(rule, "allow", "ok");

describeStores("pipeline frame", (getStore) => {
  const clock = new ManualClock();
  const services = () => servicesFor(getStore(), clock);

  const withAll = (
    identify: Stage,
    overrides: Partial<Record<(typeof STAGES)[number], Stage>> = {},
  ) =>
    new Pipeline(
      Object.fromEntries(
        STAGES.map((name) => [
          name,
          overrides[name] ?? (name === "identify" ? identify : noting(`${name}.test`)),
        ]),
      ),
      clock,
    );

  it("walks every stage in order for an agent's session and keeps each decision", async () => {
    const { users, auth, identify } = services();
    await users.create({
      email: "agent@pipeline.example",
      displayName: "Agent",
      roles: ["agent"],
      password: "mot de passe long",
    });
    const session = await auth.login("agent@pipeline.example", "mot de passe long", "127.0.0.1");
    const turn = await withAll(identify).walk(newTurn({ kind: "session", token: session.token }));
    assert.equal(turn.status, "completed");
    assert.equal(turn.principal?.email, "agent@pipeline.example");
    assert.deepEqual(
      turn.decisions.map((d) => d.stage),
      [...STAGES],
    );
    assert.deepEqual(turn.decisions[0], {
      stage: "identify",
      rule: "identity.session",
      outcome: "allow",
      reason: "Identifié (session), direction non renseignée.",
      at: clock.now().toISOString(),
    });
    assert.ok(
      !JSON.stringify(turn.decisions).includes("logement"),
      "decisions never hold the prompt",
    );
  });

  it("stops at identify for an unknown credential, and still journals the turn", async () => {
    const { identify } = services();
    const turn = await withAll(identify).walk(newTurn({ kind: "api-key", token: "bfr_unknown" }));
    assert.equal(turn.status, "denied");
    assert.equal(turn.stoppedAt, "identify");
    assert.deepEqual(
      turn.decisions.map((d) => [d.stage, d.rule, d.outcome]),
      [
        ["identify", "identity.invalid_api_key", "deny"],
        ["journal", "journal.test", "allow"],
      ],
    );
  });

  it("denies an API key without the chat scope, naming the rule and what to do", async () => {
    const { users, apiKeys, pipeline } = services();
    const user = await users.create({
      email: "script@pipeline.example",
      displayName: "Script",
      roles: ["referent"],
    });
    const { token } = await apiKeys.create(user.id, {
      name: "import",
      scopes: ["knowledge:write"],
    });
    const turn = await pipeline.walk(newTurn({ kind: "api-key", token }));
    assert.equal(turn.status, "denied");
    const [decision] = turn.decisions;
    assert.equal(decision?.rule, "identity.chat-permission");
    assert.match(decision?.reason ?? "", /portée « chat »/);
  });

  it("fails closed when a stage throws: nothing after it runs but the journal", async () => {
    const { identify } = services();
    const ran: string[] = [];
    const turn = await withAll(identify, {
      guard: async () => {
        throw new Error("recognizer crashed");
      },
      route: async () => {
        ran.push("route");
      },
      generate: async () => {
        ran.push("generate");
      },
    }).walk(newTurn({ kind: "principal", principal }));
    assert.equal(turn.status, "failed");
    assert.equal(turn.stoppedAt, "guard");
    assert.deepEqual(ran, []);
    const guard = turn.decisions.find((d) => d.stage === "guard");
    assert.deepEqual([guard?.rule, guard?.outcome], ["guard.failed", "deny"]);
    assert.equal(turn.decisions.at(-1)?.stage, "journal");
  });

  it("says which stages are not installed instead of passing over them in silence", async () => {
    const { identify } = services();
    const turn = await new Pipeline({ identify }, clock).walk(
      newTurn({ kind: "principal", principal }),
    );
    assert.equal(turn.status, "completed");
    assert.deepEqual(
      turn.decisions.map((d) => [d.stage, d.rule, d.outcome]),
      [
        ["identify", "identity.cli", "allow"],
        ...STAGES.slice(1).map((name) => [name, `${name}.not-installed`, "note"]),
      ],
    );
  });

  it("stops at the first deny decision, and reports a stage's known error in French", async () => {
    const { identify } = services();
    const denied = await withAll(identify, {
      charter: async (_turn, { decide }) =>
        decide("charter.audience", "deny", "Interdit par la charte."),
    }).walk(newTurn({ kind: "principal", principal }));
    assert.equal(denied.stoppedAt, "charter");
    assert.deepEqual(
      denied.decisions.map((d) => d.stage),
      ["identify", "charter", "journal"],
    );
    const failed = await withAll(identify, {
      route: async () => {
        throw new AppError("forbidden");
      },
    }).walk(newTurn({ kind: "principal", principal }));
    assert.equal(
      failed.decisions.find((d) => d.stage === "route")?.reason,
      "Vous n'avez pas les droits nécessaires pour cette action.",
    );
  });

  it("logs a stage that throws with its code and the turn's id, never the error's text", async () => {
    const { identify } = services();
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    const log = {
      info() {},
      warn() {},
      error: (fields: object, message: string) =>
        lines.push({ fields: fields as Record<string, unknown>, message }),
    };
    const stages = Object.fromEntries(
      STAGES.map((name) => [name, name === "identify" ? identify : noting(`${name}.test`)]),
    );
    const pipeline = new Pipeline(
      {
        ...stages,
        ground: async () => {
          throw new TypeError("Mme Durand, 06 12 34 56 78");
        },
        generate: async () => {
          throw new AppError("guard_timeout");
        },
      },
      clock,
      log,
    );
    const turn = await pipeline.walk(newTurn({ kind: "principal", principal }));
    assert.equal(turn.status, "failed");
    assert.deepEqual(lines, [
      { fields: { turnId: turn.id, stage: "ground", code: "TypeError" }, message: "stage-failed" },
    ]);
    assert.doesNotMatch(JSON.stringify(lines), /Durand|06 12/);
  });
});
