import assert from "node:assert/strict";
import { after, it } from "node:test";
import { DEFAULT_CHUNKING } from "../../src/knowledge/chunker.js";
import { IngestionWorker } from "../../src/knowledge/index.js";
import { ThreadedReader } from "../../src/knowledge/threaded-reader.js";
import { HOUR, ManualClock, MINUTE, randomIds } from "../../src/shared/clock.js";
import { markdown } from "../support/knowledge.js";
import { describeStores, servicesFor } from "../support/stores.js";
import { normalDocx, normalHtml } from "./crafted-documents.js";

describeStores("a document's reading budget", (getStore, dialect) => {
  const clock = new ManualClock();
  const services = () => servicesFor(getStore(), clock);
  const readers: ThreadedReader[] = [];
  after(() => Promise.all(readers.map((reader) => reader.close())));

  /** Another instance's worker, whose reading thread has the given budget and heap. */
  const instance = (reading: { timeoutMs: number; memoryMb: number }) => {
    const reader = new ThreadedReader({
      limits: services().limits,
      chunking: DEFAULT_CHUNKING,
      ...reading,
    });
    readers.push(reader);
    return new IngestionWorker({
      db: getStore().db,
      dialect,
      documents: services().documents,
      clock,
      ids: randomIds,
      settings: { leaseMs: MINUTE, pollMs: 1000, limits: services().limits },
      reader,
    });
  };

  for (const [code, reading, fileName, bytes, reason] of [
    // No real document is read in a millisecond.
    [
      "parse_timeout",
      { timeoutMs: 1, memoryMb: 512 },
      "guide.docx",
      normalDocx(1_000_000),
      /temps imparti/,
    ],
    ["parse_crashed", { timeoutMs: 60_000, memoryMb: 16 }, "guide.html", normalHtml(), /mémoire/],
  ] as const) {
    it(`fails a document ${code} for good: no instance takes it again, even once its lease is long gone`, async () => {
      const s = services();
      const owner = await s.directions.add(`Budget ${code}`);
      const base = await s.knowledge.create("cli", {
        name: `Budget ${code}`,
        description: "",
        ownerDirectionId: owner.id,
        readers: [],
      });
      await s.knowledge.submit("cli", base.id, [{ fileName, bytes }]);
      assert.equal(await instance(reading).drain(), 1);
      const failed = (await s.knowledge.documents("cli", base.id))[0];
      assert.equal(failed?.status, "failed");
      assert.equal(failed?.failure?.code, code);
      assert.match(failed?.failure?.message ?? "", reason);
      // Another instance, hours later, takes the next document and leaves the failed one alone.
      clock.advance(2 * HOUR);
      await s.knowledge.submit("cli", base.id, [
        {
          fileName: "piscine.md",
          bytes: markdown("# Piscine\n\nOuverte le mercredi de 14 h à 19 h."),
        },
      ]);
      assert.equal(await s.worker.drain(), 1);
      const documents = await s.knowledge.documents("cli", base.id);
      assert.deepEqual(
        documents.map((document) => [document.fileName, document.status]),
        [
          [fileName, "failed"],
          ["piscine.md", "ready"],
        ],
      );
      assert.equal(await s.documents.unfinishedJobs(), 0);
    });
  }
});
