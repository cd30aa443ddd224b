import assert from "node:assert/strict";
import { it } from "node:test";
import { IngestionWorker } from "../../src/knowledge/index.js";
import { ManualClock, MINUTE, randomIds } from "../../src/shared/clock.js";
import { AppError } from "../../src/shared/errors.js";
import { lexicalIndex } from "../../src/store/index.js";
import { baseWith, markdown, principal, sheet } from "../support/knowledge.js";
import { describeStores, servicesFor } from "../support/stores.js";

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
]);

const cantine = sheet("Restauration scolaire", {
  "Qui est concerné":
    "Tous les élèves des écoles maternelles et élémentaires de la commune peuvent déjeuner au restaurant scolaire.",
  Tarifs: "Le prix du repas dépend du quotient familial : de 0,90 € à 4,60 € par repas.",
  Inscription:
    "L'inscription se fait au guichet unique avec le livret de famille et un justificatif de domicile.",
});
const dechets = sheet("Collecte des déchets", {
  "Ordures ménagères":
    "Les bacs gris sont collectés le lundi et le jeudi matin. Sortez votre bac la veille au soir.",
  Déchetterie:
    "La déchetterie des Prés est ouverte du mardi au samedi, de 9 h à 12 h et de 14 h à 18 h.",
});
const paie = sheet("Calendrier de paie des agents", {
  Versement: "La paie des agents est versée le 25 de chaque mois, ou le jour ouvré précédent.",
});

describeStores("knowledge contract", (getStore, dialect) => {
  const clock = new ManualClock();
  const services = () => servicesFor(getStore(), clock);

  it("ingests Markdown into passages that keep title, section path and document", async () => {
    const { base, results } = await baseWith(services(), "Accueil", "Accueil", {
      "cantine.md": cantine,
      "dechets.md": dechets,
    });
    assert.deepEqual(
      results.map((r) => r.status),
      ["queued", "queued"],
    );
    const documents = await services().knowledge.documents("cli", base.id);
    assert.deepEqual(
      documents.map((d) => [d.fileName, d.status, d.title]),
      [
        ["cantine.md", "ready", "Restauration scolaire"],
        ["dechets.md", "ready", "Collecte des déchets"],
      ],
    );
    const [document] = documents;
    const passages = await services().knowledge.documentPassages(
      "cli",
      base.id,
      document?.id ?? "",
    );
    assert.ok(passages.length >= 1);
    assert.equal(passages[0]?.title, "Restauration scolaire");
    assert.match(passages[0]?.section ?? "", /^Restauration scolaire/);
  });

  it("finds passages in French whatever the accents, elisions, case and inflections", async () => {
    const admin = principal(["admin"], null);
    const accueil = await services().knowledge.findByName("cli", "Accueil");
    for (const question of [
      "horaires de la déchetterie",
      "HORAIRES DECHETTERIE",
      "quand est-ce que la dechetterie est ouverte ?",
      "l'inscription à la cantine",
    ]) {
      const { hits } = await services().retrieval.search(admin, question, {
        knowledgeBaseIds: [accueil.id],
      });
      assert.ok(hits.length > 0, question);
    }
    const { hits } = await services().retrieval.search(
      admin,
      "jours de collecte des poubelles grises",
    );
    assert.equal(hits[0]?.fileName, "dechets.md");
    const tarif = await services().retrieval.search(
      admin,
      "prix du repas à la cantine selon le quotient familial",
    );
    assert.equal(tarif.hits[0]?.fileName, "cantine.md");
  });

  it("only ever searches the bases the principal may read", async () => {
    const s = services();
    await baseWith(s, "Ressources humaines", "Direction générale > DRH", { "paie.md": paie });
    const drhAgent = principal(["agent"], "Direction générale > DRH > Paie");
    const ccasAgent = principal(["agent"], "Pôle solidarités > CCAS");
    const accueilAgent = principal(["agent"], "Accueil");
    const question = "date de versement de la paie des agents";
    assert.equal((await s.retrieval.search(drhAgent, question)).hits[0]?.fileName, "paie.md");
    assert.equal((await s.retrieval.search(ccasAgent, question)).hits.length, 0);
    // Asking for a base one may not read by id does not widen the search.
    const drh = await s.knowledge.findByName("cli", "Ressources humaines");
    assert.equal(
      (await s.retrieval.search(accueilAgent, question, { knowledgeBaseIds: [drh.id] })).hits
        .length,
      0,
    );
    await assert.rejects(
      s.knowledge.get(ccasAgent, drh.id),
      (e: unknown) => e instanceof AppError && e.status === 404,
    );
    assert.deepEqual(
      (await s.knowledge.list(ccasAgent)).map((b) => b.name),
      [],
    );
    // The owner opens it to a direction (and its sub-directions), then to a role.
    const solidarites = await s.directions.add("Pôle solidarités");
    await s.knowledge.update("cli", drh.id, {
      readers: [{ kind: "direction", value: solidarites.id }],
    });
    assert.equal((await s.retrieval.search(ccasAgent, question)).hits[0]?.fileName, "paie.md");
    await s.knowledge.update("cli", drh.id, { readers: [{ kind: "role", value: "referent" }] });
    assert.equal((await s.retrieval.search(ccasAgent, question)).hits.length, 0);
    assert.equal(
      (await s.retrieval.search(principal(["referent"], "Accueil"), question)).hits.length,
      1,
    );
    // Auditors (the DPO) read every base; an agent without direction reads none but "everyone" bases.
    assert.equal((await s.retrieval.search(principal(["auditor"], null), question)).hits.length, 1);
    assert.equal((await s.retrieval.search(principal(["agent"], null), question)).hits.length, 0);
  });

  it("lets referents manage their direction's bases only", async () => {
    const s = services();
    const drh = await s.knowledge.findByName("cli", "Ressources humaines");
    const referentDrh = principal(
      ["referent"],
      "Direction générale > DRH",
      (await s.directions.resolve("Direction générale > DRH")).id,
    );
    const referentAbove = principal(["referent"], "Direction générale");
    const referentElsewhere = principal(["referent"], "Accueil");
    await s.knowledge.update(referentDrh, drh.id, { description: "Règles RH" });
    await s.knowledge.update(referentAbove, drh.id, {
      description: "Règles RH de la collectivité",
    });
    await assert.rejects(
      s.knowledge.update({ ...referentElsewhere, roles: ["referent"] }, drh.id, {
        description: "x",
      }),
      (e: unknown) => e instanceof AppError && (e.status === 403 || e.status === 404),
    );
    const created = await s.knowledge.create(referentDrh, {
      name: "Modèles RH",
      description: "",
      readers: [],
    });
    assert.equal(created.ownerDirection.path, "Direction générale > DRH");
    await assert.rejects(
      s.knowledge.create(referentDrh, {
        name: "Autre",
        description: "",
        ownerDirectionId: (await s.directions.add("Finances")).id,
        readers: [],
      }),
      (e: unknown) => e instanceof AppError && e.status === 403,
    );
  });

  it("skips an unchanged file, replaces a changed one, and refuses a bad one without spoiling the batch", async () => {
    const s = services();
    const accueil = await s.knowledge.findByName("cli", "Accueil");
    const again = await s.knowledge.submit("cli", accueil.id, [
      { fileName: "cantine.md", bytes: cantine },
    ]);
    assert.equal(again[0]?.status, "unchanged");

    const changed = sheet("Restauration scolaire", {
      Tarifs: "Depuis septembre, le repas coûte entre 1,10 € et 4,90 € selon le quotient familial.",
    });
    const batch = await s.knowledge.submit("cli", accueil.id, [
      { fileName: "photo.pdf", bytes: PNG },
      { fileName: "cantine.md", bytes: changed },
      { fileName: "vide.md", bytes: new Uint8Array(0) },
    ]);
    assert.deepEqual(
      batch.map((r) => [r.fileName, r.status]),
      [
        ["photo.pdf", "failed"],
        ["cantine.md", "queued"],
        ["vide.md", "queued"],
      ],
    );
    assert.equal(batch[0]?.failure?.code, "unsupported_type");
    assert.match(batch[0]?.failure?.message ?? "", /Format non pris en charge/);
    await s.worker.drain();
    const documents = await s.knowledge.documents("cli", accueil.id);
    const byName = new Map(documents.map((d) => [d.fileName, d]));
    assert.equal(byName.get("cantine.md")?.status, "ready");
    assert.equal(byName.get("vide.md")?.status, "failed");
    assert.equal(byName.get("vide.md")?.failure?.code, "empty_document");
    assert.equal(byName.get("dechets.md")?.status, "ready", "the rest of the base is untouched");
    const cantinePassages = await s.knowledge.documentPassages(
      "cli",
      accueil.id,
      byName.get("cantine.md")?.id ?? "",
    );
    assert.equal(cantinePassages.length, 1);
    assert.match(cantinePassages[0]?.text ?? "", /4,90 €/);
    const admin = principal(["admin"], null);
    const old = await s.retrieval.search(
      admin,
      "livret de famille justificatif de domicile guichet unique",
      { knowledgeBaseIds: [accueil.id] },
    );
    assert.ok(
      !old.hits.some((hit) => hit.fileName === "cantine.md"),
      "old passages are gone from the index",
    );
  });

  it("keeps the index's statistics equal to a recount after documents are replaced and deleted", async () => {
    const s = services();
    const base = await s.knowledge.findByName("cli", "Accueil");
    const [dechetsDocument] = (await s.knowledge.documents("cli", base.id)).filter(
      (d) => d.fileName === "dechets.md",
    );
    await s.knowledge.removeDocument("cli", base.id, dechetsDocument?.id ?? "");
    const rows = await getStore().db.selectFrom("passages").select("terms").execute();
    const recount = new Map<string, number>();
    for (const row of rows) {
      for (const term of new Set(row.terms.split(" "))) {
        recount.set(term, (recount.get(term) ?? 0) + 1);
      }
    }
    const probe = [...recount.keys(), "dechetter", "ordur", "repas", "prix", "absent"];
    const index = lexicalIndex(getStore().db, dialect);
    const { passages, frequencies } = await index.documentFrequencies(probe);
    assert.equal(passages, rows.length);
    for (const term of probe.filter((term) => /^[\p{L}\p{N}_]+$/u.test(term))) {
      assert.equal(frequencies.get(term) ?? 0, recount.get(term) ?? 0, term);
    }
    assert.deepEqual(
      (await index.vocabulary("dec", "ded", 100)).filter((entry) => entry.frequency > 0),
      [...recount]
        .filter(([term]) => term >= "dec" && term < "ded")
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([term, frequency]) => ({ term, frequency })),
    );
  });

  it("never processes a job twice when several workers run at once", async () => {
    const s = services();
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 12; i += 1)
      files[`fiche-${i}.md`] = sheet(`Fiche ${i}`, {
        Contenu: `Texte de la fiche numéro ${i} sur les démarches.`,
      });
    const owner = await s.directions.add("Concurrence");
    const base = await s.knowledge.create("cli", {
      name: "Concurrence",
      description: "",
      ownerDirectionId: owner.id,
      readers: [],
    });
    await s.knowledge.submit(
      "cli",
      base.id,
      Object.entries(files).map(([fileName, bytes]) => ({ fileName, bytes })),
    );
    const workers = [0, 1, 2].map(
      () =>
        new IngestionWorker({
          db: getStore().db,
          dialect,
          documents: s.documents,
          clock,
          ids: randomIds,
          settings: { leaseMs: MINUTE, pollMs: 1000, limits: s.limits },
        }),
    );
    const counts = await Promise.all(workers.map((worker) => worker.drain()));
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      12,
    );
    const passages = await getStore()
      .db.selectFrom("passages")
      .select(["document_id", "ordinal"])
      .where("knowledge_base_id", "=", base.id)
      .execute();
    assert.equal(passages.length, 12);
    assert.equal(new Set(passages.map((p) => p.document_id)).size, 12);
  });

  it("takes back a job whose worker died once its lease has run out", async () => {
    const s = services();
    const base = await s.knowledge.findByName("cli", "Concurrence");
    await s.knowledge.submit("cli", base.id, [
      {
        fileName: "orphelin.md",
        bytes: markdown("# Orphelin\n\nUn document dont le premier worker est mort."),
      },
    ]);
    // A worker claims the job, then "dies" (never finishes).
    const { claimJob } = await import("../../src/store/index.js");
    const claimed = await claimJob(getStore().db, dialect, "dead-worker", clock.now(), MINUTE);
    assert.ok(claimed);
    assert.equal(await s.worker.drain(), 0, "the lease still holds");
    clock.advance(2 * MINUTE);
    assert.equal(await s.worker.drain(), 1);
    const document = (await s.knowledge.documents("cli", base.id)).find(
      (d) => d.fileName === "orphelin.md",
    );
    assert.equal(document?.status, "ready");
  });
});
