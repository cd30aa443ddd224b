import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { seedAdmin, seedUser } from "../support/apps.js";
import { twoContenders } from "../support/arena.js";
import { describeBrowser, expectAccessible, expectFocus, signIn } from "../support/browser.js";
import type { OpenAiUpstream } from "../support/openai-upstream.js";

const REFERENT = "referent@ville.example";
const AGENT = "agent@ville.example";
const CAMPAIGN = "Langage clair : quel modèle ?";
const TEXT =
  "Nonobstant les dispositions susvisées, le demandeur est invité à produire les pièces afférentes à sa demande dans un délai de quinze jours.";
/** The two models answer differently, and neither names itself: the vote is blind. */
const SHORT = "# Proposition de réécriture\n\nEnvoyez-nous vos papiers sous quinze jours.";
const LONG =
  "# Proposition de réécriture\n\nMerci de nous envoyer les documents demandés. Vous avez quinze jours pour le faire.";
/** What would give a contender away before the vote. */
const IDENTITIES = /alpha|beta|test-model|Résultat sans IA/;

/**
 * The comparisons of models in the page: a referent creates a campaign for
 * « Langage clair » with two local models (the result without AI joins by
 * right) and an agent member, adds a test case from the use case's form; the
 * agent votes blind (no identity before the vote, both answers visible on a
 * phone), sees who was who and what each answer cost, until every pair is
 * seen; the ranking shows the three contenders, the verdict and the
 * win-rate matrix; the referent closes the campaign. axe at each step.
 */
describeBrowser("web page: comparing models", (get) => {
  let alpha: OpenAiUpstream;
  let beta: OpenAiUpstream;
  let campaignId = "";

  before(async () => {
    const { app } = get();
    const admin = await seedAdmin(app);
    ({ alpha, beta } = await twoContenders(app, admin, { alpha: SHORT, beta: LONG }));
    await seedUser(app, REFERENT, ["referent"], "Communication");
    await seedUser(app, AGENT, ["agent"], "Communication");
  });
  after(async () => {
    await alpha?.close();
    await beta?.close();
  });

  test("a referent creates a campaign and adds a test case through the page", async () => {
    const page = await get().page();
    await signIn(page, REFERENT);
    await page.getByRole("link", { name: "Comparaisons" }).click();
    await page.getByRole("heading", { level: 1, name: "Comparer les modèles" }).waitFor();
    await page.getByText("Aucune campagne de comparaison").waitFor();
    await page.getByLabel("test-model (alpha)").waitFor();
    await expectAccessible(page, "campaigns, empty, with the new campaign form");

    await page.getByRole("button", { name: "Créer la campagne" }).click();
    await page.getByRole("alert").getByText("Le formulaire contient 3 erreurs").waitFor();
    await page.getByText("Donnez un nom à la campagne.").waitFor();
    await page.getByText("Cochez au moins un modèle.").waitFor();
    await expectFocus(
      page,
      "id",
      (await page.getByLabel("Nom de la campagne").getAttribute("id")) ?? "",
    );
    await expectAccessible(page, "new campaign form with errors");

    await page.getByLabel("Nom de la campagne").fill(CAMPAIGN);
    await page.getByLabel("Cas d'usage").selectOption({ label: "Langage clair" });
    await page.getByLabel("test-model (alpha)").check();
    await page.getByLabel("test-model (beta)").check();
    await page.getByLabel("Données des cas de test").selectOption({ label: "publiques" });
    await page
      .getByLabel("Choix des duels")
      .selectOption({ label: "les plus incertaines d'abord" });
    await page.getByLabel("Membres qui votent").fill(`${AGENT}\n`);
    await page.getByRole("button", { name: "Créer la campagne" }).click();

    await page.getByRole("heading", { level: 1, name: CAMPAIGN }).waitFor();
    campaignId = /\/comparaisons\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? "";
    assert.ok(campaignId, "the page went to the new campaign");
    const contenders = page.getByRole("region", { name: "Concurrents" }).getByRole("listitem");
    assert.deepEqual(await contenders.allTextContents(), [
      "Résultat sans IA",
      "alpha/test-model",
      "beta/test-model",
    ]);
    await page.getByText("2 membres").waitFor();
    await page.getByText("Aucun cas de test pour l'instant.").waitFor();
    await expectAccessible(page, "a new campaign");

    const form = page.getByRole("region", { name: "Ajouter un cas de test" });
    await form.getByRole("button", { name: "Ajouter le cas" }).click();
    await form.getByRole("alert").getByText("Le formulaire contient 3 erreurs").waitFor();
    await form.getByLabel("Titre du cas").fill("Pièces à produire");
    await form.getByLabel("Texte à réécrire").fill(TEXT);
    await form.getByLabel("Public visé").selectOption("Grand public");
    await form.getByRole("button", { name: "Ajouter le cas" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Cas de test « Pièces à produire » ajouté." })
      .waitFor();
    assert.deepEqual(
      await page
        .getByRole("region", { name: "Cas de test" })
        .getByRole("listitem")
        .allTextContents(),
      ["Pièces à produire"],
    );
    await expectAccessible(page, "a campaign with a test case");
  });

  test("an agent votes blind, sees who was who, until every pair is seen; then the ranking", async () => {
    const page = await get().page();
    await signIn(page, AGENT);
    await page.getByRole("link", { name: "Comparaisons" }).click();
    await page.getByRole("heading", { level: 1, name: "Comparer les modèles" }).waitFor();
    assert.equal(
      await page.getByRole("button", { name: "Créer la campagne" }).count(),
      0,
      "an agent creates no campaign",
    );
    await expectAccessible(page, "an agent's campaigns");
    await page.getByRole("link", { name: `Voter : ${CAMPAIGN}` }).click();
    await waitForMatch(page);
    await page.getByRole("heading", { name: "Le cas : Pièces à produire" }).waitFor();
    assert.match(
      (await page.locator(".arena-case").textContent()) ?? "",
      /Public visé.*Grand public/,
    );
    assert.doesNotMatch((await page.locator("main").textContent()) ?? "", IDENTITIES, "blind");
    await expectAccessible(page, "a blind match");

    // On a phone, the answers are one above the other, both there.
    await page.setViewportSize({ width: 390, height: 844 });
    const a = page.getByRole("region", { name: "Réponse A" });
    const b = page.getByRole("region", { name: "Réponse B" });
    await a.scrollIntoViewIfNeeded();
    assert.ok(await a.isVisible());
    await b.scrollIntoViewIfNeeded();
    assert.ok(await b.isVisible());
    const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
    assert.ok(boxA && boxB && boxB.y >= boxA.y + boxA.height, "stacked on a phone");
    assert.ok((boxA?.width ?? 0) <= 390);
    await expectAccessible(page, "a blind match on a phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    const [wideA, wideB] = [await a.boundingBox(), await b.boundingBox()];
    assert.ok(wideA && wideB && Math.abs(wideA.y - wideB.y) < 1, "side by side on a wide screen");

    // No choice: nothing is sent.
    await page.getByRole("button", { name: "Voter", exact: true }).click();
    await page.getByText("Choisissez l'une des quatre réponses.").waitFor();
    await expectFocus(page, "labels[0].textContent", "A est meilleure");
    await page.getByRole("group", { name: "Votre avis" }).waitFor();
    await page.getByLabel("A est meilleure").check();
    await page
      .getByRole("group", { name: "Ce qui a compté (facultatif)" })
      .getByLabel("claire", { exact: true })
      .check();
    await page.getByLabel("Commentaire (facultatif)").fill("Plus direct.");
    await page.getByLabel("Minutes que cela vous ferait gagner (facultatif)").fill("5");
    await page.getByRole("button", { name: "Voter", exact: true }).click();

    const reveal = page.getByRole("region", { name: "Qui était qui" });
    await reveal.waitFor();
    await expectFocus(page, "textContent", "Qui était qui");
    const revealed = (await reveal.textContent()) ?? "";
    assert.match(revealed, /Votre choix : A est meilleure\./);
    assert.match(revealed, /Réponse A : (alpha\/test-model|beta\/test-model|Résultat sans IA)/);
    assert.match(revealed, /Réponse B : (alpha\/test-model|beta\/test-model|Résultat sans IA)/);
    assert.match(revealed, /(alpha|beta)\/test-model/, "a model was in the match");
    assert.match(revealed, /Énergie\d[\d,  ]* Wh/);
    assert.match(revealed, /Émissions\d[\d,  ]* g CO2e/);
    assert.doesNotMatch(revealed, /non estimé/, "every answer's energy is estimated");
    await page.getByRole("status").filter({ hasText: "Vote enregistré. Réponse A :" }).waitFor();
    await expectAccessible(page, "the reveal");

    // One case, three contenders: three pairs in all.
    let votes = 1;
    for (;;) {
      await page.getByRole("button", { name: "Duel suivant" }).click();
      const done = page.getByRole("heading", { name: "Merci, vous avez tout vu" });
      await done.or(page.getByRole("button", { name: "Voter", exact: true })).waitFor();
      if (await done.isVisible()) break;
      await expectFocus(page, "textContent", "Le cas : Pièces à produire");
      assert.doesNotMatch((await page.locator("main").textContent()) ?? "", IDENTITIES);
      await page.getByLabel("B est meilleure").check();
      await page.getByRole("button", { name: "Voter", exact: true }).click();
      await page.getByRole("region", { name: "Qui était qui" }).waitFor();
      votes += 1;
      assert.ok(votes <= 3, "no more than three pairs");
    }
    assert.equal(votes, 3);
    await expectFocus(page, "textContent", "Merci, vous avez tout vu");
    await expectAccessible(page, "nothing left to vote");

    await page.getByRole("link", { name: "Voir le classement" }).click();
    await page.getByRole("heading", { level: 1, name: `Classement : ${CAMPAIGN}` }).waitFor();
    const table = page.getByRole("table", { name: "Classement sur 3 votes" });
    await table.waitFor();
    assert.equal(await table.locator("tbody tr").count(), 3);
    const labels = await table.locator("tbody th").allTextContents();
    assert.deepEqual(
      [...labels].sort(),
      ["Résultat sans IA", "alpha/test-model", "beta/test-model"].sort(),
    );
    assert.match(
      (await table.locator("tbody tr").first().textContent()) ?? "",
      /[-−]?\d+,\d\d \[[-−]?\d+,\d\d ; [-−]?\d+,\d\d\]/,
      "a score with its interval, in French notation",
    );
    const ranking = await page.request.get(`/api/arena/campaigns/${campaignId}/ranking`);
    const verdict = ((await ranking.json()) as { verdict: { text: string } }).verdict.text;
    assert.ok(verdict.length > 0);
    assert.equal(
      (await page.getByRole("region", { name: "Verdict" }).locator("p").textContent())?.trim(),
      verdict,
    );
    const matrix = page.getByRole("table", { name: /Part des victoires de la ligne/ });
    assert.equal(await matrix.locator("tbody th[scope=row]").count(), 3);
    assert.equal(await matrix.locator("thead th[scope=col]").count(), 3);
    assert.match((await matrix.textContent()) ?? "", /\d+ % \(1 vote\)/);
    await page.getByRole("link", { name: "Télécharger en CSV" }).waitFor();
    await expectAccessible(page, "the ranking");

    // Only the first vote said « claire ».
    await page.getByLabel("Votes pris en compte").selectOption({ label: "Votes « claire »" });
    await page.getByRole("table", { name: "Classement sur 1 vote" }).waitFor();
  });

  test("the referent closes the campaign: its verdict shows, no more votes", async () => {
    const page = await get().page();
    await signIn(page, REFERENT);
    await page.getByRole("link", { name: "Comparaisons" }).click();
    await page.getByRole("link", { name: CAMPAIGN, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: CAMPAIGN }).waitFor();
    await page.getByRole("button", { name: "Clore la campagne" }).click();
    const dialog = page.getByRole("dialog", { name: `Clore « ${CAMPAIGN} » ?` });
    await dialog.waitFor();
    await expectAccessible(page, "closing a campaign");
    await dialog.getByRole("button", { name: "Clore", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Campagne close" }).waitFor();
    await page.getByRole("region", { name: "Verdict" }).waitFor();
    assert.match((await page.locator(".arena-facts").textContent()) ?? "", /État\s*close/);
    assert.equal(await page.getByRole("button", { name: "Clore la campagne" }).count(), 0);
    assert.equal(await page.getByRole("link", { name: "Voter", exact: true }).count(), 0);
    await expectAccessible(page, "a closed campaign");
  });

  test("a campaign on an assistant: one question per test case, the agent votes on it", async () => {
    const page = await get().page();
    await signIn(page, REFERENT);
    await page.getByRole("link", { name: "Comparaisons" }).click();
    await page.getByLabel("Nom de la campagne").fill("L'assistant général");
    await page.getByLabel("Cas d'usage ou assistant").selectOption({ label: "Assistant général" });
    await page.getByLabel("test-model (alpha)").check();
    await page.getByLabel("Membres qui votent").fill(AGENT);
    await page.getByRole("button", { name: "Créer la campagne" }).click();
    await page.getByRole("heading", { level: 1, name: "L'assistant général" }).waitFor();
    const form = page.getByRole("region", { name: "Ajouter un cas de test" });
    await form.getByLabel("Titre du cas").fill("Horaires");
    await form.getByLabel("Question").fill("Quels sont les horaires de la mairie le samedi ?");
    await form.getByRole("button", { name: "Ajouter le cas" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Cas de test « Horaires » ajouté." })
      .waitFor();
    await expectAccessible(page, "a campaign on an assistant");

    const agent = await get().page();
    await signIn(agent, AGENT);
    await agent.getByRole("link", { name: "Comparaisons" }).click();
    await agent.getByRole("link", { name: "Voter : L'assistant général" }).click();
    await waitForMatch(agent);
    assert.match(
      (await agent.locator(".arena-case").textContent()) ?? "",
      /Question.*horaires de la mairie le samedi/,
    );
    await agent.getByLabel("Les deux sont bonnes").check();
    await agent.getByRole("button", { name: "Voter" }).click();
    await agent.getByText("Résultat sans IA").first().waitFor();
    await expectAccessible(agent, "an assistant's duel revealed");
  });
});

/** The match is ready when its form is: the answers take a moment (the models write them). */
async function waitForMatch(page: Page): Promise<void> {
  await page.getByRole("group", { name: "Votre avis" }).waitFor({ timeout: 20_000 });
}
