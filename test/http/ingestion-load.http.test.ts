import assert from "node:assert/strict";
import { before, it } from "node:test";
import { MINUTE } from "../../src/shared/clock.js";
import {
  deepHtml,
  nestedBracketsMarkdown,
  nestedDocx,
  sheet,
} from "../knowledge/crafted-documents.js";
import { call, describeApps, healthWhile, login, type Session, seedUser } from "../support/apps.js";
import { multipart } from "../support/multipart.js";

/** How long, at most, `/healthz` may take to answer while crafted files are ingested. */
const HEALTHZ_WITHIN_MS = 200;
/** The documents a base's setting change sends back to ingestion at once. */
const BACKLOG = 200;

describeApps("ingestion under crafted files", (get) => {
  let base = "";
  let referent: Session;
  let baseId = "";

  before(async () => {
    const { app } = get();
    await seedUser(app, "referent-urbanisme@ville.example", ["agent", "referent"], "Urbanisme");
    referent = await login(app, "referent-urbanisme@ville.example");
    const created = await call(app, "POST", "/api/knowledge-bases", referent, {
      name: "Arrêtés",
      personalData: "index",
    });
    assert.equal(created.statusCode, 201, created.body);
    baseId = created.json().id;
    base = await app.server.listen({ host: "127.0.0.1", port: 0 });
  });

  const headers = () => ({ cookie: referent.cookie, "x-csrf-token": referent.csrf });

  function assertAnswered(waits: number[], what: string): void {
    const slowest = Math.max(...waits);
    console.log(
      `${what} [${get().dialect}]: ${waits.length} health checks answered meanwhile, the slowest in ${slowest.toFixed(0)} ms`,
    );
    assert.ok(waits.length >= 3, `only ${waits.length} health checks answered during ${what}`);
    assert.ok(
      slowest < HEALTHZ_WITHIN_MS,
      `/healthz took ${slowest.toFixed(0)} ms to answer during ${what}`,
    );
  }

  const documentNamed = async (fileName: string) => {
    const list = await call(get().app, "GET", `/api/knowledge-bases/${baseId}/documents`, referent);
    return (list.json() as { fileName: string; status: string; failure: unknown }[]).find(
      (document) => document.fileName === fileName,
    );
  };

  /** Uploads one file over HTTP, as the page does, then runs the ingestion worker to the end. */
  async function uploadAndIngest(fileName: string, content: Uint8Array): Promise<void> {
    const { payload, headers: contentType } = multipart([{ name: fileName, content }]);
    const response = await fetch(`${base}/api/knowledge-bases/${baseId}/documents`, {
      method: "POST",
      headers: { ...contentType, ...headers() },
      body: payload,
    });
    assert.equal(response.status, 202, await response.text());
    await get().app.services.worker.drain();
  }

  for (const [what, fileName, make] of [
    ["a 3 MB HTML page nesting 150,000 elements", "arrete.html", deepHtml],
    ["400 KB of Markdown brackets, nested", "deliberation.md", nestedBracketsMarkdown],
    ["a 4 MB DOCX nesting 50,000 tables", "marche.docx", nestedDocx],
  ] as const) {
    it(`keeps /healthz answering while ${what} is uploaded and ingested`, async () => {
      const content = make();
      const waits = await healthWhile(base, () => uploadAndIngest(fileName, content));
      assertAnswered(waits, what);
      // Read within its budget, what the limits keep of it indexed.
      const document = await documentNamed(fileName);
      assert.equal(document?.status, "ready", JSON.stringify(document?.failure));
    });
  }

  it(`keeps /healthz answering while a setting change sends ${BACKLOG} documents back to ingestion`, async () => {
    const { app } = get();
    const files = Array.from({ length: BACKLOG }, (_, index) => ({
      fileName: `fiches/fiche-${String(index).padStart(3, "0")}.md`,
      bytes: sheet(index),
    }));
    await app.services.knowledge.submit("cli", baseId, files);
    await app.services.worker.drain();
    get().clock.advance(MINUTE);
    const reingestedAt = get().clock.now().toISOString();
    const waits = await healthWhile(base, async () => {
      const response = await fetch(`${base}/api/knowledge-bases/${baseId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", ...headers() },
        body: JSON.stringify({ personalData: "pseudonymise" }),
      });
      assert.equal(response.status, 200, await response.text());
      await app.services.worker.drain();
    });
    assertAnswered(waits, `the re-ingestion of ${BACKLOG} documents`);
    const list = await call(app, "GET", `/api/knowledge-bases/${baseId}/documents`, referent);
    const sheets = (
      list.json() as { fileName: string; status: string; ingestedAt: string | null }[]
    ).filter((document) => document.fileName.startsWith("fiches/"));
    assert.equal(sheets.length, BACKLOG);
    for (const document of sheets) {
      assert.equal(document.status, "ready", document.fileName);
      assert.equal(document.ingestedAt, reingestedAt, document.fileName);
    }
  });
});
