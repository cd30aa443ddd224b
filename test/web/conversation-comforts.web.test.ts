import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import type { App } from "../../src/app.js";
import { AssistantInput } from "../../src/assistants/index.js";
import { ProviderSchema } from "../../src/providers/index.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, focusedValue, signIn } from "../support/browser.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const ANSWER = "# Pièces à fournir\n\nUn **justificatif** récent :\n\n- une photo\n- un formulaire";
const ANSWER_TEXT = "Pièces à fournir\n\nUn justificatif récent :\n\n• une photo\n• un formulaire";
/** Health data: the balanced charter keeps it from models abroad. */
const SENSITIVE = "M. Dubois, suivi pour un cancer du pancréas, demande un aménagement de poste.";

/** Two models (the city's, one abroad) and two assistants: "Courriers" uses both, "Notes internes" the city's. */
async function withModels(app: App, url: string): Promise<void> {
  for (const [id, label, sovereignty, country, model, name] of [
    ["locale", "Serveur de la ville", "local", "FRA", "modele-local", "Modèle local"],
    [
      "outre-atlantique",
      "Nuage américain",
      "extraterritorial",
      "USA",
      "modele-lointain",
      "Modèle lointain",
    ],
  ] as const) {
    await app.services.providers.create(
      ProviderSchema.parse({
        id,
        label,
        baseUrl: url,
        sovereignty,
        country,
        models: [{ id: model, label: name }],
      }),
    );
  }
  for (const [name, preferredModels] of [
    ["Courriers", ["outre-atlantique/modele-lointain", "locale/modele-local"]],
    ["Notes internes", ["locale/modele-local"]],
  ] as const) {
    await app.services.assistants.create(
      "cli",
      AssistantInput.parse({ name, description: `${name}.`, preferredModels }),
    );
  }
}

/** What the model was sent last: the model, and the conversation's messages (no system message). */
function lastSent(upstream: OpenAiUpstream): { model: string; messages: string[] } {
  const body = upstream.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)?.body;
  return {
    model: body?.model ?? "",
    messages: ((body?.messages ?? []) as { role: string; content: string }[])
      .filter((m) => m.role !== "system")
      .map((m) => m.content),
  };
}

describeBrowser("web page: an answer's comforts", (get) => {
  let upstream: OpenAiUpstream;
  let page: Page;

  before(async () => {
    upstream = await startOpenAiUpstream();
    await withModels(get().app, upstream.url);
    await seedUser(get().app, "confort@ville.example", ["agent"], "Accueil");
    page = await get().page();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: get().url,
    });
    await signIn(page, "confort@ville.example");
    await page.getByRole("radio", { name: "Courriers" }).check();
  });
  after(() => upstream.close());

  test("copies an answer as plain text and as Markdown, and says so", async () => {
    upstream.script({ kind: "reply", text: ANSWER });
    const field = page.getByLabel("Votre message", { exact: true });
    await field.fill("Quelles pièces pour une carte d'identité ?");
    await field.press("Enter");
    const answer = page.locator(".chat-message-assistant").last();
    await answer.getByRole("heading", { name: "Pièces à fournir" }).waitFor();

    await answer.getByRole("button", { name: "Copier", exact: true }).click();
    await answer.getByRole("status").filter({ hasText: "Réponse copiée." }).waitFor();
    assert.equal(await page.evaluate("navigator.clipboard.readText()"), ANSWER_TEXT);

    await answer.getByRole("button", { name: "Copier en Markdown", exact: true }).click();
    await answer.getByRole("status").filter({ hasText: "Réponse copiée en Markdown." }).waitFor();
    assert.equal(await page.evaluate("navigator.clipboard.readText()"), ANSWER);
    await expectAccessible(page, "an answer and its actions");

    // A browser that refuses the clipboard: the page says how to copy by hand.
    await page.evaluate("navigator.clipboard.writeText = () => Promise.reject(new Error('refus'))");
    await answer.getByRole("button", { name: "Copier", exact: true }).click();
    await answer
      .getByRole("status")
      .filter({ hasText: "Le navigateur n'a pas permis la copie : sélectionnez le texte" })
      .waitFor();
  });

  test("regenerates with another allowed model, keeps both versions, and shows the first again", async () => {
    const answer = page.locator(".chat-message-assistant").last();
    const choice = answer.getByLabel("Modèle pour régénérer");
    // The question holds nothing personal: both of the assistant's models are offered.
    await answer.locator('option[value="locale/modele-local"]').waitFor({ state: "attached" });
    assert.deepEqual(await choice.locator("option").allTextContents(), [
      "Automatique (selon la charte et l'assistant)",
      "Modèle lointain (Nuage américain) — Soumis à un droit extraterritorial",
      "Modèle local (Serveur de la ville) — Hébergé par la collectivité",
    ]);
    await choice.selectOption("locale/modele-local");
    upstream.script({ kind: "reply", text: "Une seconde version de la réponse." });
    await answer.getByRole("button", { name: "Régénérer" }).click();
    await page.locator(".chat-thread").getByText("Une seconde version de la réponse.").waitFor();
    assert.equal(lastSent(upstream).model, "modele-local");
    assert.deepEqual(lastSent(upstream).messages, ["Quelles pièces pour une carte d'identité ?"]);
    const versions = page.getByRole("group", { name: "Versions de la réponse" });
    await versions.getByText("Version 2 sur 2").waitFor();
    assert.match(
      (await page.locator(".chat-answer").last().textContent()) ?? "",
      /modele-local \(Serveur de la ville\)/,
    );
    await expectAccessible(page, "a regenerated answer, version 2 of 2");

    const previous = versions.getByRole("button", { name: "Version précédente" });
    await previous.click();
    await versions.getByText("Version 1 sur 2").waitFor();
    await page.locator(".chat-answer").getByRole("heading", { name: "Pièces à fournir" }).waitFor();
    assert.equal(
      await page.locator(".chat-thread").getByText("Une seconde version de la réponse.").count(),
      0,
    );
    // The focus stays on the button; the change is announced; the first end says it is the first.
    assert.match(
      await focusedValue(page, "textContent", /Version précédente/),
      /Version précédente/,
    );
    assert.equal(await previous.getAttribute("aria-disabled"), "true");
    await page
      .locator('[role="status"].visually-hidden', { hasText: /^Version 1 sur 2 affichée/ })
      .waitFor({ state: "attached" });
    await versions.getByRole("button", { name: "Version suivante" }).press("Enter");
    await versions.getByText("Version 2 sur 2").waitFor();
    await page.locator(".chat-thread").getByText("Une seconde version de la réponse.").waitFor();
  });

  test("sends the next message to the model chosen, among those the charter allows for the draft", async () => {
    const choice = page.getByLabel("Modèle pour ce message");
    await choice.selectOption("outre-atlantique/modele-lointain");
    // Health data in the draft: the charter keeps it from the model abroad, which leaves the list.
    await page.getByLabel("Votre message", { exact: true }).fill(SENSITIVE);
    await page
      .getByText(
        "« Modèle lointain » n'est pas autorisé par la charte pour les données de ce message : le modèle sera choisi automatiquement.",
      )
      .waitFor();
    assert.equal(await choice.inputValue(), "");
    assert.deepEqual(await choice.locator("option").allTextContents(), [
      "Automatique (selon la charte et l'assistant)",
      "Modèle local (Serveur de la ville) — Hébergé par la collectivité",
    ]);

    await page.getByLabel("Votre message", { exact: true }).fill("Et pour un passeport ?");
    await choice.locator('option[value="outre-atlantique/modele-lointain"]').waitFor({
      state: "attached",
    });
    await choice.selectOption("locale/modele-local");
    upstream.script({ kind: "reply", text: "Pour un passeport, les mêmes pièces." });
    await page.getByRole("button", { name: "Envoyer", exact: true }).click();
    await page.locator(".chat-thread").getByText("Pour un passeport, les mêmes pièces.").waitFor();
    assert.equal(lastSent(upstream).model, "modele-local");
    await expectAccessible(page, "a model chosen for a message");
  });

  test("edits a sent message: Escape gives up, Enter sends it again, the earlier version stays", async () => {
    const first = page.locator(".chat-message-user").first();
    const edit = first.getByRole("button", { name: "Modifier", exact: true });
    await edit.click();
    const field = page.getByLabel("Modifier votre message");
    await field.waitFor();
    assert.equal(await field.inputValue(), "Quelles pièces pour une carte d'identité ?");
    assert.equal(await page.evaluate("document.activeElement?.tagName"), "TEXTAREA");
    await expectAccessible(page, "editing a message");
    await field.press("Escape");
    await field.waitFor({ state: "detached" });
    assert.equal(await focusedValue(page, "textContent", /^Modifier$/), "Modifier");

    await edit.click();
    await field.fill("Quelles pièces pour un passeport ?");
    upstream.script({ kind: "reply", text: "Pour un passeport : une photo récente." });
    await field.press("Enter");
    await page
      .locator(".chat-thread")
      .getByText("Pour un passeport : une photo récente.")
      .waitFor();
    // The model read the changed question alone: what followed the earlier one no longer counts.
    assert.deepEqual(lastSent(upstream).messages, ["Quelles pièces pour un passeport ?"]);
    const versions = page.getByRole("group", { name: "Versions de votre message" });
    await versions.getByText("Version 2 sur 2").waitFor();
    assert.equal(await page.locator(".chat-message").count(), 2);
    await expectAccessible(page, "an edited message, version 2 of 2");

    // The earlier version, and what followed it, come back.
    await versions.getByRole("button", { name: "Version précédente" }).click();
    await versions.getByText("Version 1 sur 2").waitFor();
    await page.locator(".chat-thread").getByText("Pour un passeport, les mêmes pièces.").waitFor();
    assert.equal(await page.locator(".chat-message").count(), 4);
  });

  test("changes the conversation's assistant: the next message goes to its model", async () => {
    const assistant = page.getByLabel("Assistant de la conversation");
    assert.equal(await assistant.locator("option:checked").textContent(), "Courriers");
    await assistant.selectOption({ label: "Notes internes" });
    await page.getByRole("button", { name: "Changer d'assistant" }).click();
    await page
      .getByText("Assistant changé : Notes internes. Il répondra à vos prochains messages.")
      .waitFor();
    // Its models only: the one abroad is no longer offered.
    await page
      .getByLabel("Modèle pour ce message")
      .locator('option[value="outre-atlantique/modele-lointain"]')
      .waitFor({ state: "detached" });
    upstream.script({ kind: "reply", text: "Note prête." });
    await page.getByLabel("Votre message", { exact: true }).fill("Rédige une note de service.");
    await page.getByRole("button", { name: "Envoyer", exact: true }).click();
    await page.locator(".chat-thread").getByText("Note prête.").waitFor();
    assert.equal(lastSent(upstream).model, "modele-local");
    await expectAccessible(page, "another assistant");
  });

  test("chooses the model of a new conversation's first message on the start page", async () => {
    await page.getByRole("link", { name: "Nouvelle conversation" }).first().click();
    await page.getByRole("radio", { name: "Courriers" }).check();
    const choice = page.getByLabel("Modèle pour ce message");
    await choice.locator('option[value="locale/modele-local"]').waitFor({ state: "attached" });
    await choice.selectOption("locale/modele-local");
    upstream.script({ kind: "reply", text: "Courrier prêt." });
    await page.getByLabel("Votre message", { exact: true }).fill("Rédige un courrier de relance.");
    await page.getByRole("button", { name: "Envoyer", exact: true }).click();
    await page.locator(".chat-thread").getByText("Courrier prêt.").waitFor();
    assert.equal(lastSent(upstream).model, "modele-local");
  });
});
