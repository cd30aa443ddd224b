import assert from "node:assert/strict";
import { before, test } from "node:test";
import { AssistantInput } from "../../src/assistants/index.js";
import { buildDocx } from "../fixtures/documents/builders.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn, upstreamProvider } from "../support/browser.js";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The canteen's rules, in Word: a heading and what only this file says. */
const CANTINE = buildDocx(
  [
    '<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr><w:r><w:t>Tarifs de la cantine</w:t></w:r></w:p>',
    "<w:p><w:r><w:t>Le repas de la cantine scolaire de Valmont coûte 3,20 euros pour les familles du premier quotient.</w:t></w:r></w:p>",
  ].join(""),
);

describeBrowser("web page: documents attached to a message", (get) => {
  const upstream = upstreamProvider(get, {
    id: "souverain",
    label: "Hébergeur souverain",
    sovereignty: "sovereign",
    models: [{ id: "test-model", label: "Modèle de test" }],
  });
  before(async () => {
    const { app } = get();
    await app.services.assistants.create(
      "cli",
      AssistantInput.parse({
        name: "Lecture de documents",
        description: "Répond à partir des documents joints.",
        preferredModels: ["souverain/test-model"],
      }),
    );
  });

  test("a DOCX attached with the file picker grounds the answer, which cites it; refusals are said on the file", async () => {
    await seedUser(get().app, "scolaire@ville.example", ["agent"], "Scolaire");
    const page = await get().page();
    await signIn(page, "scolaire@ville.example");
    const reader = page.getByRole("radio", { name: "Lecture de documents" });
    await reader.waitFor();
    await reader.check();

    // The file picker, from its button: the file becomes a chip with its name and size.
    const attach = page.getByRole("button", { name: "Joindre des documents" });
    const chooser = page.waitForEvent("filechooser");
    await attach.click();
    await (await chooser).setFiles({
      name: "reglement-cantine.docx",
      mimeType: DOCX_TYPE,
      buffer: Buffer.from(CANTINE),
    });
    const chips = page.getByRole("list", { name: "Documents joints au message" });
    await chips.getByText("reglement-cantine.docx").waitFor();
    assert.match((await chips.textContent()) ?? "", /\(\d+(,\d)? ko\)/);
    await page
      .locator('[role="status"]', { hasText: "Document joint : « reglement-cantine.docx »." })
      .waitFor({ state: "attached" });
    await expectAccessible(page, "a document attached to the first message");

    upstream().script({ kind: "reply", text: "Le repas coûte 3,20 euros [1]." });
    const field = page.getByLabel("Votre message");
    await field.fill("Combien coûte un repas à la cantine ?");
    await field.press("Enter");
    await page.waitForURL(/\/conversations\//);
    const citation = page.getByRole("button", {
      name: "Voir le passage 1 : reglement-cantine.docx",
    });
    await citation.waitFor();
    await page
      .locator(".chat-answer")
      .getByText(/^Le repas coûte 3,20 euros/)
      .waitFor();

    // The upstream read the document's text as sources, in the user's message.
    const messages = upstream().requests.at(-1)?.body.messages as {
      role: string;
      content: string;
    }[];
    const user = messages.at(-1);
    assert.equal(user?.role, "user");
    assert.match(user?.content ?? "", /<sources>[\s\S]*\[1\] reglement-cantine\.docx/);
    assert.match(user?.content ?? "", /3,20 euros pour les familles du premier quotient/);

    // The sent message shows its document; the composer has none left.
    const sent = page
      .locator(".chat-message-user")
      .last()
      .getByRole("list", { name: "Documents joints" });
    await sent.getByText("reglement-cantine.docx").waitFor();
    assert.equal(await chips.count(), 0);
    await expectAccessible(page, "an answer grounded on an attached document");

    // The citation opens the document, the cited passage marked.
    await citation.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Dans « reglement-cantine.docx »" }).waitFor();
    await dialog.getByText("Document joint à la conversation").waitFor();
    assert.match((await dialog.locator("mark").textContent()) ?? "", /3,20 euros/);
    await expectAccessible(page, "an attached document's passage");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // A file Beffroi cannot read: refused on its chip, said in French, the message kept.
    const before = upstream().requests.length;
    const again = page.waitForEvent("filechooser");
    await attach.click();
    await (await again).setFiles({
      name: "photo.png",
      mimeType: "image/png",
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    });
    await field.fill("Que montre cette photo ?");
    await page.getByRole("button", { name: "Envoyer" }).click();
    const alert = page.locator(".chat-attachments [role='alert']");
    await alert
      .getByText(/« photo\.png » ne peut pas être joint : format non pris en charge/)
      .waitFor();
    await chips.getByText("refusé").waitFor();
    assert.equal(await field.inputValue(), "Que montre cette photo ?");
    assert.equal(upstream().requests.length, before, "nothing was sent");
    await expectAccessible(page, "a refused attachment");
    // Sending again is refused here until the file is taken back.
    await page.getByRole("button", { name: "Envoyer" }).click();
    await page.getByText("Retirez les documents refusés avant d'envoyer votre message.").waitFor();
    await page.getByRole("button", { name: "Retirer « photo.png »" }).click();
    await page
      .locator('[role="status"]', { hasText: "« photo.png » retiré du message." })
      .waitFor({ state: "attached" });
    assert.equal(
      await page.evaluate("document.activeElement?.textContent?.trim()"),
      "📎 Joindre des documents",
    );

    // Files dropped on the composer are attached too.
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(["Note de service sur les horaires d'été."], "note.txt", { type: "text/plain" }));
      const form = document.querySelector(".chat-composer");
      form.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
      form.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    await chips.getByText("note.txt").waitFor();
  });
});
