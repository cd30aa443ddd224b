/**
 * npm run bench:retrieval -- --docs DIR [--queries FILE | --title-queries] [--dialect sqlite|postgres]
 * npm run bench:retrieval -- --synthetic 100000 [--dialect sqlite|postgres]
 *
 * Ingests a folder through the real path (submit, jobs, parsing, chunking,
 * French analysis, the store's lexical index), runs the queries and prints
 * hit@1, hit@5, hit@10, MRR@10, ingestion throughput and query latency p50/p95.
 * The baseline, measured in the same run on the same documents, is plain BM25
 * (k1 1.2, b 0.75) over accent-folded words without stop words, without
 * stemming, in memory. With BEFFROI_KNOWLEDGE__EMBEDDINGS__BASE_URL and
 * __MODEL set, dense retrieval is fused in (the passages are embedded during
 * ingestion, which the throughput then includes). With --title-queries, each document's first "# " line
 * is taken out of it and becomes its query (the aides-jeunes task).
 * --synthetic N measures query latency at N passages of generated French text.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { passageTerms } from "../src/knowledge/index.js";
import { benchBase, openFresh, readyDocument, seededRandom } from "./fixtures.js";
import { metrics, plainBm25, type Query } from "./ranking.js";

const { values } = parseArgs({
  options: {
    docs: { type: "string" },
    queries: { type: "string" },
    "title-queries": { type: "boolean" },
    synthetic: { type: "string" },
    dialect: { type: "string", default: "sqlite" },
    limit: { type: "string" },
    without: { type: "string" },
  },
});

/** `--without chatter,thesaurus,places`: the pieces of question reading turned off, to show each one's worth. */
const without = new Set((values.without ?? "").split(",").filter(Boolean));
const reading = {
  chatter: !without.has("chatter"),
  thesaurus: !without.has("thesaurus"),
  places: !without.has("places"),
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function corpus(dialect: "sqlite" | "postgres", docsDir: string) {
  const files = readdirSync(docsDir)
    .filter((name) => /\.(md|txt|html?)$/.test(name))
    .sort();
  const titleQueries: Query[] = [];
  const texts = new Map<string, string>();
  // Files are uploaded under opaque names: their real names often spell their titles out.
  const idOf = new Map<string, string>();
  const inputs = files.map((name, position) => {
    let text = readFileSync(path.join(docsDir, name), "utf8");
    const id = name.replace(/\.[^.]+$/, "");
    if (values["title-queries"]) {
      const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
      if (title) {
        titleQueries.push({ query: title, relevant: [id] });
        text = text.replace(/^#\s+.+$/m, "");
      }
    }
    texts.set(id, text);
    const opaque = `document-${String(position).padStart(5, "0")}${path.extname(name)}`;
    idOf.set(opaque, id);
    return { fileName: opaque, bytes: new Uint8Array(Buffer.from(text)) };
  });
  const queries: Query[] = values.queries
    ? readFileSync(values.queries, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Query)
        // Questions no document answers (the blind sets hold some) measure abstention, not ranking.
        .filter((query) => query.relevant.length > 0)
    : titleQueries;
  const limit = values.limit ? Number(values.limit) : queries.length;

  const { services, cleanup } = await openFresh(dialect);
  try {
    const base = await benchBase(services, "bench");
    const started = process.hrtime.bigint();
    for (let start = 0; start < inputs.length; start += 50) {
      await services.knowledge.submit("cli", base.id, inputs.slice(start, start + 50));
      await services.worker.drain();
    }
    const ingestSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const passages = (await services.knowledge.get("cli", base.id)).passageCount;
    // Documents left out of search (quarantined for personal data, failed) lower every figure.
    const statuses = new Map<string, number>();
    for (const document of await services.knowledge.documents("cli", base.id)) {
      statuses.set(document.status, (statuses.get(document.status) ?? 0) + 1);
    }

    const latencies: number[] = [];
    const rankings: string[][] = [];
    for (const query of queries.slice(0, limit)) {
      const t0 = process.hrtime.bigint();
      const { hits } = await services.retrieval.search("cli", query.query, {
        knowledgeBaseIds: [base.id],
        limit: 30,
        reading,
      });
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const ranking: string[] = [];
      for (const hit of hits) {
        const id = idOf.get(hit.fileName) ?? hit.fileName;
        if (!ranking.includes(id)) ranking.push(id);
      }
      rankings.push(ranking);
    }
    const baselineSearch = plainBm25(texts);
    const baselineRankings = queries.slice(0, limit).map((query) => baselineSearch(query.query));
    const ours = metrics(rankings, queries.slice(0, limit));
    const baseline = metrics(baselineRankings, queries.slice(0, limit));
    latencies.sort((a, b) => a - b);
    console.log(
      `corpus ${docsDir}: ${inputs.length} documents, ${passages} passages, ${Math.min(limit, queries.length)} queries, store ${dialect}`,
    );
    console.log(
      `documents: ${[...statuses].map(([status, count]) => `${count} ${status}`).join(", ")}`,
    );
    console.log(await services.dense.describe());
    console.log(
      `ingestion: ${(inputs.length / ingestSeconds).toFixed(1)} documents/s end to end (${ingestSeconds.toFixed(1)} s)`,
    );
    console.log(
      `query latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
    );
    console.log("metric    beffroi  plain-bm25  ratio");
    for (const key of ["hit1", "hit5", "hit10", "mrr", "recall"] as const) {
      const label = {
        hit1: "hit@1",
        hit5: "hit@5",
        hit10: "hit@10",
        mrr: "MRR@10",
        recall: "recall@10",
      }[key];
      console.log(
        `${label.padEnd(9)} ${ours[key].toFixed(3).padStart(7)}  ${baseline[key].toFixed(3).padStart(10)}  ${(ours[key] / (baseline[key] || 1)).toFixed(3)}`,
      );
    }
  } finally {
    await cleanup();
  }
}

/**
 * The vocabulary of the synthetic text: every word of the demo base's sheets
 * (a few thousand French words), drawn with Zipf's law as real text is, so
 * that a few words are in most passages and most words in few.
 */
function zipfVocabulary(): { draw: (random: () => number) => string } {
  const folder = new URL("../src/knowledge/demo/documents/", import.meta.url);
  const counts = new Map<string, number>();
  for (const name of readdirSync(folder)) {
    for (const word of readFileSync(new URL(name, folder), "utf8")
      .toLowerCase()
      .match(/[\p{L}]{2,}/gu) ?? []) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const words = [...counts].sort((x, y) => y[1] - x[1]).map(([word]) => word);
  const weights = words.map((_, rank) => 1 / (rank + 1));
  const cumulative: number[] = [];
  let sum = 0;
  for (const weight of weights) {
    sum += weight;
    cumulative.push(sum);
  }
  return {
    draw: (random) => {
      const target = random() * sum;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((cumulative[middle] ?? 0) < target) low = middle + 1;
        else high = middle;
      }
      return words[low] ?? "";
    },
  };
}

/** Query latency at `count` passages of generated French text (passages inserted straight into the index). */
async function synthetic(dialect: "sqlite" | "postgres", count: number) {
  const { store, services, cleanup } = await openFresh(dialect);
  const random = seededRandom();
  const vocabulary = zipfVocabulary();
  const sentence = () => Array.from({ length: 12 }, () => vocabulary.draw(random)).join(" ");
  try {
    const owner = await services.directions.add("Synthèse");
    const base = await services.knowledge.create("cli", {
      name: "synthese",
      description: "",
      ownerDirectionId: owner.id,
      readers: [],
    });
    const started = process.hrtime.bigint();
    const perDocument = 10;
    const { lexicalIndex } = await import("../src/store/index.js");
    const index = lexicalIndex(store.db, store.dialect);
    for (let d = 0; d < count / perDocument; d += 1) {
      const documentId = `doc-${d}`;
      const now = new Date().toISOString();
      const passages = Array.from({ length: perDocument }, (_, ordinal) => {
        const text = Array.from({ length: 12 }, sentence).join(". ");
        const terms = passageTerms(`Fiche ${d}`, [], text);
        return {
          id: `${documentId}-${ordinal}`,
          document_id: documentId,
          knowledge_base_id: base.id,
          ordinal,
          text,
          section_path: "",
          page: null,
          word_count: 144,
          terms: terms.join(" "),
          term_count: terms.length,
          termList: terms,
        };
      });
      await store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("documents")
          .values(
            readyDocument(documentId, base.id, now, {
              title: `Fiche ${d}`,
              passages: perDocument,
              words: 1440,
            }),
          )
          .execute();
        await trx
          .insertInto("passages")
          .values(passages.map(({ termList: _, ...row }) => row))
          .execute();
        await index.add(
          trx,
          passages.map((p) => ({ id: p.id, knowledgeBaseId: base.id, terms: p.termList })),
        );
      });
    }
    const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Questions of 3 to 8 words drawn like the text: common words and rarer ones mixed.
    const questions = Array.from({ length: 200 }, () =>
      Array.from({ length: 3 + Math.floor(random() * 6) }, () => vocabulary.draw(random)).join(" "),
    );
    for (const question of questions.slice(0, 20))
      await services.retrieval.search("cli", question, { limit: 10 });
    // Baseline, same run, same questions: every word scored (no postings budget).
    const latencies: number[] = [];
    const unbudgeted: number[] = [];
    for (const question of questions) {
      const t0 = process.hrtime.bigint();
      await services.retrieval.search("cli", question, { limit: 10 });
      const t1 = process.hrtime.bigint();
      await services.retrieval.search("cli", question, { limit: 10, postingsBudget: Infinity });
      latencies.push(Number(t1 - t0) / 1e6);
      unbudgeted.push(Number(process.hrtime.bigint() - t1) / 1e6);
    }
    latencies.sort((a, b) => a - b);
    unbudgeted.sort((a, b) => a - b);
    console.log(
      `synthetic: ${count} passages on ${dialect}, loaded in ${loadSeconds.toFixed(1)} s`,
    );
    console.log(
      `query latency over ${questions.length} queries of 3-8 words (search + passage fetch + coverage): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
    );
    console.log(
      `baseline, every word scored: p50 ${percentile(unbudgeted, 50).toFixed(1)} ms, p95 ${percentile(unbudgeted, 95).toFixed(1)} ms; ratio p50 ${(percentile(latencies, 50) / percentile(unbudgeted, 50)).toFixed(2)}, p95 ${(percentile(latencies, 95) / percentile(unbudgeted, 95)).toFixed(2)}`,
    );
  } finally {
    await cleanup();
  }
}

const dialect = values.dialect === "postgres" ? "postgres" : "sqlite";
if (values.synthetic) await synthetic(dialect, Number(values.synthetic));
else if (values.docs) await corpus(dialect, values.docs);
else {
  console.error(
    "usage: npm run bench:retrieval -- --docs DIR [--queries FILE | --title-queries] [--dialect sqlite|postgres] | --synthetic N",
  );
  process.exitCode = 2;
}
