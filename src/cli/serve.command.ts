import { createApp } from "../app.js";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { type CliIo, say } from "./io.js";

const PURGE_EVERY_MS = 10 * 60_000;

/** Starts the server (migrating first), prints a bootstrap token while no administrator exists, stops on SIGINT/SIGTERM. */
export async function serveCommand(config: Config, io: CliIo): Promise<number> {
  const app = await createApp(config);
  const { host, port } = config.server;
  const address = await app.server.listen({ host, port });
  say(io, "cli.listening", { url: address });
  const token = await app.services.bootstrap.issueToken();
  if (token) io.stdout.write(`\n${t("cli.bootstrap_token", { token })}\n\n`);

  const purge = setInterval(() => {
    app.services.auth
      .purge()
      .catch((error: Error) => app.server.log.warn({ err: { name: error.name } }, "purge-failed"));
  }, PURGE_EVERY_MS);
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
