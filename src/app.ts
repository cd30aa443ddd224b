import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { arenaModule } from "./arena/module.js";
import { assistantsModule, useCaseRunsModule } from "./assistants/module.js";
import { charterModule } from "./charter/module.js";
import { chatModule } from "./chat/module.js";
import { type Config, databaseUrl } from "./config.js";
import { type ModuleContext, portsOf, servicesOf, startModules, stopModules } from "./context.js";
import { guardModule } from "./guard/module.js";
import { buildServer, serverSettings } from "./http/index.js";
import { identityModule } from "./identity/module.js";
import { impactModule } from "./impact/module.js";
import { knowledgeModule } from "./knowledge/module.js";
import type { AuditActor } from "./observatory/index.js";
import { auditModule, observatoryModule, observatoryPagesModule } from "./observatory/module.js";
import { pipelineModule } from "./pipeline/module.js";
import { providersModule } from "./providers/module.js";
import { type Clock, type Ids, randomIds, systemClock } from "./shared/clock.js";
import { createLog, type Log, silentLog } from "./shared/log.js";
import {
  ensureSchema,
  migrateToLatest,
  openStore,
  type Store,
  type StoreOptions,
} from "./store/index.js";

export interface AppOptions {
  clock?: Clock;
  ids?: Ids;
  store?: StoreOptions;
  /** Where logs go (standard output by default); tests read them to check what is never logged. */
  logStream?: DestinationStream;
  /** Where the built web page is; null serves none (default: web/dist beside src/ and dist/). */
  webRoot?: string | null;
}

/**
 * The composition root: each domain's module, built once from the configuration,
 * in the order their ports need; the pipeline's stages in the order STAGES fixes.
 */
export function createModules({
  auditActor = { kind: "cli" },
  log = silentLog,
  ...base
}: Omit<ModuleContext, "audit" | "log"> & {
  /** Who the audit log names when a change comes with no signed-in user: the CLI, or the server itself. */
  auditActor?: AuditActor;
  /** The entry point's logger, created first (default: none). */
  log?: Log;
}) {
  const audit = auditModule({ ...base, actor: auditActor });
  const context: ModuleContext = { ...base, log, audit: audit.record };
  const identity = identityModule(context);
  const guard = guardModule(context);
  const knowledge = knowledgeModule(context, { ...identity.ports, ...guard.ports });
  const providers = providersModule(context, guard.ports);
  const impact = impactModule(context, providers.ports);
  const charter = charterModule(context, { ...identity.ports, ...impact.ports });
  const observatory = observatoryModule(context, impact.ports);
  // The domains a turn walks through; their ports, which the later domains take by name.
  const domains = [
    audit,
    identity,
    charter,
    guard,
    knowledge,
    providers,
    impact,
    observatory,
  ] as const;
  const ports = portsOf(domains);
  const pipelines = pipelineModule(context, domains);
  const assistants = assistantsModule(context, ports);
  const chat = chatModule(context, { ...ports, ...pipelines.ports, ...assistants.ports });
  const retention = observatory.retention({ ...ports, ...chat.ports });
  const useCaseRuns = useCaseRunsModule({ ...ports, ...assistants.ports, ...chat.ports });
  const arena = arenaModule(context, {
    ...ports,
    ...assistants.ports,
    ...chat.ports,
    ...useCaseRuns.ports,
  });
  const pages = observatoryPagesModule(context, {
    ...ports,
    ...assistants.ports,
    ...arena.ports,
  });
  const later = [pipelines, assistants, chat, retention, useCaseRuns, arena, pages] as const;
  const modules = [...domains, ...later] as const;
  return {
    services: servicesOf(modules),
    routes: modules.flatMap((module) => module.routes),
    modules,
    authenticator: identity.authenticator,
  };
}

/** The services every entry point (server, CLI) shares, wired once from the configuration. */
export const createServices = (...args: Parameters<typeof createModules>) =>
  createModules(...args).services;
export type Services = ReturnType<typeof createServices>;

export interface App {
  config: Config;
  store: Store;
  services: Services;
  server: FastifyInstance;
  close(): Promise<void>;
}

/** Opens the store, applies migrations and assembles the HTTP server. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  // The logger first: whatever is built after it reports through it.
  const log = createLog(config.log.level, options.logStream);
  const store = openStore(databaseUrl(config), options.store);
  try {
    await ensureSchema(store, options.store?.schema);
    await migrateToLatest(store);
    const built = createModules({ config, store, clock, ids, log, auditActor: { kind: "system" } });
    const { services } = built;
    await startModules(built.modules);
    const server = await buildServer({
      ...serverSettings(config, store, options.webRoot),
      routes: built.routes,
      authenticator: built.authenticator,
      counters: services.counters,
      clock,
      log,
    });
    return {
      config,
      store,
      services,
      server,
      close: async () => {
        await stopModules(built.modules);
        await server.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
