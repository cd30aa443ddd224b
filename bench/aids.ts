/**
 * npm run bench:aids [-- --aids FILE --docs DIR] [--set dev|holdout] [--dialect sqlite|postgres]
 *
 * The aid finder on real aid schemes: imports an aides-jeunes file (by
 * default ../shared/data/aides-jeunes/benefits.jsonl, the 550 real schemes)
 * into a base through `AidsService`, asks the blind citizen questions
 * (bench/data/aid-questions/: written by someone who read only the schemes;
 * `dev` may be read to improve Beffroi, `holdout` never) and prints hit@1,
 * MRR@10 and recall@10 of the schemes' ids, for every answerable question
 * and for those that name a place. Measured in the same run: Beffroi's
 * search (documents mapped to their schemes) and plain BM25 over the same
 * schemes' sheets (--docs, by default the aides-jeunes docs folder).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchBase, openFresh } from "./fixtures.js";
import { metrics, plainBm25, type Query } from "./ranking.js";

const { values } = parseArgs({
  options: {
    aids: { type: "string", default: "../shared/data/aides-jeunes/benefits.jsonl" },
    docs: { type: "string", default: "../shared/data/aides-jeunes/docs" },
    set: { type: "string", default: "dev" },
    dialect: { type: "string", default: "sqlite" },
  },
});
const set = values.set ?? "dev";
if (set !== "dev" && set !== "holdout") throw new Error(`unknown set ${set}`);

interface AidQuestion extends Query {
  id: string;
  place: string | null;
}
const questions = readFileSync(
  new URL(`./data/aid-questions/${set}.jsonl`, import.meta.url),
  "utf8",
)
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as AidQuestion)
  .filter((question) => question.relevant.length > 0);

const dialect = values.dialect === "postgres" ? "postgres" : "sqlite";
const { services, cleanup } = await openFresh(dialect);
try {
  const base = await benchBase(services, "aides");
  const started = process.hrtime.bigint();
  const report = await services.aids.import("cli", base.id, {
    bytes: new Uint8Array(readFileSync(values.aids ?? "")),
  });
  await services.worker.drain();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const states = await services.aids.documentStates("cli", base.id);
  console.log(
    `${report.schemes} schemes imported in ${seconds.toFixed(1)} s (${Object.entries(states)
      .map(([state, count]) => `${count} ${state}`)
      .join(
        ", ",
      )}); ${questions.length} answerable questions (${set}), ${questions.filter((q) => q.place).length} naming a place`,
  );

  const schemeOf = new Map(
    (await services.aids.list("cli", base.id, { limit: 5000, offset: 0 })).items.map((item) => [
      item.documentId,
      item.id,
    ]),
  );
  const finder: string[][] = [];
  const search: string[][] = [];
  const latencies: number[] = [];
  for (const question of questions) {
    const t0 = process.hrtime.bigint();
    const finding = await services.aidFinder.find("cli", base.id, {
      question: question.query,
      limit: 10,
    });
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    finder.push(finding.aids.map((aid) => aid.id));
    const { hits } = await services.retrieval.search("cli", question.query, {
      knowledgeBaseIds: [base.id],
      limit: 30,
    });
    const ranking: string[] = [];
    for (const hit of hits) {
      const id = schemeOf.get(hit.documentId);
      if (id && !ranking.includes(id)) ranking.push(id);
    }
    search.push(ranking);
  }
  const texts = new Map(
    readdirSync(values.docs ?? "")
      .filter((name) => name.endsWith(".md"))
      .map((name) => [
        name.replace(/\.md$/, ""),
        readFileSync(path.join(values.docs ?? "", name), "utf8"),
      ]),
  );
  const bm25 = plainBm25(texts);
  const baseline = questions.map((question) => bm25(question.query));

  latencies.sort((a, b) => a - b);
  console.log(
    `finder latency: p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms, p95 ${latencies[Math.floor(latencies.length * 0.95)]?.toFixed(1)} ms`,
  );
  for (const [label, keep] of [
    ["all answerable questions", (_: AidQuestion) => true],
    ["questions naming a place", (q: AidQuestion) => q.place !== null],
  ] as const) {
    const indexes = questions.flatMap((q, index) => (keep(q) ? [index] : []));
    const subset = indexes.map((index) => questions[index] as AidQuestion);
    const pick = (rankings: string[][]) => indexes.map((index) => rankings[index] ?? []);
    const ours = metrics(pick(finder), subset);
    const searched = metrics(pick(search), subset);
    const plain = metrics(pick(baseline), subset);
    console.log(`\n${label} (${subset.length})`);
    console.log("metric     finder  search  plain-bm25  finder/bm25");
    for (const key of ["hit1", "mrr", "recall"] as const) {
      const name = { hit1: "hit@1", mrr: "MRR@10", recall: "recall@10" }[key];
      console.log(
        `${name.padEnd(9)} ${ours[key].toFixed(3).padStart(7)} ${searched[key].toFixed(3).padStart(7)} ${plain[key].toFixed(3).padStart(11)} ${(ours[key] / (plain[key] || 1)).toFixed(3).padStart(12)}`,
      );
    }
  }
} finally {
  await cleanup();
}
