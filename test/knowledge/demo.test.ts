import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import {
  type Citation,
  citationPlace,
  extractiveAnswer,
  loadDemoBase,
} from "../../src/knowledge/index.js";
import { ManualClock } from "../../src/shared/clock.js";
import { describeStores, servicesFor } from "../support/stores.js";

const lines = (name: string) =>
  readFileSync(new URL(`../../src/knowledge/demo/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { question: string; document?: string });

/**
 * The demo base is what a fresh install answers with: its questions (typed as
 * residents type them) must find their sheet, and questions it cannot answer
 * must be refused. Quality floors, not timings: see docs/benchmarks.md for the
 * figures and bench/abstention.ts for the calibration.
 */
describeStores("demo base", (getStore) => {
  const clock = new ManualClock(new Date("2026-11-28T09:00:00Z"));
  const services = () => servicesFor(getStore(), clock);

  it("loads on first start, once, readable by every agent", async () => {
    const id = await loadDemoBase(services());
    assert.ok(id);
    assert.equal(await loadDemoBase(services()), null, "never twice");
    await services().worker.drain();
    const documents = await services().knowledge.documents("cli", id);
    assert.ok(documents.length >= 30);
    assert.ok(documents.every((document) => document.status === "ready"));
    const base = await services().knowledge.get("cli", id);
    assert.deepEqual(
      base.readers.map((reader) => reader.kind),
      ["everyone"],
    );
  });

  it("finds the right sheet among the three it quotes for most questions, and abstains on most it cannot answer", async () => {
    const s = services();
    let found = 0;
    let answeredRight = 0;
    const questions = lines("questions.jsonl");
    for (const { question, document } of questions) {
      const grounding = await s.retrieval.ground(await agent(), question);
      const output = extractiveAnswer(question, grounding);
      if (grounding.passages.slice(0, 3).some((passage) => passage.fileName === document))
        found += 1;
      if (!output.abstained && output.citations.some((citation) => citation.fileName === document))
        answeredRight += 1;
    }
    const unanswerable = lines("unanswerable.jsonl");
    let refused = 0;
    for (const { question } of unanswerable) {
      if ((await s.retrieval.ground(await agent(), question)).abstained) refused += 1;
    }
    assert.ok(found / questions.length >= 0.88, `hit@3 ${found}/${questions.length}`);
    // The threshold trades these short questions for refusing what no sheet answers; it is
    // calibrated on questions written blind (bench:abstention, docs/benchmarks.md).
    assert.ok(
      answeredRight / questions.length >= 0.64,
      `answered from the right sheet ${answeredRight}/${questions.length}`,
    );
    assert.ok(refused / unanswerable.length >= 0.85, `refused ${refused}/${unanswerable.length}`);
  });

  it("answers a resident's question with quoted passages and numbered citations", async () => {
    const grounding = await services().retrieval.ground(
      await agent(),
      "horaires decheterie le samedi",
    );
    const output = extractiveAnswer("horaires decheterie le samedi", grounding);
    assert.equal(output.abstained, false);
    assert.equal(output.citations[0]?.fileName, "decheterie.md");
    assert.match(output.text, /^Voici ce que disent les documents de référence :\n\n« .+ » \[1\]/s);
    // The sources are the citations, shown once by each reader: not listed in the text too.
    assert.doesNotMatch(output.text, /Sources :/);
    assert.match(citationPlace(output.citations[0] as Citation), /decheterie\.md$/);
  });

  it("audits the demo base and finds its deliberate flaws", async () => {
    const s = services();
    const base = await s.knowledge.findByName("cli", "Accueil de la mairie (démo)");
    const report = await s.knowledge.audit("cli", base.id);
    const pairs = (kind: string) =>
      report.findings
        .filter((f) => f.kind === kind)
        .map((f) =>
          f.documents
            .map((d) => d.fileName)
            .sort()
            .join(" + "),
        );
    assert.ok(
      pairs("conflict").includes("restauration-scolaire.md + tarifs-cantine-2024.md"),
      pairs("conflict").join("; "),
    );
    assert.ok(
      pairs("conflict").includes(
        "arrete-voirie-travaux.md + permission-stationnement-demenagement.md",
      ),
      pairs("conflict").join("; "),
    );
    assert.ok(pairs("near_duplicate").includes("encombrants.md + ramassage-des-encombrants.md"));
    assert.ok(
      report.findings.some(
        (f) => f.kind === "stale" && f.documents[0]?.fileName === "tarifs-cantine-2024.md",
      ),
    );
  });

  async function agent() {
    const { principal } = await import("../support/knowledge.js");
    return principal(["agent"], "Accueil");
  }
});
