import assert from "node:assert/strict";
import { before, test } from "node:test";
import { AssistantInput } from "../../src/assistants/index.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn, upstreamProvider } from "../support/browser.js";

/**
 * A drafting assistant bound to the demo base, whose bases are `preferred`:
 * a drafting request they do not cover is answered by the model, and the
 * conversation says that the answer has no source.
 */
describeBrowser("web page: an answer without sources", (get) => {
  const upstream = upstreamProvider(get, {
    label: "Serveur de la collectivité",
    models: [{ id: "redacteur", label: "Rédacteur" }],
  });
  before(async () => {
    const { app } = get();
    await app.services.assistants.create(
      "cli",
      AssistantInput.parse({
        name: "Rédaction",
        description: "Rédige et reformule.",
        category: "drafting",
        knowledgeBaseIds: await app.services.knowledge.readableIds("cli"),
        preferredModels: ["local/redacteur"],
      }),
    );
  });

  test("the model's answer to a drafting request the bases do not cover carries the notice", async () => {
    await seedUser(get().app, "redaction@ville.example", ["agent"], "Accueil");
    const page = await get().page();
    await signIn(page, "redaction@ville.example");
    await page.getByRole("radio", { name: "Rédaction" }).check();
    upstream().script({
      kind: "reply",
      text: "Madame, Monsieur, il manque une pièce à votre dossier : pourriez-vous nous la faire parvenir ?",
    });
    await page
      .getByLabel("Votre message")
      .fill("Reformule plus aimablement : votre dossier est incomplet, renvoyez-le.");
    await page.getByRole("button", { name: "Envoyer" }).click();
    const answer = page.locator(".chat-answer").last();
    await answer.getByText(/il manque une pièce à votre dossier/).waitFor();
    await answer
      .getByText(
        "Aucun passage des bases ne correspond : réponse du modèle sans source, à vérifier.",
      )
      .waitFor();
    assert.equal(await answer.getByRole("button", { name: /^Voir le passage/ }).count(), 0);
    await expectAccessible(page, "model answer without sources");
  });
});
