/**
 * npm run bench:vectors -- [--passages N] [--dimensions D] [--dialect sqlite|postgres]
 *
 * Dense retrieval's exact nearest-neighbour search in the store (sqlite-vec's
 * `vec_distance_cosine`, pgvector's `<=>` over `real[]`) at N passages of D
 * dimensions, against a baseline measured in the same run on the same
 * vectors: a brute-force cosine scan in JavaScript over Float32Arrays already
 * in memory. Both must return the same ten passages; the bench checks it.
 */
import { parseArgs } from "node:util";
import { ensureSchema, migrateToLatest, openStore, vectorIndex } from "../src/store/index.js";
import { freshLocation } from "../test/support/stores.js";
import { readyDocument, seededRandom } from "./fixtures.js";

const { values } = parseArgs({
  options: {
    passages: { type: "string", default: "20000" },
    dimensions: { type: "string", default: "1024" },
    dialect: { type: "string", default: "sqlite" },
  },
});
const count = Number(values.passages);
const dimensions = Number(values.dimensions);
const dialect = values.dialect === "postgres" ? "postgres" : "sqlite";

const random = seededRandom();
const unit = () => {
  const vector = Float32Array.from({ length: dimensions }, () => random() - 0.5);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const location = freshLocation(dialect);
const store = openStore(location.url, location.schema ? { schema: location.schema } : {});
try {
  await ensureSchema(store, location.schema);
  await migrateToLatest(store);
  const vectors = vectorIndex(store);
  const support = await vectors.support();
  if (!support.available) throw new Error(`vectors unavailable: ${support.reason}`);
  const now = new Date().toISOString();
  await store.db
    .insertInto("directions")
    .values({ id: "d", path: "Banc", name: "Banc", parent_id: null, created_at: now })
    .execute();
  await store.db
    .insertInto("knowledge_bases")
    .values({
      id: "kb",
      name: "bench",
      description: "",
      owner_direction_id: "d",
      created_at: now,
      updated_at: now,
    })
    .execute();
  const memory: { id: string; vector: Float32Array }[] = [];
  const started = process.hrtime.bigint();
  for (let start = 0; start < count; start += 500) {
    const documentId = `doc-${start}`;
    const ids = Array.from({ length: Math.min(500, count - start) }, (_, i) => `p-${start + i}`);
    await store.db
      .insertInto("documents")
      .values(readyDocument(documentId, "kb", now, { title: null, passages: ids.length, words: 0 }))
      .execute();
    await store.db
      .insertInto("passages")
      .values(
        ids.map((id, ordinal) => ({
          id,
          document_id: documentId,
          knowledge_base_id: "kb",
          ordinal,
          text: "",
          section_path: "",
          page: null,
          word_count: 0,
          terms: "",
          term_count: 0,
        })),
      )
      .execute();
    const rows = ids.map((id) => ({ passageId: id, knowledgeBaseId: "kb", vector: unit() }));
    await vectors.put("bench", rows);
    for (const row of rows) memory.push({ id: row.passageId, vector: row.vector });
  }
  const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const scan = (query: Float32Array) =>
    memory
      .map(({ id, vector }) => {
        let dot = 0;
        for (let i = 0; i < dimensions; i += 1) dot += (vector[i] ?? 0) * (query[i] ?? 0);
        return { id, similarity: dot };
      })
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 10);

  const queries = Array.from({ length: 60 }, unit);
  const ours: number[] = [];
  const baseline: number[] = [];
  let agree = 0;
  for (const [index, query] of queries.entries()) {
    const t0 = process.hrtime.bigint();
    const hits = await vectors.search(["kb"], "bench", query, 10);
    const t1 = process.hrtime.bigint();
    const expected = scan(query);
    const t2 = process.hrtime.bigint();
    if (index >= 5) {
      ours.push(Number(t1 - t0) / 1e6);
      baseline.push(Number(t2 - t1) / 1e6);
    }
    if (hits.map((h) => h.passageId).join() === expected.map((h) => h.id).join()) agree += 1;
  }
  ours.sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);
  console.log(
    `${count} passages × ${dimensions} dimensions on ${dialect} (${support.engine}), loaded in ${loadSeconds.toFixed(1)} s`,
  );
  console.log(`same ten passages as the exact scan: ${agree}/${queries.length} queries`);
  console.log("latency   store     JS scan   ratio");
  for (const p of [50, 95]) {
    const a = percentile(ours, p);
    const b = percentile(baseline, p);
    console.log(
      `p${p}     ${a.toFixed(1).padStart(6)} ms  ${b.toFixed(1).padStart(6)} ms  ${(a / b).toFixed(2)}`,
    );
  }
} finally {
  await store.close();
  await location.cleanup();
}
