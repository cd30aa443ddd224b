import assert from "node:assert/strict";
import { it } from "node:test";
import {
  DEFAULT_RECOGNIZERS,
  GuardService,
  PseudonymTable,
  pseudonymise,
  type Recognizer,
} from "../../src/guard/index.js";
import { IngestionWorker, type PersonalDataGuard } from "../../src/knowledge/index.js";
import { ManualClock, MINUTE, randomIds } from "../../src/shared/clock.js";
import { markdown } from "../support/knowledge.js";
import { describeStores, servicesFor } from "../support/stores.js";

const NIR_DIGITS = "1790699123456";
const NIR = `${NIR_DIGITS} ${String(97n - (BigInt(NIR_DIGITS) % 97n)).padStart(2, "0")}`;

/** The real guard over its real recognizers, one of which is broken: scanning throws `guard_failed`. */
const broken: Recognizer = {
  name: "broken",
  find() {
    throw new Error("recognizer crashed");
  },
};

/** The knowledge ports over a given guard, as src/app.ts wires them. */
const portsOver = (guard: GuardService): PersonalDataGuard => ({
  scan: (text) => guard.scan(text),
  pseudonymiser: () => {
    const table = new PseudonymTable();
    return (text, entities) =>
      pseudonymise(text, entities as Parameters<typeof pseudonymise>[1], table).text;
  },
});

describeStores("personal data at ingestion", (getStore, dialect) => {
  const clock = new ManualClock();
  const services = () => servicesFor(getStore(), clock);
  const workerWith = (guard: GuardService) =>
    new IngestionWorker({
      db: getStore().db,
      dialect,
      documents: services().documents,
      clock,
      ids: randomIds,
      personalData: portsOver(guard),
      settings: { leaseMs: MINUTE, pollMs: 1000, limits: services().limits },
    });

  it("fails closed when the scanner fails or overruns: the document is never indexed in clear", async () => {
    const s = services();
    const owner = await s.directions.add("Ressources humaines");
    const base = await s.knowledge.create("cli", {
      name: "Dossiers RH",
      description: "",
      ownerDirectionId: owner.id,
      readers: [],
      personalData: "index",
    });
    // A first, clean version is indexed normally.
    await s.knowledge.submit("cli", base.id, [
      {
        fileName: "arret.md",
        bytes: markdown("# Arrêts\n\nLes arrêts de travail se déclarent sous 48 heures."),
      },
    ]);
    await s.worker.drain();
    assert.equal((await s.retrieval.search("cli", "arrêts travail déclarent")).hits.length, 1);

    const failures = [
      ["guard_failed", new GuardService([...DEFAULT_RECOGNIZERS, broken])],
      ["guard_timeout", new GuardService(DEFAULT_RECOGNIZERS, { budgetMs: -1 })],
    ] as const;
    for (const [round, [, guard]] of failures.entries()) {
      await s.knowledge.submit("cli", base.id, [
        {
          fileName: "arret.md",
          bytes: markdown(
            `# Arrêts\n\nLes arrêts de travail se déclarent sous 48 heures. M. Paul Garnier, NIR ${NIR}, est en arrêt depuis lundi. (${round})`,
          ),
        },
      ]);
      assert.equal(await workerWith(guard).drain(), 1);
      const [document] = await s.knowledge.documents("cli", base.id);
      assert.equal(document?.status, "failed");
      assert.equal(document?.failure?.code, "scan_failed");
      assert.match(document?.failure?.message ?? "", /par précaution, il n'est pas indexé/);
      assert.equal(document?.personalData, null);
      assert.deepEqual((await s.retrieval.search("cli", "arrêts travail Garnier")).hits, []);
      const stored = await getStore()
        .db.selectFrom("passages")
        .select("id")
        .where("knowledge_base_id", "=", base.id)
        .execute();
      assert.deepEqual(stored, [], "neither the new version nor the old one stays indexed");
      const report = await s.knowledge.audit("cli", base.id);
      assert.ok(report.findings.some((f) => f.kind === "failed" && /précaution/.test(f.message)));
    }

    // Once the guard works again, the same file goes in (a failed document may be resubmitted).
    await s.knowledge.submit("cli", base.id, [
      {
        fileName: "arret.md",
        bytes: markdown(
          `# Arrêts\n\nLes arrêts de travail se déclarent sous 48 heures. M. Paul Garnier, NIR ${NIR}, est en arrêt depuis lundi. (1)`,
        ),
      },
    ]);
    await s.worker.drain();
    const [document] = await s.knowledge.documents("cli", base.id);
    assert.equal(document?.status, "ready");
    assert.equal(document?.personalData?.types.NIR, 1);
  });

  it("numbers placeholders per document: the same value keeps its placeholder across passages, and each document starts at 1", async () => {
    const s = services();
    const owner = await s.directions.find("Ressources humaines");
    const base = await s.knowledge.create("cli", {
      name: "Dossiers pseudonymisés",
      description: "",
      ownerDirectionId: owner?.id ?? "",
      readers: [],
      personalData: "pseudonymise",
    });
    const long = (who: string) =>
      Array.from(
        { length: 4 },
        (_, i) =>
          `## Étape ${i + 1}\n\n${`Le dossier de ${who} avance : pièces reçues, avis du service, décision à venir. `.repeat(20)}`,
      ).join("\n\n");
    await s.knowledge.submit("cli", base.id, [
      { fileName: "a.md", bytes: markdown(`# Dossier A\n\n${long("Mme Claire Vidal")}`) },
      { fileName: "b.md", bytes: markdown(`# Dossier B\n\n${long("M. Jean Morel")}`) },
    ]);
    await s.worker.drain();
    for (const document of await s.knowledge.documents("cli", base.id)) {
      assert.equal(document.status, "ready");
      const passages = await s.knowledge.documentPassages("cli", base.id, document.id);
      assert.ok(passages.length > 1, "several passages");
      for (const passage of passages) {
        assert.match(passage.text, /\[PERSONNE_1\]/);
        assert.doesNotMatch(passage.text, /PERSONNE_2|Vidal|Morel/);
      }
    }
  });
});
