// A separate Beffroi process appending to the audit log (the concurrency test's other instances):
// it opens the database, says "ready", waits for "go" on its standard input, then appends at once.
import { createInterface } from "node:readline";
import { AuditLog, AuditRepository } from "../../src/observatory/index.js";
import { systemClock } from "../../src/shared/clock.js";
import { openStore, ping } from "../../src/store/index.js";

const [url, schema, count, label] = process.argv.slice(2) as [string, string, string, string];
const store = openStore(url, { ...(schema && { schema }), poolSize: 4 });
const log = new AuditLog({ repository: new AuditRepository(store.db), clock: systemClock });
try {
  await ping(store);
  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) if (line === "go") break;
  await Promise.all(
    Array.from({ length: Number(count) }, (_, n) =>
      log.record({
        action: "role.granted",
        target: `${label}-${n}`,
        details: { role: "agent" },
        actor: { kind: "cli" },
      }),
    ),
  );
  process.stdout.write("appended\n");
} finally {
  await store.close();
}
