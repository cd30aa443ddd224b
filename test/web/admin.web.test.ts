import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import type { Locator, Page } from "playwright-core";
import { CATEGORIES, defaultGrounding } from "../../src/assistants/index.js";
import { templateYaml } from "../../src/charter/index.js";
import { ProviderSchema } from "../../src/providers/index.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn, waitForPage } from "../support/browser.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const ADMIN = "dsi@ville.example";

describeBrowser("web page: administration", (get) => {
  let upstream: OpenAiUpstream;

  before(async () => {
    const { app } = get();
    upstream = await startOpenAiUpstream();
    await seedUser(app, ADMIN, ["admin"], "DSI");
    await app.services.directions.add("Pôle solidarités > CCAS");
  });
  after(() => upstream.close());

  const asAdmin = async (path: string, heading: string): Promise<Page> => {
    const page = await get().page();
    await signIn(page, ADMIN);
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
    await page.goto(path);
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    return page;
  };
  /** Waits until `target` has the focus (it moves on the next frame), failing after 3 s. */
  const expectFocus = async (page: Page, target: Locator) => {
    try {
      await target.and(page.locator(":focus")).waitFor({ timeout: 3000 });
    } catch (error) {
      const where = await page.evaluate(
        "document.activeElement.outerHTML.slice(0, 200) + ' dialogs:' + document.querySelectorAll('dialog[open]').length",
      );
      throw new Error(`focus is on ${String(where)}`, { cause: error });
    }
  };
  const adminNav = (page: Page) =>
    page.getByRole("navigation", { name: "Rubriques de l'administration" });

  test("an administrator creates a user with roles and a direction, changes them, then disables the account", async () => {
    const { app } = get();
    const page = await asAdmin("/administration", "Administration");
    await expectAccessible(page, "administration home");
    await adminNav(page).getByRole("link", { name: "Utilisateurs" }).click();
    await page.getByRole("heading", { level: 1, name: "Utilisateurs" }).waitFor();
    await page.getByRole("row", { name: /dsi@ville\.example/ }).waitFor();
    await expectAccessible(page, "users");

    await page
      .getByLabel("Adresse électronique", { exact: true })
      .fill("camille.martin@ville.example");
    await page.getByLabel("Nom", { exact: true }).fill("Camille Martin");
    const roles = page.getByRole("group", { name: "Rôles" });
    await roles.getByLabel("Référent").check();
    await page
      .getByLabel("Direction", { exact: true })
      .selectOption({ label: "Pôle solidarités > CCAS" });
    await page.getByLabel("Mot de passe initial (facultatif)").fill("un mot de passe solide");
    await page.getByRole("button", { name: "Créer l'utilisateur" }).click();

    const row = page.getByRole("row", { name: /Camille Martin/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /Agent, Référent/);
    assert.match((await row.textContent()) ?? "", /Pôle solidarités > CCAS/);
    assert.match((await row.textContent()) ?? "", /Jamais/);
    await page
      .getByRole("status")
      .filter({ hasText: "Utilisateur « Camille Martin » créé." })
      .waitFor();
    const created = await app.services.users.findByEmail("camille.martin@ville.example");
    assert.deepEqual(created?.roles, ["agent", "referent"]);
    await expectAccessible(page, "users after creation");

    // The same address again: the server's refusal is shown on the e-mail field, which takes the focus.
    const email = page.getByLabel("Adresse électronique", { exact: true });
    await email.fill("camille.martin@ville.example");
    await page.getByLabel("Nom", { exact: true }).fill("Camille Martin bis");
    await page.getByRole("button", { name: "Créer l'utilisateur" }).click();
    await page.getByText("Un compte existe déjà avec cette adresse électronique.").waitFor();
    assert.equal(await email.getAttribute("aria-invalid"), "true");
    // The focus moves to the field once the error is shown: wait for it, then read its description.
    await waitForPage(
      page,
      "document.activeElement && document.activeElement.getAttribute('aria-describedby')",
    );
    assert.match(
      (await page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent",
      )) as string,
      /existe déjà/,
    );
    await expectFocus(page, email);
    await expectAccessible(page, "user form with a server error on a field");
    // No role: said on the roles, not by a disabled button.
    await page.getByRole("group", { name: "Rôles" }).getByLabel("Agent").uncheck();
    await page.getByRole("button", { name: "Créer l'utilisateur" }).click();
    await page.getByText("Cochez au moins un rôle.").waitFor();
    await expectFocus(page, page.getByRole("group", { name: "Rôles" }).getByLabel("Agent"));

    await page.getByRole("button", { name: "Modifier Camille Martin" }).click();
    const dialog = page.getByRole("dialog", { name: "Modifier « Camille Martin »" });
    await dialog.waitFor();
    await expectAccessible(page, "user editor");
    await dialog.getByLabel("Référent").uncheck();
    await dialog.getByLabel("Auditeur (DPO)").check();
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("row", { name: /Camille Martin.*Agent, Auditeur \(DPO\)/ }).waitFor();

    await page.getByRole("button", { name: "Désactiver Camille Martin" }).click();
    await page.getByRole("button", { name: "Réactiver Camille Martin" }).waitFor();
    // The focus stays on the button.
    await expectFocus(page, page.getByRole("button", { name: "Réactiver Camille Martin" }));
    assert.match((await row.textContent()) ?? "", /Désactivé/);
    const disabled = await app.services.users.findByEmail("camille.martin@ville.example");
    assert.ok(disabled?.disabledAt, "the account is disabled on the server");

    // The disabled account can no longer sign in.
    const theirs = await get().page();
    await signIn(theirs, "camille.martin@ville.example", "un mot de passe solide");
    await theirs.getByRole("alert").waitFor();
    await theirs.getByRole("heading", { name: "Connexion" }).waitFor();
  });

  test("an API key is shown once, works, disappears on reload and is revoked", async () => {
    const { url } = get();
    const page = await asAdmin("/administration/cles-api", "Clés d'API");
    await page.getByText("Vous n'avez aucune clé d'API.").waitFor();
    await expectAccessible(page, "api keys, empty");

    await page.getByLabel("Nom", { exact: true }).fill("Script de publication");
    const scopes = page.getByRole("group", { name: "Droits" });
    await scopes.getByLabel("Utiliser les assistants").check();
    await page.getByLabel("Durée de validité (jours)").fill("30");
    await page.getByRole("button", { name: "Créer la clé" }).click();
    await page.getByRole("heading", { name: "Clé « Script de publication » créée" }).waitFor();
    await page.getByText("elle ne sera plus jamais affichée").waitFor();
    const token = await page.getByLabel("Votre nouvelle clé").inputValue();
    assert.ok(token.length > 20, "the key itself");
    await page.getByRole("button", { name: "Copier la clé" }).waitFor();
    await expectAccessible(page, "api key shown once");
    // Done: the notice goes, the focus goes to the form's first field.
    await page.getByRole("button", { name: "J'ai copié la clé" }).click();
    await page.getByLabel("Votre nouvelle clé").waitFor({ state: "detached" });
    await expectFocus(page, page.getByLabel("Nom", { exact: true }));

    const models = await fetch(`${url}/v1/models`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(models.status, 200, "the key works");

    await page.reload();
    const row = page.getByRole("row", { name: /Script de publication/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /Utiliser les assistants/);
    assert.match((await row.textContent()) ?? "", /Active/);
    assert.equal(await page.getByLabel("Votre nouvelle clé").count(), 0);
    assert.ok(!(await page.content()).includes(token), "never shown again");

    await page.getByRole("button", { name: "Révoquer Script de publication" }).click();
    const dialog = page.getByRole("dialog", {
      name: "Révoquer la clé « Script de publication » ?",
    });
    await dialog.waitFor();
    await expectAccessible(page, "revoke confirmation");
    await dialog.getByRole("button", { name: "Révoquer" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Clé « Script de publication » révoquée." })
      .waitFor();
    await page.getByRole("row", { name: /Script de publication.*Révoquée/ }).waitFor();
    // Its button is gone: the focus is on the keys' table, not lost on the page.
    await expectFocus(page, page.getByRole("table", { name: "1 clé" }));
    const refused = await fetch(`${url}/v1/models`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(refused.status, 401);
  });

  test("the charter editor shows problems at their line, the rules in French, and saves a version agents must accept", async () => {
    const { app } = get();
    await seedUser(app, "agent.charte@ville.example", ["agent"], "Pôle solidarités > CCAS");
    const page = await asAdmin("/administration/charte", "Charte d'usage");
    const preview = page.getByRole("region", { name: "Aperçu des règles" });
    await preview
      .getByText(
        "Données personnelles vers un hébergeur soumis à un droit extraterritorial : pseudonymisées avant envoi.",
      )
      .waitFor();
    await expectAccessible(page, "charter editor");
    const editor = page.getByLabel("Texte de la charte (YAML)");

    // A syntax error: listed with its line; a click puts the caret there.
    await editor.fill(
      "title: Essai\nprinciples: |\n  Prudence.\nforbiddenCategories: [decision\nquotas: {}\n",
    );
    const syntax = page.getByRole("button", { name: /^Ligne [45], colonne \d+ : / });
    await syntax.waitFor();
    assert.match((await syntax.textContent()) ?? "", /crochet|indentation/);
    assert.equal(await editor.getAttribute("aria-invalid"), "true");
    await preview.getByText("Corrigez les problèmes signalés").waitFor();
    await expectAccessible(page, "charter with a syntax error");
    const line = /^Ligne (\d+)/.exec((await syntax.textContent()) ?? "")?.[1];
    await syntax.click();
    await page.getByText(new RegExp(`^Ligne ${line}, colonne \\d+$`)).waitFor();
    assert.equal(await page.evaluate("document.activeElement.tagName"), "TEXTAREA");

    // A schema error: on the line of the field in fault.
    const wrong = templateYaml("balanced").replace(
      "extraterritorial: pseudonymise",
      "extraterritorial: peut-etre",
    );
    const expected = wrong.split("\n").findIndex((text) => text.includes("peut-etre")) + 1;
    await editor.fill(wrong);
    const schema = page.getByRole("button", {
      name: new RegExp(
        `^Ligne ${expected}, colonne \\d+ dataMatrix\\.personal\\.extraterritorial : action attendue`,
      ),
    });
    await schema.waitFor();
    await schema.click();
    await page.getByText(new RegExp(`^Ligne ${expected}, colonne \\d+$`)).waitFor();
    assert.equal(await page.evaluate("document.activeElement.tagName"), "TEXTAREA");
    await expectAccessible(page, "charter with a schema error");

    // A valid charter: its rules in plain French.
    const valid = templateYaml("balanced").replace(
      "quotas: {}",
      "quotas: { agent: { requests: 400 }, onExceed: warn }",
    );
    await editor.fill(valid);
    await preview.getByText("Par agent et par mois : 400 demandes.").waitFor();
    await page.getByRole("status").filter({ hasText: "La charte est valide." }).waitFor();
    assert.equal(await editor.getAttribute("aria-invalid"), null);

    // Loading a template over unsaved edits asks first; "Annuler" keeps them.
    await page.getByLabel("Partir d'un modèle").selectOption({ label: "Stricte" });
    await page.getByRole("button", { name: "Charger le modèle" }).click();
    const question = page.getByRole("dialog", { name: "Remplacer le texte modifié ?" });
    await question.waitFor();
    await expectFocus(page, question.getByRole("button", { name: "Annuler" }));
    await expectAccessible(page, "charter replace question");
    await question.getByRole("button", { name: "Annuler" }).click();
    await question.waitFor({ state: "hidden" });
    assert.equal(await editor.inputValue(), valid);

    // Saved with a click right after typing, even when the check started by the typing
    // comes before the save's own (a slow network: each check takes longer than the pause).
    await page.route("**/api/charter/preview", async (route) => {
      await delay(700);
      await route.continue();
    });
    await editor.fill(`${valid}\n`);
    await page.getByRole("button", { name: "Enregistrer" }).click();
    // Like every agent, the administrator now accepts the new version.
    await page
      .getByRole("button", { name: "J'ai lu la charte et je l'accepte (version 2)" })
      .click();
    await page.unroute("**/api/charter/preview");
    await page.getByRole("heading", { level: 1, name: "Charte d'usage" }).waitFor();
    await page.getByText(/Version en vigueur : 2/).waitFor();
    const versions = page.getByRole("table", { name: /versions/ });
    const latest = versions.getByRole("row", { name: /Version 2/ });
    await latest.waitFor();
    // The author's name comes with the users' list, which may arrive after the versions.
    await latest.filter({ hasText: "dsi" }).waitFor();
    assert.match((await latest.textContent()) ?? "", /dsi/);
    assert.match((await latest.textContent()) ?? "", /quotas/);
    await expectAccessible(page, "charter saved");
    assert.equal((await app.services.charter.current()).charter.quotas.agent?.requests, 400);

    // An agent signing in afterwards must accept the new version first.
    const agent = await get().page();
    await signIn(agent, "agent.charte@ville.example");
    await agent
      .getByRole("button", { name: "J'ai lu la charte et je l'accepte (version 2)" })
      .waitFor();
  });

  test("the providers page shows a provider's sovereignty and tests its health", async () => {
    const { app } = get();
    await app.services.providers.create(
      ProviderSchema.parse({
        id: "albert-essai",
        label: "Albert (essai)",
        baseUrl: upstream.url,
        sovereignty: "sovereign",
        country: "FRA",
        models: [{ id: "test-model", activeParameters: 24, totalParameters: 24 }],
      }),
    );
    const page = await asAdmin("/administration/fournisseurs", "Fournisseurs de modèles");
    const card = page.getByRole("article", { name: /Albert \(essai\)/ });
    await card.waitFor();
    assert.match((await card.textContent()) ?? "", /Hébergeur souverain/);
    assert.match((await card.textContent()) ?? "", /FRA/);
    assert.match((await card.textContent()) ?? "", /24 actifs sur 24/);
    await expectAccessible(page, "providers");

    await card.getByRole("button", { name: "Tester Albert (essai)" }).click();
    await card.getByText("Le fournisseur répond : 1 modèle proposé.").waitFor();
    await card.getByText("Tous les modèles déclarés sont proposés.").waitFor();
    await expectAccessible(page, "provider test result");

    upstream.models = ["autre-modele"];
    await card.getByRole("button", { name: "Tester Albert (essai)" }).click();
    await card
      .getByText("Modèles déclarés mais non proposés : test-model.", { exact: false })
      .waitFor();
    upstream.models = ["test-model"];

    // Another, from a preset: added, shown with its hosting class, then removed after a confirmation.
    // A preset over typed fields asks first.
    await page.getByLabel("Identifiant", { exact: true }).fill("saisi-a-la-main");
    await page.getByLabel("Partir d'un préréglage").selectOption({ label: "Ollama (local)" });
    const replace = page.getByRole("dialog", { name: "Remplacer ce que vous avez saisi ?" });
    await replace.waitFor();
    await replace.getByRole("button", { name: "Remplacer" }).click();
    await replace.waitFor({ state: "hidden" });
    await page.getByLabel("Identifiant", { exact: true }).fill("ollama-dsi");
    await page.getByLabel("Adresse de l'API").fill(upstream.url);
    const presetModel = page.getByRole("group", { name: "Modèle 1" });
    assert.equal(
      await presetModel.getByLabel("Identifiant du modèle").inputValue(),
      "mistral-small3.2:24b",
    );
    assert.equal(await presetModel.getByLabel("Paramètres actifs (milliards)").inputValue(), "24");
    assert.equal(await presetModel.getByLabel("Contexte (jetons)").inputValue(), "32768");
    // A local preset leaves the PUE to the collectivité's configuration, which this one lacks: said.
    await page
      .getByRole("region", { name: "Ajouter un fournisseur" })
      .getByText("le PUE de votre salle serveurs", { exact: false })
      .waitFor();
    await expectAccessible(page, "provider form from a preset");
    await page.getByRole("button", { name: "Ajouter le fournisseur" }).click();
    const added = page.getByRole("article", { name: /Ollama \(local\)/ });
    await added.waitFor();
    assert.match((await added.textContent()) ?? "", /Hébergé par la collectivité/);
    assert.equal((await app.services.providers.get("ollama-dsi")).sovereignty, "local");
    await added.getByRole("button", { name: "Retirer Ollama (local)" }).click();
    const confirm = page.getByRole("dialog", { name: "Retirer « Ollama (local) » ?" });
    await confirm.waitFor();
    // The question opens on its safe answer.
    await expectFocus(page, confirm.getByRole("button", { name: "Annuler" }));
    await expectAccessible(page, "provider removal confirmation");
    await confirm.getByRole("button", { name: "Retirer" }).click();
    await added.waitFor({ state: "detached" });
    await page.getByText("Fournisseur « Ollama (local) » retiré.").waitFor();
    // The card is gone: the focus is on the next provider's name, not lost on the page.
    await expectFocus(page, page.getByRole("heading", { name: /^Albert \(essai\)/ }));
  });

  test("a provider's API key is typed once, reaches the provider, is never shown back, and is kept or removed as asked", async () => {
    const { app } = get();
    const key = "sk-essai-cle-saisie-7f3a9c2e";
    const keySent = () => upstream.requests.at(-1)?.headers.authorization === `Bearer ${key}`;
    // The stand-in now refuses any request without this key.
    upstream.key = key;
    try {
      const page = await asAdmin("/administration/fournisseurs", "Fournisseurs de modèles");
      const form = page.getByRole("region", { name: "Ajouter un fournisseur" });
      const variable = form.getByLabel("Variable d'environnement de la clé d'API (facultatif)");
      await form.getByLabel("Identifiant", { exact: true }).fill("cle-saisie");
      await form.getByLabel("Nom affiché (facultatif)").fill("Clé saisie");
      await form.getByLabel("Adresse de l'API").fill(upstream.url);
      await form.getByLabel("Identifiant du modèle").fill("test-model");

      // A variable the configuration keeps for Beffroi itself: the API's refusal, on that field.
      await variable.fill("BEFFROI_GUARD__VAULT_KEY");
      await form.getByRole("button", { name: "Ajouter le fournisseur" }).click();
      await form.getByText(/^Variable de clé refusée : BEFFROI_GUARD__VAULT_KEY/).waitFor();
      assert.equal(await variable.getAttribute("aria-invalid"), "true");
      await expectFocus(page, variable);
      await expectAccessible(page, "provider form with a refused key variable");

      // A key typed as well as a variable: one source only, said on the key field.
      const keyField = form.getByLabel("Clé d'API", { exact: true });
      assert.equal(await keyField.getAttribute("type"), "password");
      assert.equal(await keyField.getAttribute("autocomplete"), "new-password");
      await keyField.fill(key);
      await form.getByRole("button", { name: "Ajouter le fournisseur" }).click();
      await form.getByText("Une seule source de clé", { exact: false }).waitFor();
      await expectFocus(page, keyField);
      await variable.fill("");
      await form.getByRole("button", { name: "Ajouter le fournisseur" }).click();

      const card = page.getByRole("article", { name: /Clé saisie/ });
      await card.waitFor();
      await card.getByText("saisie dans Beffroi, enregistrée chiffrée").waitFor();
      assert.equal(await keyField.inputValue(), "", "the form forgets the key once sent");
      assert.ok(!(await page.content()).includes(key), "the key is never shown");
      await expectAccessible(page, "provider with a stored key");

      await card.getByRole("button", { name: "Tester Clé saisie" }).click();
      await card.getByText("Le fournisseur répond : 1 modèle proposé.").waitFor();
      assert.ok(keySent(), "the typed key reached the provider");

      // Edited without typing a key: the stored one is kept, never filled in.
      await card.getByRole("button", { name: "Modifier Clé saisie" }).click();
      const editor = page.getByRole("dialog", { name: "Modifier « Clé saisie »" });
      await editor.waitFor();
      const editedKey = editor.getByLabel("Clé d'API", { exact: true });
      assert.equal(await editedKey.inputValue(), "");
      await editor
        .getByText("Une clé est enregistrée (chiffrée) ; laissez vide pour la garder", {
          exact: false,
        })
        .waitFor();
      assert.ok(!(await page.content()).includes(key), "the key is not in the editor");
      await expectAccessible(page, "provider editor with a stored key");

      // Another host without the key again: the API's refusal, on the key field.
      const address = editor.getByLabel("Adresse de l'API");
      await address.fill("http://127.0.0.2:9/v1");
      await editor.getByRole("button", { name: "Enregistrer" }).click();
      await editor
        .getByText("L'adresse de ce fournisseur change de serveur", { exact: false })
        .waitFor();
      assert.equal(await editedKey.getAttribute("aria-invalid"), "true");
      await expectFocus(page, editedKey);
      await expectAccessible(page, "provider editor with the key to enter again");

      await address.fill(upstream.url);
      await editor.getByLabel("Nom affiché (facultatif)").fill("Clé conservée");
      await editor.getByRole("button", { name: "Enregistrer" }).click();
      await editor.waitFor({ state: "hidden" });
      await page.getByText("Fournisseur « Clé conservée » enregistré.").waitFor();
      const kept = page.getByRole("article", { name: /Clé conservée/ });
      await kept.getByText("saisie dans Beffroi, enregistrée chiffrée").waitFor();
      const before = upstream.requests.length;
      await kept.getByRole("button", { name: "Tester Clé conservée" }).click();
      await kept.getByText("Le fournisseur répond : 1 modèle proposé.").waitFor();
      assert.ok(upstream.requests.length > before && keySent(), "the kept key still works");

      // Removed after a confirmation: the provider is then called without a key, and refused.
      await kept.getByRole("button", { name: "Modifier Clé conservée" }).click();
      const again = page.getByRole("dialog", { name: "Modifier « Clé conservée »" });
      await again.getByRole("button", { name: "Retirer la clé enregistrée" }).click();
      const confirm = page.getByRole("dialog", {
        name: "Retirer la clé d'API de « Clé conservée » ?",
      });
      await confirm.waitFor();
      await expectFocus(page, confirm.getByRole("button", { name: "Annuler" }));
      await expectAccessible(page, "provider key removal confirmation");
      await confirm.getByRole("button", { name: "Retirer la clé" }).click();
      await confirm.waitFor({ state: "hidden" });
      await again.getByText("Facultative.", { exact: false }).waitFor();
      assert.equal(
        await again.getByRole("button", { name: "Retirer la clé enregistrée" }).count(),
        0,
      );
      await expectFocus(page, again.getByLabel("Clé d'API", { exact: true }));
      await again.getByRole("button", { name: "Annuler" }).click();
      await again.waitFor({ state: "hidden" });
      await kept.getByText("aucune", { exact: true }).waitFor();
      await kept.getByRole("button", { name: "Tester Clé conservée" }).click();
      await kept
        .getByRole("alert")
        .getByText("clé d'API refusée (401)", { exact: false })
        .waitFor();
      assert.equal((await app.services.providers.get("cle-saisie")).label, "Clé conservée");
    } finally {
      upstream.key = undefined;
      await app.services.providers.remove("cle-saisie").catch(() => {});
    }
  });

  test("a provider's PUE, WUE and models' context come from its preset, are edited and kept, and what impact lacks is said until filled in", async () => {
    const { app } = get();
    try {
      const page = await asAdmin("/administration/fournisseurs", "Fournisseurs de modèles");
      const form = page.getByRole("region", { name: "Ajouter un fournisseur" });
      await form.getByLabel("Partir d'un préréglage").selectOption({ label: "Anthropic" });
      // The method's datacenter for this provider, and the model's context length.
      const pue = form.getByLabel("PUE du centre de données");
      const wue = form.getByLabel("WUE du centre de données (L/kWh, facultatif)");
      assert.equal(await pue.inputValue(), "1,09-1,14");
      assert.equal(await wue.inputValue(), "0,13-0,999");
      assert.equal(await form.getByLabel("Pays", { exact: true }).inputValue(), "USA");
      const first = form.getByRole("group", { name: "Modèle 1" });
      assert.equal(
        await first.getByLabel("Identifiant du modèle").inputValue(),
        "claude-sonnet-4-5",
      );
      assert.equal(await first.getByLabel("Contexte (jetons)").inputValue(), "200000");
      // Nobody publishes its size: the form says its answers will not be estimated, and what to fill in.
      const warning = form.getByText("Impact environnemental non estimé.", { exact: false });
      await warning.waitFor();
      await form
        .getByText("le nombre de paramètres de claude-sonnet-4-5 (champ « Paramètres actifs »", {
          exact: false,
        })
        .waitFor();
      await expectAccessible(page, "provider form with an impact warning");
      await first.getByLabel("Paramètres actifs (milliards)").fill("44-132");
      await first.getByLabel("Paramètres au total (milliards, facultatif)").fill("440");
      await warning.waitFor({ state: "detached" });

      // Another model, added then removed: the focus follows.
      await form.getByRole("button", { name: "Ajouter un modèle" }).click();
      const second = form.getByRole("group", { name: "Modèle 2" });
      await expectFocus(page, second.getByLabel("Identifiant du modèle"));
      await second.getByRole("button", { name: "Retirer ce modèle (Modèle 2)" }).click();
      await second.waitFor({ state: "detached" });
      await expectFocus(page, first.getByLabel("Identifiant du modèle"));

      await form.getByLabel("Identifiant", { exact: true }).fill("anthropic-dsi");
      await form.getByLabel("Adresse de l'API").fill(upstream.url);
      await form.getByLabel("Variable d'environnement de la clé d'API (facultatif)").fill("");
      await pue.fill("1,3");
      await first.getByLabel("Contexte (jetons)").fill("150000");
      // Unreadable: said on the field, which takes the focus.
      await wue.fill("beaucoup");
      await form.getByRole("button", { name: "Ajouter le fournisseur" }).click();
      await form.getByText("Écrivez un nombre de litres par kWh", { exact: false }).waitFor();
      await expectFocus(page, wue);
      await wue.fill("0,5");
      await form.getByRole("button", { name: "Ajouter le fournisseur" }).click();

      const card = page.getByRole("article", { name: /Anthropic \(anthropic-dsi\)/ });
      await card.waitFor();
      const text = (await card.textContent()) ?? "";
      assert.match(text, /PUE1,3/);
      assert.match(text, /WUE0,5 L\/kWh/);
      assert.match(text, /150\s000 jetons/);
      assert.match(text, /44–132 actifs sur 440/);
      assert.doesNotMatch(text, /non estimé/);
      const saved = await app.services.providers.get("anthropic-dsi");
      assert.equal(saved.pue, 1.3);
      assert.equal(saved.wue, 0.5);
      assert.equal(saved.models[0]?.contextLength, 150_000);
      await expectAccessible(page, "provider with its datacenter");

      // Reopened: everything as saved. Its size removed, the form and then the card say what is missing.
      await card.getByRole("button", { name: "Modifier Anthropic" }).click();
      const editor = page.getByRole("dialog", { name: "Modifier « Anthropic »" });
      await editor.waitFor();
      const model = editor.getByRole("group", { name: "Modèle 1" });
      assert.equal(await editor.getByLabel("PUE du centre de données").inputValue(), "1,3");
      assert.equal(
        await editor.getByLabel("WUE du centre de données (L/kWh, facultatif)").inputValue(),
        "0,5",
      );
      assert.equal(await model.getByLabel("Contexte (jetons)").inputValue(), "150000");
      assert.equal(await model.getByLabel("Paramètres actifs (milliards)").inputValue(), "44-132");
      await model.getByLabel("Paramètres actifs (milliards)").fill("");
      await model.getByLabel("Paramètres au total (milliards, facultatif)").fill("");
      await editor.getByText("Impact environnemental non estimé.", { exact: false }).waitFor();
      await expectAccessible(page, "provider editor with an impact warning");
      await editor.getByRole("button", { name: "Enregistrer" }).click();
      await editor.waitFor({ state: "hidden" });
      const cardWarning = card.getByText("Impact environnemental non estimé.", { exact: false });
      await cardWarning.waitFor();
      await card
        .getByText("le nombre de paramètres de claude-sonnet-4-5", { exact: false })
        .waitFor();
      await expectAccessible(page, "provider card with an impact warning");

      // Filled in again: the warning goes, on the form and then on the card.
      await card.getByRole("button", { name: "Modifier Anthropic" }).click();
      await editor.waitFor();
      const warned = editor.getByText("Impact environnemental non estimé.", { exact: false });
      await warned.waitFor();
      await model.getByLabel("Paramètres actifs (milliards)").fill("44-132");
      await warned.waitFor({ state: "detached" });
      await editor.getByRole("button", { name: "Enregistrer" }).click();
      await editor.waitFor({ state: "hidden" });
      await cardWarning.waitFor({ state: "detached" });
      assert.deepEqual(
        (await app.services.providers.get("anthropic-dsi")).models[0]?.totalParameters,
        {
          min: 44,
          max: 132,
        },
      );
    } finally {
      await app.services.providers.remove("anthropic-dsi").catch(() => {});
    }
  });

  test("an auditor reads the users table without any control to change it, and is refused the assistants", async () => {
    const { app } = get();
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    const page = await get().page();
    await signIn(page, "dpo@ville.example");
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
    await page.goto("/administration/utilisateurs");
    await page.getByRole("heading", { level: 1, name: "Utilisateurs" }).waitFor();
    await page.getByRole("row", { name: /dsi@ville\.example/ }).waitFor();
    await page.getByText("Lecture seule").waitFor();
    assert.equal(await page.getByRole("button", { name: /Désactiver|Modifier|Créer/ }).count(), 0);
    assert.equal(await page.getByRole("heading", { name: "Créer un utilisateur" }).count(), 0);
    await expectAccessible(page, "users, read only");
    assert.equal(await adminNav(page).getByRole("link", { name: "Assistants" }).count(), 0);
    await page.goto("/administration/assistants");
    await page.getByRole("heading", { name: "Accès refusé" }).waitFor();
  });

  test("directions and assistants: an administrator adds a service and an assistant that reads the demo base", async () => {
    const page = await asAdmin("/administration/directions", "Directions");
    await page.getByText("CCAS", { exact: true }).waitFor();
    await expectAccessible(page, "directions");
    await page.getByLabel("Chemin de la direction").fill("Pôle solidarités > CCAS > Accueil");
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await page.getByText("Direction « Pôle solidarités > CCAS > Accueil » ajoutée.").waitFor();
    assert.ok(await get().app.services.directions.find("Pôle solidarités > CCAS > Accueil"));

    await adminNav(page).getByRole("link", { name: "Assistants" }).click();
    await page.getByRole("heading", { level: 1, name: "Assistants" }).waitFor();
    await page.getByRole("table").waitFor();
    await expectAccessible(page, "assistants");
    await page.getByRole("button", { name: "Nouvel assistant" }).click();
    const dialog = page.getByRole("dialog", { name: "Nouvel assistant" });
    await dialog.waitFor();
    await dialog.getByLabel("Nom", { exact: true }).fill("Accueil des usagers");
    await dialog.getByLabel("Description").fill("Répond aux questions courantes de l'accueil.");
    await dialog
      .getByRole("group", { name: "Bases de connaissances" })
      .getByLabel(/Accueil de la mairie/)
      .check();
    await dialog.getByLabel("Catégorie").selectOption({ label: "Accueil" });
    await dialog
      .getByLabel("Direction propriétaire")
      .selectOption({ label: "Pôle solidarités > CCAS > Accueil" });
    await expectAccessible(page, "assistant editor");
    await dialog.getByRole("button", { name: "Créer l'assistant" }).click();
    const row = page.getByRole("row", { name: /Accueil des usagers/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /Pôle solidarités > CCAS > Accueil/);
    const saved = (await get().app.services.assistants.list()).find(
      (a) => a.name === "Accueil des usagers",
    );
    assert.equal(saved?.category, "reception");
    assert.equal(saved?.knowledgeBaseIds.length, 1);
  });

  test("assistants: the grounding mode follows the category until chosen, and warns when a drafting assistant must answer from its bases only", async () => {
    const page = await asAdmin("/administration/assistants", "Assistants");
    await page.getByRole("table").waitFor();
    await page.getByRole("button", { name: "Nouvel assistant" }).click();
    const dialog = page.getByRole("dialog", { name: "Nouvel assistant" });
    await dialog.waitFor();
    const group = dialog.getByRole("group", { name: "Usage des bases de connaissances" });
    const radio = {
      required: group.getByRole("radio", { name: /^Obligatoires/ }),
      preferred: group.getByRole("radio", { name: /^Préférées/ }),
      off: group.getByRole("radio", { name: /^Désactivées/ }),
    };
    const checked = async () => {
      for (const [mode, control] of Object.entries(radio))
        if (await control.isChecked()) return mode;
      return "none";
    };
    const warning = group.getByText(/refusera les demandes de rédaction ou de reformulation/);
    const category = dialog.getByLabel("Catégorie");

    // Each category's advised mode, as the server gives it to an assistant created without one.
    for (const value of CATEGORIES) {
      await category.selectOption(value);
      assert.equal(await checked(), defaultGrounding(value), value);
    }
    await category.selectOption({ label: "Accueil" });
    assert.equal(await checked(), "required");
    assert.equal(
      await warning.count(),
      0,
      "answering from the bases is right for a reception desk",
    );
    await category.selectOption({ label: "Rédaction" });
    assert.equal(await checked(), "preferred");
    assert.match(
      (await radio.preferred.getAttribute("aria-describedby")) ?? "",
      /\S/,
      "each mode is explained",
    );
    await expectAccessible(page, "assistant editor, grounding modes");

    // Chosen: a drafting assistant that must answer from its bases is warned about, in words read aloud.
    await radio.required.check();
    await warning.waitFor();
    assert.ok(
      ((await group.getAttribute("aria-describedby")) ?? "").includes(
        (await warning.getAttribute("id")) ?? "?",
      ),
    );
    assert.equal(
      await group
        .locator("[aria-live=polite]")
        .getByText(/refusera les demandes de rédaction/)
        .count(),
      1,
      "the warning appears in a live region",
    );
    await expectAccessible(page, "assistant editor, drafting that requires its bases");
    // Once chosen, the mode no longer follows the category.
    await category.selectOption({ label: "Synthèse" });
    assert.equal(await checked(), "required");
    await warning.waitFor();
    // By keyboard: the arrow moves to the next mode, and the warning goes.
    await radio.required.focus();
    await page.keyboard.press("ArrowDown");
    assert.equal(await checked(), "preferred");
    await warning.waitFor({ state: "detached" });
    await page.keyboard.press("ArrowUp");
    assert.equal(await checked(), "required");

    await dialog.getByLabel("Nom", { exact: true }).fill("Synthèses strictes");
    await dialog.getByRole("button", { name: "Créer l'assistant" }).click();
    const row = page.getByRole("row", { name: /Synthèses strictes/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /Bases obligatoires/);
    const saved = (await get().app.services.assistants.list()).find(
      (assistant) => assistant.name === "Synthèses strictes",
    );
    assert.equal(saved?.category, "summary");
    assert.equal(saved?.grounding, "required");

    // Edited, it shows its mode and the warning at once; a mode other than the category's stays put.
    await page.getByRole("button", { name: "Modifier Synthèses strictes" }).click();
    const editor = page.getByRole("dialog", { name: "Modifier « Synthèses strictes »" });
    await editor.waitFor();
    const edited = editor.getByRole("group", { name: "Usage des bases de connaissances" });
    assert.ok(await edited.getByRole("radio", { name: /^Obligatoires/ }).isChecked());
    await edited.getByText(/refusera les demandes de rédaction/).waitFor();
    await editor.getByLabel("Catégorie").selectOption({ label: "Comptes rendus" });
    assert.ok(await edited.getByRole("radio", { name: /^Obligatoires/ }).isChecked());
    await edited.getByRole("radio", { name: /^Préférées/ }).check();
    await editor.getByRole("button", { name: "Enregistrer" }).click();
    await editor.waitFor({ state: "hidden" });
    await page.getByRole("row", { name: /Synthèses strictes.*Bases préférées/ }).waitFor();
    const updated = await get().app.services.assistants.get(saved?.id ?? "");
    assert.equal(updated.grounding, "preferred");
    assert.equal(updated.category, "minutes");
  });
});
