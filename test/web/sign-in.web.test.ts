import assert from "node:assert/strict";
import { test } from "node:test";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn } from "../support/browser.js";

describeBrowser("web page: signing in, the charter, the frame", (get) => {
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
});
