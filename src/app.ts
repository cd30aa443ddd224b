import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { AssistantsRepository, AssistantsService, assistantsRoutes } from "./assistants/index.js";
import { CharterRepository, CharterService, charterRoutes } from "./charter/index.js";
import {
  ChatService,
  ConversationsRepository,
  ConversationsService,
  conversationsRoutes,
  openAiRoutes,
} from "./chat/index.js";
import { type Config, ConfigError, databaseUrl } from "./config.js";
import {
  DEFAULT_RECOGNIZERS,
  documentPseudonymiser,
  externalSettings,
  GuardNamesRepository,
  GuardService,
  guardRoutes,
  isCommonFirstName,
  loadVaultKey,
  PseudonymService,
  Vault,
  VaultCipher,
  VaultRepository,
} from "./guard/index.js";
import { buildServer } from "./http/index.js";
import { t } from "./i18n/index.js";
import {
  ApiKeysRepository,
  ApiKeysService,
  AuthService,
  apiKeysRoutes,
  authRoutes,
  BootstrapService,
  DirectionsRepository,
  DirectionsService,
  directionsRoutes,
  OidcService,
  oidcRoutes,
  SessionsRepository,
  UsersRepository,
  UsersService,
  usersRoutes,
} from "./identity/index.js";
import { impactOfTurn, impactRoutes, QuotaRepository, QuotaService } from "./impact/index.js";
import {
  AidFinder,
  AidsRepository,
  AidsService,
  aidsRoutes,
  askRoutes,
  DEFAULT_AID_FILE_LIMITS,
  DEFAULT_PARSE_LIMITS,
  DenseRetrieval,
  DocumentsRepository,
  extractiveAnswer,
  IngestionWorker,
  KnowledgeBasesRepository,
  KnowledgeService,
  knowledgeRoutes,
  loadPlaces,
  type ParseLimits,
  type PersonalDataGuard,
  RetrievalService,
  Territories,
} from "./knowledge/index.js";
import {
  type AuditActor,
  AuditLog,
  AuditRepository,
  auditActor,
  auditRoutes,
  journalRoutes,
  RetentionService,
  UsageJournal,
  UsageRepository,
} from "./observatory/index.js";
import {
  accountStage,
  charterStage,
  generateStage,
  groundStage,
  guardStage,
  identifyStage,
  journalStage,
  Pipeline,
  restoreStage,
  routeStage,
} from "./pipeline/index.js";
import {
  Generator,
  keyRulesOf,
  OpenAiCompatibleEmbedder,
  ProviderKeys,
  ProvidersRepository,
  ProvidersService,
  providersRoutes,
  Router,
} from "./providers/index.js";
import { type Clock, type Ids, randomIds, systemClock } from "./shared/clock.js";
import { createLog, type Log, silentLog } from "./shared/log.js";
import {
  Counters,
  ensureSchema,
  lexicalIndex,
  migrateToLatest,
  openStore,
  pendingMigrations,
  ping,
  type Store,
  type StoreOptions,
  vectorIndex,
} from "./store/index.js";

export const VERSION: string = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;

/** The web page Vite builds (`npm run build`), beside src/ and dist/ alike. */
export const WEB_ROOT = fileURLToPath(new URL("../web/dist/", import.meta.url));

export interface AppOptions {
  clock?: Clock;
  ids?: Ids;
  store?: StoreOptions;
  /** Where logs go (standard output by default); tests read them to check what is never logged. */
  logStream?: DestinationStream;
  /** Where the built web page is; null serves none (default: WEB_ROOT). */
  webRoot?: string | null;
}

/** The services every entry point (server, CLI) shares, wired once from the configuration. */
export function createServices(
  config: Config,
  store: Store,
  clock: Clock,
  ids: Ids,
  options: {
    /** Who the audit log names when a change comes with no signed-in user: the CLI, or the server itself. */
    auditActor?: AuditActor;
    /** The entry point's logger, created first (default: none). */
    log?: Log;
  } = {},
) {
  const log = options.log ?? silentLog;
  const counters = new Counters(store.db);
  const audit = new AuditLog({ repository: new AuditRepository(store.db), clock });
  // Administrative changes are recorded through this port, right after they are made.
  const recordAudit = audit.recorder(options.auditActor ?? { kind: "cli" });
  const directionsRepository = new DirectionsRepository(store.db);
  const usersRepository = new UsersRepository(store.db, store.rowLocks);
  const directions = new DirectionsService({ directions: directionsRepository, clock, ids });
  const users = new UsersService({
    users: usersRepository,
    directions: directionsRepository,
    clock,
    ids,
    audit: recordAudit,
  });
  const auth = new AuthService({
    users: usersRepository,
    sessions: new SessionsRepository(store.db),
    counters,
    clock,
    ids,
    settings: { ...config.session, ...config.login },
  });
  const apiKeys = new ApiKeysService({
    apiKeys: new ApiKeysRepository(store.db),
    users: usersRepository,
    clock,
    ids,
    settings: config.apiKeys,
    audit: recordAudit,
  });
  const bootstrap = new BootstrapService({
    db: store.db,
    users: usersRepository,
    usersService: users,
    clock,
    ids,
  });
  const oidc = config.oidc
    ? new OidcService({
        config: config.oidc,
        publicUrl: config.server.publicUrl,
        db: store.db,
        users,
        usersRepository,
        directions,
        auth,
        clock,
        ids,
      })
    : undefined;
  const identify = identifyStage((credential) =>
    credential.kind === "api-key"
      ? apiKeys.authenticate(credential.token)
      : auth.authenticateSession(credential.token),
  );
  const index = lexicalIndex(store.db, store.dialect);
  const embeddings = config.knowledge.embeddings;
  const dense = new DenseRetrieval({
    embedder:
      embeddings &&
      new OpenAiCompatibleEmbedder({
        ...embeddings,
        maxResponseBytes: config.modelProviders.maxResponseBytes,
      }),
    vectors: vectorIndex(store),
    batchSize: embeddings?.batchSize ?? 32,
    now: () => clock.now().getTime(),
    log,
  });
  const documents = new DocumentsRepository(store.db, index);
  const limits: ParseLimits = {
    ...DEFAULT_PARSE_LIMITS,
    maxFileBytes: config.knowledge.maxFileMegabytes * 1024 * 1024,
  };
  // The built-in first names, widened by those imported from INSEE's files (reread every 30 s).
  const guard = new GuardService(DEFAULT_RECOGNIZERS, {
    names: new GuardNamesRepository(store.db),
    ...(config.guard.external && { external: externalSettings(config.guard.external) }),
  });
  // The knowledge domain reaches the guard through its ports: every passage is scanned at
  // ingestion, and a pseudonymising base gets one placeholder table per document.
  const personalData: PersonalDataGuard = {
    scan: (text) => guard.scan(text, "documents"),
    pseudonymiser: documentPseudonymiser,
  };
  const worker = new IngestionWorker({
    db: store.db,
    dialect: store.dialect,
    documents,
    clock,
    ids,
    dense,
    personalData,
    log,
    settings: {
      leaseMs: config.knowledge.jobLeaseSeconds * 1000,
      pollMs: config.knowledge.pollSeconds * 1000,
      limits,
      reading: {
        timeoutMs: config.knowledge.parseTimeoutSeconds * 1000,
        memoryMb: config.knowledge.parseMemoryMegabytes,
      },
    },
  });
  const knowledge = new KnowledgeService({
    bases: new KnowledgeBasesRepository(store.db),
    documents,
    directions,
    clock,
    ids,
    limits,
    onQueued: () => worker.kick(),
    personalData,
    audit: recordAudit,
  });
  // "Je m'appelle Nancy" names no town: the guard knows first names, places do not.
  const territories = new Territories(loadPlaces, { isFirstName: isCommonFirstName });
  const retrieval = new RetrievalService({ knowledge, documents, index, dense, territories });
  const aidsRepository = new AidsRepository(store.db);
  // An aid file goes through the same upload as a document: never more than a document may weigh.
  const aids = new AidsService({
    knowledge,
    aids: aidsRepository,
    documents,
    clock,
    limits: {
      ...DEFAULT_AID_FILE_LIMITS,
      maxBytes: Math.min(DEFAULT_AID_FILE_LIMITS.maxBytes, limits.maxFileBytes),
    },
    audit: recordAudit,
  });
  const aidFinder = new AidFinder({
    knowledge,
    retrieval,
    aids: aidsRepository,
    territories,
    places: loadPlaces,
  });
  const vaultKey = loadVaultKey({
    ...config.guard,
    dataDir: config.dataDir,
    shared: store.shared,
  });
  if (!vaultKey) throw new ConfigError([t("config.vault_key_required")]);
  const providers = new ProvidersService({
    repository: new ProvidersRepository(store.db),
    now: () => clock.now(),
    // Keys entered by administrators are sealed under the vault key, like pseudonyms.
    keys: new ProviderKeys({ rules: keyRulesOf(config), cipher: new VaultCipher(vaultKey) }),
    adapterOptions: { maxResponseBytes: config.modelProviders.maxResponseBytes },
    audit: recordAudit,
  });
  const assistants = new AssistantsService({
    assistants: new AssistantsRepository(store.db),
    modelExists: async (ref) => (await providers.resolve(ref)) !== null,
    baseExists: async (id) => (await knowledge.readableIds("cli")).includes(id),
    directionPath: async (id) => (await directionsRepository.byId(id))?.path,
    readableBaseIds: (principal) => knowledge.readableIds(principal),
    clock,
    ids,
    audit: recordAudit,
  });
  const pseudonyms = new PseudonymService({
    guard,
    vault: new Vault({
      entries: new VaultRepository(store.db),
      key: vaultKey,
      now: () => clock.now(),
    }),
  });
  const charter = new CharterService({
    repository: new CharterRepository(store.db),
    clock,
    onChange: ({ actor, version, changes }) =>
      recordAudit({
        action: "charter.changed",
        target: String(version),
        details: { changes },
        ...(actor && { actor: auditActor(actor) }),
      }),
  });
  const usage = new UsageRepository(store.db);
  const journal = new UsageJournal({ usage, clock });
  const conversationsRepository = new ConversationsRepository(store.db);
  const retention = new RetentionService({
    usage,
    purgeConversations: (before) => conversationsRepository.deleteInactiveBefore(before),
    clock,
    periods: async () => (await charter.current()).charter.retention,
  });
  const quotas = new QuotaService({ quotas: new QuotaRepository(store.db), clock });
  const router = new Router({ providers });
  const allowedOrigins = new Set(config.answers.allowedOrigins);
  const generator = new Generator({
    providers,
    extractive: extractiveAnswer,
    allowedOrigins,
    log,
  });
  // Each capability adds its stage here as it lands; the order is fixed by STAGES.
  const pipeline = new Pipeline(
    {
      identify,
      charter: charterStage(charter.port, quotas.port),
      guard: guardStage(guard.finding, pseudonyms.open),
      ground: groundStage(
        (principal, question, bases) => retrieval.ground(principal, question, bases),
        { scan: guard.passageFinding, openPseudonyms: pseudonyms.open },
      ),
      route: routeStage(router.route),
      generate: generateStage(generator.generate),
      restore: restoreStage(guard.finding),
      account: accountStage(
        impactOfTurn(async (ref) => {
          const resolved = await providers.resolve(ref);
          return resolved
            ? {
                activeParameters: resolved.model.activeParameters,
                totalParameters: resolved.model.totalParameters,
                country: resolved.provider.country,
                // A local provider without its own figures: the collectivité's datacenter.
                pue:
                  resolved.provider.pue ??
                  (resolved.provider.sovereignty === "local" ? config.impact.localPue : undefined),
                wue:
                  resolved.provider.wue ??
                  (resolved.provider.sovereignty === "local" ? config.impact.localWue : undefined),
              }
            : undefined;
        }),
      ),
      // A turn admitted against quotas gives back its hold with what it consumed, whatever happened.
      journal: journalStage(async (turn) => {
        try {
          await journal.record(turn);
        } finally {
          await quotas.settle(turn);
        }
      }),
    },
    clock,
    log,
  );
  const chat = new ChatService({ pipeline, assistants, providers, clock, ids });
  const conversations = new ConversationsService({
    conversations: conversationsRepository,
    assistants,
    chat,
    clock,
    ids,
    disclosure: async () => (await charter.current()).charter.disclosure,
    feedback: (turnId, rating, minutesSaved) => journal.feedback(turnId, rating, minutesSaved),
    allowedOrigins,
  });
  return {
    counters,
    audit,
    recordAudit,
    directions,
    users,
    auth,
    apiKeys,
    bootstrap,
    oidc,
    identify,
    pipeline,
    guard,
    pseudonyms,
    charter,
    journal,
    retention,
    quotas,
    chat,
    conversations,
    providers,
    assistants,
    knowledge,
    aids,
    aidFinder,
    documents,
    retrieval,
    dense,
    worker,
    limits,
  };
}

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
    const services = createServices(config, store, clock, ids, {
      auditActor: { kind: "system" },
      log,
    });
    // The guard's word lists and the official geography are read now, not by the first request.
    services.guard.warm();
    loadPlaces();
    await services.guard.reloadNames();
    await services.providers.seed(config.providers);
    const server = await buildServer({
      routes: [
        ...authRoutes({
          auth: services.auth,
          users: services.users,
          bootstrap: services.bootstrap,
          oidcLabel: config.oidc?.label ?? null,
        }),
        ...(services.oidc ? oidcRoutes({ oidc: services.oidc }) : []),
        ...usersRoutes({ users: services.users, auth: services.auth }),
        ...directionsRoutes({ directions: services.directions }),
        ...apiKeysRoutes({ apiKeys: services.apiKeys }),
        ...knowledgeRoutes({
          knowledge: services.knowledge,
          retrieval: services.retrieval,
          maxFilesPerUpload: config.knowledge.maxFilesPerUpload,
          maxUploadBytes: config.knowledge.maxUploadMegabytes * 1024 * 1024,
        }),
        ...aidsRoutes({ aids: services.aids, finder: services.aidFinder }),
        ...providersRoutes({ providers: services.providers }),
        ...auditRoutes({ audit: services.audit }),
        ...guardRoutes({ guard: services.guard }),
        ...charterRoutes({ charter: services.charter }),
        ...journalRoutes({ journal: services.journal, now: () => clock.now() }),
        ...impactRoutes(),
        ...assistantsRoutes({ assistants: services.assistants }),
        ...conversationsRoutes({ conversations: services.conversations }),
        ...openAiRoutes({
          chat: services.chat,
          assistants: services.assistants,
          providers: services.providers,
          guard: {
            scan: services.guard.finding,
            openPseudonyms: services.pseudonyms.open,
            policyFor: (principal) => services.charter.policyFor(principal),
          },
        }),
        ...askRoutes({
          ask: (principal, question, knowledgeBaseIds) =>
            services.chat.run({
              principal,
              messages: [{ role: "user", content: question }],
              knowledgeBaseIds,
            }),
        }),
      ],
      uploads: {
        maxFileBytes: services.limits.maxFileBytes,
        maxFiles: config.knowledge.maxFilesPerUpload,
      },
      authenticator: {
        session: (token) => services.auth.authenticateSession(token),
        apiKey: (token) => services.apiKeys.authenticate(token),
      },
      counters: services.counters,
      clock,
      requestsPerMinute: config.rateLimit.requestsPerMinute,
      trustedOrigins: config.server.publicUrl ? [new URL(config.server.publicUrl).origin] : [],
      bodyLimitBytes: config.server.bodyLimitBytes,
      checkResponses: config.server.checkResponses,
      trustProxy: config.server.trustProxy,
      log,
      version: VERSION,
      webRoot: options.webRoot === undefined ? WEB_ROOT : options.webRoot,
      readiness: async () => {
        await ping(store).catch(() => {
          throw new Error(t("ready.database_unreachable"));
        });
        if ((await pendingMigrations(store)).length > 0)
          throw new Error(t("ready.migrations_pending"));
      },
    });
    return {
      config,
      store,
      services,
      server,
      close: async () => {
        await services.worker.stop();
        await server.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
