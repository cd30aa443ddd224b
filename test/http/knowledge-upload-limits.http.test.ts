import assert from "node:assert/strict";
import { it } from "node:test";
import { call, describeApps, login, seedUser } from "../support/apps.js";

describeApps(
  "knowledge upload limits over HTTP",
  (get) => {
    it("tells a reader the size limit, the number of files per upload and the formats", async () => {
      const { app } = get();
      await seedUser(app, "lectrice@ville.example", ["agent"], "Accueil");
      const agent = await login(app, "lectrice@ville.example");
      const response = await call(app, "GET", "/api/knowledge-bases/upload-limits", agent);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), {
        maxFileBytes: 3 * 1024 * 1024,
        maxFiles: 7,
        formats: [".pdf", ".docx", ".odt", ".html", ".htm", ".md", ".markdown", ".txt"],
      });
    });

    it("is refused without a session", async () => {
      const response = await call(get().app, "GET", "/api/knowledge-bases/upload-limits");
      assert.equal(response.statusCode, 401);
    });
  },
  {
    BEFFROI_KNOWLEDGE__MAX_FILE_MEGABYTES: "3",
    BEFFROI_KNOWLEDGE__MAX_FILES_PER_UPLOAD: "7",
  },
);
