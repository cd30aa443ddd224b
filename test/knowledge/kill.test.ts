import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { after, before, it } from "node:test";
import { sql } from "kysely";
import type { Services } from "../../src/app.js";
import { chunk } from "../../src/knowledge/index.js";
import { parseDocument } from "../../src/knowledge/parsers/index.js";
import { ManualClock, MINUTE } from "../../src/shared/clock.js";
import { openStore, type Store } from "../../src/store/index.js";
import { markdown } from "../support/knowledge.js";
import {
  describeEachDialect,
  ensureSchemaFor,
  freshLocation,
  servicesFor,
} from "../support/stores.js";

const DOCUMENTS = 40;

/** A long sheet, so that each job takes a moment and the kill lands while one is in flight. */
function longSheet(index: number): Uint8Array {
  const sections = Array.from({ length: 12 }, (_, s) => {
    const body = Array.from(
      { length: 12 },
      (_, p) =>
        `Paragraphe ${p} de la section ${s} du document ${index} : démarche numéro${index}x${s} pour les usagers de la commune, avec pièces justificatives et délais de traitement précisés.`,
    ).join(" ");
    return `## Section ${s}\n\n${body}`;
  });
  return markdown(`# Fiche ${index}\n\n${sections.join("\n\n")}`);
}

describeEachDialect("ingestion killed mid-way", (dialect) => {
  const location = freshLocation(dialect);
  let store: Store;
  let services: Services;
  const clock = new ManualClock(new Date(Date.now() + 10 * MINUTE));
  const files = Array.from({ length: DOCUMENTS }, (_, i) => ({
    fileName: `fiche-${String(i).padStart(2, "0")}.md`,
    bytes: longSheet(i),
  }));

  before(async () => {
    await ensureSchemaFor(location);
    store = openStore(location.url, location.schema ? { schema: location.schema } : {});
    services = servicesFor(store, clock);
    const { migrateToLatest } = await import("../../src/store/index.js");
    await migrateToLatest(store);
  });
  after(async () => {
    await store.close();
    await location.cleanup();
  });

  it("resumes after a real kill with every passage once and none lost", async () => {
    const owner = await services.directions.add("Accueil");
    const base = await services.knowledge.create("cli", {
      name: "Fiches",
      description: "",
      ownerDirectionId: owner.id,
      readers: [],
    });
    await services.knowledge.submit("cli", base.id, files);

    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/support/ingest-child.ts", location.url, location.schema ?? ""],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let ingested = 0;
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      ingested = (output.match(/document-ingested/g) ?? []).length;
      if (ingested >= 5 && child.exitCode === null) child.kill("SIGKILL");
    });
    const [code, signal] = await once(child, "exit");
    assert.equal(
      signal,
      "SIGKILL",
      `the child should have been killed, it exited with ${code}: ${output}`,
    );
    assert.ok(!output.includes("drained"), "killed before the end");

    const states = await store.db
      .selectFrom("documents")
      .select("status")
      .where("knowledge_base_id", "=", base.id)
      .execute();
    assert.ok(
      states.filter((s) => s.status === "ready").length < DOCUMENTS,
      "some documents were left to do",
    );

    // Restart: a new worker takes the rest, including the job whose lease the dead process held.
    const resumed = await services.worker.drain();
    assert.ok(resumed >= 1);

    const documents = await services.knowledge.documents("cli", base.id);
    assert.equal(documents.length, DOCUMENTS);
    assert.ok(documents.every((document) => document.status === "ready"));
    for (const file of files) {
      const document = documents.find((d) => d.fileName === file.fileName);
      const { document: parsed } = await parseDocument(file.bytes, file.fileName);
      const expected = chunk(parsed).length;
      const passages = await services.knowledge.documentPassages(
        "cli",
        base.id,
        document?.id ?? "",
      );
      assert.deepEqual(
        passages.map((p) => p.ordinal),
        Array.from({ length: expected }, (_, i) => i),
        `${file.fileName}: every passage once, in order`,
      );
    }
    if (dialect === "sqlite") {
      await sql`insert into passages_fts(passages_fts) values ('integrity-check')`.execute(
        store.db,
      );
    } else {
      const { rows } = await sql<{ orphans: number }>`
        select count(*)::int as orphans from passage_terms pt left join passages p on p.id = pt.passage_id where p.id is null`.execute(
        store.db,
      );
      assert.equal(rows[0]?.orphans, 0);
    }
    const { hits } = await services.retrieval.search("cli", "démarche numéro7x3", {
      knowledgeBaseIds: [base.id],
    });
    assert.equal(hits[0]?.fileName, "fiche-07.md");
  });
});
