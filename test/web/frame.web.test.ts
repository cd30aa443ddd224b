import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import type { App } from "../../src/app.js";
import { AssistantInput } from "../../src/assistants/index.js";
import type { Principal } from "../../src/identity/index.js";
import { ProviderSchema } from "../../src/providers/index.js";
import { call, login, seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn } from "../support/browser.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const EMAIL = "cadre@ville.example";
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const QUESTIONS = [
  "Quelles pièces faut-il fournir pour une carte d'identité ?",
  "Quels sont les horaires de la mairie ?",
  "Comment s'inscrire sur les listes électorales ?",
  "Où déclarer une naissance ?",
  "Comment obtenir un acte de mariage ?",
];

/** Four assistants besides the general one, each with a description: a long picker. */
async function withAssistants(app: App): Promise<void> {
  const names = new Set((await app.services.assistants.list()).map((assistant) => assistant.name));
  for (const name of ["Courriers", "Synthèses", "Urbanisme", "Marchés publics"])
    if (!names.has(name))
      await app.services.assistants.create(
        "cli",
        AssistantInput.parse({
          name,
          description: `${name} : rédige, reformule et résume les documents du service, avec leurs sources.`,
        }),
      );
}

/** A conversation of ten messages (five questions answered from the demo base, no model). */
async function longConversation(app: App, email: string): Promise<string> {
  const session = await login(app, email);
  const created = await call(app, "POST", "/api/conversations", session, {});
  const id = created.json().id as string;
  for (const content of QUESTIONS) {
    const sent = await call(app, "POST", `/api/conversations/${id}/messages`, session, { content });
    assert.equal(sent.statusCode, 200, sent.body);
  }
  return id;
}

/** The composer's box, and whether it lies wholly inside the window. */
async function composerInView(page: Page): Promise<boolean> {
  const box = await page.locator("form.chat-composer").boundingBox();
  const size = page.viewportSize();
  assert.ok(box && size);
  return (
    box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width
  );
}

const pageTaller = (page: Page) =>
  page.evaluate("document.documentElement.scrollHeight > innerHeight") as Promise<boolean>;
const background = (page: Page) =>
  page.evaluate("getComputedStyle(document.documentElement).backgroundColor") as Promise<string>;
const DARK = "rgb(22, 22, 22)";
const LIGHT = "rgb(255, 255, 255)";

/**
 * The conversation page's frame (issue 17): the composer docked at the bottom
 * of the window, the theme (the system's, or chosen and remembered, set
 * before the first paint), the keyboard shortcuts and their list, and the
 * notices under an answer folded into one line.
 */
describeBrowser("web page: the conversation frame", (get) => {
  let upstream: OpenAiUpstream;
  let conversationId = "";
  before(async () => {
    upstream = await startOpenAiUpstream();
    const { app } = get();
    await withAssistants(app);
    const user = await seedUser(app, EMAIL, ["agent"], "Accueil");
    conversationId = await longConversation(app, EMAIL);
    await app.services.conversations.create({ userId: user.id } as Principal, {
      title: "Une autre conversation",
    });
  });
  after(() => upstream.close());

  test("the composer stays in view, with five assistants and with ten messages, on a desktop and a phone", async () => {
    const page = await get().page();
    await signIn(page, EMAIL);
    await page.getByRole("heading", { name: "Nouvelle conversation", level: 1 }).waitFor();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const label = `${size.width}×${size.height}`;
      await page.goto("/");
      await page.getByRole("radio", { name: "Marchés publics" }).waitFor();
      assert.equal(await page.getByRole("radio").count(), 5);
      // The assistants run past the window: only the docking keeps the composer in view.
      assert.ok(await pageTaller(page), label);
      assert.ok(await composerInView(page), `new conversation, ${label}`);
      await expectAccessible(page, `new conversation, five assistants, ${label}`);

      await page.goto(`/conversations/${conversationId}`);
      await page.locator(".chat-message").nth(9).waitFor();
      assert.ok(await pageTaller(page), label);
      assert.ok(await composerInView(page), `ten messages, ${label}`);
      // Scrolled to the end, it is where it belongs: after the last answer, nothing hidden.
      await page.evaluate("scrollTo(0, document.documentElement.scrollHeight)");
      const last = await page.locator(".chat-message").last().boundingBox();
      const composer = await page.locator("form.chat-composer").boundingBox();
      assert.ok(last && composer && last.y + last.height <= composer.y + 1, label);
      // A control that takes the focus under the docked composer scrolls clear of it.
      await page.evaluate("scrollTo(0, 0)");
      const under = (await page.evaluate(UNDER_COMPOSER)) as number;
      assert.ok(under >= 0, `no notice under the composer, ${label}`);
      const hidden = page.locator(".chat-notices > summary").nth(under);
      await hidden.focus();
      const focused = await hidden.boundingBox();
      const dock = await page.locator("form.chat-composer").boundingBox();
      assert.ok(focused && dock && focused.y + focused.height <= dock.y, label);
      await expectAccessible(page, `ten messages, ${label}`);
    }

    // A page zoomed to 400 % (320 px wide): the composer goes back into the flow, and
    // nothing of the frame scrolls sideways.
    await page.setViewportSize({ width: 320, height: 256 });
    await page.reload();
    await page.locator(".chat-message").nth(9).waitFor();
    assert.equal(
      await page.evaluate(
        "getComputedStyle(document.querySelector('form.chat-composer')).position",
      ),
      "static",
    );
    assert.deepEqual(await page.evaluate(PAST_THE_RIGHT_EDGE), []);
  });

  test("an answer's notices fold into one line; opened, every detail; the feedback stays in view", async () => {
    const page = await get().page();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, EMAIL);
    await page.getByRole("radio", { name: "Marchés publics" }).waitFor();
    await page.goto(`/conversations/${conversationId}`);
    const answer = page.locator(".chat-answer").first();
    const summary = answer.locator(".chat-notices > summary");
    await summary.waitFor();
    assert.equal(
      ((await summary.textContent()) ?? "").trim(),
      "Détails de la réponse : Sans modèle de langue · Aucune donnée personnelle détectée · Impact négligeable",
    );
    // One line, not eight.
    const box = await summary.boundingBox();
    assert.ok(box && box.height < 40, `summary ${box?.height} px high`);
    const extractive = answer.getByText("Passages cités des documents, sans modèle de langue.");
    assert.equal(await extractive.isVisible(), false);
    await answer.getByRole("button", { name: "Utile", exact: true }).waitFor();

    await summary.focus();
    await page.keyboard.press("Enter");
    await extractive.waitFor();
    await answer
      .getByText("Impact négligeable : une recherche dans les documents, sans modèle de langue.")
      .waitFor();
    await answer
      .getByRole("heading", { name: "Ce que Beffroi a fait pour cette réponse" })
      .waitFor();
    assert.ok((await answer.locator(".chat-decisions li").count()) > 0);
    await expectAccessible(page, "an answer's notices, opened");
    await page.keyboard.press("Enter");
    await extractive.waitFor({ state: "hidden" });
  });

  test("the theme follows the system, or the switch, remembered and set before the first paint; accessible in both", async () => {
    const page = await get().page();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: "light" });
    await signIn(page, EMAIL);
    await page.getByRole("radio", { name: "Marchés publics" }).waitFor();
    const theme = page.getByLabel("Thème");
    assert.equal(await theme.inputValue(), "system");
    assert.equal(await background(page), LIGHT);
    await page.emulateMedia({ colorScheme: "dark" });
    assert.equal(await background(page), DARK);
    await expectAccessible(page, "new conversation, dark system theme");
    const system = (await page.evaluate(VARIABLES)) as Record<string, string>;

    // Chosen: light whatever the system says, still after a reload.
    await theme.selectOption({ label: "Clair" });
    assert.equal(await background(page), LIGHT);
    await page.goto(`/conversations/${conversationId}`, { waitUntil: "domcontentloaded" });
    // Set by the blocking script in <head>, before the page's own module has even run.
    assert.equal(await page.evaluate("document.documentElement.dataset.theme"), "light");
    assert.equal(
      await page.evaluate(
        "[...document.head.querySelectorAll('script[src]')].some((s) => !s.type && !s.async && !s.defer)",
      ),
      true,
    );
    await page.locator(".chat-message").nth(9).waitFor();
    assert.equal(await theme.inputValue(), "light");
    assert.equal(await background(page), LIGHT);
    await page.locator(".chat-notices > summary").first().click();
    await expectAccessible(page, "conversation, light theme chosen on a dark system");

    // Dark chosen on a light system: the very colours of the system's dark theme.
    await page.emulateMedia({ colorScheme: "light" });
    await theme.selectOption({ label: "Sombre" });
    assert.equal(await background(page), DARK);
    assert.deepEqual(await page.evaluate(VARIABLES), system);
    // The personal data found in a draft, marked in the field and listed under it.
    await page.getByLabel("Votre message").fill("Rappeler Mme Martine Dupont au 06 12 34 56 78.");
    await page.locator(".draft-findings mark").first().waitFor();
    await expectAccessible(page, "conversation, dark theme chosen, personal data marked");
    await page.getByLabel("Votre message").fill("");
    await page.getByRole("button", { name: "Raccourcis clavier" }).click();
    await page.getByRole("dialog", { name: "Raccourcis clavier" }).waitFor();
    await expectAccessible(page, "shortcuts, dark theme");
    await page.keyboard.press("Escape");

    // Back to the system's: nothing remembered, it follows the system again.
    await theme.selectOption({ label: "Système" });
    assert.equal(await background(page), LIGHT);
    assert.equal(await page.evaluate("localStorage.getItem('beffroi.theme')"), null);
    await page.emulateMedia({ colorScheme: "dark" });
    assert.equal(await background(page), DARK);
  });

  test("keyboard shortcuts: their list (Ctrl+/ or its button), the message field, the list of conversations, stopping an answer", async () => {
    const { app } = get();
    const page = await get().page();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, EMAIL);
    await page.getByRole("radio", { name: "Marchés publics" }).waitFor();

    await page.keyboard.press("Control+/");
    const dialog = page.getByRole("dialog", { name: "Raccourcis clavier" });
    await dialog.waitFor();
    const rows = await dialog.locator("tbody tr").allTextContents();
    for (const expected of [
      "Ctrl + /Afficher ou fermer cette liste",
      "Alt + Maj + NNouvelle conversation",
      "Alt + Maj + RAller à la zone « Votre message »",
      "Alt + Maj + SArrêter la réponse en cours",
      "Alt + Maj + Flèche hautConversation précédente de la liste",
      "Alt + Maj + Flèche basConversation suivante de la liste",
    ])
      assert.ok(rows.includes(expected), `${expected} in ${rows.join(" | ")}`);
    await expectAccessible(page, "the shortcuts dialog");
    await page.keyboard.press("Control+/");
    await dialog.waitFor({ state: "hidden" });

    const button = page.getByRole("button", { name: "Raccourcis clavier" });
    await button.click();
    await dialog.getByRole("button", { name: "Fermer" }).click();
    await dialog.waitFor({ state: "hidden" });
    // The focus comes back to the button (the dialog puts it back on the frame after it closes).
    await page.evaluate(NEXT_FRAMES);
    await button.and(page.locator(":focus")).waitFor();

    // The message field, and no single key acts while typing in it.
    await page.keyboard.press("Alt+Shift+R");
    await page.getByLabel("Votre message").and(page.locator(":focus")).waitFor();
    await page.keyboard.type("n?/");
    assert.equal(await page.getByLabel("Votre message").inputValue(), "n?/");
    await dialog.waitFor({ state: "hidden" });

    // The list, newest first: its first conversation, the next one, back up.
    const listed = await call(app, "GET", "/api/conversations", await login(app, EMAIL));
    const titles = (listed.json() as { title: string }[]).map((conversation) => conversation.title);
    assert.ok(titles.length >= 2 && titles[0] && titles[1]);
    await page.keyboard.press("Alt+Shift+ArrowDown");
    await page.getByRole("heading", { name: titles[0], level: 1 }).waitFor();
    await page.keyboard.press("Alt+Shift+ArrowDown");
    await page.getByRole("heading", { name: titles[1], level: 1 }).waitFor();
    await page.keyboard.press("Alt+Shift+ArrowUp");
    await page.getByRole("heading", { name: titles[0], level: 1 }).waitFor();
    await page.keyboard.press("Alt+Shift+N");
    await page.getByRole("heading", { name: "Nouvelle conversation", level: 1 }).waitFor();
    // The page says where the agent now is: the heading has the focus.
    await page.locator("h1:focus").waitFor();

    // Stopping an answer being written.
    if (!(await app.services.providers.list()).some((provider) => provider.id === "local"))
      await app.services.providers.create(
        ProviderSchema.parse({
          id: "local",
          baseUrl: upstream.url,
          sovereignty: "local",
          country: "FRA",
          models: [{ id: "test-model" }],
        }),
      );
    upstream.script({
      kind: "reply",
      text: "Une très longue réponse qui prend son temps pour arriver jusqu'au bout de la phrase.",
      chunkDelayMs: 400,
    });
    await page.getByRole("radio", { name: "Assistant général" }).check();
    await page.getByLabel("Votre message").fill("Rédige une note sur le marché hebdomadaire.");
    await page.getByRole("button", { name: "Envoyer" }).click();
    await page
      .locator('[aria-busy="true"]')
      .getByText(/Une très/)
      .waitFor();
    await page.keyboard.press("Alt+Shift+S");
    await page
      .locator("p.hint", { hasText: /^Réponse arrêtée : rien n'a été enregistré\./ })
      .waitFor();
    assert.equal(
      await page.getByLabel("Votre message").inputValue(),
      "Rédige une note sur le marché hebdomadaire.",
    );
  });
});

/** Every colour variable of the page, as the browser computes it now. */
const VARIABLES = `(() => {
  const style = getComputedStyle(document.documentElement);
  const names = ${JSON.stringify(
    [
      "blue",
      "blue-hover",
      "blue-light",
      "text",
      "text-muted",
      "border",
      "border-light",
      "background",
      "background-alt",
      "error",
      "error-light",
      "success",
      "success-light",
      "warning",
      "warning-light",
      "info-light",
      "focus",
      "on-blue",
      "mark",
      "found",
      "found-possible",
      "found-text",
      "found-line",
      "shadow",
      "backdrop",
    ].map((name) => `--${name}`),
  )};
  return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name).trim()]).concat([["color-scheme", style.colorScheme]]));
})()`;

/** Resolves after two frames: what the page does "on the next frame" is done. */
const NEXT_FRAMES =
  "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))";

/** The parts of the frame that run past the window's right edge (none should: reflow). */
const PAST_THE_RIGHT_EDGE = `[
  ...document.querySelectorAll(".header-inner > *, .page-heading, form.chat-composer, .chat-notices, .chat-list"),
].filter((element) => element.getBoundingClientRect().right > innerWidth + 1).map((element) => element.className)`;

/** The index of the first answer's notice line under the docked composer's top (hidden by it, or further down), or -1. */
const UNDER_COMPOSER = `(() => {
  const top = document.querySelector("form.chat-composer").getBoundingClientRect().top;
  return [...document.querySelectorAll(".chat-notices > summary")].findIndex((summary) => {
    const box = summary.getBoundingClientRect();
    return box.bottom > top;
  });
})()`;
