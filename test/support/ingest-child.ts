// A process that runs the ingestion worker on a database until killed (the kill test's victim).
import { createServices } from "../../src/app.js";
import { randomIds, systemClock } from "../../src/shared/clock.js";
import { openStore } from "../../src/store/index.js";
import { testConfig } from "./stores.js";

const [url, schema] = process.argv.slice(2) as [string, string | undefined];
const store = openStore(url, schema ? { schema } : {});
const services = createServices({
  config: testConfig({ url, dataDir: "/tmp" }),
  store,
  clock: systemClock,
  ids: randomIds,
  log: {
    info: (fields, message) => process.stdout.write(`${message} ${JSON.stringify(fields)}\n`),
    warn: () => {},
    error: (fields, message) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
  },
});
await services.worker.drain();
process.stdout.write("drained\n");
await store.close();
