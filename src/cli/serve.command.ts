import { createApp } from "../app.js";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { loadDemoBase } from "../knowledge/index.js";
import { type CliIo, say } from "./io.js";

const PURGE_EVERY_MS = 10 * 60_000;

/** Starts the server (migrating first), prints a bootstrap token while no administrator exists, stops on SIGINT/SIGTERM. */
export async function serveCommand(config: Config, io: CliIo): Promise<number> {
  const app = await createApp(config);
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
  const token = await app.services.bootstrap.issueToken();
  if (token) io.stdout.write(`\n${t("cli.bootstrap_token", { token })}\n\n`);

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
