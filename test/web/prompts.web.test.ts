import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { Principal } from "../../src/identity/principal.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn } from "../support/browser.js";

const AGENT = "agent.accueil@ville.example";
const BODY =
  "Relis ce courrier destiné à un usager : signale les fautes et les phrases trop longues.\n{{courrier}}";

describeBrowser("web page: prompt library", (get) => {
  let agent: Principal;
  let promptId = "";

  before(async () => {
    const { app } = get();
    const admin = await seedUser(app, "dsi@ville.example", ["admin"], "DSI");
    const user = await seedUser(app, AGENT, ["agent"], "Accueil");
    const curator = {
      userId: admin.id,
      displayName: "dsi",
      email: "dsi@ville.example",
      directionId: null,
      directionPath: "DSI",
      roles: ["admin"],
      permissions: ["chat", "assistants:write"],
      via: "cli",
    } satisfies Principal;
    agent = { ...curator, userId: user.id, roles: ["agent"], permissions: ["chat"] };
    const shared = await app.services.prompts.create(curator, {
      title: "Relire un courrier",
      body: BODY,
      example: "courrier = un courrier de relance pour une facture de cantine",
      scope: "collectivite",
      directionId: null,
    });
    promptId = shared.id;
    await app.services.prompts.create(curator, {
      title: "Ordre du jour d'une réunion",
      body: "Propose un ordre du jour pour une réunion de service d'une heure.",
      example: "",
      scope: "collectivite",
      directionId: null,
    });
  });

  test("an agent finds a prompt, fills its variable, and finds it in the composer of a new conversation", async () => {
    const { app } = get();
    const page = await get().page();
    await signIn(page, AGENT);
    await page.getByRole("link", { name: "Bibliothèque de prompts" }).click();
    await page.getByRole("heading", { level: 1, name: "Bibliothèque de prompts" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Bien rédiger un prompt" }).waitFor();
    assert.match(
      (await page.locator(".prompts-guide").textContent()) ?? "",
      /données personnelles/,
    );
    await page.getByRole("article").nth(1).waitFor();
    await expectAccessible(page, "prompt library");

    await page.getByLabel("Rechercher").fill("COURRIER");
    await page.getByRole("status").filter({ hasText: "1 prompt trouvé." }).waitFor();
    assert.deepEqual(await page.getByRole("article").locator("h3").allTextContents(), [
      "Relire un courrier",
    ]);
    await page.getByRole("button", { name: "Utiliser « Relire un courrier »" }).click();
    const dialog = page.getByRole("dialog", { name: "Utiliser « Relire un courrier »" });
    await dialog.getByRole("button", { name: "Mettre dans mon message" }).click();
    await dialog.getByText("Remplissez ce champ.").waitFor();
    // The empty field takes the focus.
    await dialog.getByLabel("Courrier").and(page.locator(":focus")).waitFor({ timeout: 3000 });
    await expectAccessible(page, "variables form");
    await dialog.getByLabel("Courrier").fill("Madame, votre dossier est complet.");
    await dialog.getByRole("button", { name: "Mettre dans mon message" }).click();

    await page.waitForURL((url) => url.pathname === "/");
    const composer = page.getByLabel("Votre message", { exact: true });
    await composer.waitFor();
    assert.equal(
      await composer.inputValue(),
      BODY.replace("{{courrier}}", "Madame, votre dossier est complet."),
    );
    assert.equal((await app.services.prompts.get(agent, promptId)).useCount, 1);
    await expectAccessible(page, "new conversation with the prompt");
  });

  test("an agent rates a prompt, and puts one in the composer of the conversation they had open", async () => {
    const { app } = get();
    const conversation = await app.services.conversations.create(agent, {
      title: "Courriers de la semaine",
    });
    const page = await get().page();
    await signIn(page, AGENT);
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
    await page.goto(`/conversations/${conversation.id}`);
    await page.getByRole("link", { name: "Bibliothèque de prompts" }).click();
    await page.getByRole("heading", { level: 1, name: "Bibliothèque de prompts" }).waitFor();

    const card = page.getByRole("article", { name: "Ordre du jour d'une réunion" });
    await card.getByLabel("Votre note").selectOption({ label: "4 sur 5" });
    await page.getByRole("status").filter({ hasText: "Votre note est enregistrée." }).waitFor();
    await card.getByText("Note moyenne 4 sur 5 (1 avis)").waitFor();

    await page.getByLabel("Portée").selectOption({ label: "Les miens" });
    await page.getByText("Aucun prompt ne correspond.").waitFor();
    await page.getByRole("button", { name: "Proposer un prompt" }).click();
    const form = page.getByRole("dialog", { name: "Proposer un prompt" });
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await form.getByText("Ce champ est obligatoire.").first().waitFor();
    await expectAccessible(page, "prompt form");
    await form.getByLabel("Titre").fill("Réponse courte");
    await form.getByLabel("Texte du prompt").fill("Réponds en trois lignes à {{destinataire}}.");
    assert.deepEqual(
      await form.getByLabel("Partager avec").locator("option").allTextContents(),
      ["Moi seul"],
      "an agent shares nothing",
    );
    await form.getByRole("button", { name: "Enregistrer" }).click();
    const own = page.getByRole("article", { name: "Réponse courte" });
    await own.getByText("Personnel").waitFor();
    await own.getByText("Variables : destinataire").waitFor();
    await page.getByLabel("Portée").selectOption({ label: "Toute la collectivité" });
    await card.getByRole("button", { name: "Utiliser « Ordre du jour d'une réunion »" }).click();
    await page
      .getByRole("dialog", { name: "Utiliser « Ordre du jour d'une réunion »" })
      .getByRole("button", { name: "Mettre dans mon message" })
      .click();
    await page.waitForURL((url) => url.pathname === `/conversations/${conversation.id}`);
    const composer = page.getByLabel("Votre message", { exact: true });
    await composer.waitFor();
    assert.equal(
      await composer.inputValue(),
      "Propose un ordre du jour pour une réunion de service d'une heure.",
    );
    // Taken once: the new conversation's composer stays empty.
    await page.goto("/");
    await page.getByLabel("Votre message", { exact: true }).waitFor();
    assert.equal(await page.getByLabel("Votre message", { exact: true }).inputValue(), "");
  });
});
