import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AssistantInput } from "../../src/assistants/index.js";
import { templateYaml } from "../../src/charter/index.js";
import { ProviderSchema } from "../../src/providers/index.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn } from "../support/browser.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const QUESTION = "Quelles pièces faut-il fournir pour une carte d'identité ?";

describeBrowser("web page: conversations", (get) => {
  let upstream: OpenAiUpstream;
  before(async () => {
    upstream = await startOpenAiUpstream();
  });
  after(() => upstream.close());

  test("a first visit: what Beffroi does with the data, an assistant, a cited answer from the demo base, its passage", async () => {
    const { app } = get();
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
    const current = page.locator('.chat-list a[aria-current="page"]');
    assert.match((await current.textContent()) ?? "", /carte d'identité/);
    await page.getByText("Passages cités des documents, sans modèle de langue.").waitFor();
    await page
      .getByText("Impact négligeable : une recherche dans les documents, sans modèle de langue.")
      .waitFor();
    // Screen readers hear the whole answer once it is done.
    const announced = page.locator('.chat-main [role="status"].visually-hidden');
    assert.match((await announced.textContent()) ?? "", /^Réponse de l'assistant : /);
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
    await app.services.providers.create(
      ProviderSchema.parse({
        id: "outre-atlantique",
        label: "Nuage américain",
        baseUrl: upstream.url,
        sovereignty: "extraterritorial",
        country: "USA",
        pue: 1.2,
        models: [
          { id: "test-model", label: "Modèle de test", activeParameters: 7, totalParameters: 7 },
        ],
      }),
    );
    await app.services.assistants.create(
      "cli",
      AssistantInput.parse({
        name: "Courriers",
        description: "Rédige des courriers aux usagers.",
        preferredModels: ["outre-atlantique/test-model"],
      }),
    );
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
    assert.ok(await page.getByRole("button", { name: "Envoyer" }).isDisabled());
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

    const useful = page.getByRole("button", { name: "Utile", exact: true });
    await useful.click();
    await page.getByRole("button", { name: "Utile", pressed: true, exact: true }).waitFor();
    await page.getByLabel("Minutes gagnées grâce à cette réponse (facultatif)").fill("20");
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
    await page
      .getByLabel("Votre message")
      .fill("Mme Dupont est en arrêt maladie pour une dépression : rédige son courrier.");
    await page.getByRole("button", { name: "Envoyer" }).click();
    const refusal = page.getByRole("alert");
    await refusal.getByText("Message non envoyé : données à protéger").waitFor();
    const refused = (await refusal.textContent()) ?? "";
    assert.match(refused, /caractères \d+ à \d+/);
    assert.ok(!refused.includes("dépression"));
    await expectAccessible(page, "refused by the data guard");
  });

  test("stopping an answer gives the message back; a model that fails leaves the cited passages", async () => {
    const { app } = get();
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

  test("a conversation is renamed, exported and deleted from the list", async () => {
    const page = await get().page();
    await signIn(page, "accueil@ville.example");
    const link = page.locator(".chat-list a", { hasText: "carte d'identité" });
    await link.waitFor();
    const title = (await link.textContent()) ?? "";
    await page.getByRole("button", { name: `Renommer « ${title} »` }).click();
    const field = page.getByLabel(`Nouveau titre de « ${title} »`);
    await field.fill("Pièces pour la CNI");
    await expectAccessible(page, "renaming a conversation");
    await field.press("Enter");
    await page.getByRole("link", { name: "Pièces pour la CNI", exact: true }).waitFor();

    const exported = page.getByRole("link", {
      name: "Exporter « Pièces pour la CNI » (fichier Markdown)",
    });
    const response = await page.request.get((await exported.getAttribute("href")) ?? "");
    assert.equal(response.status(), 200);
    assert.match(await response.text(), /^# Pièces pour la CNI\n/);

    await page.getByRole("button", { name: "Supprimer « Pièces pour la CNI »" }).click();
    await page.getByText("Supprimer « Pièces pour la CNI » et tous ses messages ?").waitFor();
    await expectAccessible(page, "confirming a deletion");
    await page.getByRole("button", { name: "Supprimer définitivement" }).click();
    await page.getByText("Conversation « Pièces pour la CNI » supprimée.").waitFor();
    await page
      .getByRole("link", { name: "Pièces pour la CNI", exact: true })
      .waitFor({ state: "detached" });
  });

  test("passages first by sobriety, a generated answer on demand, then the quota reached", async () => {
    const { app } = get();
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
