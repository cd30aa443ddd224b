import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { App } from "../../src/app.js";
import { call, describeApps, login, type Session, seedUser } from "../support/apps.js";
import { multipart } from "../support/multipart.js";

/** `count` small Markdown sheets, as a folder of reception notes. */
const sheets = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    name: `fiches/fiche-${String(index + 1).padStart(3, "0")}.md`,
    content: `# Fiche ${index + 1}\n\nLa mairie annexe ouvre le mardi de 9 h à 12 h.`,
  }));

function upload(
  app: App,
  session: Session,
  baseId: string,
  files: { name: string; content: string | Uint8Array }[],
) {
  const { payload, headers } = multipart(files);
  return app.server.inject({
    method: "POST",
    url: `/api/knowledge-bases/${baseId}/documents`,
    headers: { ...headers, cookie: session.cookie, "x-csrf-token": session.csrf },
    payload,
  });
}

/** A referent of the reception desk with an empty base of their own. */
async function referentWithBase(app: App): Promise<{ referent: Session; baseId: string }> {
  await seedUser(app, "referent-accueil@ville.example", ["agent", "referent"], "Accueil");
  const referent = await login(app, "referent-accueil@ville.example");
  const base = await call(app, "POST", "/api/knowledge-bases", referent, { name: "Fiches" });
  assert.equal(base.statusCode, 201, base.body);
  return { referent, baseId: base.json().id };
}

const stored = async (app: App, session: Session, baseId: string) =>
  (await call(app, "GET", `/api/knowledge-bases/${baseId}/documents`, session)).json().length;

describeApps(
  "knowledge upload limits over HTTP",
  (get) => {
    let referent: Session;
    let baseId = "";

    before(async () => {
      ({ referent, baseId } = await referentWithBase(get().app));
    });

    it("tells a reader the size limits, the number of files per upload and the formats", async () => {
      const { app } = get();
      await seedUser(app, "lectrice@ville.example", ["agent"], "Accueil");
      const agent = await login(app, "lectrice@ville.example");
      const response = await call(app, "GET", "/api/knowledge-bases/upload-limits", agent);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), {
        maxFileBytes: 3 * 1024 * 1024,
        maxFiles: 7,
        maxUploadBytes: 5 * 1024 * 1024,
        formats: [".pdf", ".docx", ".odt", ".html", ".htm", ".md", ".markdown", ".txt"],
      });
    });

    it("is refused without a session", async () => {
      const response = await call(get().app, "GET", "/api/knowledge-bases/upload-limits");
      assert.equal(response.statusCode, 401);
    });

    it("refuses a batch over the number of files with a stable code and the limit in French, storing none", async () => {
      const { app } = get();
      const response = await upload(app, referent, baseId, sheets(8));
      assert.equal(response.statusCode, 413, response.body);
      assert.equal(response.json().error.code, "too_many_files");
      assert.match(response.json().error.message, /7 fichiers au plus/);
      assert.match(response.json().error.message, /Aucun fichier n'a été enregistré/);
      assert.equal(await stored(app, referent, baseId), 0);
    });

    it("refuses a batch over the total size with a stable code and the limit in French, storing none", async () => {
      const { app } = get();
      const large = (name: string) => ({
        name,
        content: `# Annexe\n\n${"Tarifs de la cantine scolaire. ".repeat(70_000)}`,
      });
      const response = await upload(app, referent, baseId, [
        large("annexe-1.md"),
        large("annexe-2.md"),
        large("annexe-3.md"),
      ]);
      assert.equal(response.statusCode, 413, response.body);
      assert.equal(response.json().error.code, "upload_too_large");
      assert.match(response.json().error.message, /5 Mo/);
      assert.match(response.json().error.message, /Aucun fichier n'a été enregistré/);
      assert.equal(await stored(app, referent, baseId), 0);
    });

    it("takes a batch at the limit whole", async () => {
      const { app } = get();
      const response = await upload(app, referent, baseId, sheets(7));
      assert.equal(response.statusCode, 202, response.body);
      assert.equal(response.json().length, 7);
      assert.equal(await stored(app, referent, baseId), 7);
    });
  },
  {
    BEFFROI_KNOWLEDGE__MAX_FILE_MEGABYTES: "3",
    BEFFROI_KNOWLEDGE__MAX_FILES_PER_UPLOAD: "7",
    BEFFROI_KNOWLEDGE__MAX_UPLOAD_MEGABYTES: "5",
  },
);

describeApps("knowledge upload of a whole folder over HTTP", (get) => {
  let referent: Session;
  let baseId = "";

  before(async () => {
    ({ referent, baseId } = await referentWithBase(get().app));
  });

  it("takes a folder of 500 files in one upload by default", async () => {
    const { app } = get();
    const limits = await call(app, "GET", "/api/knowledge-bases/upload-limits", referent);
    assert.equal(limits.json().maxFiles, 500);
    const response = await upload(app, referent, baseId, sheets(500));
    assert.equal(response.statusCode, 202, response.body);
    const results = response.json() as { status: string }[];
    assert.equal(results.length, 500);
    assert.ok(results.every((result) => result.status === "queued"));
    assert.equal(await stored(app, referent, baseId), 500);
  });

  it("refuses the 501st file by saying the limit, not with a raw Fastify code", async () => {
    const { app } = get();
    const response = await upload(app, referent, baseId, sheets(501));
    assert.equal(response.statusCode, 413, response.body);
    assert.equal(response.json().error.code, "too_many_files");
    assert.match(response.json().error.message, /500 fichiers au plus/);
    assert.doesNotMatch(response.body, /FST_/);
  });
});
