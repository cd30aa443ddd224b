import assert from "node:assert/strict";
import { test } from "node:test";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn, upstreamProvider } from "../support/browser.js";

/** A deliberation whose legal reference is malformed: one check of the list fails. */
const ANSWER = [
  "Commune de Saint-Amand — Conseil municipal",
  "Séance du 14 mars 2025",
  "",
  "Vu l'article L2121-29 du CGTC ;",
  "",
  "Considérant que le club participe à l'animation de la commune ;",
  "",
  "**DÉCIDE :**",
  "",
  "Article 1 : Une subvention de 1 500 € est attribuée au club.",
].join("\n");

/**
 * The use cases' area: the catalogue as cards, the deliberation's form
 * generated from its fields with a French error per missing field, then
 * « Générer »: the answer, its checklist announced, the baseline beside it,
 * and a link to continue in the conversation; axe finds nothing at each step.
 */
describeBrowser("web page: running a use case", (get) => {
  const upstream = upstreamProvider(get);

  test("fill the deliberation form, generate, the checklist shows", async () => {
    await seedUser(get().app, "assemblees@ville.example", ["agent"], "Assemblées");
    const page = await get().page();
    await signIn(page, "assemblees@ville.example");
    await page.getByRole("link", { name: "Cas d'usage" }).click();
    await page.getByRole("heading", { name: "Cas d'usage", level: 1 }).waitFor();
    await expectAccessible(page, "use-case catalogue");
    await page
      .getByRole("link", { name: "Remplir le formulaire : Délibération / rapport au conseil" })
      .click();
    await page.getByRole("heading", { name: "Délibération / rapport au conseil" }).waitFor();

    await page.getByLabel("Collectivité").fill("Commune de Saint-Amand");
    await page.getByRole("button", { name: "Générer" }).click();
    await page
      .getByRole("alert")
      .getByText(/Le formulaire contient 7 erreurs/)
      .waitFor();
    const organe = page.getByLabel("Organe délibérant");
    assert.equal(await organe.getAttribute("aria-invalid"), "true");
    assert.equal(
      await page.evaluate("document.activeElement?.tagName"),
      "SELECT",
      "the first field in error takes the focus",
    );
    assert.equal(await page.getByText("Ce champ est obligatoire.").count(), 7);
    await expectAccessible(page, "use-case form with errors");

    await organe.selectOption("Conseil municipal");
    await page.getByLabel("Date de la séance").fill("2025-03-14");
    await page.getByLabel("Objet").fill("Attribution d'une subvention au club de football");
    await page.getByLabel("Rapporteur").fill("M. le premier adjoint chargé des finances");
    await page
      .getByLabel("Visas")
      .fill("le code général des collectivités territoriales, notamment son article L. 2121-29");
    await page.getByLabel("Considérants").fill("que le club participe à l'animation de la commune");
    await page
      .getByLabel("Décisions")
      .fill(
        "Une subvention de 1 500 € est attribuée au club.\nLa dépense est imputée au chapitre 65.",
      );
    upstream().script({ kind: "reply", text: ANSWER });
    await page.getByRole("button", { name: "Générer" }).click();

    const result = page.getByRole("region", { name: "Résultat", exact: true });
    await result.waitFor();
    const user = upstream().requests.at(-1)?.body.messages.at(-1)?.content ?? "";
    assert.match(user, /Date de la séance : 14 mars 2025/);
    await result.getByRole("heading", { name: "Liste de contrôle" }).waitFor();
    const checklist = result.locator(".usecase-checklist li");
    assert.equal(await checklist.count(), 6);
    assert.match(
      (await result.locator(".usecase-checklist").textContent()) ?? "",
      /À revoir.*Références aux textes/,
    );
    assert.match(
      (await page.getByRole("status").last().textContent()) ?? "",
      /Résultat prêt\. \d contrôle\(s\) réussi\(s\) sur 6\./,
    );
    await result.locator(".markdown strong", { hasText: "DÉCIDE" }).waitFor();
    const baseline = result.getByRole("region", { name: "Résultat sans IA" });
    assert.match((await baseline.textContent()) ?? "", /Article 2 : La dépense est imputée/);
    await expectAccessible(page, "use-case result");

    await result.getByRole("link", { name: "Continuer dans la conversation" }).click();
    await page.waitForURL(/\/conversations\//);
  });
});
