import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GuardNamesRepository, GuardService } from "../../src/guard/index.js";
import { guardStage, Pipeline, type Turn } from "../../src/pipeline/index.js";
import { ManualClock } from "../../src/shared/clock.js";
import {
  addProvider,
  call,
  describeApps,
  type Session,
  seedAdminAndAgent,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

describeApps(
  "personal-data guard",
  (get) => {
    let upstream: OpenAiUpstream;
    let key: string;
    let agent: Session;

    before(async () => {
      upstream = await startOpenAiUpstream();
      const { app } = get();
      const cast = await seedAdminAndAgent(app);
      agent = cast.agent;
      key = cast.key;
      await addProvider(app, cast.admin, {
        id: "outre-atlantique",
        baseUrl: upstream.url,
        sovereignty: "extraterritorial",
        country: "USA",
      });
    });
    after(() => upstream.close());

    const ask = (content: string) =>
      call(
        get().app,
        "POST",
        "/v1/chat/completions",
        { apiKey: key },
        { model: "default", messages: [{ role: "user", content }] },
      );

    it("sends public text to an extraterritorial model", async () => {
      const before = upstream.requests.length;
      const response = await ask("Rédige une invitation au conseil municipal de jeudi.");
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers["x-beffroi-provider"], "outre-atlantique");
      assert.equal(upstream.requests.length, before + 1);
    });

    it("never sends a named person's illness there: the turn is refused, saying what and where", async () => {
      const before = upstream.requests.length;
      const question =
        "Mme Durand est diabétique et sous dialyse : quelles aides peut-elle demander ?";
      const response = await ask(question);
      assert.equal(response.statusCode, 403, response.body);
      assert.equal(upstream.requests.length, before, "nothing reached the upstream");
      const message = response.json().error.message as string;
      assert.match(message, /données sensibles/);
      assert.match(message, /nom de personne \(dans votre message\)/);
      assert.match(message, /donnée sensible \(santé.*\) \(dans votre message\)/);
      assert.match(message, /surlignées dans votre message/);
      assert.match(message, /modèle local/);
      const logs = get().logs();
      assert.ok(logs.includes("/v1/chat/completions"), "the requests were logged");
      for (const value of ["Durand", "diabétique", "dialyse"]) {
        assert.ok(!logs.includes(value), `${value} in the logs`);
        assert.ok(!message.includes(value), `${value} in the refusal`);
      }
    });

    it("tells what it found, by type and position, never echoing values in decisions", async () => {
      const { app } = get();
      const text = "Bonjour, je suis Karim BENALI, en arrêt maladie depuis lundi.";
      const scan = await call(app, "POST", "/api/guard/scan", agent, { text });
      assert.equal(scan.statusCode, 200, scan.body);
      assert.equal(scan.json().dataClass, "sensitive");
      const [person, sensitive] = scan.json().entities;
      assert.equal(text.slice(person.start, person.end), "Karim BENALI");
      assert.equal(person.type, "PERSON");
      assert.equal(text.slice(sensitive.start, sensitive.end), "arrêt maladie");
      const asked = await call(app, "POST", "/api/ask", { apiKey: key }, { question: text });
      assert.equal(asked.statusCode, 403, asked.body);
      const decisions = asked.json().error.details as { stage: string; reason: string }[];
      const guard = decisions.find((d) => d.stage === "guard");
      assert.match(guard?.reason ?? "", /1 × nom de personne/);
      assert.ok(!JSON.stringify(decisions).includes("BENALI"));
    });

    it("knows the first names an administrator imported, without a restart", async () => {
      const { app } = get();
      // An invented first name and surname: only their shape says "a name" (possible, not sure).
      const text = "Appel de Zorblaxine Quirvandel pour son dossier de cantine.";
      const documents = { text, purpose: "documents" };
      const before = await call(app, "POST", "/api/guard/scan", agent, documents);
      assert.equal(before.json().dataClass, "public", "an unknown first name, in a document");
      const egress = await call(app, "POST", "/api/guard/scan", agent, { text });
      assert.deepEqual(
        egress
          .json()
          .entities.map((e: { rule: string; certainty: string }) => [e.rule, e.certainty]),
        [["person.shape", "possible"]],
        "on the way out, its shape is enough to mask it",
      );
      await new GuardNamesRepository(app.store.db).replace("first", new Map([["zorblaxine", 900]]));
      await app.services.guard.reloadNames();
      const after = await call(app, "POST", "/api/guard/scan", agent, documents);
      const [person] = after.json().entities;
      assert.equal(text.slice(person.start, person.end), "Zorblaxine Quirvandel");
      assert.equal(person.certainty, "certain");
    });
  },
  { BEFFROI_LOG_LEVEL: "info" },
);

describe("guard stage", () => {
  it("blocks the turn when scanning fails, and nothing after it runs", async () => {
    let generated = false;
    const failing = new GuardService([
      {
        name: "broken",
        find() {
          throw new Error("boom");
        },
      },
    ]);
    const turn: Turn = {
      id: "t",
      startedAt: "",
      credential: { kind: "session", token: "" },
      input: { messages: [{ role: "user", content: "Bonjour" }] },
      decisions: [],
      status: "walking",
    };
    const walked = await new Pipeline(
      {
        guard: guardStage(failing.finding),
        generate: async () => {
          generated = true;
        },
      },
      new ManualClock(),
    ).walk(turn);
    assert.equal(walked.status, "failed");
    assert.equal(walked.stoppedAt, "guard");
    assert.equal(generated, false);
    const denial = walked.decisions.find((d) => d.outcome === "deny");
    assert.equal(denial?.rule, "guard.failed");
    assert.match(denial?.reason ?? "", /bloquée par précaution/);
  });
});
