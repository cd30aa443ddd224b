import assert from "node:assert/strict";
import { test } from "node:test";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn, upstreamProvider } from "../support/browser.js";

/** An answer as models write them: a heading, a table, a list, code, a link, an image. */
const ANSWER = [
  "## Pièces à fournir",
  "",
  "| Pièce | Obligatoire |",
  "| --- | --- |",
  "| Photo d'identité | oui |",
  "",
  "- le formulaire **cerfa n° 12100**",
  "- un justificatif de domicile",
  "",
  "```",
  "RDV = mairie.example/rdv",
  "```",
  "",
  "Voir [la fiche officielle](https://www.service-public.fr/particuliers/vosdroits/F1341) ![logo](https://www.service-public.fr/logo.png)",
].join("\n");

/**
 * A model's Markdown rendered on the page, safely: the table and the list as
 * HTML, code with a copy button, a link that opens apart and says where it
 * goes, and an image never loaded, even from an origin the answers may link
 * to: no request leaves the browser for it.
 */
describeBrowser(
  "web page: answers rendered from Markdown",
  (get) => {
    const upstream = upstreamProvider(get);

    test("tables, lists, code and links rendered; images never loaded", async () => {
      await seedUser(get().app, "md@ville.example", ["agent"], "Accueil");
      const page = await get().page();
      const elsewhere: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(get().url)) elsewhere.push(request.url());
      });
      await signIn(page, "md@ville.example");
      upstream().script({ kind: "reply", text: ANSWER });
      await page.getByLabel("Votre message").fill("Quelles pièces pour une carte d'identité ?");
      await page.getByRole("button", { name: "Envoyer" }).click();
      const answer = page.locator(".chat-answer .markdown").last();
      await answer.getByRole("table").waitFor();
      assert.equal(await answer.getByRole("columnheader", { name: "Pièce" }).count(), 1);
      assert.equal(await answer.getByRole("cell", { name: "Photo d'identité" }).count(), 1);
      assert.equal(await answer.getByRole("heading", { name: "Pièces à fournir" }).count(), 1);
      assert.equal(await answer.getByRole("listitem").count(), 2);
      assert.equal(await answer.locator("strong", { hasText: "cerfa n° 12100" }).count(), 1);
      assert.equal(
        await answer.locator("pre code", { hasText: "RDV = mairie.example/rdv" }).count(),
        1,
      );
      await answer.getByRole("button", { name: "Copier le code" }).waitFor();
      const link = answer.getByRole("link", { name: "la fiche officielle" });
      assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
      assert.equal(await link.getAttribute("target"), "_blank");
      assert.match((await answer.textContent()) ?? "", /\(www\.service-public\.fr\)/);
      assert.match(
        (await answer.textContent()) ?? "",
        /\[image non affichée : logo, https:\/\/www\.service-public\.fr\/logo\.png\]/,
      );
      assert.equal(await answer.locator("img").count(), 0);
      assert.doesNotMatch(
        (await answer.textContent()) ?? "",
        /\|\s*---|##|\*\*/,
        "no Markdown left raw",
      );
      assert.deepEqual(elsewhere, [], "no request left for another origin");
      await expectAccessible(page, "answer rendered from Markdown");
    });
  },
  { BEFFROI_ANSWERS__ALLOWED_ORIGINS: "https://www.service-public.fr" },
);
