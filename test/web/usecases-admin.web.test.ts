import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { before, test } from "node:test";
import type { Page } from "playwright-core";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn } from "../support/browser.js";

const ADMIN = "dsi@ville.example";
const DELIBERATION = "Délibération / rapport au conseil";

describeBrowser("web page: the use-case catalogue", (get) => {
  before(async () => {
    await seedUser(get().app, ADMIN, ["admin"], "DSI");
  });

  const open = async (): Promise<Page> => {
    const page = await get().page();
    await signIn(page, ADMIN);
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
    await page.goto("/administration");
    await page
      .getByRole("navigation", { name: "Rubriques de l'administration" })
      .getByRole("link", { name: "Cas d'usage" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Cas d'usage" }).waitFor();
    return page;
  };

  test("an administrator edits a use case: a refused file shows its line and keeps the version in force", async () => {
    const { app } = get();
    const page = await open();
    await page.getByRole("row", { name: new RegExp(DELIBERATION) }).waitFor();
    await expectAccessible(page, "use-case list");

    await page.getByRole("button", { name: `Modifier ${DELIBERATION}` }).click();
    const editor = page.getByLabel("Définition (YAML)", { exact: true });
    await editor.waitFor();
    const shipped = await editor.inputValue();
    const broken = shipped.replace(/^category: .*$/m, "category: inconnue");
    const line = broken.split("\n").findIndex((text) => text.startsWith("category:")) + 1;
    await editor.fill(broken);
    await page.getByRole("button", { name: "Enregistrer" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Le fichier n'est pas valide" });
    await alert.waitFor();
    const problem = alert.getByRole("button", {
      name: new RegExp(`^Ligne ${line}, colonne 1 category`),
    });
    await problem.waitFor();
    assert.equal(await editor.getAttribute("aria-invalid"), "true");
    await expectAccessible(page, "a refused definition");
    // The problem puts the caret on its line.
    await problem.click();
    await editor.and(page.locator(":focus")).waitFor();
    const caretLine = await editor.evaluate((area) => {
      const text = area as unknown as { value: string; selectionStart: number };
      return text.value.slice(0, text.selectionStart).split("\n").length;
    });
    assert.equal(caretLine, line);
    assert.equal((await app.services.useCases.get("deliberation")).revision, 1);

    await editor.fill(shipped.replace(/^name: .*$/m, "name: Délibération du conseil"));
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "« Délibération du conseil » enregistré : révision 2." })
      .waitFor();
    const versions = page.getByRole("table", { name: "2 versions" });
    await versions.waitFor();
    assert.match((await versions.textContent()) ?? "", /Modifié ici.*Livré avec Beffroi/s);
    await page
      .getByRole("row", { name: /Délibération du conseil/ })
      .first()
      .waitFor();
    const stored = await app.services.useCases.get("deliberation");
    assert.deepEqual([stored.revision, stored.name], [2, "Délibération du conseil"]);
    await expectAccessible(page, "a saved definition and its versions");

    // The administrator gives it to a direction, whose referents may then edit it: no new revision.
    await page
      .getByRole("region", { name: /Modifier/ })
      .getByLabel("Direction propriétaire")
      .selectOption({ label: "DSI" });
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "« Délibération du conseil » appartient désormais à : DSI." })
      .waitFor();
    const owned = await app.services.useCases.get("deliberation");
    assert.deepEqual([owned.revision, owned.ownerDirectionPath], [2, "DSI"]);
    await page
      .getByRole("row", { name: /Délibération du conseil.*DSI/ })
      .first()
      .waitFor();
  });

  test("a use case is exported as a file, imported back under another id, then deleted", async () => {
    const { app } = get();
    const page = await open();
    const download = page.waitForEvent("download");
    await page
      .getByRole("link", { name: /^Exporter .* \(YAML\)$/ })
      .first()
      .click();
    const file = await download;
    const exported = await readFile((await file.path()) ?? "", "utf8");
    const first = (await app.services.useCases.list())[0];
    assert.ok(first);
    assert.equal(file.suggestedFilename(), `${first.id}.yaml`);
    assert.equal(exported, (await app.services.useCases.export(first.id)).yaml);

    const copy = exported.replace(/^id: .*$/m, "id: copie-voisine");
    const input = page.getByLabel("Fichier de définition (YAML)");
    await page.getByRole("button", { name: "Importer" }).click();
    await page.getByText("Choisissez d'abord un fichier.").waitFor();
    await input.setInputFiles({
      name: "copie-voisine.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(copy.replace(/^fields:/m, "champs:")),
    });
    await page.getByRole("button", { name: "Importer" }).click();
    await page.getByRole("alert").filter({ hasText: "Le fichier n'est pas valide" }).waitFor();
    await expectAccessible(page, "a refused import");
    await input.setInputFiles({
      name: "copie-voisine.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(copy),
    });
    await page.getByRole("button", { name: "Importer" }).click();
    await page.getByRole("status").filter({ hasText: "importé : révision 1." }).waitFor();
    const row = page.getByRole("row", { name: /copie-voisine/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /Importé/);
    assert.equal((await app.services.useCases.export("copie-voisine")).yaml, copy);
    await expectAccessible(page, "an imported use case");

    await row.getByRole("button", { name: /^Supprimer / }).click();
    const dialog = page.getByRole("dialog", { name: /^Supprimer « .* » \?$/ });
    await dialog.getByRole("button", { name: "Supprimer" }).click();
    await row.waitFor({ state: "detached" });
    await assert.rejects(app.services.useCases.get("copie-voisine"));
    // Those shipped with Beffroi cannot be deleted: no button.
    assert.equal(
      await page
        .getByRole("row", { name: new RegExp(first.name) })
        .getByRole("button", { name: /^Supprimer / })
        .count(),
      0,
    );
  });
});
