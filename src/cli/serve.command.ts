import { setTimeout as delay } from "node:timers/promises";
import { createApp } from "../app.js";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { loadDemoBase } from "../knowledge/index.js";
import { type CliIo, framed, say } from "./io.js";

const PURGE_EVERY_MS = 10 * 60_000;
/** The longest the first start's token waits for the start-up's ingestion to finish. */
const TOKEN_WAIT_MS = 60_000;

/** Starts the server (migrating first), prints a bootstrap token while no administrator exists, stops on SIGINT/SIGTERM. */
export async function serveCommand(config: Config, io: CliIo): Promise<number> {
  // The logs through the command's own output, so that they and its messages come in order.
  const app = await createApp(config, { logStream: io.stdout });
  const { host, port } = config.server;
  let address: string;
  try {
    address = await app.server.listen({ host, port });
  } catch (error) {
    await app.close();
    throw error;
  }
  say(io, "cli.listening", { url: address });
  if (config.knowledge.demo) {
    const demo = await loadDemoBase(app.services);
    if (demo) {
      const base = await app.services.knowledge.get("cli", demo);
      say(io, "cli.demo_loaded", {
        name: base.name,
        count: (await app.services.knowledge.documents("cli", demo)).length,
      });
    }
  }
  io.stdout.write(`${await app.services.dense.describe()}\n`);
  app.services.worker.start();
  app.services.watchScheduler.start();
  // The journal's records added to the observatory's rollups, every second.
  app.services.journalRollups.start();
  // Last month's report, generated and kept once the month is over.
  app.services.reportScheduler.start();
  if (await app.services.bootstrap.awaitingFirstAdmin()) {
    // The token comes after the start-up's logs (the demo base's ingestion), not lost among them.
    await Promise.race([
      app.services.worker.whenIdle(),
      delay(TOKEN_WAIT_MS, undefined, { ref: false }),
    ]);
  }
  const token = await app.services.bootstrap.issueToken();
  if (token) io.stdout.write(`\n${framed(t("cli.bootstrap_token", { token }))}\n\n`);

  // Expired sessions, and what the charter's retention periods no longer allow to keep.
  const purgeAll = () => {
    for (const run of [() => app.services.auth.purge(), () => app.services.retention.purge()]) {
      run().catch((error: Error) =>
        app.server.log.warn({ err: { name: error.name } }, "purge-failed"),
      );
    }
  };
  purgeAll();
  const purge = setInterval(purgeAll, PURGE_EVERY_MS);
  purge.unref();

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  clearInterval(purge);
  await app.close();
  return 0;
}
