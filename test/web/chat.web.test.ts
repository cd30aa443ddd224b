import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { App } from "../../src/app.js";
import { AssistantInput } from "../../src/assistants/index.js";
import { templateYaml } from "../../src/charter/index.js";
import type { Principal } from "../../src/identity/principal.js";
import { ProviderSchema } from "../../src/providers/index.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, expectFocus, signIn } from "../support/browser.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const QUESTION = "Quelles pièces faut-il fournir pour une carte d'identité ?";
const PROVIDER = "outre-atlantique";

/** A model abroad (the scripted upstream) and an assistant "Courriers" that prefers it; kept if already there. */
async function withModelAbroad(app: App, url: string): Promise<void> {
  if (!(await app.services.providers.list()).some((provider) => provider.id === PROVIDER)) {
    await app.services.providers.create(
      ProviderSchema.parse({
        id: PROVIDER,
        label: "Nuage américain",
        baseUrl: url,
        sovereignty: "extraterritorial",
        country: "USA",
        pue: 1.2,
        models: [
          { id: "test-model", label: "Modèle de test", activeParameters: 7, totalParameters: 7 },
        ],
      }),
    );
  }
  if (!(await app.services.assistants.list()).some((assistant) => assistant.name === "Courriers")) {
    await app.services.assistants.create(
      "cli",
      AssistantInput.parse({
        name: "Courriers",
        description: "Rédige des courriers aux usagers.",
        preferredModels: [`${PROVIDER}/test-model`],
      }),
    );
  }
}

/** No language model at all: only the demo base's passages answer. */
async function withoutModel(app: App): Promise<void> {
  for (const assistant of await app.services.assistants.list())
    if (assistant.name === "Courriers") await app.services.assistants.remove("cli", assistant.id);
  if ((await app.services.providers.list()).some((provider) => provider.id === PROVIDER))
    await app.services.providers.remove(PROVIDER);
}

describeBrowser("web page: conversations", (get) => {
  let upstream: OpenAiUpstream;
  before(async () => {
    upstream = await startOpenAiUpstream();
  });
  after(() => upstream.close());

  test("a first visit: what Beffroi does with the data, an assistant, a cited answer from the demo base, its passage", async () => {
    const { app } = get();
    await withoutModel(app);
    await seedUser(app, "accueil@ville.example", ["agent"], "Accueil");
    const page = await get().page();
    await signIn(page, "accueil@ville.example");
    await page.getByRole("heading", { name: "Nouvelle conversation", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Bienvenue dans Beffroi" }).waitFor();
    const general = page.getByRole("radio", { name: "Assistant général" });
    await general.waitFor();
    assert.ok(await general.isChecked());
    assert.match(
      (await page.locator(".chat-picker").textContent()) ?? "",
      /Aucun modèle de langue configuré/,
    );
    await expectAccessible(page, "new conversation, first visit");

    // Enter sends (Shift+Enter would go to the line).
    const field = page.getByLabel("Votre message");
    await field.fill(QUESTION);
    await field.press("Enter");
    await page.waitForURL(/\/conversations\//);
    const citation = page.getByRole("button", { name: /^Voir le passage 1 :/ });
    await citation.waitFor();
    // The AI notice opens the conversation; the list shows it as the current one.
    await page.getByText(/Vous échangez avec une intelligence artificielle/).waitFor();
    // (the list takes the title from the first message once the answer is stored)
    await page
      .locator('.chat-list a[aria-current="page"]', { hasText: /carte d'identité/ })
      .waitFor();
    // What Beffroi says about the answer, folded into one line, opened on demand.
    const notices = page.locator(".chat-notices > summary").last();
    assert.match(
      (await notices.textContent()) ?? "",
      /Sans modèle de langue · .* · Impact négligeable$/,
    );
    await notices.click();
    await page.getByText("Passages cités des documents, sans modèle de langue.").waitFor();
    await page
      .getByText("Impact négligeable : une recherche dans les documents, sans modèle de langue.")
      .waitFor();
    // Screen readers hear the whole answer once it is done.
    await page
      .locator('.chat-main [role="status"].visually-hidden', {
        hasText: /^Réponse de l'assistant : /,
      })
      .waitFor({ state: "attached" });
    await expectAccessible(page, "extractive cited answer");

    // The cited passage, in its document, highlighted.
    const title = ((await citation.getAttribute("aria-label")) ?? "").replace(
      /^Voir le passage 1 : /,
      "",
    );
    await citation.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: `Dans « ${title} »` }).waitFor();
    const mark = dialog.locator("mark");
    await mark.waitFor();
    assert.ok(((await mark.textContent()) ?? "").length > 40);
    assert.match((await dialog.textContent()) ?? "", /Base : Accueil de la mairie \(démo\)/);
    await expectAccessible(page, "passage dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    assert.equal(
      await page.evaluate("document.activeElement?.getAttribute('aria-label')"),
      `Voir le passage 1 : ${title}`,
    );
  });

  test("a model abroad: personal data pseudonymised, the answer streamed, its model, impact and draft label; validated and rated", async () => {
    const { app } = get();
    await withModelAbroad(app, upstream.url);
    await seedUser(app, "courrier@ville.example", ["agent"], "Accueil");
    const page = await get().page();
    await signIn(page, "courrier@ville.example");
    const letters = page.getByRole("radio", { name: "Courriers" });
    await letters.waitFor();
    const about = page.locator(`#${await letters.getAttribute("aria-describedby")}`);
    assert.match((await about.textContent()) ?? "", /Rédige des courriers aux usagers\./);
    assert.match(
      (await about.textContent()) ?? "",
      /Modèle de test \(Nuage américain\) Soumis à un droit extraterritorial · USA/,
    );
    await letters.check();

    upstream.script({
      kind: "reply",
      text: "Madame [PERSONNE_1], nous avons le plaisir de vous informer que votre dossier est complet.",
      chunkDelayMs: 60,
    });
    await page
      .getByLabel("Votre message")
      .fill("Rédige un courrier à Mme Martine Dupont : son dossier est complet.");
    await page.getByRole("button", { name: "Envoyer" }).click();
    // While it streams: the growing text is busy, sending waits, and it can be stopped.
    await page
      .locator('[aria-busy="true"]')
      .getByText(/Madame Martine/)
      .waitFor();
    await page.getByRole("button", { name: "Arrêter" }).waitFor();
    // "Envoyer" stays focusable (a disabled button would drop the focus), marked unavailable.
    assert.equal(
      await page.getByRole("button", { name: "Envoyer" }).getAttribute("aria-disabled"),
      "true",
    );
    await page.getByText("Madame Martine Dupont, nous avons le plaisir").waitFor();
    await page.getByRole("button", { name: "Valider" }).waitFor();
    assert.equal(
      upstream.requests
        .at(-1)
        ?.body.messages.some((m: { content: string }) => m.content.includes("Dupont")),
      false,
    );
    const answer = page.locator(".chat-answer").last();
    const text = (await answer.textContent()) ?? "";
    assert.match(
      text,
      /1 donnée personnelle pseudonymisée avant envoi au modèle, restaurée dans la réponse\./,
    );
    assert.match(
      text,
      /Rédigé par test-model \(Nuage américain\) Soumis à un droit extraterritorial · USA/,
    );
    assert.match(
      text,
      /Impact estimé : [\d,]+( à [\d,]+)? Wh, [\d,]+( à [\d,]+)? g CO2e — l'équivalent d'une ampoule LED de 5 W allumée \d+ (secondes?|minutes?)\./,
    );
    assert.match(text, /Brouillon assisté par IA — à vérifier/);
    await expectAccessible(page, "generated answer, a draft");

    await page.getByRole("button", { name: "Valider" }).click();
    await answer.getByText(/^Validé par courrier le /).waitFor();
    // The button is gone: the focus is on what replaced it, not lost to the page.
    assert.match(
      String(await page.evaluate("document.activeElement?.textContent")),
      /^Validé par courrier le /,
    );

    const useful = page.getByRole("button", { name: "Utile", exact: true });
    await useful.click();
    await page.getByRole("button", { name: "Utile", pressed: true, exact: true }).waitFor();
    const minutes = page.getByLabel("Minutes gagnées grâce à cette réponse (facultatif)");
    await minutes.fill("vingt");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Indiquez un nombre entier de minutes entre 0 et 480.").waitFor();
    assert.equal(await minutes.getAttribute("aria-invalid"), "true");
    await expectAccessible(page, "minutes saved, invalid");
    await minutes.fill("0");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Merci, votre avis est enregistré (0 minute gagnée).").waitFor();
    assert.equal(await minutes.getAttribute("aria-invalid"), "false");
    await minutes.fill("20");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Merci, votre avis est enregistré (20 minutes gagnées).").waitFor();
    await expectAccessible(page, "validated and rated answer");
    const stored = await app.store.db
      .selectFrom("messages")
      .select(["metadata", "validated_at"])
      .where("role", "=", "assistant")
      .where("metadata", "like", '%"minutesSaved":20%')
      .execute();
    assert.equal(stored.length, 1);
    assert.ok(stored[0]?.validated_at);
    const turnId = (JSON.parse(stored[0]?.metadata ?? "{}") as { turnId: string }).turnId;
    const record = await app.store.db
      .selectFrom("usage_records")
      .select("feedback")
      .where("turn_id", "=", turnId)
      .executeTakeFirst();
    assert.equal(record?.feedback, "up");

    // Health data may not go abroad at all: the guard refuses, saying what and where, never the value.
    const health = "Mme Dupont est en arrêt maladie pour une dépression : rédige son courrier.";
    await page.getByLabel("Votre message").fill(health);
    await page.getByRole("button", { name: "Envoyer" }).click();
    const refusal = page.getByRole("alert");
    await refusal.getByText("Message non envoyé : données à protéger").waitFor();
    const refused = (await refusal.textContent()) ?? "";
    assert.match(refused, /surlignés dans votre message/);
    assert.ok(!refused.includes("dépression"));
    // Where: the refused message, in the thread, marks what the guard found, each mark named;
    // the conversation keeps it masked, never in clear.
    const marks = page.locator(".chat-message-user mark.chat-found");
    await marks.first().waitFor();
    const marked = await marks.allTextContents();
    assert.ok(
      marked.some((text) => text.startsWith("[personne]")),
      marked.join(" | "),
    );
    assert.ok(
      marked.some((text) => text.startsWith("[donnée sensible]")),
      marked.join(" | "),
    );
    const refusedMessage = (await page.locator(".chat-message-user").last().textContent()) ?? "";
    assert.ok(
      !refusedMessage.includes("Dupont") && !refusedMessage.includes("dépression"),
      refusedMessage,
    );
    // The refused message is given back, to be changed rather than typed again.
    assert.equal(await page.getByLabel("Votre message").inputValue(), health);
    await expectAccessible(page, "refused by the data guard");
  });

  test("stopping an answer gives the message back; a model that fails leaves the cited passages", async () => {
    const { app } = get();
    await withModelAbroad(app, upstream.url);
    await seedUser(app, "arret@ville.example", ["agent"], "Accueil");
    const page = await get().page();
    await signIn(page, "arret@ville.example");
    await page.getByRole("radio", { name: "Assistant général" }).waitFor();
    upstream.script({
      kind: "reply",
      text: "Une très longue réponse qui prend son temps pour arriver jusqu'au bout de la phrase.",
      chunkDelayMs: 400,
    });
    await page.getByLabel("Votre message").fill("Rédige une note sur le marché hebdomadaire.");
    await page.getByRole("button", { name: "Envoyer" }).click();
    await page
      .locator('[aria-busy="true"]')
      .getByText(/Une très/)
      .waitFor();
    await page.getByRole("button", { name: "Arrêter" }).click();
    await page
      .locator("p.hint", { hasText: /^Réponse arrêtée : rien n'a été enregistré\./ })
      .waitFor();
    // "Arrêter" is gone; the focus is in the message field, where the message came back.
    await page.getByRole("button", { name: "Arrêter" }).waitFor({ state: "detached" });
    await expectFocus(page, "labels?.[0]?.textContent", "Votre message");
    assert.equal(
      await page.getByLabel("Votre message").inputValue(),
      "Rédige une note sur le marché hebdomadaire.",
    );

    // The model refuses the request: the demo base's passages stand in, said so.
    upstream.script({ kind: "status", status: 400 });
    await page.getByLabel("Votre message").fill(QUESTION);
    await page.getByRole("button", { name: "Envoyer" }).click();
    await page
      .getByText(
        "Le modèle n'a pas pu répondre : voici les passages des documents qui répondent à la question.",
      )
      .waitFor();
    await page
      .getByRole("button", { name: /^Voir le passage 1 :/ })
      .last()
      .waitFor();
    await expectAccessible(page, "model unavailable, cited passages");
  });

  test("a conversation is renamed (its heading too), exported and deleted from the list, the focus kept", async () => {
    const { app } = get();
    const user = await seedUser(app, "renomme@ville.example", ["agent"], "Accueil");
    const owner = { userId: user.id } as Principal;
    await app.services.conversations.create(owner, { title: "Une autre conversation" });
    const conversation = await app.services.conversations.create(owner, {
      title: "Pièces pour la carte d'identité",
    });
    const page = await get().page();
    await signIn(page, "renomme@ville.example");
    await page.getByRole("heading", { name: "Nouvelle conversation", level: 1 }).waitFor();
    await page.goto(`/conversations/${conversation.id}`);
    await page
      .getByRole("heading", { name: "Pièces pour la carte d'identité", level: 1 })
      .waitFor();
    // The list comes after the conversation in reading order.
    assert.equal(
      await page.evaluate(
        "[...document.querySelectorAll('h1, h2')].map((h) => h.textContent).indexOf('Vos conversations') > 0",
      ),
      true,
    );

    // Escape leaves the title as it was, and gives the focus back to "Renommer".
    const renameOld = page.getByRole("button", {
      name: "Renommer « Pièces pour la carte d'identité »",
    });
    await renameOld.click();
    await page.getByLabel("Nouveau titre de « Pièces pour la carte d'identité »").press("Escape");
    await expectFocus(
      page,
      "getAttribute('aria-label')",
      "Renommer « Pièces pour la carte d'identité »",
    );

    await renameOld.click();
    const field = page.getByLabel("Nouveau titre de « Pièces pour la carte d'identité »");
    await field.fill(" ");
    await field.press("Enter");
    await page.getByText("Indiquez un titre pour la conversation.").waitFor();
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    await field.fill("Pièces pour la CNI");
    await expectAccessible(page, "renaming a conversation");
    await field.press("Enter");
    await page.getByRole("link", { name: "Pièces pour la CNI", exact: true }).waitFor();
    // The open conversation's heading and window title follow the new name.
    await page.getByRole("heading", { name: "Pièces pour la CNI", level: 1 }).waitFor();
    assert.match(await page.title(), /^Pièces pour la CNI — Beffroi$/);
    await expectFocus(page, "getAttribute('aria-label')", "Renommer « Pièces pour la CNI »");

    const exported = page.getByRole("link", {
      name: "Exporter « Pièces pour la CNI » (fichier Markdown)",
    });
    const response = await page.request.get((await exported.getAttribute("href")) ?? "");
    assert.equal(response.status(), 200);
    // Named after the conversation (its times in Paris time: src/chat/conversation-export.test.ts).
    assert.match(
      response.headers()["content-disposition"] ?? "",
      /filename="Pieces-pour-la-CNI\.md"; filename\*=UTF-8''Pi%C3%A8ces%20pour%20la%20CNI\.md$/,
    );
    assert.match(await response.text(), /^# Pièces pour la CNI\n/);

    // The confirmation opens on "Annuler"; cancelling gives the focus back to "Supprimer".
    const remove = page.getByRole("button", { name: "Supprimer « Pièces pour la CNI »" });
    await remove.click();
    const dialog = page.getByRole("dialog", { name: "Supprimer la conversation" });
    await dialog.getByText("Supprimer « Pièces pour la CNI » et tous ses messages ?").waitFor();
    await expectFocus(page, "textContent", "Annuler");
    await expectAccessible(page, "confirming a deletion");
    await dialog.getByRole("button", { name: "Annuler" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expectFocus(page, "getAttribute('aria-label')", "Supprimer « Pièces pour la CNI »");

    await remove.click();
    await dialog.getByRole("button", { name: "Supprimer définitivement" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Conversation « Pièces pour la CNI » supprimée." })
      .waitFor();
    await page
      .getByRole("link", { name: "Pièces pour la CNI", exact: true })
      .waitFor({ state: "detached" });
    // The open conversation is gone: back to a new one; the focus on the list, not lost.
    await page.getByRole("heading", { name: "Nouvelle conversation", level: 1 }).waitFor();
    await expectFocus(page, "textContent", "Vos conversations");
    await page.getByRole("link", { name: "Une autre conversation", exact: true }).waitFor();
  });

  test("passages first by sobriety, a generated answer on demand, then the quota reached", async (t) => {
    const { app } = get();
    await withModelAbroad(app, upstream.url);
    const charter = await app.services.charter.current();
    t.after(async () => {
      await app.services.charter.update(null, charter.yaml);
    });
    await app.services.charter.update(
      null,
      templateYaml("balanced")
        .replace(/^quotas:.*$/m, "quotas: { agent: { requests: 2 }, onExceed: deny }")
        .replace(
          "  offerPassagesFirst: false",
          "  offerPassagesFirst: true\n  passagesFirstConfidence: 0.3",
        ),
    );
    await seedUser(app, "quota@ville.example", ["agent"], "Accueil");
    const page = await get().page();
    await signIn(page, "quota@ville.example");
    await page.getByRole("radio", { name: "Assistant général" }).waitFor();
    await page.getByLabel("Votre message").fill(QUESTION);
    await page.getByRole("button", { name: "Envoyer" }).click();
    await page
      .getByText(
        "Les documents répondent déjà à la question : voici leurs passages, sans modèle, par sobriété.",
      )
      .waitFor();
    await page.getByRole("button", { name: /^Voir le passage 1 :/ }).waitFor();
    await expectAccessible(page, "passages first");

    upstream.script({ kind: "reply", text: "Il faut une photo d'identité récente [1]." });
    await page.getByRole("button", { name: "Générer une réponse" }).click();
    await page
      .locator(".chat-answer")
      .getByText("Il faut une photo d'identité récente [1].")
      .waitFor();
    assert.equal(upstream.requests.at(-1)?.path, "/v1/chat/completions");
    // The notices' line names the model; opened, with its provider.
    const notices = page.locator(".chat-answer").last().locator(".chat-notices > summary");
    assert.match(
      (await notices.textContent()) ?? "",
      /: test-model Soumis à un droit extraterritorial · USA · /,
    );
    await notices.click();
    await page.getByText(/^Rédigé par test-model \(Nuage américain\)/).waitFor();

    await page.getByLabel("Votre message").fill("Et pour un passeport ?");
    await page.getByRole("button", { name: "Envoyer" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("Quota atteint", { exact: true }).waitFor();
    assert.match(
      (await alert.textContent()) ?? "",
      /votre quota de demandes \(2 demandes par mois\) est épuisé/,
    );
    await alert
      .getByRole("link", { name: "Chercher directement dans les bases de connaissances" })
      .waitFor();
    await expectAccessible(page, "quota reached");
  });
});
