import assert from "node:assert/strict";
import { test } from "node:test";
import { shippedUseCases } from "../../src/assistants/usecases/index.js";
import { FIXTURES } from "../http/usecase-values.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn, upstreamProvider } from "../support/browser.js";

/**
 * Three more use cases through the page, filled from the same values as the
 * HTTP suite: a note from a file chosen with the file picker (`document`),
 * procurement documents with `list` fields, a plain-language rewrite (choice
 * and long text). Each time the upstream receives the use case's
 * instructions and the built prompt, the checklist has one entry per check,
 * all passed, and axe finds nothing.
 */
describeBrowser("web page: running the shipped use cases", (get) => {
  const catalogue = shippedUseCases();
  const upstream = upstreamProvider(get);

  test("fill and run a note from a file, procurement lists and a plain-language rewrite", async () => {
    await seedUser(get().app, "redaction@ville.example", ["agent"], "Assemblées");
    const page = await get().page();
    await signIn(page, "redaction@ville.example");
    for (const id of ["note-de-synthese", "marche-public", "langage-clair"]) {
      const useCase = catalogue.get(id);
      const fixture = FIXTURES[id];
      assert.ok(useCase && fixture, id);
      await page.getByRole("link", { name: "Cas d'usage", exact: true }).first().click();
      await page.getByRole("heading", { name: "Cas d'usage", level: 1 }).waitFor();
      await page.getByRole("link", { name: `Remplir le formulaire : ${useCase.name}` }).click();
      await page.getByRole("heading", { name: useCase.name }).waitFor();

      for (const field of useCase.fields) {
        const control = page.locator(`[id$="-${field.id}"]`);
        const value = fixture.values[field.id];
        const file = fixture.documents?.[field.id];
        if (file) {
          await page.locator(`[id$="-${field.id}-file"]`).setInputFiles({
            name: file.name,
            mimeType: "text/plain",
            buffer: Buffer.from(file.content as string),
          });
          await page.getByText(`Texte de « ${file.name} » lu.`).waitFor();
          assert.match(await control.inputValue(), /4 millions d'euros/);
        } else if (value === undefined) {
        } else if (field.type === "choice") await control.selectOption(String(value));
        else if (Array.isArray(value)) await control.fill(value.join("\n"));
        else await control.fill(String(value));
      }
      await expectAccessible(page, `${id} form filled`);

      upstream().script({ kind: "reply", text: fixture.answer });
      const sent = upstream().requests.length;
      await page.getByRole("button", { name: "Générer" }).click();
      const result = page.getByRole("region", { name: "Résultat", exact: true });
      await result.getByRole("heading", { name: "Liste de contrôle" }).waitFor();
      assert.equal(upstream().requests.length, sent + 1, `${id}: one model call`);
      const messages: { role: string; content: string }[] =
        upstream().requests.at(-1)?.body.messages;
      assert.match(messages.find((m) => m.role === "system")?.content ?? "", fixture.system, id);
      assert.match(messages.at(-1)?.content ?? "", fixture.prompt, id);
      if (id === "marche-public")
        assert.match(
          messages.at(-1)?.content ?? "",
          /Prix\n.*Valeur technique/s,
          "one line per item",
        );
      const checklist = result.locator(".usecase-checklist li");
      assert.equal(await checklist.count(), useCase.checks.length, `${id}: one entry per check`);
      const total = useCase.checks.length;
      assert.match(
        (await page.getByRole("status").last().textContent()) ?? "",
        new RegExp(`Résultat prêt\\. ${total} contrôle\\(s\\) réussi\\(s\\) sur ${total}\\.`),
        id,
      );
      await result.getByRole("region", { name: "Résultat sans IA" }).waitFor();
      await expectAccessible(page, `${id} result`);
    }
  });
});
