/**
 * npm run bench:abstention [-- --set project|dev|holdout]
 *
 * Calibrates the abstention threshold on the demo base and measures the
 * extractive answers. Loads the demo base, asks every question of a set and
 * prints, for each threshold, how many answerable questions would be
 * answered (and from the right document), how many unanswerable ones would
 * be refused, and, at the chosen threshold, how often the extractive answer
 * contains the fact asked.
 *
 * Sets: `project` (src/knowledge/demo/questions.jsonl and unanswerable.jsonl,
 * written with the base, used by the tests) and the blind sets written by
 * someone who read only the demo sheets (bench/data/demo-questions/: `dev`
 * may be read to improve Beffroi, `holdout` never: its scores are printed,
 * never its questions). The baseline is answering always (threshold 0).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CLI_PRINCIPAL } from "../src/cli/knowledge.command.js";
import { loadDemoBase } from "../src/knowledge/demo.js";
import { ABSTENTION_THRESHOLD, extractiveAnswer } from "../src/knowledge/index.js";
import { openFresh } from "./fixtures.js";

interface Question {
  question: string;
  document: string | null;
  fact: string | null;
}

const { values } = parseArgs({ options: { set: { type: "string", default: "dev" } } });
const set = values.set ?? "dev";

const lines = (url: URL) =>
  readFileSync(url, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function questions(): Question[] {
  if (set === "project") {
    const demo = (name: string) => new URL(`../src/knowledge/demo/${name}`, import.meta.url);
    return [
      ...lines(demo("questions.jsonl")).map((q) => ({
        question: String(q.question),
        document: String(q.document),
        fact: null,
      })),
      ...lines(demo("unanswerable.jsonl")).map((q) => ({
        question: String(q.question),
        document: null,
        fact: null,
      })),
    ];
  }
  if (set !== "dev" && set !== "holdout") throw new Error(`unknown set ${set}`);
  return lines(new URL(`./data/demo-questions/${set}.jsonl`, import.meta.url)).map((q) => ({
    question: String(q.question),
    document: q.answerable ? String(q.document) : null,
    fact: q.answerable && typeof q.fact === "string" ? q.fact : null,
  }));
}

const { services, cleanup } = await openFresh("sqlite");
await loadDemoBase(services);
await services.worker.drain();

const flat = (text: string) => text.replace(/\s+/g, " ").toLowerCase();
const asked = questions();
const results = [];
for (const item of asked) {
  // The ground stage, as an agent's turn walks it; answered whatever the confidence.
  const grounding = await services.retrieval.ground(CLI_PRINCIPAL, item.question);
  const answer = extractiveAnswer(item.question, { ...grounding, abstained: false });
  results.push({
    ...item,
    confidence: grounding.confidence,
    // An extractive answer quotes the best passages of up to three documents: right when the expected one is among them.
    right: answer.citations.some((citation) => citation.fileName === item.document),
    firstRight: answer.citations[0]?.fileName === item.document,
    top1: grounding.passages[0]?.fileName === item.document,
    factQuoted: item.fact !== null && flat(answer.text).includes(flat(item.fact)),
  });
}
const answerable = results.filter((r) => r.document !== null);
const unanswerable = results.filter((r) => r.document === null);
const share = (count: number, total: number) => (total === 0 ? 0 : count / total);

console.log(
  `set ${set}: ${answerable.length} answerable questions (hit@1 ${share(answerable.filter((a) => a.top1).length, answerable.length).toFixed(3)}, right document among the sources ${share(answerable.filter((a) => a.right).length, answerable.length).toFixed(3)}, quoted first ${share(answerable.filter((a) => a.firstRight).length, answerable.length).toFixed(3)}), ${unanswerable.length} unanswerable`,
);
console.log(
  "threshold  answered  answered-right  refused-unanswerable  balanced-accuracy  fact-in-answer",
);
let best = { threshold: 0, score: 0 };
for (let threshold = 0; threshold <= 0.951; threshold += 0.05) {
  const answered = answerable.filter((a) => a.confidence >= threshold);
  const answeredRight = share(answered.filter((a) => a.right).length, answerable.length);
  const refused = share(
    unanswerable.filter((r) => r.confidence < threshold).length,
    unanswerable.length,
  );
  const balanced = (share(answered.length, answerable.length) + refused) / 2;
  const facts = answerable.filter((a) => a.fact !== null);
  const factQuoted = share(
    facts.filter((a) => a.confidence >= threshold && a.factQuoted).length,
    facts.length,
  );
  if (balanced > best.score) best = { threshold, score: balanced };
  const mark = Math.abs(threshold - ABSTENTION_THRESHOLD) < 1e-9 ? "  <- current" : "";
  console.log(
    `${threshold.toFixed(2).padStart(9)}  ${share(answered.length, answerable.length).toFixed(3).padStart(8)}  ${answeredRight.toFixed(3).padStart(14)}  ${refused.toFixed(3).padStart(20)}  ${balanced.toFixed(3).padStart(17)}  ${facts.length > 0 ? factQuoted.toFixed(3).padStart(14) : "             -"}${mark}`,
  );
}
console.log(
  `best balanced accuracy ${best.score.toFixed(3)} at ${best.threshold.toFixed(2)}; baseline (never abstain) ${(0.5).toFixed(3)}`,
);
if (set === "dev" && process.env.SHOW) {
  for (const r of results) {
    const status =
      r.document === null ? "UNANS" : r.factQuoted ? "FACT " : r.right ? "DOC  " : "MISS ";
    console.log(
      `${r.confidence.toFixed(2)} ${status} ${r.question} | ${r.document ?? ""} | ${r.fact ?? ""}`,
    );
  }
}
await cleanup();
