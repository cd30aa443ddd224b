import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DocumentTable } from "../store/index.js";
import { auditBase, facts, latestDate } from "./audit.js";
import type { PassageWithDocument } from "./documents.repository.js";

const document = (id: string, fields: Partial<DocumentTable> = {}): DocumentTable => ({
  id,
  knowledge_base_id: "kb",
  file_name: `${id}.md`,
  title: id,
  media_type: "text/markdown",
  sha256: id,
  size_bytes: 100,
  status: "ready",
  failure_code: null,
  page_count: null,
  passage_count: 1,
  word_count: 120,
  uploaded_by: null,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  ingested_at: "2026-01-01T00:00:00.000Z",
  ...fields,
});

/** Passages carry their analysed terms; here simple lowercase words stand in for them. */
const passage = (
  id: string,
  documentId: string,
  text: string,
  section = "Tarifs",
): PassageWithDocument => ({
  id,
  document_id: documentId,
  knowledge_base_id: "kb",
  ordinal: 0,
  text,
  section_path: section,
  page: null,
  word_count: text.split(/\s+/).length,
  terms: (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" "),
  term_count: 0,
  file_name: `${documentId}.md`,
  title: documentId,
  knowledge_base_name: "Accueil",
});

const NOW = new Date("2026-11-28T00:00:00Z");

describe("quality audit", () => {
  it("reads figures with their unit and the words before them", () => {
    const found = facts(
      "Le repas coûte 4,60 € pour un quotient familial de 800. Le délai est de 15 jours. Dès 16 ans.",
    );
    assert.deepEqual(
      found.map((f) => [f.unit, f.value, f.context.join(" ")]),
      [
        ["€", "4,60", "repas coûte"],
        ["jours", "15", "délai"],
        ["ans", "16", "dès"],
      ],
    );
    assert.deepEqual(
      facts("1 500 € ou 1.500 euros").map((f) => f.value),
      ["1500", "1500"],
    );
  });

  it("finds the latest date a text mentions", () => {
    assert.equal(
      latestDate("Tarifs 2024, applicables jusqu'au 31/08/2024.")?.toISOString().slice(0, 10),
      "2024-08-31",
    );
    assert.equal(
      latestDate("Inscriptions du 2 mars 2026 au 15 avril 2026.")?.toISOString().slice(0, 10),
      "2026-04-15",
    );
    assert.equal(latestDate("Appelez le 01 23 45 67 89."), null);
  });

  it("flags conflicting amounts on the same subject, near-duplicates, stale, long and unstructured documents", async () => {
    const documents = [
      document("cantine"),
      document("cantine-2024"),
      document("dechets"),
      document("dechets-copie"),
      document("reglement", { word_count: 5200 }),
      document("scan", { status: "failed", failure_code: "no_text_layer", word_count: 0 }),
    ];
    const dechetsText =
      "Les bacs gris sont collectés le lundi et le jeudi matin dans tous les quartiers de la commune. Sortez votre bac la veille au soir après 19 heures et rentrez-le le jour même.";
    const passages = [
      passage(
        "p1",
        "cantine",
        "Restauration scolaire : le repas coûte 4,60 € au tarif plein pour les élèves de la commune.",
      ),
      passage(
        "p2",
        "cantine-2024",
        "Restauration scolaire, tarifs 2024 : le repas coûte 4,20 € au tarif plein pour les élèves de la commune.",
      ),
      passage("p3", "dechets", dechetsText, "Collecte"),
      passage("p4", "dechets-copie", `${dechetsText} Merci.`, "Collecte"),
      passage("p5", "reglement", "Règlement intérieur des salles municipales.", "reglement"),
    ];
    const report = await auditBase({ knowledgeBaseId: "kb", documents, passages, now: NOW });
    const kinds = (kind: string) => report.findings.filter((f) => f.kind === kind);
    const [conflict] = kinds("conflict");
    assert.ok(conflict, "conflict found");
    assert.deepEqual(conflict.documents.map((d) => d.fileName).sort(), [
      "cantine-2024.md",
      "cantine.md",
    ]);
    assert.match(conflict.message, /4,60 €.*4,20 €|4,20 €.*4,60 €/);
    assert.equal(conflict.passages.length, 2);
    const duplicates = kinds("near_duplicate").map((f) =>
      f.documents
        .map((d) => d.fileName)
        .sort()
        .join(" + "),
    );
    assert.ok(duplicates.includes("dechets-copie.md + dechets.md"), duplicates.join("; "));
    assert.deepEqual(
      kinds("stale").map((f) => f.documents[0]?.fileName),
      ["cantine-2024.md"],
    );
    assert.deepEqual(
      kinds("too_long").map((f) => f.documents[0]?.fileName),
      ["reglement.md"],
    );
    assert.deepEqual(
      kinds("no_structure").map((f) => f.documents[0]?.fileName),
      ["reglement.md"],
    );
    assert.match(kinds("failed")[0]?.message ?? "", /scan\.md.*couche texte/);
    assert.equal(report.personalDataChecked, false);
    assert.deepEqual(report.documents, {
      total: 6,
      ready: 5,
      failed: 1,
      quarantined: 0,
      words: 5680,
    });
    assert.ok(
      !kinds("conflict").some((f) => f.documents.some((d) => d.fileName.startsWith("dechets"))),
      "no conflict among identical figures",
    );
  });

  it("reports personal data through the scanner the guard plugs in, values masked", async () => {
    const text = "Madame X, née le 3 mars 1950.";
    const start = text.indexOf("3 mars");
    const report = await auditBase({
      knowledgeBaseId: "kb",
      documents: [document("dossier")],
      passages: [passage("p1", "dossier", text)],
      now: NOW,
      scanPersonalData: () => ({
        dataClass: "personal",
        entities: [{ type: "BIRTHDATE", start, end: start + "3 mars 1950".length }],
      }),
    });
    assert.equal(report.personalDataChecked, true);
    const [finding] = report.findings;
    assert.match(finding?.message ?? "", /données personnelles \(date de naissance \(1\)\)/);
    assert.deepEqual(finding?.personalData, {
      dataClass: "personal",
      types: { BIRTHDATE: 1 },
      action: "unscanned",
    });
    assert.deepEqual(finding?.passages, [
      {
        id: "p1",
        documentId: "dossier",
        ordinal: 0,
        types: { BIRTHDATE: 1 },
        excerpt: "Madame X, née le [BIRTHDATE].",
      },
    ]);
    assert.doesNotMatch(JSON.stringify(report), /1950/);
  });

  it("reads what ingestion found, and lists quarantined documents", async () => {
    const report = await auditBase({
      knowledgeBaseId: "kb",
      documents: [
        document("pseudo", {
          personal_data_class: "personal",
          personal_data_types: '{"EMAIL":1}',
          personal_data_action: "pseudonymise",
        }),
        document("retenu", {
          status: "quarantined",
          passage_count: 0,
          word_count: 0,
          personal_data_class: "sensitive",
          personal_data_types: '{"NIR":1}',
          personal_data_action: "quarantine",
          personal_data_findings: JSON.stringify([
            {
              ordinal: 2,
              section: "Dossier",
              page: null,
              types: { NIR: 1 },
              excerpt: "NIR : [NIR]",
            },
          ]),
        }),
      ],
      passages: [
        {
          ...passage("p1", "pseudo", "Écrire à [EMAIL_1] pour tout renseignement."),
          personal_data: '{"EMAIL":1}',
        },
      ],
      now: NOW,
    });
    const pseudo = report.findings.find((f) => f.documents[0]?.id === "pseudo");
    assert.equal(pseudo?.severity, "info");
    assert.equal(pseudo?.personalData?.action, "pseudonymise");
    assert.match(pseudo?.passages[0]?.excerpt ?? "", /\[EMAIL_1\]/);
    const held = report.findings.find((f) => f.documents[0]?.id === "retenu");
    assert.equal(held?.severity, "error");
    assert.match(held?.message ?? "", /en quarantaine.*numéro de sécurité sociale \(1\)/);
    assert.deepEqual(held?.passages, [
      { id: null, documentId: "retenu", ordinal: 2, types: { NIR: 1 }, excerpt: "NIR : [NIR]" },
    ]);
    assert.equal(report.documents.quarantined, 1);
    assert.deepEqual(
      report.quarantined.map((q) => [q.fileName, q.dataClass, q.types]),
      [["retenu.md", "sensitive", { NIR: 1 }]],
    );
  });
});
