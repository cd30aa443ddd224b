import { createServices, type Services } from "../app.js";
import { type Config, databaseUrl, loadConfig } from "../config.js";
import { randomIds, systemClock } from "../shared/clock.js";
import { createCliLog } from "../shared/log.js";
import { migrateToLatest, openStore, type Store } from "../store/index.js";
import type { CliIo } from "./io.js";

/** Loads the configuration the way `serve` does: --config, then $BEFFROI_CONFIG, then ./beffroi.yaml. */
export function cliConfig(io: CliIo, configFile: string | undefined): Config {
  return loadConfig({
    env: io.env,
    cwd: io.cwd,
    ...(configFile !== undefined && { file: configFile }),
  });
}

/** Opens the store (migrating it, as `serve` would) and the shared services, for one command. */
export async function withServices<T>(
  config: Config,
  io: Pick<CliIo, "stderr">,
  run: (services: Services, store: Store) => Promise<T>,
): Promise<T> {
  const store = openStore(databaseUrl(config), { poolSize: 2 });
  try {
    await migrateToLatest(store);
    // Ingestion and embedding report failures on standard error, never on the command's output.
    const services = createServices({
      config,
      store,
      clock: systemClock,
      ids: randomIds,
      log: createCliLog(config.log.level, io.stderr),
    });
    await services.guard.reloadNames();
    return await run(services, store);
  } finally {
    await store.close();
  }
}
