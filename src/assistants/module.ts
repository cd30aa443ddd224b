import type { ModuleContext } from "../context.js";
import type { Principal } from "../identity/index.js";
import { DEFAULT_PARSE_LIMITS, sharedReader } from "../knowledge/index.js";
import { Rounds } from "../shared/rounds.js";
import { AssistantsRepository } from "./assistants.repository.js";
import { assistantsRoutes } from "./assistants.routes.js";
import { type Actor, AssistantsService } from "./assistants.service.js";
import { PromptsRepository } from "./prompts/prompts.repository.js";
import { promptsRoutes } from "./prompts/prompts.routes.js";
import { PromptsService } from "./prompts/prompts.service.js";
import type { BaselinePassage } from "./usecases/baseline.js";
import { shippedUseCases } from "./usecases/loader.js";
import { useCaseRunRoutes } from "./usecases/run.routes.js";
import { type Converse, UseCaseRunService } from "./usecases/run.service.js";
import type { UseCase } from "./usecases/usecase.schema.js";
import { UseCasesRepository } from "./usecases/usecases.repository.js";
import { useCasesRoutes } from "./usecases/usecases.routes.js";
import { UseCasesService } from "./usecases/usecases.service.js";
import type { BaselineWatch } from "./usecases/watch-digest.js";
import { WatchRepository } from "./watch/watch.repository.js";
import { watchRoutes } from "./watch/watch.routes.js";
import { WatchService } from "./watch/watch.service.js";

/** Use-case assistants: instructions, bound bases and model, audience. */
export function assistantsModule(
  { config, store, clock, ids, log, audit }: ModuleContext,
  ports: {
    modelExists: (ref: string) => Promise<boolean>;
    /** The ids of the knowledge bases a principal (or the CLI) may read. */
    readableBaseIds: (principal: Principal | "cli") => Promise<string[]>;
    directionPath: (id: string) => Promise<string | undefined>;
  },
) {
  const assistants = new AssistantsService({
    assistants: new AssistantsRepository(store.db),
    modelExists: ports.modelExists,
    baseExists: async (id) => (await ports.readableBaseIds("cli")).includes(id),
    directionPath: ports.directionPath,
    readableBaseIds: ports.readableBaseIds,
    clock,
    ids,
    audit,
  });
  const prompts = new PromptsService({
    prompts: new PromptsRepository(store.db),
    directionPath: ports.directionPath,
    clock,
    ids,
    audit,
  });
  const useCases = new UseCasesService({
    useCases: new UseCasesRepository(store.db),
    directionPath: ports.directionPath,
    modelExists: ports.modelExists,
    shipped: () => shippedUseCases(),
    clock,
    audit,
  });
  const watch = new WatchService({
    sources: new WatchRepository(store.db),
    directionPath: ports.directionPath,
    pageReader: sharedReader({
      limits: {
        ...DEFAULT_PARSE_LIMITS,
        maxFileBytes: config.watch.maxMegabytes * 1024 * 1024,
      },
      // Short passages, without overlap: a change shows as the passages it touched.
      chunking: { minWords: 30, maxWords: 200, overlapWords: 0 },
      timeoutMs: config.knowledge.parseTimeoutSeconds * 1000,
      memoryMb: config.knowledge.parseMemoryMegabytes,
    }),
    fetchLimits: {
      maxBytes: config.watch.maxMegabytes * 1024 * 1024,
      timeoutMs: config.watch.timeoutSeconds * 1000,
      maxRedirects: 5,
      privateHosts: new Set(config.watch.privateHosts),
    },
    keepDays: config.watch.keepDays,
    clock,
    ids,
    log,
    audit,
  });
  // Started by the server (`beffroi serve`), never by the CLI's other commands: every
  // `pollSeconds`, the sources whose reading is due (each claimed by one instance only).
  const watchScheduler = new Rounds({
    run: () => watch.checkDue(),
    everyMs: config.watch.pollSeconds * 1000,
    log,
    failure: "watch round failed",
  });
  return {
    services: { assistants, useCases, prompts, watch, watchScheduler },
    // What the later domains take by name: the catalogue, its current definitions, the watch.
    ports: {
      assistants,
      useCase: (id: string) => useCases.useCase(id),
      useCaseDefinitions: () => useCases.definitions(),
      /** The model a use case's runs try first (a battle's verdict). */
      recommendedModel: (id: string) => useCases.recommendedModel(id),
      /** Sets (or clears) a use case's recommended model: a battle's verdict applied. */
      recommend: (actor: Actor, id: string, model: string | null) =>
        useCases.recommend(actor, id, model),
      assistant: (id: string) => assistants.get(id),
      /** The use cases with their owning direction, for the experience feedback's rights. */
      useCaseSummaries: () => useCases.list(),
      /** Names by the id the journal keeps: an assistant's, or `usecase:<id>` for a use case. */
      subjectNames: async () =>
        new Map([
          ...(await assistants.list()).map((a): [string, string] => [a.id, a.name]),
          ...(await useCases.definitions()).map((u): [string, string] => [
            `usecase:${u.id}`,
            u.name,
          ]),
        ]),
      /** The document watch's items a `watch` use case summarises. */
      watchDigest: ((query) => watch.digest(query)) satisfies BaselineWatch,
    },
    routes: [
      ...assistantsRoutes({ assistants }),
      ...useCasesRoutes({ useCases }),
      ...promptsRoutes({ prompts }),
      ...watchRoutes({ watch, defaultSince: () => watch.lastWeek() }),
    ],
    // The shipped use cases stored (and their newer versions taken in) before the first request.
    start: () => useCases.seed(),
    stop: () => watchScheduler.stop(),
  };
}

/**
 * Use cases as agents run them, built after the chat domain whose
 * conversations carry their runs; the definitions come from the catalogue
 * (`UseCasesService`: the stored definitions, the shipped ones seeded).
 */
export function useCaseRunsModule(ports: {
  converse: Converse;
  documentText: Parameters<typeof useCaseRunRoutes>[0]["documentText"];
  documentMaxBytes: number;
  useCase: (id: string) => Promise<UseCase | undefined>;
  useCaseDefinitions: () => Promise<UseCase[]>;
  recommendedModel: (id: string) => Promise<string | null>;
  /** The knowledge search a `search` baseline lists, over the bases the agent may read. */
  searchPassages?: (
    principal: Principal,
    query: string,
    options: { limit: number },
  ) => Promise<BaselinePassage[]>;
  /** The document watch's items a `watch` use case summarises. */
  watchDigest?: BaselineWatch;
}) {
  const { searchPassages } = ports;
  const runs = new UseCaseRunService({
    converse: ports.converse,
    useCase: ports.useCase,
    useCases: ports.useCaseDefinitions,
    recommendedModel: ports.recommendedModel,
    ...(searchPassages && {
      search: (principal: Principal) => (query: string) =>
        searchPassages(principal, query, { limit: 20 }),
    }),
    ...(ports.watchDigest && { watch: ports.watchDigest }),
  });
  return {
    services: { useCaseRuns: runs },
    ports: {
      /** The prompt a use case sends for these values, and (unless told not to) its result without AI. */
      prepare: runs.prepare.bind(runs),
    },
    routes: useCaseRunRoutes({
      runs,
      documentText: ports.documentText,
      maxFileBytes: ports.documentMaxBytes,
    }),
  };
}
