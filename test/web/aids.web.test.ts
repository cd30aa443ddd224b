import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { App } from "../../src/app.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn, waitForPage } from "../support/browser.js";

/** Twelve invented schemes, one per line (see test/fixtures/aids/README.md). */
const FIXTURE = fileURLToPath(new URL("../fixtures/aids/aides-inventees.jsonl", import.meta.url));
const LINES = readFileSync(FIXTURE, "utf8").trim().split("\n");
const BAFA = "Aide au BAFA en Haute-Savoie";
const QUESTION = "J'ai 19 ans, j'habite à Annecy, y a-t-il une aide pour le BAFA ?";

let folder = "";
const file = (name: string) => path.join(folder, name);

before(() => {
  folder = mkdtempSync(path.join(tmpdir(), "beffroi-web-aids-"));
  // A valid first line, then a scheme without its title: refused whole, by line and field.
  writeFileSync(
    file("sans-titre.jsonl"),
    `${LINES[0]}\n{"id": "sans-titre", "institution": "Ville fictive", "institution_type": "commune", "conditions": [], "conditions_generales": []}\n`,
  );
  // The fixture without one scheme: kept by a plain import, removed by a replacing one.
  writeFileSync(
    file("sans-insertion.jsonl"),
    `${LINES.filter((line) => !line.includes('"id": "insertion-rsa"')).join("\n")}\n`,
  );
});
after(() => rmSync(folder, { recursive: true, force: true }));

/** Until every scheme's document of the base has been ingested (the worker also runs in the background). */
async function ingested(app: App, baseId: string): Promise<void> {
  for (let round = 0; round < 200; round += 1) {
    await app.services.worker.drain();
    const states = await app.services.aids.documentStates("cli", baseId);
    if (states.queued + states.processing === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the schemes' documents were not ingested");
}

describeBrowser("web page: aid schemes", (get) => {
  test("a referent imports an aid file through the form: a malformed file is refused by line, then counts", async () => {
    const { app } = get();
    await seedUser(app, "referente.aides@ville.example", ["referent"], "Solidarités > Jeunesse");
    const page = await get().page();
    await signIn(page, "referente.aides@ville.example");
    await page.getByRole("link", { name: "Bases de connaissances" }).click();
    await page.getByRole("link", { name: "Créer une base" }).click();
    await page.getByLabel("Nom de la base").fill("Aides aux jeunes");
    await page.getByRole("button", { name: "Créer la base" }).click();
    await page.getByRole("heading", { level: 1, name: "Aides aux jeunes" }).waitFor();

    await page.getByRole("link", { name: "Aides", exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Importer des aides" }).waitFor();
    assert.match(page.url(), /\/bases\/[^/]+\/aides$/);
    await page
      .getByText(
        "Cette base ne contient encore aucune aide. Importez un fichier d'aides ci-dessous pour la remplir.",
      )
      .waitFor();
    await expectAccessible(page, "an aids section with no aid");

    // No file chosen: said on the field, which takes the focus.
    const input = page.getByLabel("Fichier d'aides (JSONL)");
    const importButton = page.getByRole("button", { name: "Importer", exact: true });
    await importButton.click();
    await page.getByText("Choisissez un fichier d'aides (.jsonl).").waitFor();
    assert.equal(await input.getAttribute("aria-invalid"), "true");

    // A malformed file: refused whole, the line and the field named; the notice takes the focus.
    await input.setInputFiles(file("sans-titre.jsonl"));
    await importButton.click();
    const refusal = page.getByRole("alert");
    await refusal.waitFor();
    assert.match(
      (await refusal.textContent()) ?? "",
      /Ligne 2, champ « title » : champ obligatoire manquant\. Rien n'a été importé/,
    );
    await waitForPage(
      page,
      "document.activeElement?.querySelector('[role=alert]')?.textContent.includes('Ligne 2')",
    );
    assert.equal(await page.getByText("Cette base ne contient encore aucune aide.").count(), 1);
    await expectAccessible(page, "a refused aid file");

    // The twelve schemes: what happened, in words, and the count.
    await input.setInputFiles(FIXTURE);
    await importButton.click();
    await page
      .getByRole("status")
      .filter({
        hasText: "12 aides lues dans le fichier : 12 ajoutées, 0 mise à jour, 0 inchangée.",
      })
      .waitFor();
    await page.getByText("Cette base contient 12 aides.").waitFor();
    assert.equal(await refusal.count(), 0);
    await expectAccessible(page, "an imported aid file");

    // Without "Remplacer", a scheme left out of the file is kept; with it, it is removed.
    await input.setInputFiles(file("sans-insertion.jsonl"));
    await importButton.click();
    await page
      .getByText("11 aides lues dans le fichier : 0 ajoutée, 0 mise à jour, 11 inchangées.")
      .waitFor();
    await page
      .getByText("1 aide déjà importée est absente du fichier : elle est conservée.", {
        exact: false,
      })
      .waitFor();
    await page.getByText("Cette base contient 12 aides.").waitFor();
    await input.setInputFiles(file("sans-insertion.jsonl"));
    await page.getByRole("checkbox", { name: "Remplacer les aides absentes du fichier" }).check();
    await importButton.click();
    await page.getByText("1 aide absente du fichier a été retirée de la base.").waitFor();
    await page.getByText("Cette base contient 11 aides.").waitFor();
    await expectAccessible(page, "a replacing import");
  });

  test("an agent of the base's readers finds the aids that fit a person, and those set apart", async () => {
    const { app } = get();
    await seedUser(app, "agent.accueil@ville.example", ["agent"], "Solidarités > Accueil");
    const owner = await app.services.directions.find("Solidarités > Accueil");
    assert.ok(owner);
    const base = await app.services.knowledge.create("cli", {
      name: "Aides du point info jeunesse",
      description: "",
      ownerDirectionId: owner.id,
      readers: [],
      personalData: "quarantine",
    });
    await app.services.aids.import("cli", base.id, { bytes: readFileSync(FIXTURE) });
    await ingested(app, base.id);

    const page = await get().page();
    await signIn(page, "agent.accueil@ville.example");
    await page.getByRole("link", { name: "Bases de connaissances" }).click();
    await page.getByRole("link", { name: "Aides du point info jeunesse" }).click();
    await page.getByRole("link", { name: "Aides", exact: true }).click();
    await page
      .getByRole("heading", { level: 2, name: "Trouver les aides d'une personne" })
      .waitFor();
    await page.getByText("Cette base contient 12 aides.").waitFor();
    // Reading is not managing: no import form.
    assert.equal(await page.getByRole("heading", { name: "Importer des aides" }).count(), 0);
    assert.equal(await page.getByLabel("Fichier d'aides (JSONL)").count(), 0);
    await page.getByText(/Un assistant pour les agents, pas une décision/).waitFor();
    await expectAccessible(page, "the aid finder");

    // The question alone: the situation as read, the BAFA aid first, what fits and what to check.
    await page.getByLabel("Question de la personne").fill(QUESTION);
    const findButton = page.getByRole("button", { name: "Chercher les aides" });
    await findButton.click();
    const results = page.getByRole("heading", { level: 3, name: "Aides qui peuvent convenir" });
    await results.waitFor();
    await waitForPage(page, "document.activeElement?.textContent === 'Aides qui peuvent convenir'");
    await page
      .getByText("Situation lue : âge 19 ans ; lieu Annecy (commune 74010) ; statut non précisé.")
      .waitFor();
    await page
      .getByRole("status")
      .filter({ hasText: /aides? peu(t|vent) convenir/ })
      .waitFor();
    const found = page.locator("ol.kb-aids > li");
    const first = found.first();
    assert.equal(await first.getByRole("heading", { level: 4 }).textContent(), BAFA);
    assert.match((await first.textContent()) ?? "", /À vérifier/);
    assert.match((await first.textContent()) ?? "", /Montant : 109 € en une fois/);
    const fits = first.locator(".kb-aid-reasons").filter({ hasText: "Ce qui convient :" });
    assert.deepEqual(await fits.getByRole("listitem").allTextContents(), [
      "16 ans et plus",
      "département 74",
    ]);
    const toCheck = first
      .locator(".kb-aid-reasons")
      .filter({ hasText: "À vérifier avec la personne :" });
    assert.deepEqual(await toCheck.getByRole("listitem").allTextContents(), [
      "Avoir commencé une formation au BAFA.",
    ]);
    // The official link leaves Beffroi, in a new tab, and says so to screen readers.
    const link = first.getByRole("link", {
      name: `Voir la fiche officielle de « ${BAFA} » (site extérieur à Beffroi, s'ouvre dans un nouvel onglet)`,
    });
    assert.equal(await link.getAttribute("href"), "https://caf.example/bafa");
    assert.equal(await link.getAttribute("target"), "_blank");
    assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
    await expectAccessible(page, "aids found for a question");

    // Fifteen: the same aid is set apart, with the reason.
    await page.getByLabel("Âge (facultatif)").fill("15");
    await findButton.click();
    await page
      .getByText("Situation lue : âge 15 ans ; lieu Annecy (commune 74010) ; statut non précisé.")
      .waitFor();
    await page.getByRole("heading", { level: 3, name: "Aides écartées" }).waitFor();
    const setApart = page.locator("ul.kb-aids > li").filter({
      has: page.getByRole("heading", { level: 4, name: BAFA }),
    });
    const reasons = setApart.locator(".kb-aid-reasons").filter({
      hasText: "Pourquoi elle est écartée :",
    });
    assert.match((await reasons.textContent()) ?? "", /16 ans/);
    assert.equal(
      await found.filter({ has: page.getByRole("heading", { level: 4, name: BAFA }) }).count(),
      0,
    );
    await expectAccessible(page, "an aid set apart");

    // The form alone: a place, an age and a status, as checked boxes.
    await page.getByLabel("Question de la personne").fill("");
    await page.getByLabel("Âge (facultatif)").fill("20");
    await page.getByLabel("Commune, code postal ou département (facultatif)").fill("74010");
    await page
      .getByRole("group", { name: "Situation (facultatif)" })
      .getByRole("checkbox", { name: "Étudiant" })
      .check();
    await findButton.click();
    await page
      .getByText("Situation lue : âge 20 ans ; lieu Annecy (commune 74010) ; statut étudiant.")
      .waitFor();
    assert.ok((await found.count()) > 0);
    await expectAccessible(page, "aids found for a form");

    // Nothing the base's aids answer, from a place that is none: a clear empty state, the place
    // said as not recognised.
    await page.getByLabel("Question de la personne").fill("xylophone quantique");
    await page.getByLabel("Âge (facultatif)").fill("");
    await page.getByLabel("Commune, code postal ou département (facultatif)").fill("Atlantide");
    await page.getByRole("checkbox", { name: "Étudiant" }).uncheck();
    await findButton.click();
    await page
      .getByText(
        "Situation lue : âge non précisé ; lieu « Atlantide » non reconnu (aucune commune, aucun département ni aucune région de ce nom) ; statut non précisé.",
      )
      .waitFor();
    await page.getByText("Aucune aide de la base ne convient à cette situation.").first().waitFor();
    assert.equal(await found.count(), 0);
    await expectAccessible(page, "no aid found");

    // An age out of range is said on its field, before anything is sent.
    const ageField = page.getByLabel("Âge (facultatif)");
    await ageField.fill("130");
    await findButton.click();
    await page.getByText("Indiquez un âge en années, de 0 à 120.").waitFor();
    assert.equal(await ageField.getAttribute("aria-invalid"), "true");
    await waitForPage(page, "document.activeElement?.type === 'number'");
    await ageField.fill("");

    // An empty form: the server's French refusal, which takes the focus.
    await page.getByLabel("Question de la personne").fill("");
    await page.getByLabel("Commune, code postal ou département (facultatif)").fill("");
    await findButton.click();
    const refusal = page.getByRole("alert");
    await refusal.waitFor();
    assert.equal(
      await refusal.textContent(),
      "Dites ce que cherche la personne (une question) ou sa situation (âge, lieu ou statut).",
    );
    await waitForPage(page, "document.activeElement?.querySelector('[role=alert]') !== null");
    assert.equal(await results.count(), 0);
    await expectAccessible(page, "an empty aid request");
  });
});
