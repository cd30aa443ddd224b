import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { it } from "node:test";
import { ensureSchema, migrateToLatest, openStore } from "../../src/store/index.js";
import { describeEachDialect, freshLocation } from "../support/stores.js";

type Location = ReturnType<typeof freshLocation>;

/**
 * Another Beffroi instance on the same database, started with its own
 * bootstrap token; `go()` makes it try to create the first administrator,
 * `outcome` settles with "created" or the error code it got.
 */
async function anotherInstance(location: Location, label: string) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "test/identity/bootstrap-child.ts",
      location.url,
      location.schema ?? "",
      location.dataDir,
      label,
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("ready")) resolve();
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", () => reject(new Error(`instance exited before ready: ${output}`)));
  });
  const outcome = once(child, "exit").then(([code]) => {
    assert.equal(code, 0, output);
    return /^outcome:(\S+)$/m.exec(output)?.[1];
  });
  await ready;
  return { go: () => child.stdin.end("go\n"), outcome };
}

describeEachDialect("first administrator from several instances at once", (dialect) => {
  it("creates exactly one; the other instances get bootstrap_done", async () => {
    const location = freshLocation(dialect);
    const store = openStore(location.url, { schema: location.schema, poolSize: 4 });
    try {
      await ensureSchema(store, location.schema);
      await migrateToLatest(store);
      const instances = await Promise.all(
        ["a", "b", "c"].map((label) => anotherInstance(location, label)),
      );
      for (const instance of instances) instance.go();
      const outcomes = await Promise.all(instances.map((instance) => instance.outcome));
      assert.deepEqual(outcomes.sort(), ["bootstrap_done", "bootstrap_done", "created"]);
      const admins = await store.db
        .selectFrom("user_roles")
        .select("user_id")
        .where("role", "=", "admin")
        .execute();
      assert.equal(admins.length, 1);
      const tokens = await store.db.selectFrom("bootstrap_tokens").select("id").execute();
      assert.equal(tokens.length, 0, "every token goes with the first administrator");
    } finally {
      await store.close();
      await location.cleanup();
    }
  });
});
