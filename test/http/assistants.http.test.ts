import assert from "node:assert/strict";
import { before, it } from "node:test";
import { call, describeApps, login, type Session, seedAdmin, seedUser } from "../support/apps.js";

describeApps("assistants", (get) => {
  let admin: Session;
  let referent: Session;
  let agent: Session;
  let rh: string;
  let accueil: string;

  before(async () => {
    const { app } = get();
    admin = await seedAdmin(app);
    await seedUser(app, "referente@ville.example", ["referent"], "Ressources humaines");
    await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
    referent = await login(app, "referente@ville.example");
    agent = await login(app, "agent@ville.example");
    rh = (await app.services.directions.find("Ressources humaines"))?.id ?? "";
    accueil = (await app.services.directions.find("Accueil"))?.id ?? "";
  });

  it("has a default assistant every agent can list, which cannot be deleted", async () => {
    const { app } = get();
    const list = await call(app, "GET", "/api/assistants", agent);
    assert.equal(list.statusCode, 200);
    const [general] = list.json();
    assert.equal(general.name, "Assistant général");
    assert.equal(general.isDefault, true);
    assert.equal(general.requiresValidation, true);
    const removed = await call(app, "DELETE", `/api/assistants/${general.id}`, admin);
    assert.equal(removed.statusCode, 409);
    assert.equal(removed.json().error.code, "assistant_default");
  });

  it("lets referents manage their direction's assistants only, and agents none", async () => {
    const { app } = get();
    const hr = {
      name: "Assistant RH",
      description: "Questions des agents sur leurs congés",
      instructions: "Réponds à partir du règlement intérieur.",
      category: "hr",
      ownerDirectionId: rh,
    };
    const created = await call(app, "POST", "/api/assistants", referent, hr);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().ownerDirectionPath, "Ressources humaines");
    const elsewhere = await call(app, "POST", "/api/assistants", referent, {
      ...hr,
      name: "Accueil",
      ownerDirectionId: accueil,
    });
    assert.equal(elsewhere.statusCode, 403);
    assert.equal(elsewhere.json().error.code, "assistant_not_manageable");
    assert.equal((await call(app, "POST", "/api/assistants", agent, hr)).statusCode, 403);
    const twice = await call(app, "POST", "/api/assistants", admin, hr);
    assert.equal(twice.statusCode, 409);
    const updated = await call(app, "PUT", `/api/assistants/${created.json().id}`, referent, {
      ...hr,
      requiresValidation: false,
    });
    assert.equal(updated.json().requiresValidation, false);
    assert.equal(
      (await call(app, "DELETE", `/api/assistants/${created.json().id}`, referent)).statusCode,
      204,
    );
  });

  it("refuses an unknown model or knowledge base, saying which", async () => {
    const { app } = get();
    const model = await call(app, "POST", "/api/assistants", admin, {
      name: "Rédaction",
      preferredModels: ["nulle-part/modele"],
    });
    assert.equal(model.statusCode, 400);
    assert.equal(model.json().error.code, "assistant_model_unknown");
    assert.match(model.json().error.message, /nulle-part\/modele/);
    const base = await call(app, "POST", "/api/assistants", admin, {
      name: "Rédaction",
      knowledgeBaseIds: ["absente"],
    });
    assert.equal(base.statusCode, 400);
    assert.equal(base.json().error.code, "knowledge_base_unknown");
    const invalid = await call(app, "POST", "/api/assistants", admin, {
      name: "",
      audience: "tout-le-monde",
    });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.code, "invalid_request");
  });
});

describeApps("assistants as each agent sees them", (get) => {
  let admin: Session;
  let referent: Session;
  let agent: Session;
  let auditor: Session;
  let adminId = "";
  let referentId = "";
  let hrBase = "";
  let openBase = "";
  let assistantId = "";
  const INSTRUCTIONS =
    "Consigne interne : ne jamais évoquer le dossier disciplinaire de Mme Odile Ferrand.";

  before(async () => {
    const { app } = get();
    admin = await seedAdmin(app);
    adminId = (await app.services.users.findByEmail("dsi@ville.example"))?.id ?? "";
    referentId = (
      await seedUser(app, "referente@ville.example", ["agent", "referent"], "Ressources humaines")
    ).id;
    await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    referent = await login(app, "referente@ville.example");
    agent = await login(app, "agent@ville.example");
    auditor = await login(app, "dpo@ville.example");
    // One base only the HR direction reads, one every agent reads.
    const hr = await call(app, "POST", "/api/knowledge-bases", referent, {
      name: "Dossiers RH",
    });
    assert.equal(hr.statusCode, 201, hr.body);
    hrBase = hr.json().id;
    const open = await call(app, "POST", "/api/knowledge-bases", referent, {
      name: "Règlement intérieur",
      readers: [{ kind: "everyone" }],
    });
    assert.equal(open.statusCode, 201, open.body);
    openBase = open.json().id;
  });

  const auditEntries = async () => {
    const response = await call(get().app, "GET", "/api/audit?limit=500", auditor);
    assert.equal(response.statusCode, 200, response.body);
    return response.json().entries as {
      actor: { kind: string; id: string | null };
      action: string;
      target: string | null;
      details: Record<string, unknown> | null;
    }[];
  };

  it("records who created an assistant, with its settings but never its name, description or instructions", async () => {
    const { app } = get();
    const rh = await app.services.directions.find("Ressources humaines");
    const created = await call(app, "POST", "/api/assistants", referent, {
      name: "Assistant RH",
      description: "Questions des agents sur leurs congés",
      instructions: INSTRUCTIONS,
      knowledgeBaseIds: [hrBase, openBase],
      category: "hr",
      ownerDirectionId: rh?.id,
    });
    assert.equal(created.statusCode, 201, created.body);
    assistantId = created.json().id;
    const [entry] = await auditEntries();
    assert.equal(entry?.action, "assistant.created");
    assert.deepEqual(entry?.actor, { kind: "user", id: referentId });
    assert.equal(entry?.target, assistantId);
    assert.deepEqual(entry?.details, {
      audience: "agents",
      category: "hr",
      grounding: "required",
      knowledgeBaseIds: [hrBase, openBase],
      ownerDirectionId: rh?.id,
      preferredModels: [],
      requiresValidation: true,
    });
  });

  it("shows an agent what the assistant is for, never its instructions nor a base they may not read", async () => {
    const { app } = get();
    const list = await call(app, "GET", "/api/assistants", agent);
    assert.equal(list.statusCode, 200, list.body);
    assert.doesNotMatch(list.body, /Consigne interne|Ferrand/);
    assert.ok(!list.body.includes(hrBase), "the HR base's id is not shown");
    const hr = list.json().find((assistant: { id: string }) => assistant.id === assistantId);
    assert.equal(hr.name, "Assistant RH");
    assert.equal(hr.description, "Questions des agents sur leurs congés");
    assert.equal(hr.category, "hr");
    assert.equal(hr.requiresValidation, true);
    assert.deepEqual(hr.knowledgeBaseIds, [openBase]);
    assert.equal("instructions" in hr, false);
    for (const general of list.json().filter((a: { isDefault: boolean }) => a.isDefault))
      assert.equal("instructions" in general, false);

    const one = await call(app, "GET", `/api/assistants/${assistantId}`, agent);
    assert.equal(one.statusCode, 200, one.body);
    assert.doesNotMatch(one.body, /Consigne interne|Ferrand/);
    assert.deepEqual(one.json().knowledgeBaseIds, [openBase]);
    assert.equal("instructions" in one.json(), false);
  });

  it("shows everything to those who manage assistants", async () => {
    const { app } = get();
    for (const manager of [admin, referent]) {
      const one = await call(app, "GET", `/api/assistants/${assistantId}`, manager);
      assert.equal(one.statusCode, 200, one.body);
      assert.equal(one.json().instructions, INSTRUCTIONS);
      assert.deepEqual(one.json().knowledgeBaseIds, [hrBase, openBase]);
      const list = await call(app, "GET", "/api/assistants", manager);
      const hr = list.json().find((assistant: { id: string }) => assistant.id === assistantId);
      assert.equal(hr.instructions, INSTRUCTIONS);
      assert.deepEqual(hr.knowledgeBaseIds, [hrBase, openBase]);
    }
  });

  it("says in the OpenAPI document that the instructions are for those who manage assistants", async () => {
    const document = (await call(get().app, "GET", "/api/openapi.json")).json();
    const schema =
      document.paths["/api/assistants/{id}"].get.responses["200"].content["application/json"]
        .schema;
    assert.ok(schema.properties.instructions, "instructions are documented");
    assert.ok(!schema.required.includes("instructions"), "and optional");
  });

  it("records an edit (the fields changed, settings before and after) and a deletion", async () => {
    const { app } = get();
    const rh = await app.services.directions.find("Ressources humaines");
    const unchanged = {
      name: "Assistant RH",
      description: "Questions des agents sur leurs congés",
      instructions: INSTRUCTIONS,
      knowledgeBaseIds: [hrBase, openBase],
      category: "hr",
      ownerDirectionId: rh?.id,
    };
    const same = await call(app, "PUT", `/api/assistants/${assistantId}`, referent, unchanged);
    assert.equal(same.statusCode, 200, same.body);
    assert.notEqual((await auditEntries())[0]?.action, "assistant.updated", "nothing changed");

    const edited = await call(app, "PUT", `/api/assistants/${assistantId}`, admin, {
      ...unchanged,
      instructions: `${INSTRUCTIONS} Réponds en une phrase.`,
      knowledgeBaseIds: [openBase],
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const removed = await call(app, "DELETE", `/api/assistants/${assistantId}`, admin);
    assert.equal(removed.statusCode, 204);

    const [deleted, updated] = await auditEntries();
    assert.equal(updated?.action, "assistant.updated");
    assert.deepEqual(updated?.actor, { kind: "user", id: adminId });
    assert.equal(updated?.target, assistantId);
    assert.deepEqual(updated?.details, {
      changed: ["instructions", "knowledgeBaseIds"],
      before: { knowledgeBaseIds: [hrBase, openBase] },
      after: { knowledgeBaseIds: [openBase] },
    });
    assert.equal(deleted?.action, "assistant.deleted");
    assert.deepEqual(deleted?.actor, { kind: "user", id: adminId });
    assert.equal(deleted?.target, assistantId);

    const whole = JSON.stringify(await auditEntries());
    for (const text of ["Consigne interne", "Ferrand", "Assistant RH", "congés"])
      assert.ok(!whole.includes(text), `${text} is not in the audit log`);
  });
});
