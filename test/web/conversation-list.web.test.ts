import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { ConversationsRepository } from "../../src/chat/index.js";
import type { Principal } from "../../src/identity/principal.js";
import { seedUser } from "../support/apps.js";
import {
  describeBrowser,
  expectAccessible,
  expectFocus,
  expectTexts,
  signIn,
} from "../support/browser.js";

/** The conversations' titles as the list shows them, in order. */
const titles = (page: Page, list: string) =>
  page.getByRole("navigation", { name: list }).locator(".chat-list-link");

describeBrowser("web page: finding, pinning and archiving conversations", (get) => {
  test("a search finds a conversation by a word of a message; pinning moves one first; archiving hides one, the archives show and restore it", async () => {
    const { app } = get();
    const user = await seedUser(app, "classement@ville.example", ["agent"], "Accueil");
    const owner = { userId: user.id } as Principal;
    const pool = await app.services.conversations.create(owner, {
      title: "Horaires de la piscine",
    });
    const budget = await app.services.conversations.create(owner, {
      title: "Budget du centre social",
    });
    const note = await app.services.conversations.create(owner, { title: "Note pour la DSI" });
    // Their last activity an hour apart, the note's the latest.
    const repository = new ConversationsRepository(app.store.db);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    await repository.rename(pool.id, "Horaires de la piscine", hoursAgo(3));
    await repository.rename(budget.id, "Budget du centre social", hoursAgo(2));
    // A conversation whose messages, not its title, hold the word searched.
    await repository.append(
      note.id,
      [
        {
          id: `${note.id}-question`,
          role: "user",
          content: "Comment organiser le Déménagement des archives municipales au printemps ?",
          metadata: "{}",
          created_at: hoursAgo(1),
        },
      ],
      hoursAgo(1),
    );
    const page = await get().page();
    await signIn(page, "classement@ville.example");
    await page.getByRole("heading", { name: "Nouvelle conversation", level: 1 }).waitFor();
    await expectTexts(titles(page, "Vos conversations"), [
      "Note pour la DSI",
      "Budget du centre social",
      "Horaires de la piscine",
    ]);

    // Search, accents and case aside: the count is announced, the word marked in an excerpt.
    const search = page.getByLabel("Rechercher dans vos conversations");
    await search.fill("demenagement");
    await page
      .getByRole("status")
      .filter({ hasText: "1 conversation trouvée pour « demenagement »." })
      .waitFor();
    const results = page.getByRole("list", { name: "Résultats de la recherche" });
    await results.getByRole("link", { name: "Note pour la DSI", exact: true }).waitFor();
    assert.equal(await results.locator("mark").textContent(), "Déménagement");
    await expectAccessible(page, "search results");
    await search.fill("piscine municipale");
    await page
      .getByRole("status")
      .filter({ hasText: "Aucune conversation ne contient « piscine municipale »." })
      .waitFor();
    await expectAccessible(page, "no search result");
    // Escape empties the field and brings the list back.
    await search.press("Escape");
    await page.getByRole("link", { name: "Horaires de la piscine", exact: true }).waitFor();
    assert.equal(await search.inputValue(), "");

    // Pinning moves the conversation first; its button keeps the focus, now "Désépingler".
    await page
      .getByRole("button", { name: "Épingler « Horaires de la piscine » en tête de liste" })
      .click();
    await expectFocus(page, "getAttribute('aria-label')", "Désépingler « Horaires de la piscine »");
    await expectTexts(titles(page, "Vos conversations"), [
      "Horaires de la piscine",
      "Note pour la DSI",
      "Budget du centre social",
    ]);
    await page.getByText("Épinglée", { exact: true }).waitFor();
    assert.ok((await app.services.conversations.list(owner))[0]?.id === pool.id);
    await expectAccessible(page, "a pinned conversation");

    // Archiving hides it from the list, says so, and gives the focus to the list's heading.
    await page.getByRole("button", { name: "Archiver « Budget du centre social »" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Conversation « Budget du centre social » archivée" })
      .waitFor();
    await page
      .getByRole("link", { name: "Budget du centre social", exact: true })
      .waitFor({ state: "detached" });
    await expectFocus(page, "textContent", "Vos conversations");

    // The archives show it; restoring brings it back to the list.
    await page.getByRole("button", { name: "Voir les archives" }).click();
    await expectFocus(page, "textContent", "Conversations archivées");
    await page.getByRole("link", { name: "Budget du centre social", exact: true }).waitFor();
    await expectTexts(titles(page, "Conversations archivées"), ["Budget du centre social"]);
    await expectAccessible(page, "the archives");
    await page
      .getByRole("button", { name: "Restaurer « Budget du centre social » dans vos conversations" })
      .click();
    await page
      .getByRole("status")
      .filter({ hasText: "Conversation « Budget du centre social » restaurée" })
      .waitFor();
    await page.getByText("Aucune conversation archivée.").waitFor();
    await expectFocus(page, "textContent", "Conversations archivées");
    await page.getByRole("button", { name: "Revenir à vos conversations" }).click();
    await expectFocus(page, "textContent", "Vos conversations");
    await expectTexts(titles(page, "Vos conversations"), [
      "Horaires de la piscine",
      "Note pour la DSI",
      "Budget du centre social",
    ]);
    assert.equal((await app.services.conversations.get(owner, budget.id)).archivedAt, null);
    await expectAccessible(page, "the list after restoring");
  });
});
