import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, expectFocus, signIn } from "../support/browser.js";
import { type FeedServer, rss, startFeedServer } from "../support/feed-server.js";

const ADMIN = "dsi@ville.example";
const REFERENT = "referente.ccas@ville.example";
const AGENT = "agent.accueil@ville.example";
const SOURCE = "Journal officiel";

describeBrowser(
  "web page: the document watch's administration",
  (get) => {
    let feeds: FeedServer;

    before(async () => {
      const { app } = get();
      await seedUser(app, ADMIN, ["admin"], "DSI");
      await seedUser(app, REFERENT, ["referent"], "Pôle solidarités > CCAS");
      await seedUser(app, AGENT, ["agent"], "Accueil");
      await app.services.directions.add("Pôle solidarités > CCAS > Accueil");
      feeds = await startFeedServer();
      feeds.serve("/flux.xml", {
        headers: { "content-type": "application/rss+xml" },
        body: rss([
          {
            title: "Décret relatif à la restauration scolaire",
            link: "https://www.example.gouv.fr/decret-1",
            description: "<p>Le décret fixe les règles de la restauration scolaire.</p>",
            guid: "decret-1",
          },
          {
            title: "Arrêté sur les horaires d'ouverture des mairies",
            link: "https://www.example.gouv.fr/arrete-2",
            description: "<p>L'arrêté précise les horaires d'accueil du public.</p>",
            guid: "arrete-2",
          },
        ]),
      });
    });
    after(() => feeds?.close());

    const open = async (email: string): Promise<Page> => {
      const page = await get().page();
      await signIn(page, email);
      await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
      await page.goto("/administration");
      await page
        .getByRole("navigation", { name: "Rubriques de l'administration" })
        .getByRole("link", { name: "Veille documentaire" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Veille documentaire" }).waitFor();
      return page;
    };

    /** A row's cells, after its name: kind, address, direction, interval, state, last reading, items. */
    const cells = async (page: Page, name: string): Promise<string[]> =>
      (
        await page
          .getByRole("row", { name: new RegExp(`^${name}`) })
          .getByRole("cell")
          .allInnerTexts()
      ).map((text) => text.trim());

    test("an administrator adds a feed, reads it now, suspends, resumes and deletes it", async () => {
      const { app } = get();
      const page = await open(ADMIN);
      await page.getByText("ne fait appel à aucune IA", { exact: false }).waitFor();
      await page.getByText("watch.privateHosts", { exact: false }).waitFor();
      await page.getByText("Aucune source n'est suivie pour le moment.").waitFor();
      await expectAccessible(page, "an empty watch");

      // Nothing filled in: both fields say so, the first one takes the focus, nothing is sent.
      const name = page.getByLabel("Nom", { exact: true });
      const address = page.getByLabel("Adresse", { exact: true });
      await page.getByRole("button", { name: "Ajouter la source" }).click();
      await page.getByText("Saisissez le nom de la source.").waitFor();
      await page.getByText("Saisissez l'adresse du flux ou de la page.").waitFor();
      await name.and(page.locator(":focus")).waitFor();
      assert.equal(await name.getAttribute("aria-invalid"), "true");
      await expectAccessible(page, "the form's missing fields");
      assert.equal((await app.services.watch.list()).length, 0);

      // An internal address: the server's French refusal, on the address field.
      await name.fill(SOURCE);
      await address.fill("http://10.0.0.8/flux.xml");
      await page.getByRole("button", { name: "Ajouter la source" }).click();
      await page.getByText("Cette adresse désigne le réseau interne", { exact: false }).waitFor();
      await address.and(page.locator(":focus")).waitFor();
      assert.equal(await address.getAttribute("aria-invalid"), "true");
      assert.equal(await page.getByText("Saisissez le nom de la source.").count(), 0);
      await expectAccessible(page, "an internal address refused");
      assert.equal((await app.services.watch.list()).length, 0);

      // The loopback feed, which this app allows (watch.privateHosts).
      await address.fill(`${feeds.url}/flux.xml`);
      await page.getByLabel("Flux RSS/Atom").check();
      await page.getByLabel("Fréquence de lecture").selectOption({ label: "Une fois par jour" });
      await page.getByRole("button", { name: "Ajouter la source" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `« ${SOURCE} » ajoutée` })
        .waitFor();
      await page.getByRole("table", { name: "1 source suivie" }).waitFor();
      assert.deepEqual((await cells(page, SOURCE)).slice(0, 7), [
        "Flux RSS/Atom",
        `${feeds.url}/flux.xml`,
        "Toute la collectivité",
        "une fois par jour",
        "pas encore lue",
        "Jamais",
        "0",
      ]);
      assert.equal(await name.inputValue(), "");
      const [stored] = await app.services.watch.list();
      assert.deepEqual(
        [stored?.kind, stored?.intervalMinutes, stored?.directionId, stored?.status],
        ["feed", 1440, null, "pending"],
      );
      await expectAccessible(page, "a source not read yet");

      // Read now: the new items are announced, the row says « lue » and counts them.
      await page.getByRole("button", { name: `Lire maintenant ${SOURCE}` }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `« ${SOURCE} » lue : 2 nouveaux éléments.` })
        .waitFor();
      await page
        .getByRole("row", { name: new RegExp(`^${SOURCE}`) })
        .getByRole("cell", { name: "lue", exact: true })
        .waitFor();
      const read = await cells(page, SOURCE);
      assert.equal(read[4], "lue");
      assert.notEqual(read[5], "Jamais");
      assert.equal(read[6], "2");
      const latest = page.getByRole("region", { name: "Derniers éléments" });
      await latest.getByText("Décret relatif à la restauration scolaire").waitFor();
      await latest.getByText("Arrêté sur les horaires d'ouverture des mairies").waitFor();
      assert.equal((await app.services.watch.list())[0]?.items, 2);
      await expectAccessible(page, "a source read");

      // Suspended, then resumed: the same button, which keeps the focus.
      await page.getByRole("button", { name: `Suspendre ${SOURCE}` }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `« ${SOURCE} » suspendue` })
        .waitFor();
      const resume = page.getByRole("button", { name: `Reprendre ${SOURCE}` });
      await resume.waitFor();
      await expectFocus(page, "textContent", "Reprendre");
      assert.match((await cells(page, SOURCE))[4] ?? "", /suspendue/);
      assert.equal((await app.services.watch.list())[0]?.enabled, false);
      await expectAccessible(page, "a suspended source");
      await resume.click();
      await page
        .getByRole("status")
        .filter({ hasText: `« ${SOURCE} » reprise` })
        .waitFor();
      await page.getByRole("button", { name: `Suspendre ${SOURCE}` }).waitFor();
      assert.equal((await app.services.watch.list())[0]?.enabled, true);

      // Deleted after confirmation, with its items.
      await page.getByRole("button", { name: `Supprimer ${SOURCE}` }).click();
      const dialog = page.getByRole("dialog", { name: `Supprimer « ${SOURCE} » ?` });
      await dialog.getByText("seront supprimés aussi", { exact: false }).waitFor();
      await expectAccessible(page, "the deletion's confirmation");
      await dialog.getByRole("button", { name: "Supprimer" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `« ${SOURCE} » supprimée` })
        .waitFor();
      await page.getByText("Aucune source n'est suivie pour le moment.").waitFor();
      await page.getByText("Aucun élément trouvé ces sept derniers jours.").waitFor();
      assert.equal((await app.services.watch.list()).length, 0);
      await expectAccessible(page, "the source deleted");
    });

    test("a referent places a source in their direction or below, never the whole collectivité", async () => {
      const { app } = get();
      const page = await open(REFERENT);
      const direction = page.getByLabel("Direction", { exact: true });
      assert.deepEqual(await direction.locator("option").allInnerTexts(), [
        "Pôle solidarités > CCAS",
        "Pôle solidarités > CCAS > Accueil",
      ]);
      await page.getByLabel("Nom", { exact: true }).fill("Actualités sociales");
      await page.getByLabel("Adresse", { exact: true }).fill(`${feeds.url}/flux.xml`);
      await direction.selectOption({ label: "Pôle solidarités > CCAS > Accueil" });
      await page.getByRole("button", { name: "Ajouter la source" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: "« Actualités sociales » ajoutée" })
        .waitFor();
      assert.equal(
        (await cells(page, "Actualités sociales"))[2],
        "Pôle solidarités > CCAS > Accueil",
      );
      await expectAccessible(page, "a referent's source");
      const [stored] = await app.services.watch.list();
      assert.equal(stored?.directionPath, "Pôle solidarités > CCAS > Accueil");
      if (stored) await app.services.watch.remove("cli", stored.id);
    });

    test("a plain agent has no administration, and is refused the watch's page", async () => {
      const page = await get().page();
      await signIn(page, AGENT);
      const nav = page.getByRole("navigation", { name: "Navigation principale" });
      await nav.waitFor();
      assert.equal(await nav.getByRole("link", { name: "Administration" }).count(), 0);
      await page.goto("/administration/veille");
      await page.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
      assert.equal(await page.getByRole("heading", { name: "Veille documentaire" }).count(), 0);
      await expectAccessible(page, "the watch refused to an agent");
    });
  },
  { BEFFROI_WATCH__PRIVATE_HOSTS: "127.0.0.1" },
);
