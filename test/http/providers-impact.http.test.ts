import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  call,
  describeApps,
  login,
  type Session,
  seedAdmin,
  seedUser,
  type TestApp,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

/** One message to the general assistant; the answer's impact and its account decision. */
async function ask(app: TestApp["app"], agent: Session) {
  const conversation = await call(app, "POST", "/api/conversations", agent, {});
  const answer = await call(
    app,
    "POST",
    `/api/conversations/${conversation.json().id}/messages`,
    agent,
    { content: "Rédige une phrase." },
  );
  assert.equal(answer.statusCode, 200, answer.body);
  const { impact, decisions, model } = answer.json().metadata;
  const account = decisions.find((d: { rule: string }) => d.rule.startsWith("account."));
  return { impact, account, model: model?.ref };
}

describeApps(
  "providers: whether their answers' impact can be estimated",
  (get) => {
    let upstream: OpenAiUpstream;
    let admin: Session;
    let agent: Session;
    let auditor: Session;

    before(async () => {
      upstream = await startOpenAiUpstream();
      const { app } = get();
      admin = await seedAdmin(app);
      await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
      await seedUser(app, "dpo@ville.example", ["auditor"]);
      agent = await login(app, "agent@ville.example");
      auditor = await login(app, "dpo@ville.example");
    });
    after(() => upstream.close());

    const definition = {
      id: "essai",
      baseUrl: "",
      sovereignty: "sovereign",
      country: "FRA",
      models: [
        { id: "petit-modele" },
        { id: "plongements", capabilities: ["embeddings"] },
      ] as object[],
    };

    it("says which models would read 'Impact non estimé', and what to fill in, as the answers find it", async () => {
      const { app } = get();
      const created = await call(app, "POST", "/api/providers", admin, {
        ...definition,
        baseUrl: upstream.url,
      });
      assert.equal(created.statusCode, 201, created.body);
      // The embedding model is not counted: the method models text generation only.
      const expected = { unestimated: [{ model: "petit-modele", missing: ["parameters", "pue"] }] };
      assert.deepEqual(created.json().impact, expected);
      const listed = (await call(app, "GET", "/api/providers", auditor)).json();
      assert.deepEqual(listed.find((p: { id: string }) => p.id === "essai").impact, expected);

      // An answer from it is indeed not estimated, for the same reasons.
      upstream.script({ kind: "reply", text: "Une phrase." });
      const before = await ask(app, agent);
      assert.equal(before.model, "essai/petit-modele");
      assert.equal(before.impact, null);
      assert.equal(before.account?.rule, "account.not-estimated");
      assert.match(before.account.reason, /le nombre de paramètres du modèle, le PUE/);

      // Filled in: nothing is missing any more, and the next answer is estimated with the range given.
      const edited = await call(app, "PUT", "/api/providers/essai", admin, {
        ...definition,
        baseUrl: upstream.url,
        pue: { min: 1.1, max: 1.3 },
        wue: 0.2,
        timeoutSeconds: 30,
        models: [
          { id: "petit-modele", contextLength: 32_768, activeParameters: 7.3 },
          { id: "plongements", capabilities: ["embeddings"] },
        ],
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(edited.json().impact, {
        pue: { min: 1.1, max: 1.3 },
        wue: 0.2,
        unestimated: [],
      });
      const saved = await app.services.providers.get("essai");
      assert.equal(saved.timeoutSeconds, 30);
      assert.equal(saved.models[0]?.contextLength, 32_768);
      upstream.script({ kind: "reply", text: "Une autre phrase." });
      const after = await ask(app, agent);
      assert.equal(after.account?.rule, "account.impact");
      assert.equal(after.impact.method, "ecologits-0.9");
      assert.ok(after.impact.energyKwh.min < after.impact.energyKwh.max, "the PUE's range");

      // A country whose electricity mix the method does not give.
      const { apiKeyConfigured, apiKeyStored, health, impact, ...shown } = edited.json() as Record<
        string,
        unknown
      >;
      const abroad = await call(app, "PUT", "/api/providers/essai", admin, {
        ...shown,
        country: "ESP",
      });
      assert.equal(abroad.statusCode, 200, abroad.body);
      assert.deepEqual(abroad.json().impact.unestimated, [
        { model: "petit-modele", missing: ["zone"] },
      ]);
      await app.services.providers.remove("essai");
    });

    it("gives a local provider without figures the collectivité's datacenter, never another", async () => {
      const { app } = get();
      const local = await call(app, "POST", "/api/providers", admin, {
        id: "salle-serveurs",
        baseUrl: upstream.url,
        sovereignty: "local",
        country: "FRA",
        models: [{ id: "modele-local", activeParameters: 24 }],
      });
      assert.equal(local.statusCode, 201, local.body);
      assert.deepEqual(local.json().impact, { pue: 1.4, wue: 0.3, unestimated: [] });
      assert.equal(local.json().pue, undefined, "the definition keeps only what was declared");
      const own = await call(app, "POST", "/api/providers/impact", admin, {
        sovereignty: "local",
        country: "FRA",
        pue: 1.25,
        models: [{ id: "modele-local", activeParameters: 24 }],
      });
      assert.deepEqual(own.json(), { pue: 1.25, wue: 0.3, unestimated: [] });
      const elsewhere = await call(app, "POST", "/api/providers/impact", admin, {
        sovereignty: "sovereign",
        country: "FRA",
        models: [{ id: "modele-local", activeParameters: 24 }],
      });
      assert.deepEqual(elsewhere.json(), {
        unestimated: [{ model: "modele-local", missing: ["pue"] }],
      });
      await app.services.providers.remove("salle-serveurs");
    });

    it("checks a provider being typed, for administrators only, leniently while it is typed", async () => {
      const { app } = get();
      const draft = {
        sovereignty: "extraterritorial",
        country: "US",
        pue: 1.2,
        models: [
          { id: "grand", activeParameters: { min: 44, max: 132 } },
          { id: "sans-taille" },
          { id: "", activeParameters: 8 },
          { id: "recherche", capabilities: ["embeddings"] },
        ],
      };
      const checked = await call(app, "POST", "/api/providers/impact", admin, draft);
      assert.equal(checked.statusCode, 200, checked.body);
      assert.deepEqual(checked.json(), {
        pue: 1.2,
        unestimated: [
          { model: "grand", missing: ["zone"] },
          { model: "sans-taille", missing: ["parameters", "zone"] },
        ],
      });
      const extractive = await call(app, "POST", "/api/providers/impact", admin, {
        ...draft,
        kind: "extractive",
      });
      assert.deepEqual(extractive.json().unestimated, []);
      const bad = await call(app, "POST", "/api/providers/impact", admin, {
        ...draft,
        pue: 0.5,
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, "invalid_request");
      for (const session of [auditor, agent]) {
        const refused = await call(app, "POST", "/api/providers/impact", session, draft);
        assert.equal(refused.statusCode, 403);
      }
    });

    it("offers presets with the method's datacenters and parameter counts, or says what they lack", async () => {
      const { app } = get();
      const presets = (await call(app, "GET", "/api/providers/presets", admin)).json() as {
        name: string;
        provider: Record<string, unknown> & { models: Record<string, unknown>[] };
      }[];
      const preset = (name: string) => presets.find((entry) => entry.name === name)?.provider;
      assert.equal(preset("mistral")?.country, "SWE");
      assert.equal(preset("mistral")?.pue, 1.16);
      assert.equal(preset("mistral")?.wue, 0.09);
      assert.deepEqual(preset("anthropic")?.pue, { min: 1.09, max: 1.14 });
      assert.equal(preset("openai")?.pue, 1.2);
      const check = async (name: string) => {
        const found = preset(name);
        assert.ok(found, name);
        const { id, label, baseUrl, apiKeyEnv, enabled, timeoutSeconds, ...draft } = found;
        const models = draft.models.map(
          ({ id, capabilities, activeParameters, totalParameters }) => ({
            id,
            capabilities,
            ...(activeParameters !== undefined && { activeParameters }),
            ...(totalParameters !== undefined && { totalParameters }),
          }),
        );
        return (
          await call(app, "POST", "/api/providers/impact", admin, { ...draft, models })
        ).json();
      };
      assert.deepEqual((await check("openai")).unestimated, []);
      assert.deepEqual((await check("mistral")).unestimated, []);
      assert.deepEqual((await check("anthropic")).unestimated, [
        { model: "claude-sonnet-4-5", missing: ["parameters"] },
      ]);
      // The collectivité's servers: their figures come from the configuration.
      assert.deepEqual((await check("vllm")).unestimated, []);
    });
  },
  { BEFFROI_IMPACT__LOCAL_PUE: "1.4", BEFFROI_IMPACT__LOCAL_WUE: "0.3" },
);
