import type { Config } from "./config.js";
import type { RouteDefinition } from "./http/index.js";
import type { RecordAudit } from "./observatory/index.js";
import type { Stage, StageName } from "./pipeline/index.js";
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

/** A domain's stages, by the pipeline's slot they fill. */
export type Stages = Partial<Record<StageName, Stage>>;

/** What a domain's module gives the composition root. */
export interface DomainModule {
  /** The services entry points (server, CLI, tests) reach by name. */
  services: object;
  routes: RouteDefinition[];
  /** What the domains built after it take by name (a function, a service). */
  ports?: object;
  /** The slots of a turn's pipeline it fills. */
  stages?: Stages;
  /** The slots of a draft's preview it fills (nothing kept, nothing sent). */
  previewStages?: Stages;
  /** What is read or written once at start, not by the first request. */
  start?: () => Promise<void> | void;
  /** What runs in the background (a worker, a schedule), stopped before the store closes. */
  stop?: () => Promise<void>;
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

type PortsOf<M> = M extends { ports: infer P } ? P : Record<never, never>;

/** The ports of several modules, in one object: what a later module takes by name. */
export const portsOf = <M extends readonly DomainModule[]>(modules: M) =>
  Object.assign({}, ...modules.map((module) => module.ports ?? {})) as Intersection<
    PortsOf<M[number]>
  >;

/** Starts the modules in order: word lists, geography, declared providers. */
export async function startModules(modules: readonly DomainModule[]): Promise<void> {
  for (const module of modules) await module.start?.();
}

/** Stops the modules' background work, the last started first. */
export async function stopModules(modules: readonly DomainModule[]): Promise<void> {
  for (const module of [...modules].reverse()) await module.stop?.();
}
