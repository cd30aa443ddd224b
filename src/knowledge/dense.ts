import { t } from "../i18n/index.js";
import type { Embedder } from "../providers/index.js";
import type { Log } from "../shared/log.js";
import type { VectorHit, VectorIndex } from "../store/index.js";

/** Dense retrieval's state, for `serve`, `doctor` and the search API. */
export type DenseStatus =
  | { state: "off" }
  | { state: "on"; model: string; engine: string }
  | {
      state: "unavailable";
      model: string;
      reason: "sqlite_vec_missing" | "pgvector_not_installed" | "pgvector_not_enabled";
    };

/** After a failure, the embedding service is left alone this long before the next try. */
const PAUSE_AFTER_FAILURE_MS = 60_000;

/** A question does not wait longer than this for its embedding: lexical results are ready anyway. */
const QUESTION_TIMEOUT_MS = 5_000;

/**
 * Optional dense retrieval: embeds passages in the background and finds the
 * nearest passages to a question. Without an embedding model, or when the
 * store cannot search vectors, it is off and retrieval stays lexical; when
 * the model is down, a search falls back to lexical for that question.
 * Which passages still need an embedding is read from the database, so
 * embedding resumes after a restart, catches up after an outage, and redoes
 * a base when the model changes.
 */
export class DenseRetrieval {
  private pausedUntil = 0;

  constructor(
    private readonly deps: {
      embedder?: Embedder | undefined;
      vectors: VectorIndex;
      batchSize: number;
      now?: () => number;
      log?: Log;
    },
  ) {}

  async status(): Promise<DenseStatus> {
    const { embedder, vectors } = this.deps;
    if (!embedder) return { state: "off" };
    const support = await vectors.support();
    return support.available
      ? { state: "on", model: embedder.model, engine: support.engine }
      : { state: "unavailable", model: embedder.model, reason: support.reason };
  }

  /** Nearest passages in the bases given, or null when dense retrieval cannot answer now. */
  async search(
    knowledgeBaseIds: string[],
    question: string,
    limit: number,
  ): Promise<VectorHit[] | null> {
    const { embedder, vectors } = this.deps;
    if (!embedder || !(await vectors.support()).available || this.paused()) return null;
    try {
      const [vector] = await embedder.embed([question], AbortSignal.timeout(QUESTION_TIMEOUT_MS));
      if (!vector) return null;
      return await vectors.search(knowledgeBaseIds, embedder.model, vector, limit);
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  /**
   * Embeds passages that have no embedding from the current model, a batch
   * at a time, up to `maxBatches`; returns how many were embedded. Stops at
   * the first failure (the service is then left alone for a minute).
   */
  async embedMissing(maxBatches = Number.POSITIVE_INFINITY): Promise<number> {
    const { embedder, vectors, batchSize } = this.deps;
    if (!embedder || !(await vectors.support()).available || this.paused()) return 0;
    let done = 0;
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const passages = await vectors.missing(embedder.model, batchSize);
      if (passages.length === 0) break;
      let embedded: Float32Array[];
      try {
        embedded = await embedder.embed(
          passages.map((p) =>
            [p.title ?? p.fileName, p.section, p.text].filter((part) => part).join("\n"),
          ),
        );
      } catch (error) {
        this.fail(error);
        break;
      }
      await vectors.put(
        embedder.model,
        passages.map((passage, index) => ({
          passageId: passage.id,
          knowledgeBaseId: passage.knowledgeBaseId,
          vector: embedded[index] as Float32Array,
        })),
      );
      done += passages.length;
    }
    if (done > 0) this.deps.log?.info({ passages: done }, "passages-embedded");
    return done;
  }

  /** One sentence in French saying whether dense retrieval runs, and if not, why and what to do. */
  async describe(): Promise<string> {
    const status = await this.status();
    if (status.state === "off") return t("dense.off");
    if (status.state === "unavailable") return t(`dense.unavailable.${status.reason}`);
    const coverage = (await this.coverage()) ?? { embedded: 0, passages: 0 };
    return t("dense.on", { model: status.model, engine: status.engine, ...coverage });
  }

  /** Embeds one word: throws when the service does not answer as expected (`doctor`). */
  async probe(): Promise<number> {
    const { embedder } = this.deps;
    if (!embedder) return 0;
    const [vector] = await embedder.embed(["Beffroi"]);
    return vector?.length ?? 0;
  }

  /** Passages embedded by the current model, and passages in all (null when off). */
  async coverage(): Promise<{ embedded: number; passages: number } | null> {
    const { embedder, vectors } = this.deps;
    return embedder ? vectors.coverage(embedder.model) : null;
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  private paused(): boolean {
    return this.now() < this.pausedUntil;
  }

  private fail(error: unknown): void {
    this.pausedUntil = this.now() + PAUSE_AFTER_FAILURE_MS;
    const { code, status } = error as { code?: string; status?: number };
    this.deps.log?.warn({ code: code ?? (error as Error).name, status }, "embeddings-unavailable");
  }
}
