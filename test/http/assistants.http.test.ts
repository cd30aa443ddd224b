import assert from "node:assert/strict";
import { before, it } from "node:test";
import { call, describeApps, login, type Session, seedUser } from "../support/apps.js";

describeApps("assistants", (get) => {
  let admin: Session;
  let referent: Session;
  let agent: Session;
  let rh: string;
  let accueil: string;

  before(async () => {
    const { app } = get();
    await seedUser(app, "dsi@ville.example", ["admin"], "DSI");
    await seedUser(app, "referente@ville.example", ["referent"], "Ressources humaines");
    await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
    admin = await login(app, "dsi@ville.example");
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
    assert.equal(model.json().error.code, "model_unknown");
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
