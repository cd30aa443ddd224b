import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { describeCli } from "../support/cli.js";

/**
 * The CLI reports through the same logger as the server, on its standard
 * error: warnings and errors, as JSON lines with codes and ids, never a
 * document's text. Here the embeddings service is down while a folder is
 * ingested (nothing listens on the discard port).
 */
describeCli(
  "CLI logs",
  ({ dataDir, cli }) => {
    it("says on standard error that embedding failed during ingestion, without the text", async () => {
      assert.equal((await cli(["direction", "add", "Accueil"])).code, 0);
      assert.equal((await cli(["kb", "create", "Accueil", "--direction", "Accueil"])).code, 0);
      writeFileSync(
        path.join(dataDir, "horaires.md"),
        "# Horaires\n\nLa mairie ouvre du lundi au vendredi, de 8 h 30 à 17 h. Le samedi matin, seul l'état civil reçoit.\n",
      );
      const run = await cli(["ingest", "horaires.md", "--kb", "Accueil"]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /horaires\.md/);
      const lines = run.stderr
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string; code?: string });
      assert.ok(
        lines.some((line) => line.msg === "embeddings-unavailable" && line.level === 40),
        run.stderr,
      );
      assert.ok(
        lines.every((line) => line.level >= 40),
        "warnings and errors only",
      );
      assert.doesNotMatch(run.stderr, /mairie|samedi/, "no document text");
    });
  },
  {
    BEFFROI_LOG_LEVEL: "info",
    BEFFROI_KNOWLEDGE__EMBEDDINGS__BASE_URL: "http://127.0.0.1:9/v1",
    BEFFROI_KNOWLEDGE__EMBEDDINGS__MODEL: "absent",
  },
);
