// Another Beffroi instance on the same database (the bootstrap race's other side): it starts and
// prints its own bootstrap token as `beffroi serve` does, says "ready", waits for "go" on its
// standard input, then spends that token to create the first administrator and prints the outcome.
import { createInterface } from "node:readline";
import { createServices } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { randomIds, systemClock } from "../../src/shared/clock.js";
import { AppError } from "../../src/shared/errors.js";
import { openStore } from "../../src/store/index.js";

const [url, schema, dataDir, label] = process.argv.slice(2) as [string, string, string, string];
const config = loadConfig({
  env: {
    BEFFROI_DATA_DIR: dataDir,
    BEFFROI_DATABASE_URL: url,
    BEFFROI_LOG_LEVEL: "silent",
    BEFFROI_GUARD__VAULT_KEY: Buffer.alloc(32, 7).toString("base64"),
  },
  file: null,
});
const store = openStore(url, { ...(schema && { schema }), poolSize: 4 });
try {
  const { bootstrap } = createServices({ config, store, clock: systemClock, ids: randomIds });
  const token = await bootstrap.issueToken();
  if (!token) throw new Error("an administrator already exists");
  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) if (line === "go") break;
  let outcome: string;
  try {
    await bootstrap.createFirstAdmin(token, {
      email: `premier-${label}@ville.example`,
      displayName: `Premier ${label}`,
      password: "mot de passe de test",
    });
    outcome = "created";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    outcome = error.code;
  }
  process.stdout.write(`outcome:${outcome}\n`);
} finally {
  await store.close();
}
