import type { ModuleContext } from "../context.js";
import type { OpenPseudonyms, ScanPort } from "../guard/index.js";
import type { DirectionsService } from "../identity/index.js";
import { groundStage } from "../pipeline/index.js";
import { OpenAiCompatibleEmbedder } from "../providers/index.js";
import { lexicalIndex, vectorIndex } from "../store/index.js";
import { DEFAULT_AID_FILE_LIMITS } from "./aids/aid-file.js";
import { AidFinder } from "./aids/aid-finder.js";
import { AidsRepository } from "./aids/aids.repository.js";
import { aidsRoutes } from "./aids/aids.routes.js";
import { AidsService } from "./aids/aids.service.js";
import { DenseRetrieval } from "./dense.js";
import { DocumentsRepository } from "./documents.repository.js";
import { IngestionWorker } from "./ingestion.worker.js";
import { knowledgeRoutes } from "./knowledge.routes.js";
import { type Actor, KnowledgeService } from "./knowledge.service.js";
import { KnowledgeBasesRepository } from "./knowledge-bases.repository.js";
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from "./parsers/types.js";
import type { PersonalDataGuard } from "./personal-data.js";
import { loadPlaces } from "./places/index.js";
import { RetrievalService } from "./retrieval.service.js";
import { Territories } from "./territories.js";

/**
 * Knowledge bases, ingestion, retrieval (lexical, dense, places) and the aid
 * finder; the pipeline's ground stage.
 */
export function knowledgeModule(
  { config, store, clock, ids, log, audit }: ModuleContext,
  ports: {
    directions: DirectionsService;
    /** The guard's ports: documents scanned at ingestion, passages scanned for a turn. */
    documents: PersonalDataGuard;
    passages: { scan: ScanPort; openPseudonyms: OpenPseudonyms };
    /** Places are not read from first names ("je m'appelle Nancy"). */
    isFirstName: (word: string) => boolean;
  },
) {
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
  const worker = new IngestionWorker({
    db: store.db,
    dialect: store.dialect,
    documents,
    clock,
    ids,
    dense,
    personalData: ports.documents,
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
    directions: ports.directions,
    clock,
    ids,
    limits,
    onQueued: () => worker.kick(),
    personalData: ports.documents,
    audit,
  });
  const territories = new Territories(loadPlaces, { isFirstName: ports.isFirstName });
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
    audit,
  });
  const aidFinder = new AidFinder({
    knowledge,
    retrieval,
    aids: aidsRepository,
    territories,
    places: loadPlaces,
  });
  return {
    services: { knowledge, documents, retrieval, dense, worker, aids, aidFinder, limits },
    stages: {
      ground: groundStage(
        (principal, question, bases) => retrieval.ground(principal, question, bases),
        ports.passages,
      ),
    },
    ports: {
      /** The ids of the knowledge bases a principal (or the CLI) may read. */
      readableBaseIds: (actor: Actor) => knowledge.readableIds(actor),
      /** The quarantine's documents, for the observatory: when each came and was released. */
      quarantineReview: () => documents.quarantineReview(),
      /** What a search finds, as the agent, over some bases or all they may read. */
      searchPassages: async (
        actor: Actor,
        query: string,
        { limit, bases = "all" }: { limit: number; bases?: string[] | "all" },
      ) =>
        (
          await retrieval.search(actor, query, {
            limit,
            ...(bases !== "all" && { knowledgeBaseIds: bases }),
          })
        ).hits,
    },
    /** The official geography is read now, not by the first request. */
    start: () => {
      loadPlaces();
    },
    stop: () => worker.stop(),
    routes: [
      ...knowledgeRoutes({
        knowledge,
        retrieval,
        maxFilesPerUpload: config.knowledge.maxFilesPerUpload,
        maxUploadBytes: config.knowledge.maxUploadMegabytes * 1024 * 1024,
      }),
      ...aidsRoutes({ aids, finder: aidFinder }),
    ],
  };
}
