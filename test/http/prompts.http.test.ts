import assert from "node:assert/strict";
import { before, it } from "node:test";
import { call, describeApps, login, type Session, seedAdmin, seedUser } from "../support/apps.js";

interface PromptBody {
  id: string;
  title: string;
  scope: string;
  variables: string[];
  useCount: number;
  editable: boolean;
  directionPath: string | null;
  author: { displayName: string } | null;
  rating: { average: number | null; count: number; mine: number | null };
}

describeApps("prompt library", (get) => {
  let admin: Session;
  let referent: Session;
  let hrAgent: Session;
  let payrollAgent: Session;
  let receptionAgent: Session;
  let auditor: Session;
  let hr = "";
  let reception = "";
  let hrPrompt = "";
  let townPrompt = "";

  const HR_PROMPT = {
    title: "Réponse à une demande de congé",
    body: "Tu es gestionnaire RH. Rédige une réponse courtoise à {{agent}} sur sa demande de {{type_conge}}. Format : trois paragraphes.",
    example: "agent = un agent du service des sports ; type_conge = congé parental",
  };

  before(async () => {
    const { app } = get();
    admin = await seedAdmin(app);
    await seedUser(app, "referente@ville.example", ["agent", "referent"], "Ressources humaines");
    await seedUser(app, "rh@ville.example", ["agent"], "Ressources humaines");
    await seedUser(app, "paie@ville.example", ["agent"], "Ressources humaines > Paie");
    await seedUser(app, "accueil@ville.example", ["agent"], "Accueil");
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    referent = await login(app, "referente@ville.example");
    hrAgent = await login(app, "rh@ville.example");
    payrollAgent = await login(app, "paie@ville.example");
    receptionAgent = await login(app, "accueil@ville.example");
    auditor = await login(app, "dpo@ville.example");
    hr = (await app.services.directions.find("Ressources humaines"))?.id ?? "";
    reception = (await app.services.directions.find("Accueil"))?.id ?? "";
  });

  const list = async (session: Session, query = "") => {
    const response = await call(get().app, "GET", `/api/prompts${query}`, session);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as PromptBody[];
  };
  const titles = async (session: Session, query = "") =>
    (await list(session, query)).map((prompt) => prompt.title).sort();

  it("shares a direction's prompts with its agents and the directions below, curated by its referent", async () => {
    const { app } = get();
    const created = await call(app, "POST", "/api/prompts", referent, {
      ...HR_PROMPT,
      scope: "direction",
      directionId: hr,
    });
    assert.equal(created.statusCode, 201, created.body);
    const prompt = created.json() as PromptBody;
    hrPrompt = prompt.id;
    assert.deepEqual(prompt.variables, ["agent", "type_conge"]);
    assert.equal(prompt.directionPath, "Ressources humaines");
    assert.equal(prompt.author?.displayName, "referente");
    assert.equal(prompt.editable, true);

    assert.deepEqual(await titles(hrAgent), [HR_PROMPT.title]);
    assert.deepEqual(await titles(payrollAgent), [HR_PROMPT.title], "a sub-direction reads it");
    assert.deepEqual(await titles(receptionAgent), [], "another direction does not");
    const hidden = await call(app, "GET", `/api/prompts/${hrPrompt}`, receptionAgent);
    assert.equal(hidden.statusCode, 404);
    assert.equal(hidden.json().error.code, "prompt_not_found");
    assert.equal((await list(hrAgent))[0]?.editable, false);
  });

  it("refuses curation to those it does not belong to, with 403", async () => {
    const { app } = get();
    const agentShares = await call(app, "POST", "/api/prompts", hrAgent, {
      ...HR_PROMPT,
      scope: "direction",
      directionId: hr,
    });
    assert.equal(agentShares.statusCode, 403);
    assert.equal(agentShares.json().error.code, "prompt_not_curatable");
    const elsewhere = await call(app, "POST", "/api/prompts", referent, {
      ...HR_PROMPT,
      scope: "direction",
      directionId: reception,
    });
    assert.equal(elsewhere.statusCode, 403);
    assert.equal(elsewhere.json().error.code, "prompt_not_curatable");
    const town = await call(app, "POST", "/api/prompts", referent, {
      ...HR_PROMPT,
      scope: "collectivite",
    });
    assert.equal(town.statusCode, 403);
    const edit = await call(app, "PUT", `/api/prompts/${hrPrompt}`, hrAgent, {
      ...HR_PROMPT,
      title: "Autre titre",
      scope: "direction",
      directionId: hr,
    });
    assert.equal(edit.statusCode, 403);
    assert.equal(edit.json().error.code, "prompt_not_curatable");
    const remove = await call(app, "DELETE", `/api/prompts/${hrPrompt}`, payrollAgent);
    assert.equal(remove.statusCode, 403);
    assert.equal((await call(app, "GET", `/api/prompts/${hrPrompt}`, hrAgent)).statusCode, 200);
  });

  it("lets administrators share with everyone, and any agent keep prompts of their own", async () => {
    const { app } = get();
    const town = await call(app, "POST", "/api/prompts", admin, {
      title: "Relire un courrier",
      body: "Relis ce courrier et signale les fautes et les phrases trop longues :\n{{courrier}}",
      scope: "collectivite",
    });
    assert.equal(town.statusCode, 201, town.body);
    townPrompt = town.json().id;
    const own = await call(app, "POST", "/api/prompts", receptionAgent, {
      title: "Mon mémo d'accueil",
      body: "Résume en cinq points les horaires d'ouverture.",
    });
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(own.json().scope, "personal");
    assert.deepEqual(await titles(receptionAgent), ["Mon mémo d'accueil", "Relire un courrier"]);
    assert.deepEqual(await titles(hrAgent), ["Relire un courrier", HR_PROMPT.title].sort());
    // Another agent's own prompt does not exist for them, nor for an administrator.
    assert.equal(
      (await call(app, "DELETE", `/api/prompts/${own.json().id}`, admin)).statusCode,
      404,
    );
    assert.equal(
      (await call(app, "DELETE", `/api/prompts/${own.json().id}`, receptionAgent)).statusCode,
      204,
    );
  });

  it("filters by scope and searches titles and texts without accents or case", async () => {
    assert.deepEqual(await titles(hrAgent, "?scope=direction"), [HR_PROMPT.title]);
    assert.deepEqual(await titles(hrAgent, "?scope=collectivite"), ["Relire un courrier"]);
    assert.deepEqual(await titles(hrAgent, "?q=CONGE"), [HR_PROMPT.title]);
    assert.deepEqual(await titles(hrAgent, "?q=phrases%20fautes"), ["Relire un courrier"]);
    assert.deepEqual(await titles(hrAgent, "?q=introuvable"), []);
    const bad = await call(get().app, "GET", "/api/prompts?scope=partout", hrAgent);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, "invalid_request");
  });

  it("keeps one rating per agent and averages them", async () => {
    const { app } = get();
    const rate = (session: Session, rating: number) =>
      call(app, "PUT", `/api/prompts/${hrPrompt}/rating`, session, { rating });
    assert.equal((await rate(hrAgent, 2)).statusCode, 200);
    const again = await rate(hrAgent, 4);
    assert.deepEqual(again.json().rating, { average: 4, count: 1, mine: 4 });
    const second = await rate(payrollAgent, 5);
    assert.deepEqual(second.json().rating, { average: 4.5, count: 2, mine: 5 });
    const [seen] = await list(referent, "?scope=direction");
    assert.deepEqual(seen?.rating, { average: 4.5, count: 2, mine: null });
    const outOfRange = await rate(hrAgent, 6);
    assert.equal(outOfRange.statusCode, 400);
    assert.equal(outOfRange.json().error.code, "invalid_request");
    assert.equal((await rate(receptionAgent, 3)).statusCode, 404, "not readable, not rateable");
    const [popular] = await list(hrAgent, "?sort=rated");
    assert.equal(popular?.id, hrPrompt);
  });

  it("fills the variables when used, counts the use, and says which variables are missing", async () => {
    const { app } = get();
    const used = await call(app, "POST", `/api/prompts/${hrPrompt}/use`, hrAgent, {
      values: { agent: "Mme {{Martin}}", type_conge: "congé parental" },
    });
    assert.equal(used.statusCode, 200, used.body);
    assert.equal(
      used.json().text,
      "Tu es gestionnaire RH. Rédige une réponse courtoise à Mme {{Martin}} sur sa demande de congé parental. Format : trois paragraphes.",
    );
    assert.equal(used.json().useCount, 1);
    const missing = await call(app, "POST", `/api/prompts/${hrPrompt}/use`, payrollAgent, {
      values: { agent: "M. Durand", type_conge: "  " },
    });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.code, "prompt_variables_missing");
    assert.match(missing.json().error.message, /type_conge/);
    const badName = await call(app, "POST", `/api/prompts/${hrPrompt}/use`, payrollAgent, {
      values: { "Type Congé": "x" },
    });
    assert.equal(badName.statusCode, 400);
    assert.equal(badName.json().error.code, "invalid_request");
    await call(app, "POST", `/api/prompts/${townPrompt}/use`, payrollAgent, {
      values: { courrier: "Madame, …" },
    });
    await call(app, "POST", `/api/prompts/${townPrompt}/use`, hrAgent, {
      values: { courrier: "Monsieur, …" },
    });
    const counts = Object.fromEntries(
      (await list(hrAgent)).map((prompt) => [prompt.title, prompt.useCount]),
    );
    assert.deepEqual(counts, { [HR_PROMPT.title]: 1, "Relire un courrier": 2 });
    assert.equal((await list(hrAgent, "?sort=popular"))[0]?.title, "Relire un courrier");
  });

  it("refuses a malformed prompt text or a direction prompt without its direction, in French", async () => {
    const { app } = get();
    const malformed = await call(app, "POST", "/api/prompts", hrAgent, {
      title: "Cassé",
      body: "Bonjour {{Nom Complet}}",
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, "prompt_template_invalid");
    assert.match(malformed.json().error.message, /Nom Complet/);
    const unclosed = await call(app, "POST", "/api/prompts", hrAgent, {
      title: "Cassé",
      body: "Bonjour {{nom",
    });
    assert.equal(unclosed.json().error.code, "prompt_template_invalid");
    const noDirection = await call(app, "POST", "/api/prompts", referent, {
      ...HR_PROMPT,
      scope: "direction",
    });
    assert.equal(noDirection.statusCode, 400);
    assert.equal(noDirection.json().error.code, "prompt_direction_required");
    const unknown = await call(app, "POST", "/api/prompts", referent, {
      ...HR_PROMPT,
      scope: "direction",
      directionId: "nulle-part",
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, "direction_not_found");
    const empty = await call(app, "POST", "/api/prompts", hrAgent, { title: "", body: "" });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.code, "invalid_request");
  });

  it("records changes to shared prompts in the audit log, without their text", async () => {
    const { app } = get();
    const edited = await call(app, "PUT", `/api/prompts/${hrPrompt}`, referent, {
      ...HR_PROMPT,
      title: "Réponse à une demande de congé (v2)",
      scope: "direction",
      directionId: hr,
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().useCount, 1, "an edit keeps the count");
    assert.equal((await call(app, "DELETE", `/api/prompts/${hrPrompt}`, referent)).statusCode, 204);
    const response = await call(app, "GET", "/api/audit?limit=500", auditor);
    assert.equal(response.statusCode, 200, response.body);
    const entries = (
      response.json().entries as {
        action: string;
        target: string | null;
        details: Record<string, unknown> | null;
      }[]
    ).filter((entry) => entry.target === hrPrompt);
    assert.deepEqual(entries.map((entry) => entry.action).sort(), [
      "prompt.created",
      "prompt.deleted",
      "prompt.updated",
    ]);
    const updated = entries.find((entry) => entry.action === "prompt.updated");
    assert.deepEqual(updated?.details?.changed, ["title"]);
    assert.doesNotMatch(JSON.stringify(entries), /congé|gestionnaire/);
    assert.deepEqual(entries.find((entry) => entry.action === "prompt.created")?.details, {
      scope: "direction",
      directionId: hr,
    });
  });
});
