import { before, test } from "node:test";
import { AssistantInput } from "../../src/assistants/index.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, expectFocus, signIn } from "../support/browser.js";

const ADMIN = "dsi@ville.example";
const REFERENT = "referent@ville.example";
const AGENT = "agent@ville.example";
const WORKED = "Le premier jet du communiqué était juste ; il a suffi de relire les dates.";
const PERSONAL = "Le communiqué sur M. Jean Martin (jean.martin@orange.fr) était faux.";
const PROPOSAL = "Ajouter à la charte une règle sur les communiqués de presse.";
const ANSWER = "Elle sera discutée au prochain comité de la charte.";

/**
 * « Retours d'expérience » in the page: an agent files a report on their
 * direction's assistant (empty fields said first; a text with personal data
 * refused by the server, the field marked and focused; then sent, the status
 * message focused); the referent of that direction publishes it from their
 * queue and it shows among the published reports; the agent proposes a
 * change to the charter, an administrator declines it with an answer, which
 * the agent reads. axe at each step.
 */
describeBrowser("web page: capitalising experience", (get) => {
  before(async () => {
    const { app } = get();
    await seedUser(app, ADMIN, ["admin"], "DSI");
    await seedUser(app, REFERENT, ["referent"], "Communication");
    await seedUser(app, AGENT, ["agent"], "Communication");
    const communication = await app.services.directions.find("Communication");
    await app.services.assistants.create(
      "cli",
      AssistantInput.parse({
        name: "Communiqués",
        category: "drafting",
        ownerDirectionId: communication?.id ?? null,
      }),
    );
  });

  test("an agent files a report; its referent publishes it", async () => {
    const page = await get().page();
    await signIn(page, AGENT);
    await page.getByRole("link", { name: "Retours d'expérience" }).click();
    await page.getByRole("heading", { level: 1, name: "Retours d'expérience" }).waitFor();
    await page.getByText("Aucun retour d'expérience n'a encore été publié.").waitFor();
    await page.getByRole("option", { name: "Communiqués" }).waitFor({ state: "attached" });
    await expectAccessible(page, "experience page, empty");

    await page.getByRole("button", { name: "Envoyer le retour" }).click();
    await page.getByRole("alert").getByText("Le formulaire contient 2 erreurs").waitFor();
    await page.getByText("Choisissez un cas d'usage ou un assistant.").waitFor();
    const subject = page.getByLabel("Cas d'usage ou assistant");
    await expectFocus(page, "id", (await subject.getAttribute("id")) ?? "");
    await expectAccessible(page, "report form with errors");

    await subject.selectOption({ label: "Communiqués" });
    await page.getByLabel("Ce qui a marché").fill(WORKED);
    const didNotWork = page.getByLabel("Ce qui n'a pas marché (facultatif)");
    await didNotWork.fill(PERSONAL);
    await page.getByLabel("Minutes gagnées par utilisation (facultatif)").fill("15");
    await page.getByRole("button", { name: "Envoyer le retour" }).click();
    const refusal = page.getByText(/Le champ « Ce qui n'a pas marché » contient des données/);
    await refusal.waitFor();
    const fieldId = (await didNotWork.getAttribute("id")) ?? "";
    await expectFocus(page, "id", fieldId);
    await expectFocus(page, "getAttribute('aria-invalid')", "true");
    await expectFocus(page, "getAttribute('aria-describedby')", `${fieldId}-hint ${fieldId}-error`);
    await expectAccessible(page, "report refused for personal data");

    await didNotWork.fill("Les dates des manifestations étaient parfois fausses.");
    await page.getByRole("button", { name: "Envoyer le retour" }).click();
    await page.getByText("Merci : votre retour est enregistré.").waitFor();
    await expectFocus(page, "className", "experience-status");
    await page.getByText("en attente de relecture").waitFor();
    await expectAccessible(page, "report sent");

    const referent = await get().page();
    await signIn(referent, REFERENT);
    await referent.getByRole("link", { name: "Retours d'expérience" }).click();
    await referent.getByRole("heading", { level: 2, name: "Retours à relire" }).waitFor();
    const publish = referent.getByRole("button", { name: "Publier le retour sur Communiqués" });
    await publish.waitFor();
    await expectAccessible(referent, "the referent's queue");
    await publish.click();
    await referent.getByText("Le retour sur Communiqués est publié.").waitFor();
    await expectFocus(referent, "className", "experience-status");
    await referent.getByText("Aucun retour n'attend de relecture.").waitFor();
    await referent.getByRole("heading", { level: 3, name: "Communiqués (1 retour)" }).waitFor();
    await referent.getByText(WORKED).waitFor();
    await referent.getByText("Temps gagné par utilisation : 15 min").waitFor();
    await expectAccessible(referent, "report published");

    await page.reload();
    await page.getByRole("heading", { level: 3, name: "Communiqués (1 retour)" }).waitFor();
    await page.getByText("État : publié").waitFor();
  });

  test("an agent proposes a change to the charter; an administrator answers it", async () => {
    const page = await get().page();
    await signIn(page, AGENT);
    await page.getByRole("link", { name: "Retours d'expérience" }).click();
    await page.getByRole("heading", { level: 1, name: "Retours d'expérience" }).waitFor();
    await page.getByRole("button", { name: "Envoyer la proposition" }).click();
    await page.getByText("Écrivez votre proposition.").waitFor();
    const text = page.getByLabel("Votre proposition");
    await expectFocus(page, "id", (await text.getAttribute("id")) ?? "");
    await page.getByLabel("La charte d'usage").check();
    await text.fill(PROPOSAL);
    await page.getByRole("button", { name: "Envoyer la proposition" }).click();
    await page.getByText("Merci : votre proposition est transmise").waitFor();
    await expectFocus(page, "className", "experience-status");
    await page.getByText("en attente de réponse").waitFor();
    await expectAccessible(page, "proposal sent");

    const admin = await get().page();
    await signIn(admin, ADMIN);
    await admin.getByRole("link", { name: "Retours d'expérience" }).click();
    await admin.getByRole("heading", { level: 2, name: "Propositions reçues" }).waitFor();
    await admin.getByText(PROPOSAL).waitFor();
    await expectAccessible(admin, "proposals received");
    await admin.getByLabel("Refuser").check();
    const reply = admin.getByRole("button", { name: /Répondre à la proposition du/ });
    await reply.click();
    await admin.getByText("Écrivez une réponse.").waitFor();
    const answer = admin.getByLabel("Réponse à l'auteur");
    await expectFocus(admin, "id", (await answer.getAttribute("id")) ?? "");
    await answer.fill(ANSWER);
    await reply.click();
    await admin.getByText("La réponse est enregistrée.").waitFor();
    await expectFocus(admin, "className", "experience-status");
    await admin.getByText(`Réponse : ${ANSWER}`).waitFor();
    await expectAccessible(admin, "proposal answered");

    await page.reload();
    await page.getByText(`Réponse : ${ANSWER}`).waitFor();
    await page.getByText("refusée").waitFor();
  });
});
