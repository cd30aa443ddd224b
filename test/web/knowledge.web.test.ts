import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn, waitForPage } from "../support/browser.js";

const HORAIRES = `# Horaires de la médiathèque

## Ouverture
La médiathèque Jules-Verne est ouverte le mardi de 13 h à 19 h, le mercredi de 10 h à 18 h et le samedi de 10 h à 17 h.

## Fermetures
Elle est fermée au mois d'août et les jours fériés.
`;

const LISEUSES = `Prêt de liseuses

Les abonnés majeurs peuvent emprunter une liseuse pour trois semaines. La liseuse est remise chargée, avec une housse et un câble. Une caution de 50 € est demandée.
`;

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
]);

/** A fictional NIR: 13 digits and their key, 97 − (number mod 97). */
const NIR_DIGITS = "2840575123456";
const NIR = `2 84 05 75 123 456 ${String(97n - (BigInt(NIR_DIGITS) % 97n)).padStart(2, "0")}`;

/** A fictional agent's file: a named person, her NIR, her illness, her e-mail. */
const DOSSIER = `# Suivi des agents

## Situation de Mme Odile Ferrand
Mme Odile Ferrand, numéro de sécurité sociale ${NIR}, est en arrêt maladie depuis mars. Écrire à odile.ferrand@mairie.example pour le suivi du dossier de reprise.
`;

let folder = "";
const file = (name: string) => path.join(folder, name);

before(() => {
  folder = mkdtempSync(path.join(tmpdir(), "beffroi-web-kb-"));
  writeFileSync(file("horaires-mediatheque.md"), HORAIRES);
  writeFileSync(file("liseuses.txt"), LISEUSES);
  // A PDF by its first bytes, garbage after them: ingestion refuses it as unreadable.
  writeFileSync(
    file("budget.pdf"),
    Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(300, 0x41)]),
  );
  writeFileSync(file("photo.png"), PNG);
});
after(() => rmSync(folder, { recursive: true, force: true }));

describeBrowser("web page: knowledge bases", (get) => {
  test("a referent creates a base for another direction, uploads, searches, sees a failure, deletes a document", async () => {
    const { app } = get();
    await app.services.directions.add("Sports");
    await seedUser(app, "referente.kb@ville.example", ["referent"], "Culture > Médiathèque");
    const page = await get().page();
    await signIn(page, "referente.kb@ville.example");
    await page.getByRole("link", { name: "Bases de connaissances" }).click();
    await page.getByRole("heading", { level: 1, name: "Bases de connaissances" }).waitFor();
    await page.getByRole("link", { name: "Accueil de la mairie (démo)" }).waitFor();
    await expectAccessible(page, "the list of bases");

    await page.getByRole("link", { name: "Créer une base" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Créer une base de connaissances" })
      .waitFor();
    await expectAccessible(page, "the new base form");

    // A name the API refuses: the error is shown on the field, which says it is invalid.
    const name = page.getByLabel("Nom de la base");
    await name.fill("?? Fiches");
    await page.getByRole("button", { name: "Créer la base" }).click();
    await page.getByRole("alert").waitFor();
    assert.equal(await name.getAttribute("aria-invalid"), "true");
    const describedBy = (await name.getAttribute("aria-describedby")) ?? "";
    const fieldError = page.locator(".field-error");
    assert.ok(describedBy.includes((await fieldError.getAttribute("id")) ?? "none"));
    assert.match((await fieldError.textContent()) ?? "", /lettres, chiffres/);
    await expectAccessible(page, "the new base form with a field in error");

    await name.fill("Fiches de la médiathèque");
    await page
      .getByLabel("Description (facultative)")
      .fill("Ce que les agents d'accueil disent aux usagers");
    await page.getByRole("checkbox", { name: "Sports", exact: true }).check();
    await page.getByRole("radio", { name: "Pseudonymiser" }).check();
    await page.getByRole("button", { name: "Créer la base" }).click();
    await page.getByRole("heading", { level: 1, name: "Fiches de la médiathèque" }).waitFor();
    await page.getByText("Cette base ne contient encore aucun document.").waitFor();
    assert.match((await page.locator(".kb-facts").textContent()) ?? "", /Lecteurs : Sports/);
    await expectAccessible(page, "an empty base");

    // Two files at once: the progress bar, then both documents ready.
    await page
      .getByLabel("Fichiers à déposer")
      .setInputFiles([file("horaires-mediatheque.md"), file("liseuses.txt")]);
    await page.getByRole("button", { name: "Déposer", exact: true }).click();
    const progress = page.getByRole("progressbar", { name: "Progression de l'envoi" });
    await progress.waitFor();
    await page.locator(".kb-progress-text", { hasText: "100 % envoyés" }).waitFor();
    assert.equal(await progress.getAttribute("value"), "100");
    await page.getByText("2 fichiers reçus : ils sont en cours de traitement.").waitFor();
    const rows = page.getByRole("table").getByRole("row");
    await rows
      .filter({ hasText: /Horaires/ })
      .getByText("Prêt", { exact: true })
      .waitFor();
    await rows
      .filter({ hasText: /liseuses/i })
      .getByText("Prêt", { exact: true })
      .waitFor();
    await expectAccessible(page, "a base with two ready documents");

    // A search finds the word in the one document that holds it, highlighted.
    await page.getByRole("link", { name: "Rechercher", exact: true }).click();
    await page.getByLabel("Mots ou question").fill("caution");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    const hits = page.locator(".kb-hit");
    await hits.first().waitFor();
    assert.equal(await hits.count(), 1);
    assert.match((await hits.first().textContent()) ?? "", /liseuses\.txt/);
    assert.equal(await hits.first().locator("mark").first().textContent(), "caution");
    await page
      .getByRole("status")
      .filter({ hasText: "1 passage trouvé pour « caution »" })
      .waitFor();
    await expectAccessible(page, "search results");

    // A corrupt PDF fails with its reason; an image is refused by name at once.
    await page.getByRole("link", { name: "Documents", exact: true }).click();
    await page
      .getByLabel("Fichiers à déposer")
      .setInputFiles([file("budget.pdf"), file("photo.png")]);
    await page.getByRole("button", { name: "Déposer", exact: true }).click();
    const refusal = page.getByRole("alert");
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? "", /« photo\.png » : .*non pris en charge/i);
    const budget = rows.filter({ hasText: "budget.pdf" });
    await budget.getByText("Échec", { exact: true }).waitFor();
    assert.match((await budget.textContent()) ?? "", /illisible ou endommagé/);
    await expectAccessible(page, "a base with a failed document");

    // Every document read: the list stops refreshing.
    await waitForPage(
      page,
      "!/En attente|En cours de traitement/.test(document.querySelector('#kb-documents-title')?.closest('section')?.textContent ?? '')",
    );
    // Deleting asks first, in a dialog; the document then leaves the list.
    const deleteBudget = page.getByRole("button", { name: "Supprimer budget.pdf" });
    await deleteBudget.click();
    const dialog = page.getByRole("dialog", { name: "Supprimer le document « budget.pdf » ?" });
    await dialog.waitFor();
    // It opens on the safe answer: Enter never deletes by reflex.
    await waitForPage(page, "document.activeElement?.textContent === 'Annuler'");
    await expectAccessible(page, "the delete confirmation");
    // Escape closes it and gives the focus back to the button that opened it.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    assert.equal(
      await page.evaluate("document.activeElement.getAttribute('aria-label')"),
      "Supprimer budget.pdf",
    );
    await deleteBudget.press("Enter");
    await dialog.waitFor();
    // Closed and reopened faster than the browser sends its close event (queued until a later
    // frame): that late event leaves the reopened dialog open.
    const stillOpen = await page.evaluate(`(async () => {
      document.querySelector("dialog[open]").close();
      document.querySelector('[aria-label="Supprimer budget.pdf"]').click();
      for (let frame = 0; frame < 3; frame++) await new Promise(requestAnimationFrame);
      await new Promise((done) => setTimeout(done, 50));
      return document.querySelector("dialog[open]")?.textContent ?? "";
    })()`);
    assert.match(String(stillOpen), /Supprimer le document « budget\.pdf » \?/);
    await dialog.getByRole("button", { name: "Supprimer", exact: true }).click();
    await page.getByText("Le document « budget.pdf » a été supprimé.").waitFor();
    assert.equal(await budget.count(), 0);
    // Its row and button are gone: the focus lands on the list's heading, not on the page's body.
    await waitForPage(page, "document.activeElement?.id === 'kb-documents-title'");
    assert.equal(await rows.filter({ hasText: /liseuses/i }).count(), 1);

    // The audit names the refused image; the quarantine is empty; access can be changed.
    await page.getByRole("link", { name: "Qualité" }).click();
    await page.getByRole("heading", { level: 2, name: "Qualité de la base" }).waitFor();
    await page.locator(".kb-finding").filter({ hasText: "photo.png" }).first().waitFor();
    await expectAccessible(page, "the quality audit");
    await page.getByRole("link", { name: "Quarantaine" }).click();
    await page.getByText("Aucun document en quarantaine.").waitFor();
    await expectAccessible(page, "an empty quarantine");
    await page.getByRole("link", { name: "Accès" }).click();
    await page.getByRole("heading", { level: 2, name: "Accès à la base" }).waitFor();
    assert.equal(
      await page.getByRole("checkbox", { name: "Sports", exact: true }).isChecked(),
      true,
    );
    await page.getByRole("checkbox", { name: "Référents" }).check();
    await page.getByRole("button", { name: "Enregistrer l'accès" }).click();
    await page.getByText("Accès enregistré.").waitFor();
    assert.match(
      (await page.locator(".kb-facts").textContent()) ?? "",
      /Référents, Sports|Sports, Référents/,
    );
    await expectAccessible(page, "the access form");
  });

  test("an agent reads the bases open to their direction only, with no control to change them", async () => {
    const { app } = get();
    const owner = await app.services.directions.add("Urbanisme");
    const reader =
      (await app.services.directions.find("Jeunesse")) ??
      (await app.services.directions.add("Jeunesse"));
    const base = await app.services.knowledge.create("cli", {
      name: "Instruction des permis",
      description: "",
      ownerDirectionId: owner.id,
      readers: [{ kind: "direction", value: reader.id }],
      personalData: "quarantine",
    });
    await seedUser(app, "agent.jeunesse@ville.example", ["agent"], "Jeunesse");
    await seedUser(app, "agent.finances@ville.example", ["agent"], "Finances");

    const outsider = await get().page();
    await signIn(outsider, "agent.finances@ville.example");
    await outsider.getByRole("link", { name: "Bases de connaissances" }).click();
    await outsider.getByRole("link", { name: "Accueil de la mairie (démo)" }).waitFor();
    assert.equal(await outsider.getByRole("link", { name: "Instruction des permis" }).count(), 0);
    assert.equal(await outsider.getByRole("link", { name: "Créer une base" }).count(), 0);
    // Its address does not reveal it either.
    await outsider.goto(`/bases/${base.id}`);
    await outsider.getByText(/Base de connaissances introuvable/).waitFor();
    await expectAccessible(outsider, "a base one may not read");

    const agent = await get().page();
    await signIn(agent, "agent.jeunesse@ville.example");
    await agent.getByRole("link", { name: "Bases de connaissances" }).click();
    await agent.getByRole("link", { name: "Instruction des permis" }).click();
    await agent.getByRole("heading", { level: 1, name: "Instruction des permis" }).waitFor();
    await agent.getByText("Cette base ne contient encore aucun document.").waitFor();
    await agent.goto("/bases");
    await agent.getByRole("link", { name: "Accueil de la mairie (démo)" }).click();
    await agent.getByRole("heading", { level: 1, name: "Accueil de la mairie (démo)" }).waitFor();
    await agent.getByRole("table").getByText("Prêt", { exact: true }).first().waitFor();
    assert.equal(await agent.getByLabel("Fichiers à déposer").count(), 0);
    assert.equal(await agent.getByRole("button", { name: /Supprimer/ }).count(), 0);
    assert.equal(await agent.getByRole("link", { name: "Accès" }).count(), 0);
    assert.equal(await agent.getByRole("link", { name: "Qualité" }).count(), 0);
    await expectAccessible(agent, "a base read by an agent");
    // The creation page is refused (the API refuses the same agent on its own).
    await agent.goto("/bases/nouvelle");
    await agent.getByRole("heading", { name: "Accès refusé" }).waitFor();
  });

  test("a referent reviews a document held in quarantine and releases it pseudonymised", async () => {
    const { app } = get();
    await seedUser(app, "referent.rh@ville.example", ["referent"], "Ressources humaines");
    const owner = await app.services.directions.find("Ressources humaines");
    assert.ok(owner);
    const base = await app.services.knowledge.create("cli", {
      name: "Dossiers RH",
      description: "",
      ownerDirectionId: owner.id,
      readers: [],
      personalData: "quarantine",
    });
    await app.services.knowledge.submit("cli", base.id, [
      { fileName: "suivi.md", bytes: new TextEncoder().encode(DOSSIER) },
    ]);
    await app.services.worker.drain();

    const page = await get().page();
    await signIn(page, "referent.rh@ville.example");
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
    await page.goto(`/bases/${base.id}`);
    const row = page.getByRole("table").getByRole("row").filter({ hasText: "suivi.md" });
    await row.getByText("En quarantaine", { exact: true }).waitFor();
    // By type, in words: never a value, never a bare code.
    assert.match(
      (await row.textContent()) ?? "",
      /Données personnelles trouvées : .*1 × numéro de sécurité sociale/,
    );
    assert.doesNotMatch((await row.textContent()) ?? "", /\bNIR\b|\bEMAIL\b/);

    await page.getByRole("link", { name: "Quarantaine" }).click();
    const held = page.locator(".kb-finding").filter({ hasText: "Suivi des agents" });
    await held.waitFor();
    const shown = (await held.textContent()) ?? "";
    // What was found, by type, and the excerpts masked: never a value.
    const excerpts = (await held.locator("blockquote").allTextContents()).join("\n");
    assert.match(excerpts, /\[NIR\]/);
    for (const value of [/Ferrand/i, /2 84 05 75/, /odile\.ferrand/i])
      assert.doesNotMatch(shown, value);
    await expectAccessible(page, "a quarantined document");

    await held.getByRole("button", { name: "Intégrer en pseudonymisant" }).click();
    await page.getByText("« suivi.md » est libéré : il va être intégré (pseudonymisé).").waitFor();
    await page.getByText("Aucun document en quarantaine.").waitFor();
    // The row and its buttons are gone: the focus goes to the section's heading.
    await waitForPage(page, "document.activeElement?.textContent === 'Documents en quarantaine'");
    await page.getByRole("link", { name: "Documents", exact: true }).click();
    await row.getByText("Prêt", { exact: true }).waitFor();
    assert.match((await row.textContent()) ?? "", /Libéré de la quarantaine \(pseudonymisé\)/);

    // Deleting the base asks first, then the list says it is gone.
    await page.getByRole("button", { name: "Supprimer la base" }).click();
    await page
      .getByRole("dialog", { name: "Supprimer la base « Dossiers RH » ?" })
      .getByRole("button", { name: "Supprimer", exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: "Bases de connaissances" }).waitFor();
    // Said in a status region that was on the page before it was filled, so that it is announced.
    await page
      .getByRole("status")
      .filter({ hasText: "La base « Dossiers RH » a été supprimée." })
      .waitFor();
    assert.equal(await page.getByRole("link", { name: "Dossiers RH" }).count(), 0);
  });
});
