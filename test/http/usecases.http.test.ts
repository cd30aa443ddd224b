import assert from "node:assert/strict";
import { before, it } from "node:test";
import { shippedUseCases } from "../../src/assistants/usecases/loader.js";
import { UseCasesRepository } from "../../src/assistants/usecases/usecases.repository.js";
import { UseCasesService } from "../../src/assistants/usecases/usecases.service.js";
import { call, describeApps, login, type Session, seedAdmin, seedUser } from "../support/apps.js";

describeApps("use-case catalogue", (get) => {
  let admin: Session;
  let hrReferent: Session;
  let receptionReferent: Session;
  let agent: Session;
  let auditor: Session;
  let adminId = "";
  let hrReferentId = "";
  let rh = "";

  before(async () => {
    const { app } = get();
    admin = await seedAdmin(app);
    adminId = (await app.services.users.findByEmail("dsi@ville.example"))?.id ?? "";
    hrReferentId = (
      await seedUser(app, "rh@ville.example", ["agent", "referent"], "Ressources humaines")
    ).id;
    await seedUser(app, "accueil@ville.example", ["agent", "referent"], "Accueil");
    await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    hrReferent = await login(app, "rh@ville.example");
    receptionReferent = await login(app, "accueil@ville.example");
    agent = await login(app, "agent@ville.example");
    auditor = await login(app, "dpo@ville.example");
    rh = (await app.services.directions.find("Ressources humaines"))?.id ?? "";
  });

  const auditEntries = async () => {
    const response = await call(get().app, "GET", "/api/audit?limit=500", auditor);
    assert.equal(response.statusCode, 200, response.body);
    return (
      response.json().entries as {
        actor: { kind: string; id: string | null };
        action: string;
        target: string | null;
        details: Record<string, unknown> | null;
      }[]
    ).filter((entry) => entry.action.startsWith("usecase."));
  };

  const current = async (id: string) => {
    const response = await call(get().app, "GET", `/api/usecases/${id}`, agent);
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };

  it("stores the shipped catalogue at start, each use case at its first version", async () => {
    const { app } = get();
    const list = await call(app, "GET", "/api/usecases", agent);
    assert.equal(list.statusCode, 200, list.body);
    const shipped = shippedUseCases();
    const ids = list.json().map((useCase: { id: string }) => useCase.id);
    for (const id of shipped.keys()) assert.ok(ids.includes(id), id);
    const deliberation = await current("deliberation");
    assert.equal(deliberation.shipped, true);
    assert.equal(deliberation.source, "shipped");
    assert.equal(deliberation.revision, 1);
    assert.equal(deliberation.name, shipped.get("deliberation")?.name);
    assert.deepEqual(deliberation.definition, shipped.get("deliberation"));
    assert.equal(deliberation.versions.length, 1);
    assert.equal((await call(app, "GET", "/api/usecases/absent", agent)).statusCode, 404);
  });

  it("keeps every version of an edit, with who and when, and records it in the audit log", async () => {
    const { app } = get();
    const before = await current("deliberation");
    const yaml = before.yaml.replace(/^name: .*$/m, "name: Délibération du conseil");
    const edited = await call(app, "PUT", "/api/usecases/deliberation", admin, { yaml });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().name, "Délibération du conseil");
    assert.equal(edited.json().revision, 2);
    assert.equal(edited.json().source, "edited");
    const [latest, first] = edited.json().versions;
    assert.deepEqual([latest.revision, latest.authorId], [2, adminId]);
    assert.deepEqual([first.revision, first.authorId, first.source], [1, null, "shipped"]);
    // The same file again, sent as YAML: no new version.
    const again = await app.server.inject({
      method: "PUT",
      url: "/api/usecases/deliberation",
      headers: {
        cookie: admin.cookie,
        "x-csrf-token": admin.csrf,
        "content-type": "application/yaml; charset=utf-8",
      },
      payload: yaml,
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().revision, 2);
    const entries = await auditEntries();
    const updated = entries.filter((entry) => entry.action === "usecase.updated");
    assert.equal(updated.length, 1);
    assert.equal(updated[0]?.target, "deliberation");
    assert.deepEqual(updated[0]?.actor, { kind: "user", id: adminId });
    assert.equal(updated[0]?.details?.revision, 2);
    assert.doesNotMatch(JSON.stringify(entries), /Délibération du conseil/);
    // Agents read the catalogue but do not edit it.
    assert.equal(
      (await call(app, "PUT", "/api/usecases/deliberation", agent, { yaml })).statusCode,
      403,
    );
  });

  it("refuses a file that does not validate, naming the field and its line, and keeps the previous version", async () => {
    const { app } = get();
    const before = await current("deliberation");
    const yaml = before.yaml.replace(/^category: .*$/m, "category: inconnue");
    const line = yaml.split("\n").findIndex((text: string) => text.startsWith("category:")) + 1;
    assert.ok(line > 1);
    const refused = await call(app, "PUT", "/api/usecases/deliberation", admin, { yaml });
    assert.equal(refused.statusCode, 400, refused.body);
    const { error } = refused.json();
    assert.equal(error.code, "usecase_invalid");
    const problem = error.details.find((item: { path: string }) => item.path === "category");
    assert.equal(problem?.line, line);
    assert.match(problem?.message, /[ée]/);
    assert.match(error.message, new RegExp(`ligne ${line}, category`));
    const syntax = await call(app, "PUT", "/api/usecases/deliberation", admin, {
      yaml: `${before.yaml}\n  : [`,
    });
    assert.equal(syntax.statusCode, 400);
    assert.ok(syntax.json().error.details[0].line > 1);
    const after = await current("deliberation");
    assert.equal(after.revision, before.revision);
    assert.equal(after.yaml, before.yaml);
    const other = await call(app, "PUT", "/api/usecases/deliberation", admin, {
      yaml: before.yaml.replace(/^id: .*$/m, "id: autre"),
    });
    assert.equal(other.statusCode, 400);
    assert.equal(other.json().error.code, "usecase_id_mismatch");
  });

  it("lets referents of the owning direction edit a use case, and refuses those of another", async () => {
    const { app } = get();
    const before = await current("marche-public");
    const owned = await call(app, "PUT", "/api/usecases/marche-public", admin, {
      yaml: before.yaml,
      ownerDirectionId: rh,
    });
    assert.equal(owned.statusCode, 200, owned.body);
    assert.equal(owned.json().ownerDirectionPath, "Ressources humaines");
    assert.equal(owned.json().revision, before.revision);
    const yaml = before.yaml.replace(/^name: .*$/m, "name: Marchés de la direction RH");
    const refused = await call(app, "PUT", "/api/usecases/marche-public", receptionReferent, {
      yaml,
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error.code, "usecase_not_manageable");
    // Nor may a referent take a shipped use case no direction owns.
    const unowned = await call(app, "PUT", "/api/usecases/deliberation", hrReferent, {
      yaml: (await current("deliberation")).yaml,
      ownerDirectionId: rh,
    });
    assert.equal(unowned.statusCode, 403);
    const edited = await call(app, "PUT", "/api/usecases/marche-public", hrReferent, { yaml });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().revision, before.revision + 1);
    assert.equal(edited.json().versions[0].authorId, hrReferentId);
  });

  it("exports a use case as a file that imports back identically, and deletes only those not shipped", async () => {
    const { app } = get();
    const exported = await call(app, "GET", "/api/usecases/deliberation/export", agent);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers["content-type"]), /^application\/yaml/);
    assert.match(String(exported.headers["content-disposition"]), /filename="deliberation\.yaml"/);
    assert.equal(exported.body, (await current("deliberation")).yaml);
    // A file from a neighbouring collectivité: the same definition under another id.
    const file = exported.body.replace(/^id: deliberation$/m, "id: deliberation-voisine");
    const imported = await call(app, "POST", "/api/usecases/import", hrReferent, { yaml: file });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal(imported.json().source, "imported");
    assert.equal(imported.json().shipped, false);
    assert.equal(imported.json().ownerDirectionPath, "Ressources humaines");
    const back = await call(app, "GET", "/api/usecases/deliberation-voisine/export", agent);
    assert.equal(back.body, file);
    const { id: _, ...definition } = imported.json().definition;
    const { id: __, ...original } = (await current("deliberation")).definition;
    assert.deepEqual(definition, original);
    // The file imported over the use case it came from: nothing changes.
    const same = await call(app, "POST", "/api/usecases/import", admin, { yaml: exported.body });
    assert.equal(same.json().revision, (await current("deliberation")).revision);

    const shipped = await call(app, "DELETE", "/api/usecases/deliberation", admin);
    assert.equal(shipped.statusCode, 409);
    assert.equal(shipped.json().error.code, "usecase_shipped");
    const foreign = await call(
      app,
      "DELETE",
      "/api/usecases/deliberation-voisine",
      receptionReferent,
    );
    assert.equal(foreign.statusCode, 403);
    const removed = await call(app, "DELETE", "/api/usecases/deliberation-voisine", hrReferent);
    assert.equal(removed.statusCode, 204);
    assert.equal(
      (await call(app, "GET", "/api/usecases/deliberation-voisine", agent)).statusCode,
      404,
    );
    const actions = (await auditEntries())
      .filter((entry) => entry.target === "deliberation-voisine")
      .map((entry) => [entry.action, entry.actor.id]);
    assert.deepEqual(actions.sort(), [
      ["usecase.created", hrReferentId],
      ["usecase.deleted", hrReferentId],
    ]);
  });

  it("takes in a newer shipped version, unless the collectivité changed the use case", async () => {
    const { app, clock } = get();
    const shipped = shippedUseCases();
    const deliberation = shipped.get("deliberation");
    assert.ok(deliberation);
    const bump = (version: number, id = "deliberation") => ({
      ...deliberation,
      id,
      version,
      description: `${deliberation.description} (version ${version})`,
    });
    let catalogue = new Map([["essai-livre", bump(1, "essai-livre")]]);
    const service = new UseCasesService({
      useCases: new UseCasesRepository(app.store.db),
      directionPath: async () => undefined,
      modelExists: async () => true,
      shipped: () => catalogue,
      clock,
    });
    await service.seed();
    assert.equal((await current("essai-livre")).revision, 1);
    const edited = await current("deliberation");
    catalogue = new Map([
      ["essai-livre", bump(2, "essai-livre")],
      ["deliberation", bump(deliberation.version + 1)],
    ]);
    await service.seed();
    await service.seed();
    // Not changed here since it was seeded: the newer version becomes current.
    const taken = await current("essai-livre");
    assert.deepEqual([taken.revision, taken.version, taken.source], [2, 2, "shipped"]);
    assert.match(taken.description, /\(version 2\)$/);
    // Changed here: kept, and the newer shipped version is shown.
    const kept = await current("deliberation");
    assert.equal(kept.revision, edited.revision);
    assert.equal(kept.yaml, edited.yaml);
    assert.equal(kept.shippedUpdate, deliberation.version + 1);
  });
});
