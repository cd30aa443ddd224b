/**
 * npm run screenshots
 *
 * Takes the screenshots of the user guide (docs/captures/*.png) from a real
 * Beffroi: a fresh SQLite store with the demo base, an administrator and an
 * agent, and a model provider played by the tests' OpenAI-compatible stand-in
 * on loopback (no model can be reached from here). Needs Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { createApp } from "../src/app.js";
import { AssistantInput } from "../src/assistants/index.js";
import { loadDemoBase } from "../src/knowledge/index.js";
import { ProviderSchema } from "../src/providers/index.js";
import { seedUser } from "../test/support/apps.js";
import { CHROMIUM, CHROMIUM_ARGS, signIn } from "../test/support/browser.js";
import { startOpenAiUpstream } from "../test/support/openai-upstream.js";
import { testConfig } from "../test/support/stores.js";
import { buildWeb } from "./build-web.mjs";

const output = path.resolve("docs/captures");
mkdirSync(output, { recursive: true });
const dataDir = mkdtempSync(path.join(tmpdir(), "beffroi-screenshots-"));
await buildWeb();

const upstream = await startOpenAiUpstream();
upstream.defaultReply =
  "Pour une carte d'identité, présentez-vous en mairie sur rendez-vous avec le formulaire de pré-demande (ou son numéro), une photo d'identité récente, un justificatif de domicile et, en cas de renouvellement, l'ancienne carte [1]. La carte est gratuite, sauf en cas de perte ou de vol [1].";
const app = await createApp(
  testConfig(
    { url: `sqlite:${path.join(dataDir, "beffroi.db")}`, dataDir },
    { BEFFROI_KNOWLEDGE__DEMO: "true" },
  ),
);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const address = await app.server.listen({ host: "127.0.0.1", port: 0 });
  const demo = await loadDemoBase(app.services);
  await app.services.worker.drain();
  await app.services.providers.create(
    ProviderSchema.parse({
      id: "souverain",
      label: "Hébergeur souverain de démonstration",
      baseUrl: upstream.url,
      sovereignty: "sovereign",
      country: "FRA",
      pue: 1.2,
      models: [
        {
          id: "modele-demo",
          label: "Modèle de démonstration",
          activeParameters: 8,
          totalParameters: 8,
        },
      ],
    }),
  );
  await app.services.assistants.create(
    "cli",
    AssistantInput.parse({
      name: "Accueil des usagers",
      description:
        "Répond aux questions de l'accueil à partir des fiches de la mairie, avec leurs sources.",
      preferredModels: ["souverain/modele-demo"],
      knowledgeBaseIds: demo ? [demo] : [],
      category: "reception",
    }),
  );
  await seedUser(app, "dsi@ville.example", ["admin"], "Direction du numérique");
  await seedUser(app, "c.martin@ville.example", ["agent"], "Accueil");

  const context = await browser.newContext({
    locale: "fr-FR",
    baseURL: address,
    viewport: { width: 1280, height: 860 },
  });
  const shoot = (page: Page, name: string, fullPage = false) =>
    page.screenshot({ path: path.join(output, `${name}.png`), fullPage });

  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
  await shoot(page, "connexion");

  await signIn(page, "c.martin@ville.example");
  await page.getByRole("radio", { name: "Accueil des usagers" }).check();
  await page
    .getByLabel("Votre message")
    .fill("Quelles pièces faut-il pour refaire une carte d'identité ?");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await page.getByRole("button", { name: "Valider" }).waitFor();
  await page.mouse.move(0, 0);
  await shoot(page, "conversation", true);

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await signIn(page, "dsi@ville.example");
  await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
  await page.goto(`/bases/${demo}`);
  await page.getByText("Prêt").first().waitFor();
  await shoot(page, "base");
  await page.goto("/administration/charte");
  await page.getByRole("button", { name: "Enregistrer" }).waitFor();
  await page
    .getByText(/Données personnelles vers/)
    .first()
    .waitFor();
  await shoot(page, "charte");
  await page.goto("/administration/fournisseurs");
  await page.getByText("Hébergeur souverain de démonstration").first().waitFor();
  await shoot(page, "fournisseurs");
  console.log(`Captures enregistrées dans ${output}`);
} finally {
  await browser.close();
  await app.close();
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
}
