/**
 * npm run bench:abstention
 *
 * Calibrates the abstention threshold on the demo base: loads it, asks every
 * answerable question (src/knowledge/demo/questions.jsonl, with the document
 * that answers it) and every unanswerable one (unanswerable.jsonl), and prints,
 * for each threshold, how many answerable questions would be answered from the
 * right document and how many unanswerable ones would be refused. The baseline
 * is answering always (threshold 0).
 */
import { readFileSync } from "node:fs";
import { loadDemoBase } from "../src/knowledge/demo.js";
import { ABSTENTION_THRESHOLD } from "../src/knowledge/index.js";
import { ManualClock } from "../src/shared/clock.js";
import { ensureSchema, migrateToLatest, openStore } from "../src/store/index.js";
import { freshLocation, servicesFor } from "../test/support/stores.js";

const read = (name: string) =>
  readFileSync(new URL(`../src/knowledge/demo/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { question: string; document?: string });

const location = freshLocation("sqlite");
const store = openStore(location.url);
await ensureSchema(store, undefined);
await migrateToLatest(store);
const services = servicesFor(store, new ManualClock(new Date()));
await loadDemoBase(services);
await services.worker.drain();

const answerable = await Promise.all(
  read("questions.jsonl").map(async ({ question, document }) => {
    const { hits, confidence } = await services.retrieval.search("cli", question, { limit: 3 });
    // An extractive answer quotes the best passages of up to three documents: right when the expected one is among them.
    return {
      confidence,
      top1: hits[0]?.fileName === document,
      right: hits.some((hit) => hit.fileName === document),
    };
  }),
);
const unanswerable = await Promise.all(
  read("unanswerable.jsonl").map(
    async ({ question }) =>
      (await services.retrieval.search("cli", question, { limit: 3 })).confidence,
  ),
);

console.log(
  `${answerable.length} answerable questions (hit@1 ${(answerable.filter((a) => a.top1).length / answerable.length).toFixed(3)}, hit@3 ${(answerable.filter((a) => a.right).length / answerable.length).toFixed(3)}), ${unanswerable.length} unanswerable`,
);
console.log("threshold  answered-right  answered-wrong  refused-unanswerable  balanced-accuracy");
let best = { threshold: 0, score: 0 };
for (let threshold = 0; threshold <= 0.951; threshold += 0.05) {
  const answeredRight =
    answerable.filter((a) => a.confidence >= threshold && a.right).length / answerable.length;
  const answeredWrong =
    answerable.filter((a) => a.confidence >= threshold && !a.right).length / answerable.length;
  const refused = unanswerable.filter((c) => c < threshold).length / unanswerable.length;
  const balanced = (answeredRight + refused) / 2;
  if (balanced > best.score) best = { threshold, score: balanced };
  const mark = Math.abs(threshold - ABSTENTION_THRESHOLD) < 1e-9 ? "  <- current" : "";
  console.log(
    `${threshold.toFixed(2).padStart(9)}  ${answeredRight.toFixed(3).padStart(14)}  ${answeredWrong.toFixed(3).padStart(14)}  ${refused.toFixed(3).padStart(20)}  ${balanced.toFixed(3).padStart(17)}${mark}`,
  );
}
console.log(
  `best balanced accuracy ${best.score.toFixed(3)} at ${best.threshold.toFixed(2)}; baseline (never abstain) ${(answerable.filter((a) => a.right).length / answerable.length / 2).toFixed(3)}`,
);
await store.close();
await location.cleanup();
