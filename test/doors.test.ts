import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { doorBypasses, sqlOutsideRepositories } from "../scripts/doors.mjs";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "src");

describe("doors between domains", () => {
  it("finds no domain reaching into another's files, and SQL only in repositories and store/", () => {
    assert.deepEqual(doorBypasses(SRC), []);
    assert.deepEqual(sqlOutsideRepositories(SRC), []);
  });

  it("catches an import past another domain's index and SQL outside a repository, and lets the rest through", () => {
    const root = mkdtempSync(path.join(tmpdir(), "beffroi-doors-"));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      };
      write("guard/index.ts", 'export { x } from "./inner.js";\n');
      write("guard/inner.ts", "export const x = 1;\n");
      write(
        "chat/chat.service.ts",
        [
          'import { x } from "../guard/index.js";',
          'import { AppError } from "../shared/errors.js";',
          'import { inner } from "../guard/inner.js";',
          'export type { y } from "../guard/inner.js";',
        ].join("\n"),
      );
      write("chat/deep/stage.ts", 'import { z } from "../../guard/inner.js";\n');
      write("app.ts", 'import { x } from "./guard/inner.js";\n');
      write("chat/chat.repository.ts", 'db.selectFrom("conversations");\n');
      write("chat/stats.service.ts", 'await db.deleteFrom("conversations").execute();\n');
      write("store/queue.ts", "sql`select 1`;\n");
      assert.deepEqual(
        doorBypasses(root).map((line) => line.replace(/^.*?(chat\/)/, "$1")),
        [
          "chat/chat.service.ts → ../guard/inner.js",
          "chat/chat.service.ts → ../guard/inner.js",
          "chat/deep/stage.ts → ../../guard/inner.js",
        ],
      );
      assert.deepEqual(
        sqlOutsideRepositories(root).map((line) => line.replace(/^.*?(chat\/)/, "$1")),
        ["chat/stats.service.ts"],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
