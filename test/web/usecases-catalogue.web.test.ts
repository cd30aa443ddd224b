import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { shippedUseCases } from "../../src/assistants/usecases/index.js";
import { FIXTURES, REFERENCE_BASE, WATCH_FEED } from "../http/usecase-values.js";
import { seedUser } from "../support/apps.js";
import { describeBrowser, expectAccessible, signIn, upstreamProvider } from "../support/browser.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";
import { baseWith, markdown } from "../support/knowledge.js";

/** A file's type, as the file picker gives it. */
const MIME: Record<string, string> = {
  txt: "text/plain",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/**
 * Every shipped use case through the page (the list read from the catalogue),
 * filled from the same values as the HTTP suite: documents chosen with the
 * file picker (a text note, a Word transcript), `list`, `choice`, `date` and
 * long-text fields; grounded ones over a base of the collectivité, the watch
 * over a feed served on loopback. Each time the upstream receives the use
 * case's instructions and the built prompt, the checklist has one entry per
 * check, all passed, the result without AI is beside it, and axe finds
 * nothing.
 */
describeBrowser(
  "web page: running the shipped use cases",
  (get) => {
    const catalogue = shippedUseCases();
    const upstream = upstreamProvider(get);
    let feeds: FeedServer;
    before(async () => {
      feeds = await startFeedServer();
      feeds.serve("/jo.xml", { body: WATCH_FEED });
    });
    after(() => feeds.close());

    test("fill and run each shipped use case's form", async () => {
      const { app } = get();
      await seedUser(app, "redaction@ville.example", ["agent"], "Assemblées");
      await baseWith(
        app.services,
        "Guide des services",
        "Assemblées",
        { "services.md": markdown(REFERENCE_BASE["services.md"]) },
        [{ kind: "everyone", value: "" }],
      );
      await app.services.worker.drain();
      const source = await app.services.watch.create("cli", {
        name: "Journal officiel",
        url: `${feeds.url}/jo.xml`,
        kind: "feed",
        intervalMinutes: 360,
      });
      await app.services.watch.checkNow("cli", source.id);
      const page = await get().page();
      await signIn(page, "redaction@ville.example");
      for (const useCase of catalogue.values()) {
        const { id } = useCase;
        const fixture = FIXTURES[id];
        assert.ok(fixture, id);
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
              mimeType: MIME[file.name.split(".").pop() ?? ""] ?? "application/octet-stream",
              buffer: Buffer.from(file.content),
            });
            await page.getByText(`Texte de « ${file.name} » lu.`).waitFor();
            assert.notEqual((await control.inputValue()).trim(), "", `${id}: the file's text`);
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
  },
  { BEFFROI_WATCH__PRIVATE_HOSTS: "127.0.0.1" },
);
