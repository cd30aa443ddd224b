import type { Services } from "../src/app.js";
import { ManualClock } from "../src/shared/clock.js";
import { ensureSchema, migrateToLatest, openStore, type Store } from "../src/store/index.js";
import { freshLocation, servicesFor } from "../test/support/stores.js";

/** mulberry32: a small, well-spread 32-bit generator, so that a bench draws the same data on every run. */
export function seededRandom(seed = 42): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A ready document row for benches that load passages straight into the store (no ingestion). */
export function readyDocument(
  id: string,
  knowledgeBaseId: string,
  at: string,
  counts: { title: string | null; passages: number; words: number },
) {
  return {
    id,
    knowledge_base_id: knowledgeBaseId,
    file_name: `${id}.md`,
    title: counts.title,
    media_type: "text/markdown",
    sha256: id,
    size_bytes: 0,
    status: "ready",
    failure_code: null,
    page_count: null,
    passage_count: counts.passages,
    word_count: counts.words,
    uploaded_by: null,
    created_at: at,
    updated_at: at,
    ingested_at: at,
  };
}

/**
 * The guard benchmarks' baseline: one combined regular expression (an
 * e-mail, a phone number or a run of nine digits or more), the least any
 * personal-data scanner must do.
 */
export const ONE_REGEX = /[\w.+-]+@[\w-]+\.[\w.]+|(?:\+33|0)[1-9](?:[ .-]?\d{2}){4}|\d{9,}/g;

/** A fresh store on either dialect, migrated, with its services (dense retrieval when configured). */
export async function openFresh(
  dialect: "sqlite" | "postgres",
): Promise<{ store: Store; services: Services; cleanup(): Promise<void> }> {
  const location = freshLocation(dialect);
  const store = openStore(location.url, location.schema ? { schema: location.schema } : {});
  await ensureSchema(store, location.schema);
  await migrateToLatest(store);
  // Dense retrieval joins in when an embedding service is named the usual way.
  const embeddings = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith("BEFFROI_KNOWLEDGE__EMBEDDINGS__") && entry[1] !== undefined,
    ),
  );
  const services = servicesFor(store, new ManualClock(new Date()), embeddings);
  return {
    store,
    services,
    cleanup: async () => {
      await store.close();
      await location.cleanup();
    },
  };
}

/** A knowledge base owned by a bench direction, readable by its owner only. */
export async function benchBase(services: Services, name: string) {
  const owner = await services.directions.add("Banc d'essai");
  return services.knowledge.create("cli", {
    name,
    description: "",
    ownerDirectionId: owner.id,
    readers: [],
  });
}
