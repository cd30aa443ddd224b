import assert from "node:assert/strict";
import { before, test } from "node:test";
import { sql } from "kysely";
import { FIXTURES } from "../http/usecase-values.js";
import { call, seedUser } from "../support/apps.js";
import {
  describeBrowser,
  expectAccessible,
  expectTexts,
  signIn,
  upstreamProvider,
} from "../support/browser.js";
import { castOf } from "../support/cast.js";

/** Five agents: as many as the charter's threshold, so that their use case's figures are shown. */
const AGENTS = ["clair1", "clair2", "clair3", "clair4", "clair5"];
const USE_CASE = "langage-clair";

/**
 * The observatory's pages served as documents, on a journal filled by real
 * turns (five agents each run the plain-language use case through the whole
 * pipeline): the public register of use cases, read with no account, and
 * the monthly report in HTML, read by an administrator. Both are read by
 * Chromium as a resident or an elected official would; their figures are
 * those the journal holds, and they are accessible.
 */
describeBrowser("web page: the public register and the monthly report", (get) => {
  upstreamProvider(get);
  const cast = castOf(() => get().app);

  before(async () => {
    const { app } = get();
    for (const who of AGENTS) await seedUser(app, `${who}@ville.example`, ["agent"], "Accueil");
    await cast.signIn(AGENTS);
    for (const who of AGENTS) {
      const run = await call(app, "POST", `/api/usecases/${USE_CASE}/run`, cast.as(who), {
        values: FIXTURES[USE_CASE]?.values,
      });
      assert.equal(run.statusCode, 200, run.body);
    }
  });

  /** The journal's records, counted by SQL: all of them, or one use case's. */
  const turns = async (useCase?: string) => {
    const { rows } = await sql<{ turns: number }>`
      select count(*) as turns from usage_records
      ${useCase ? sql`where use_case_id = ${useCase}` : sql``}`.execute(get().app.store.db);
    return Number(rows[0]?.turns ?? 0);
  };

  test("a resident reads the register with no account: every use case in service, the figures the journal holds, accessible", async () => {
    const { app } = get();
    const page = await get().page();
    const response = await page.goto("/registre");
    assert.equal(response?.status(), 200);
    await page
      .getByRole("heading", { level: 1, name: /^Registre des traitements algorithmiques/ })
      .waitFor();
    const useCases = await app.services.useCases.list();
    assert.ok(useCases.length >= 5, "the shipped catalogue");
    for (const useCase of useCases)
      await page.getByRole("heading", { level: 2, name: useCase.name, exact: true }).waitFor();
    // The plain-language use case's impact: its five agents' requests, as the journal counts them.
    const ran = await turns(USE_CASE);
    assert.equal(ran, AGENTS.length);
    const name = useCases.find((useCase) => useCase.id === USE_CASE)?.name ?? USE_CASE;
    const sheet = page.getByRole("table", { name: new RegExp(`« ${name} »`) });
    await sheet.getByText(`Demandes : ${ran}`, { exact: true }).waitFor();
    // Nothing asks to sign in, and no agent is named.
    assert.equal(await page.getByLabel("Mot de passe").count(), 0);
    assert.equal(await page.getByText("clair1").count(), 0);
    await expectAccessible(page, "the public register");
  });

  test("an administrator reads this month's report in HTML: the journal's requests, its tables, accessible", async () => {
    const { app } = get();
    await seedUser(app, "dsi.rapport@ville.example", ["admin"]);
    const page = await get().page();
    await signIn(page, "dsi.rapport@ville.example");
    // Signed in once the start page shows: the session's cookie is set.
    await page.getByRole("heading", { name: "Nouvelle conversation", level: 1 }).waitFor();
    const month = new Date().toISOString().slice(0, 7);
    const response = await page.goto(`/api/observatory/report?month=${month}&format=html`);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()["content-type"] ?? "", /^text\/html/);
    await page
      .getByRole("heading", { level: 1, name: /^Rapport mensuel de l'observatoire/ })
      .waitFor();
    const requests = page
      .getByRole("row", { name: /^Demandes / })
      .first()
      .getByRole("cell");
    await expectTexts(requests, [String(await turns())]);
    assert.ok((await page.getByRole("table").count()) >= 3, "a table beside each chart");
    await expectAccessible(page, "the monthly report");
  });
});
