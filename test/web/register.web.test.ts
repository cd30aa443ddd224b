import assert from "node:assert/strict";
import { test } from "node:test";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn } from "../support/browser.js";

/**
 * The observatory's pages served as documents: the public register of use
 * cases, read with no account, and the monthly report in HTML, read by an
 * administrator. Both are read by Chromium as a resident or an elected
 * official would, and checked for accessibility.
 */
describeBrowser("web page: the public register and the monthly report", (get) => {
  test("a resident reads the register with no account: a heading per use case in service, accessible", async () => {
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
    // Nothing asks to sign in: the page is the register itself, not the application's.
    assert.equal(await page.getByLabel("Mot de passe").count(), 0);
    await expectAccessible(page, "the public register");
  });

  test("an administrator reads this month's report in HTML: its title, its figures' tables, accessible", async () => {
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
    assert.ok((await page.getByRole("table").count()) >= 1, "a table beside each chart");
    await expectAccessible(page, "the monthly report");
  });
});
