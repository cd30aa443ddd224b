import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { shippedUseCases } from "../../src/assistants/usecases/index.js";
import {
  addProvider,
  call,
  describeApps,
  login,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";
import { baseWith, markdown } from "../support/knowledge.js";
import { multipart } from "../support/multipart.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";
import { FIXTURES, REFERENCE_BASE, WATCH_FEED } from "./usecase-values.js";

interface Run {
  conversationId: string | null;
  prompt: string;
  answer: { content: string; mode: string; model: string | null } | null;
  checks: { id: string; passed: boolean; detail?: string }[];
  baseline: { kind: string; text: string | null };
  baselineFirst: boolean;
}

/**
 * Every shipped use case end to end over HTTP (the list read from the
 * catalogue, so a new one is covered or this suite fails for want of its
 * values): the form filled, the baseline with no model, the built
 * instructions received by the local upstream and the checks on its answer,
 * export → import → export identical; and a use case's sovereignty enforced.
 */
describeApps(
  "every shipped use case, end to end",
  (get) => {
    const shipped = [...shippedUseCases().values()];
    let upstream: OpenAiUpstream;
    let feeds: FeedServer;
    let admin: Session;
    let agent: Session;
    /** Each use case's form values, document fields filled from the uploaded files' text. */
    const filled: Record<string, Record<string, unknown>> = {};

    const run = (id: string, values: object) =>
      call(get().app, "POST", `/api/usecases/${id}/run`, agent, { values });
    const completions = () => upstream.requests.filter((r) => r.path === "/v1/chat/completions");

    before(async () => {
      upstream = await startOpenAiUpstream();
      feeds = await startFeedServer();
      const { app } = get();
      admin = await seedAdmin(app);
      // The document watch's items, read from a feed on loopback, for the `veille` use case.
      feeds.serve("/jo.xml", { body: WATCH_FEED });
      const source = await call(app, "POST", "/api/watch/sources", admin, {
        name: "Journal officiel",
        url: `${feeds.url}/jo.xml`,
        kind: "feed",
      });
      assert.equal(source.statusCode, 201, source.body);
      await app.services.watch.checkNow("cli", source.json().id);
      await seedUser(app, "agent@ville.example", ["agent"], "Assemblées");
      agent = await login(app, "agent@ville.example");
      for (const useCase of shipped) {
        const fixture = FIXTURES[useCase.id];
        assert.ok(fixture, `form values for ${useCase.id} in test/http/usecase-values.ts`);
        const values: Record<string, unknown> = { ...fixture.values };
        for (const [field, file] of Object.entries(fixture.documents ?? {})) {
          const form = multipart([{ name: file.name, content: file.content }]);
          const read = await app.server.inject({
            method: "POST",
            url: "/api/usecase-documents/text",
            headers: { ...form.headers, cookie: agent.cookie, "x-csrf-token": agent.csrf },
            payload: form.payload,
          });
          assert.equal(read.statusCode, 200, read.body);
          values[field] = read.json().text;
        }
        filled[useCase.id] = values;
      }
    });
    after(async () => {
      await upstream.close();
      await feeds.close();
    });

    it("abstains, with no model call, when a required grounding finds nothing", async () => {
      const { app } = get();
      await addProvider(app, admin, {
        id: "local",
        baseUrl: upstream.url,
        sovereignty: "local",
        country: "FRA",
      });
      const response = await run("reponse-cee", filled["reponse-cee"] ?? {});
      assert.equal(response.statusCode, 200, response.body);
      const result: Run = response.json();
      assert.notEqual(result.answer?.mode, "model");
      assert.equal(result.baselineFirst, true);
      assert.equal(completions().length, 0, "no base to ground on: the model is never asked");
      assert.equal((await call(app, "DELETE", "/api/providers/local", admin)).statusCode, 204);
    });

    it("gives each baseline's result with no model configured, and calls no upstream", async () => {
      const { app } = get();
      await baseWith(
        app.services,
        "Guide des services",
        "Assemblées",
        {
          "services.md": markdown(REFERENCE_BASE["services.md"]),
        },
        [{ kind: "everyone", value: "" }],
      );
      for (const useCase of shipped) {
        const fixture = FIXTURES[useCase.id];
        const response = await run(useCase.id, filled[useCase.id] ?? {});
        assert.equal(response.statusCode, 200, `${useCase.id}: ${response.body}`);
        const result: Run = response.json();
        assert.equal(result.baselineFirst, true, useCase.id);
        assert.notEqual(result.answer?.mode, "model", useCase.id);
        assert.equal(result.baseline.kind, useCase.baseline.kind, useCase.id);
        assert.ok((result.baseline.text ?? "").trim().length > 0, `${useCase.id}: empty baseline`);
        assert.match(result.baseline.text ?? "", fixture?.baseline ?? /^$/, useCase.id);
      }
      assert.equal(upstream.requests.length, 0);
    });

    it("sends each use case's instructions and built prompt upstream, and checks its answer", async () => {
      const { app } = get();
      await addProvider(app, admin, {
        id: "local",
        baseUrl: upstream.url,
        sovereignty: "local",
        country: "FRA",
      });
      for (const useCase of shipped) {
        const fixture = FIXTURES[useCase.id];
        assert.ok(fixture);
        upstream.script({ kind: "reply", text: fixture.answer });
        const before = completions().length;
        const response = await run(useCase.id, filled[useCase.id] ?? {});
        assert.equal(response.statusCode, 200, `${useCase.id}: ${response.body}`);
        const result: Run = response.json();
        assert.equal(completions().length, before + 1, `${useCase.id}: one model call`);
        const messages: { role: string; content: string }[] = completions().at(-1)?.body.messages;
        const system = messages.find((m) => m.role === "system")?.content ?? "";
        const user = messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
        assert.ok(system.includes(useCase.instructions), `${useCase.id}: instructions as system`);
        assert.match(system, fixture.system, useCase.id);
        assert.match(user, fixture.prompt, useCase.id);
        // Grounded use cases get the passages found before the prompt.
        assert.ok(user.endsWith(result.prompt), `${useCase.id}: the built prompt sent`);
        if (useCase.grounding === "required")
          assert.match(user, /<sources>/, `${useCase.id}: grounded on the base`);
        assert.equal(result.answer?.mode, "model", useCase.id);
        assert.equal(result.answer?.content, fixture.answer, useCase.id);
        assert.deepEqual(
          result.checks.map((check) => check.id),
          useCase.checks.map((check) => check.id),
          `${useCase.id}: one checklist entry per check`,
        );
        const failed = result.checks.filter((check) => !check.passed);
        assert.deepEqual(failed, [], `${useCase.id}: a sensible answer passes every check`);
      }
    });

    it("exports each use case, imports it under another id, and exports it back identically", async () => {
      const { app } = get();
      for (const useCase of shipped) {
        const exported = await call(app, "GET", `/api/usecases/${useCase.id}/export`, agent);
        assert.equal(exported.statusCode, 200, exported.body);
        const other = `${useCase.id}-voisine`;
        const file = exported.body.replace(new RegExp(`^id: ${useCase.id}$`, "m"), `id: ${other}`);
        assert.notEqual(file, exported.body);
        const imported = await call(app, "POST", "/api/usecases/import", admin, { yaml: file });
        assert.equal(imported.statusCode, 200, `${useCase.id}: ${imported.body}`);
        const back = await call(app, "GET", `/api/usecases/${other}/export`, agent);
        assert.equal(back.statusCode, 200, back.body);
        assert.equal(back.body, file, `${useCase.id}: byte-identical`);
      }
    });

    it("never calls a model less sovereign than the use case allows: the baseline answers, and says why", async () => {
      const { app } = get();
      const exported = await call(app, "GET", "/api/usecases/deliberation/export", agent);
      const file = exported.body
        .replace(/^id: deliberation$/m, "id: deliberation-locale")
        .replace(/^requiresValidation:/m, "sovereignty: local\nrequiresValidation:");
      const imported = await call(app, "POST", "/api/usecases/import", admin, { yaml: file });
      assert.equal(imported.statusCode, 200, imported.body);
      assert.equal((await call(app, "DELETE", "/api/providers/local", admin)).statusCode, 204);
      await addProvider(app, admin, {
        id: "ailleurs",
        baseUrl: upstream.url,
        sovereignty: "extraterritorial",
        country: "USA",
      });
      const calls = completions().length;
      const response = await run("deliberation-locale", filled.deliberation ?? {});
      assert.equal(response.statusCode, 200, response.body);
      const result: Run = response.json();
      assert.equal(completions().length, calls, "the extraterritorial model is never called");
      assert.notEqual(result.answer?.mode, "model");
      assert.equal(result.baselineFirst, true);
      assert.match(result.baseline.text ?? "", /DÉCIDE/);
      const conversation = await call(
        app,
        "GET",
        `/api/conversations/${result.conversationId}`,
        agent,
      );
      const decisions: { rule: string; reason: string }[] =
        conversation.json().messages.at(-1)?.metadata?.decisions ?? [];
      const skipped = decisions.find((d) => d.rule === "route.skipped");
      assert.match(
        skipped?.reason ?? "",
        /ailleurs\/.* écarté : hébergement extraterritorial : ce cas d'usage n'autorise pas moins souverain qu'un hébergement local/,
      );
      const none = decisions.find((d) => d.rule === "route.sovereignty");
      assert.match(none?.reason ?? "", /le résultat sans IA répond/);

      // The same use case without the constraint goes to that model.
      upstream.script({ kind: "reply", text: "Projet." });
      const free = await run("deliberation-voisine", filled.deliberation ?? {});
      assert.equal(free.json().answer?.mode, "model", free.body);
      assert.equal(completions().length, calls + 1);
    });

    it("asks no model to summarise a watch that found nothing on the agent's topics", async () => {
      const calls = completions().length;
      const response = await run("veille", { themes: ["urbanisme commercial"], public: "Élus" });
      assert.equal(response.statusCode, 200, response.body);
      const result: Run & { refusal: { code: string; message: string } | null } = response.json();
      assert.equal(completions().length, calls, "no model call");
      assert.equal(result.conversationId, null, "no conversation opened");
      assert.equal(result.answer, null);
      assert.equal(result.refusal?.code, "watch_nothing_new");
      assert.match(result.refusal?.message ?? "", /Aucun élément de veille/);
      assert.equal(result.baselineFirst, true);
      assert.match(result.baseline.text ?? "", /Aucun élément des sources de veille/);
    });
  },
  { BEFFROI_WATCH__PRIVATE_HOSTS: "127.0.0.1" },
);
