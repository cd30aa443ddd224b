import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { arenaModule } from "./arena/module.js";
import { assistantsModule, useCaseRunsModule } from "./assistants/module.js";
import { charterModule } from "./charter/module.js";
import { chatModule } from "./chat/module.js";
import { type Config, databaseUrl } from "./config.js";
import { type ModuleContext, servicesOf, startModules } from "./context.js";
import { guardModule } from "./guard/module.js";
import { buildServer, serverSettings } from "./http/index.js";
import { identityModule } from "./identity/module.js";
import { impactModule } from "./impact/module.js";
import { knowledgeModule } from "./knowledge/module.js";
import type { AuditActor } from "./observatory/index.js";
import { auditModule, observatoryModule } from "./observatory/module.js";
import { attachmentsStage, Pipeline } from "./pipeline/index.js";
import { estimateTokens } from "./providers/index.js";
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
  const charter = charterModule(context, identity.ports);
  const guard = guardModule(context);
  const knowledge = knowledgeModule(context, { ...identity.ports, ...guard.ports });
  const providers = providersModule(context, guard.ports);
  const impact = impactModule(context, providers.ports);
  const assistants = assistantsModule(context, {
    ...identity.ports,
    ...knowledge.ports,
    ...providers.ports,
  });
  const observatory = observatoryModule(context, impact.ports);
  const pipeline = new Pipeline(
    {
      ...identity.stages,
      ...charter.stages(impact.ports.quotas),
      ...guard.stages,
      ...knowledge.stages,
      ...providers.stages,
      // Documents attached to a conversation ground its turns, cut to the chosen model's context.
      generate: attachmentsStage(providers.stages.generate, { ...providers.ports, estimateTokens }),
      ...impact.stages,
      ...observatory.stages,
    },
    base.clock,
    log,
  );
  // What sending a draft would do, shown while the agent types: the same stages up to the route,
  // without quotas, pseudonyms, retrieval, generation or journal, so that nothing is kept.
  const preview = new Pipeline(
    {
      ...identity.stages,
      ...charter.stages(),
      ...guard.previewStages,
      route: providers.stages.route,
    },
    base.clock,
    log,
  );
  const chat = chatModule(context, {
    pipeline,
    preview,
    ...assistants.services,
    ...providers.services,
    ...guard.ports,
    ...charter.ports,
    ...observatory.ports,
    useCase: assistants.ports.useCase,
    recommendedModel: assistants.ports.recommendedModel,
  });
  const retention = observatory.retention({ ...chat.ports, ...charter.ports });
  const useCaseRuns = useCaseRunsModule({
    ...chat.ports,
    catalogue: assistants.services.useCases,
    // A `search` baseline lists what the agent's own search finds (its readable bases only).
    search: (principal) => async (query) =>
      (await knowledge.services.retrieval.search(principal, query, { limit: 20 })).hits,
    watch: (query) => assistants.services.watch.digest(query),
  });
  const arena = arenaModule(context, {
    useCase: (id) => assistants.services.useCases.useCase(id),
    prepare: (principal, useCase, values, options) =>
      useCaseRuns.services.useCaseRuns.prepare(principal, useCase, values, options),
    answerUseCase: chat.ports.answerOnce,
    assistant: (id) => assistants.services.assistants.get(id),
    answerAssistant: chat.ports.answerOnce,
    search: async (principal, query, bases) =>
      (
        await knowledge.services.retrieval.search(principal, query, {
          limit: 5,
          ...(bases !== "all" && { knowledgeBaseIds: bases }),
        })
      ).hits,
    resolveModel: providers.ports.resolveModel,
    policyFor: charter.ports.policyFor,
    scan: guard.ports.egress.scan,
    directionPath: identity.ports.directionPath,
    findUserByEmail: (email) => identity.services.users.findByEmail(email),
    recommend: (actor, useCaseId, model) =>
      assistants.services.useCases.recommend(actor, useCaseId, model),
  });
  // Every domain's services (by name), routes and start-up.
  const domains = [audit, identity, charter, guard, knowledge] as const;
  const modules = [
    ...domains,
    providers,
    impact,
    assistants,
    observatory,
    chat,
    useCaseRuns,
    arena,
  ] as const;
  return {
    services: { ...servicesOf(modules), identify: identity.stages.identify, pipeline, retention },
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
        await services.worker.stop();
        await services.watchScheduler.stop();
        await server.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
