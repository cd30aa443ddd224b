import assert from "node:assert/strict";
import { test } from "node:test";
import { templateYaml } from "../../src/charter/index.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn } from "../support/browser.js";

describeBrowser("web page: signing in, the charter, the frame", (get) => {
  test("the first administrator, created with the start's token, is signed in at once", async () => {
    const { app } = get();
    const token = await app.services.bootstrap.issueToken();
    assert.ok(token, "no administrator yet");
    const page = await get().page();
    await page.goto("/");
    await page.getByText("Premier démarrage : créer le premier administrateur").click();
    await page.getByLabel("Jeton d'initialisation").fill(token);
    await page.getByLabel("Adresse électronique de l'administrateur").fill("dsi@ville.example");
    await page.getByLabel("Nom affiché").fill("Direction du numérique");
    await page.getByLabel("Mot de passe (8 caractères au moins)").fill("un mot de passe solide");
    await page.getByRole("button", { name: "Créer l'administrateur" }).click();
    // Signed in with the new account: the charter to accept, not the sign-in form again.
    await page.getByRole("button", { name: /J'ai lu la charte et je l'accepte/ }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "Connexion" }).count(), 0);
    await expectAccessible(page, "first administrator signed in");
  });

  test("a wrong password is refused in French; the right one leads to the charter, accepted once", async () => {
    const { app } = get();
    await seedUser(app, "nouvelle@ville.example", ["agent"], undefined, { acceptCharter: false });
    const page = await get().page();
    await page.goto("/");
    await page.getByRole("heading", { name: "Connexion" }).waitFor();
    await expectAccessible(page, "sign-in");

    await signIn(page, "nouvelle@ville.example", "pas le bon mot de passe");
    const refusal = page.getByRole("alert");
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? "", /mot de passe/i);

    await signIn(page, "nouvelle@ville.example");
    const accept = page.getByRole("button", { name: /J'ai lu la charte et je l'accepte/ });
    await accept.waitFor();
    await expectAccessible(page, "charter acceptance");
    await accept.click();
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
    const charter = await app.services.charter.current();
    const user = await app.services.users.findByEmail("nouvelle@ville.example");
    assert.ok(user && (await app.services.charter.acceptedAt(user.id, charter.version)));

    // Signed in again later: the charter is not asked a second time.
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await signIn(page, "nouvelle@ville.example");
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
  });

  test("an agent sees no administration link and is refused an administration page", async () => {
    const { app } = get();
    await seedUser(app, "agent@ville.example", ["agent"]);
    const page = await get().page();
    await signIn(page, "agent@ville.example");
    const navigation = page.getByRole("navigation", { name: "Navigation principale" });
    await navigation.waitFor();
    assert.equal(await navigation.getByRole("link", { name: "Administration" }).count(), 0);
    await page.goto("/administration/utilisateurs");
    await page.getByRole("heading", { name: "Accès refusé" }).waitFor();
    await expectAccessible(page, "forbidden");
    // The page only mirrors the API, which refuses the same agent on its own.
    const status = await page.evaluate(async () => (await fetch("/api/users")).status);
    assert.equal(status, 403);
  });

  test("a session that ends on the server brings the sign-in back, saying so", async () => {
    const { app } = get();
    const user = await seedUser(app, "expire@ville.example", ["agent"]);
    const page = await get().page();
    await signIn(page, "expire@ville.example");
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
    // The conversation page has loaded what it needs: the session ends while the agent reads it.
    await page.getByRole("radio", { name: "Assistant général" }).waitFor();
    await page.getByText("Aucune conversation pour l'instant.").waitFor();
    await app.services.auth.renewSessions(user.id);
    // The next request the page makes is refused: the sign-in form comes back and says why.
    await page.getByRole("link", { name: "Bases de connaissances" }).click();
    await page.getByRole("heading", { name: "Connexion" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Votre session a expiré" }).waitFor();
  });

  test("an agent asked to accept a new version sees what changed since the one they accepted", async () => {
    const { app } = get();
    await seedUser(app, "relecture@ville.example", ["agent"]);
    await app.services.charter.update(null, templateYaml("strict"));
    const page = await get().page();
    await signIn(page, "relecture@ville.example");
    const changes = page.getByRole("region", { name: /Ce qui a changé depuis la version \d+/ });
    await changes.waitFor();
    await changes.getByRole("heading", { name: "Règles nouvelles ou modifiées" }).waitFor();
    await changes
      .getByText(
        "Données personnelles vers un hébergeur soumis à un droit extraterritorial : bloquées, jamais envoyées.",
      )
      .waitFor();
    await changes.getByRole("heading", { name: "Règles qui ne s'appliquent plus" }).waitFor();
    await expectAccessible(page, "charter changes before re-acceptance");
    await page.getByRole("button", { name: /J'ai lu la charte et je l'accepte/ }).click();
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
  });
});
