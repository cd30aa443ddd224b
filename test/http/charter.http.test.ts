import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { templateYaml } from "../../src/charter/index.js";
import {
  addProvider,
  call,
  describeApps,
  login,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

describeApps("usage charter", (get) => {
  let upstream: OpenAiUpstream;
  let admin: Session;
  let agent: Session;
  let pilot: Session;
  let agentKey: string;

  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    admin = await seedAdmin(app);
    const user = await seedUser(app, "agent@ville.example", ["agent"], "CCAS", {
      acceptCharter: false,
    });
    await seedUser(app, "pilote@ville.example", ["agent"], "DSI/Innovation");
    agent = await login(app, "agent@ville.example");
    pilot = await login(app, "pilote@ville.example");
    agentKey = (await app.services.apiKeys.create(user.id, { name: "script", scopes: ["chat"] }))
      .token;
    await addProvider(app, admin, {
      id: "outre-atlantique",
      baseUrl: upstream.url,
      sovereignty: "extraterritorial",
      country: "USA",
    });
  });
  after(() => upstream.close());

  const chat = (auth: Session | { apiKey: string }, content = "Rédige une invitation.") =>
    call(get().app, "POST", "/v1/chat/completions", auth, {
      model: "default",
      messages: [{ role: "user", content }],
    });
  const ask = (auth: Session, content = "Rédige une invitation.") =>
    call(get().app, "POST", "/api/ask", auth, { question: content });
  const save = (yaml: string) => call(get().app, "PUT", "/api/charter", admin, { yaml });

  it("starts with the balanced charter, which an agent must accept before a first use", async () => {
    const current = await call(get().app, "GET", "/api/charter", agent);
    assert.equal(current.statusCode, 200, current.body);
    assert.equal(current.json().version, 1);
    assert.equal(current.json().acceptedAt, null);
    assert.match(current.json().charter.principles, /responsable/);

    const refused = await chat({ apiKey: agentKey });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.match(refused.json().error.message, /lisez la charte d'usage de l'IA \(version 1\)/);
    const rule = refused
      .json()
      .error.details.find((d: { outcome: string }) => d.outcome === "deny");
    assert.equal(rule.rule, "charter.acceptance");
    assert.equal(upstream.requests.length, 0);

    const accepted = await call(get().app, "POST", "/api/charter/accept", agent);
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().version, 1);
    const allowed = await chat({ apiKey: agentKey });
    assert.equal(allowed.statusCode, 200, allowed.body);
    assert.equal(allowed.headers["x-beffroi-provider"], "outre-atlantique");
  });

  it("lets an API-only account accept with its key, or an administrator accept for it, in the audit log", async () => {
    const { app } = get();
    const accounts = [];
    for (const email of ["n8n@ville.example", "robot@ville.example"]) {
      const user = await seedUser(app, email, ["agent"], "DSI", { acceptCharter: false });
      const key = (await app.services.apiKeys.create(user.id, { name: email, scopes: ["chat"] }))
        .token;
      accounts.push({ user, key: { apiKey: key } });
    }
    const [byAdmin, byKey] = accounts as [(typeof accounts)[0], (typeof accounts)[0]];
    const refused = await chat(byAdmin.key);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().error.message, /POST \/api\/charter\/accept avec sa clé/);

    // An administrator accepts for the service account; an agent may not.
    const forbidden = await call(app, "POST", "/api/charter/acceptances", agent, {
      userId: byAdmin.user.id,
    });
    assert.equal(forbidden.statusCode, 403);
    const unknown = await call(app, "POST", "/api/charter/acceptances", admin, {
      userId: "nobody",
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, "user_not_found");
    const accepted = await call(app, "POST", "/api/charter/acceptances", admin, {
      userId: byAdmin.user.id,
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal((await chat(byAdmin.key)).statusCode, 200);

    // The other accepts with its own key, after reading the charter through the API.
    assert.equal((await call(app, "GET", "/api/charter", byKey.key)).json().acceptedAt, null);
    const own = await call(app, "POST", "/api/charter/accept", byKey.key);
    assert.equal(own.statusCode, 200, own.body);
    assert.equal((await chat(byKey.key)).statusCode, 200);

    const adminId = (await app.services.users.findByEmail("dsi@ville.example"))?.id;
    const entries = (await app.services.audit.list({ limit: 50 })).entries.filter(
      (entry) => entry.action === "charter.accepted-for",
    );
    assert.deepEqual(entries.map((entry) => [entry.target, entry.actor, entry.details]).reverse(), [
      [byAdmin.user.id, { kind: "user", id: adminId }, { version: 1 }],
      [byKey.user.id, { kind: "user", id: byKey.user.id }, { version: 1, via: "api-key" }],
    ]);
  });

  it("refuses a charter that does not read or does not follow the schema, keeping the current one", async () => {
    const unreadable = await save("dataMatrix: [unclosed");
    assert.equal(unreadable.statusCode, 400);
    assert.equal(unreadable.json().error.code, "charter_yaml");
    const invalid = await save(
      templateYaml("balanced")
        .replace(
          "forbiddenCategories: [decision, automatic-action]",
          "forbiddenCategories: [astrologie]",
        )
        .replace("extraterritorial: pseudonymise", "extraterritorial: peut-etre"),
    );
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.equal(invalid.json().error.code, "charter_invalid");
    assert.match(invalid.json().error.message, /dataMatrix\.personal\.extraterritorial : action/);
    assert.match(invalid.json().error.message, /forbiddenCategories\.0 : catégorie inconnue/);
    const agentTry = await call(get().app, "PUT", "/api/charter", agent, {
      yaml: templateYaml("strict"),
    });
    assert.equal(agentTry.statusCode, 403);
    assert.equal((await call(get().app, "GET", "/api/charter", agent)).json().version, 1);
  });

  it("applies a new version on the next request, after the agent accepts it", async () => {
    const saved = await save(templateYaml("strict"));
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().version, 2);
    assert.ok(saved.json().changes.includes("dataMatrix"));

    const before = upstream.requests.length;
    const unaccepted = await chat({ apiKey: agentKey });
    assert.equal(unaccepted.statusCode, 403);
    assert.match(unaccepted.json().error.message, /version 2/);
    // Before accepting: what changed since the version the agent accepted, rule by rule.
    const shown = (await call(get().app, "GET", "/api/charter", agent)).json();
    assert.equal(shown.sinceAccepted.version, 1);
    const rules = (sections: { title: string; sentences: string[] }[]) =>
      sections.flatMap((section) => section.sentences.map((line) => `${section.title}: ${line}`));
    assert.ok(
      rules(shown.sinceAccepted.added).includes(
        "Données et hébergement des modèles: Données personnelles vers un hébergeur soumis à un droit extraterritorial : bloquées, jamais envoyées.",
      ),
      rules(shown.sinceAccepted.added).join("\n"),
    );
    assert.ok(
      rules(shown.sinceAccepted.removed).includes(
        "Données et hébergement des modèles: Données personnelles vers un hébergeur soumis à un droit extraterritorial : pseudonymisées avant envoi.",
      ),
    );
    assert.equal(
      rules(shown.sinceAccepted.added).some((line) => line.includes("Aucun quota")),
      false,
      "a rule both versions say is not a change",
    );
    assert.equal(shown.sinceAccepted.principlesChanged, true);
    // An account that never accepted a version has nothing to compare with.
    const never = await seedUser(get().app, "jamais@ville.example", ["agent"], "CCAS", {
      acceptCharter: false,
    });
    assert.ok(never);
    const first = await call(
      get().app,
      "GET",
      "/api/charter",
      await login(get().app, "jamais@ville.example"),
    );
    assert.equal(first.json().sinceAccepted, null);
    await call(get().app, "POST", "/api/charter/accept", agent);
    assert.equal((await call(get().app, "GET", "/api/charter", agent)).json().sinceAccepted, null);
    // The strict charter closes extraterritorial models even to public text.
    const blocked = await chat({ apiKey: agentKey });
    assert.equal(blocked.statusCode, 403, blocked.body);
    assert.match(blocked.json().error.message, /la charte interdit de les confier/);
    assert.equal(upstream.requests.length, before);

    const versions = await call(get().app, "GET", "/api/charter/versions", admin);
    assert.deepEqual(
      versions.json().map((v: { version: number }) => v.version),
      [2, 1],
    );
    assert.ok(versions.json()[0].createdBy, "who saved it");
    assert.equal(versions.json()[1].createdBy, null, "the installation's own");
    const version1 = await call(get().app, "GET", "/api/charter/versions/1", admin);
    assert.equal(version1.json().yaml, templateYaml("balanced"));
  });

  it("opens extraterritorial models to the pilot group only, on public data only", async () => {
    const yaml = templateYaml("experimentation").replace("  directions: []", "  directions: [DSI]");
    assert.equal((await save(yaml)).statusCode, 200);
    await call(get().app, "POST", "/api/charter/accept", agent);
    await call(get().app, "POST", "/api/charter/accept", pilot);

    const forAgent = await ask(agent);
    assert.equal(forAgent.statusCode, 403, forAgent.body);
    const forPilot = await ask(pilot);
    assert.equal(forPilot.statusCode, 200, forPilot.body);
    assert.equal(forPilot.json().mode, "model");
    const rules = forPilot.json().decisions.map((d: { rule: string }) => d.rule);
    assert.ok(rules.includes("charter.pilot"), rules.join());
    const personal = await ask(pilot, "Rédige une invitation pour Mme Martine Dupont.");
    assert.equal(personal.statusCode, 403, "personal data stays off those models");
  });

  it("refuses assistants facing citizens and forbidden categories, naming the rule", async () => {
    const yaml = `${templateYaml("balanced")}`.replace(
      "forbiddenCategories: [decision, automatic-action]",
      "forbiddenCategories: [decision, automatic-action, hr]",
    );
    assert.equal((await save(yaml)).statusCode, 200);
    await call(get().app, "POST", "/api/charter/accept", agent);
    const make = async (body: object) => {
      const created = await call(get().app, "POST", "/api/assistants", admin, body);
      assert.equal(created.statusCode, 201, created.body);
      return created.json().id as string;
    };
    const hr = await make({ name: "Assistant RH", category: "hr" });
    const reception = await make({ name: "Accueil usagers", audience: "citizens" });
    const use = (id: string) =>
      call(
        get().app,
        "POST",
        "/v1/chat/completions",
        { apiKey: agentKey },
        {
          model: `assistant/${id}`,
          messages: [{ role: "user", content: "Bonjour" }],
        },
      );
    const forbidden = await use(hr);
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.json().error.message, /catégorie « hr »/);
    const facing = await use(reception);
    assert.equal(facing.statusCode, 403);
    assert.match(facing.json().error.message, /s'adresse directement aux usagers/);
  });

  it("shows the AI notice, labels answers as drafts and records who validated one, when", async () => {
    const { app } = get();
    const created = await call(app, "POST", "/api/conversations", agent, {});
    const id = created.json().id;
    const opened = await call(app, "GET", `/api/conversations/${id}`, agent);
    assert.match(opened.json().disclosure, /Vous échangez avec une intelligence artificielle/);
    const answer = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
      content: "Rédige une invitation au conseil municipal.",
    });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal(answer.json().metadata.requiresValidation, true);
    assert.equal(answer.json().metadata.validationLabel, "Brouillon assisté par IA — à vérifier");
    assert.equal(answer.json().validatedAt, null);

    const messages = (await call(app, "GET", `/api/conversations/${id}`, agent)).json().messages;
    const question = messages.find((m: { role: string }) => m.role === "user").id;
    const url = (messageId: string) => `/api/conversations/${id}/messages/${messageId}/validate`;
    assert.equal((await call(app, "POST", url(question), agent)).statusCode, 400);
    assert.equal((await call(app, "POST", url(answer.json().id), pilot)).statusCode, 404);
    const validated = await call(app, "POST", url(answer.json().id), agent);
    assert.equal(validated.statusCode, 200, validated.body);
    const me = (await call(app, "GET", "/api/auth/session", agent)).json();
    assert.equal(validated.json().validatedBy, me.user.id);
    assert.ok(validated.json().validatedAt);
    const stored = (await call(app, "GET", `/api/conversations/${id}`, agent)).json().messages;
    assert.equal(stored.at(-1).validatedAt, validated.json().validatedAt);
  });
});
