import type { Config } from "./config.js";
import type { RouteDefinition } from "./http/index.js";
import type { RecordAudit } from "./observatory/index.js";
import type { Clock, Ids } from "./shared/clock.js";
import type { Log } from "./shared/log.js";
import type { Store } from "./store/index.js";

/**
 * What every domain's module is built from (`src/<domain>/module.ts`): the
 * configuration, the store, the clock and ids, the logger (created first) and
 * the audit log's recorder (built before every other domain, which records
 * its administrative changes through it).
 */
export interface ModuleContext {
  config: Config;
  store: Store;
  clock: Clock;
  ids: Ids;
  log: Log;
  audit: RecordAudit;
}

/** What a domain's module gives the composition root, besides its pipeline stages and ports. */
export interface DomainModule {
  /** The services entry points (server, CLI, tests) reach by name. */
  services: object;
  routes: RouteDefinition[];
  /** What is read or written once at start, not by the first request. */
  start?: () => Promise<void> | void;
}

type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (
  part: infer I,
) => void
  ? I
  : never;

/** The services of several modules, in one object (their names never collide: checked by test/modules.test.ts). */
export const servicesOf = <M extends readonly DomainModule[]>(modules: M) =>
  Object.assign({}, ...modules.map((module) => module.services)) as Intersection<
    M[number]["services"]
  >;

/** Starts the modules in order: word lists, geography, declared providers. */
export async function startModules(modules: readonly DomainModule[]): Promise<void> {
  for (const module of modules) await module.start?.();
}
