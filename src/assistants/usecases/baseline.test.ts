import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { t } from "../../i18n/index.js";
import type { AppError } from "../../shared/errors.js";
import { lintPlainLanguage } from "../plain-language/index.js";
import { type BaselinePassage, buildPrompt, runBaseline } from "./baseline.js";
import { runChecks } from "./checks.js";
import { exportUseCase, loadUseCase, shippedUseCases } from "./loader.js";
import type { UseCase } from "./usecase.schema.js";
import type { DigestItem, DigestQuery } from "./watch-digest.js";

const catalogue = shippedUseCases();
const get = (id: string): UseCase => {
  const useCase = catalogue.get(id);
  assert.ok(useCase, id);
  return useCase;
};
const failed = (useCase: UseCase, text: string, ids?: string[]) =>
  runChecks(useCase, text)
    .filter((check) => !check.passed && (ids === undefined || ids.includes(check.id)))
    .map((check) => check.id);

const JARGON_TEXT =
  "Nonobstant les dispositions susvisées, le dossier afférent à votre demande doit être transmis à la CAF dans un délai de deux mois. Merci.";

/** A search port that records its queries and answers from a fixed list. */
function fakeSearch(passages: BaselinePassage[]) {
  const queries: string[] = [];
  return {
    queries,
    search: async (query: string) => {
      queries.push(query);
      return passages;
    },
  };
}

const PASSAGES: BaselinePassage[] = Array.from({ length: 7 }, (_, index) => ({
  title: `Fiche ${index + 1}`,
  text: `Passage ${index + 1} : la mairie est ouverte du lundi au vendredi.`,
  section: index === 0 ? "Horaires" : null,
  page: index === 0 ? 3 : null,
  knowledgeBaseName: "Accueil",
}));

/** A watch port that records its queries and answers from a fixed list. */
function fakeWatch(items: DigestItem[]) {
  const queries: DigestQuery[] = [];
  return {
    queries,
    watch: async (query: DigestQuery) => {
      queries.push(query);
      return items;
    },
  };
}

const WATCHED: DigestItem[] = [
  {
    title: "Décret relatif aux seuils de la commande publique",
    sourceName: "Journal officiel",
    link: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000001",
    publishedAt: "2026-01-04T08:00:00.000Z",
    foundAt: "2026-01-05T08:00:00.000Z",
    topics: ["marchés publics"],
    excerpt: ["Le seuil de dispense de procédure des marchés publics passe à 50 000 € HT."],
    text: "Le seuil de dispense de procédure des marchés publics passe à 50 000 € HT. Il entre en vigueur le 1er avril.",
  },
];

/** Values that fill each shipped use case's form (and a search port for the grounded ones). */
const SAMPLES: Record<string, Record<string, unknown>> = {
  veille: { themes: ["marchés publics"], depuis: "2026-01-01", public: "Élus" },
  "langage-clair": { texte: JARGON_TEXT, public: "Grand public" },
  "compte-rendu": {
    date_reunion: "2025-03-10",
    instance: "Comité de pilotage de la médiathèque",
    notes:
      "Le comité valide le planning des travaux.\nPaul Martin enverra le relevé aux élus d'ici vendredi.",
  },
  "note-de-synthese": {
    objet: "Rénovation des écoles",
    document_1:
      "La commune compte cinq écoles construites avant 1980. Les écoles consomment beaucoup.",
  },
  accueil: { question: "Quels sont les horaires de la mairie ?", canal: "Guichet" },
  "ressources-humaines": {
    question: "Combien de jours de congés pour un agent à temps partiel ?",
    statut: "Fonctionnaire titulaire",
  },
  "reponse-apa": {
    demande: "Ma mère peut-elle toucher l'APA à domicile ?",
    lieu_de_vie: "À domicile",
    canal: "Courrier",
  },
  "reponse-cee": {
    demande: "Puis-je avoir une prime pour isoler mes combles ?",
    travaux: "Isolation",
    statut: "Propriétaire occupant",
  },
  "permission-voirie": {
    demandeur: "SARL Bâti Plus",
    qualite: "Entreprise",
    adresse: "12 rue de la Paix",
    nature_travaux: "Échafaudage",
    emprise: "10 m × 1,5 m sur le trottoir, côté pair",
    date_debut: "2025-04-01",
    date_fin: "2025-04-30",
    pieces: ["Plan de situation au 1/25 000", "Attestation d’assurance RC"],
  },
};

describe("use-case baselines", () => {
  it("every shipped use case gives its baseline with no model, and its prompt", async () => {
    for (const useCase of catalogue.values()) {
      const values = SAMPLES[useCase.id];
      if (values === undefined) continue; // deliberation and marche-public: loader.test.ts
      const { search } = fakeSearch(PASSAGES);
      const { watch } = fakeWatch(WATCHED);
      const output = await runBaseline(useCase, { values, search, watch });
      assert.ok(output.trim().length > 100, useCase.id);
      assert.match(buildPrompt(useCase, values), /\S/);
      assert.deepEqual(loadUseCase(exportUseCase(useCase)), useCase, useCase.id);
    }
    assert.equal(catalogue.size, Object.keys(SAMPLES).length + 2);
  });

  it("plain-language: measures before and after, jargon with plain words, long and passive sentences, rewrite", async () => {
    const useCase = get("langage-clair");
    const output = await runBaseline(useCase, {
      values: { texte: JARGON_TEXT, public: "Personnes âgées" },
    });
    const lint = lintPlainLanguage(JARGON_TEXT);
    const ease = (value: number | null) =>
      new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(value ?? 0);
    assert.ok(lint.rewriteMeasures);
    assert.match(output, /^# Langage clair : relecture sans IA\n\nPublic visé : Personnes âgées\n/);
    assert.ok(
      output.includes(
        `| Facilité de lecture (Flesch adapté au français par Kandel et Moles) | ${ease(lint.measures.readingEase)} (${lint.measures.bandLabel}) | ${ease(lint.rewriteMeasures.readingEase)} (${lint.rewriteMeasures.bandLabel}) |`,
      ),
    );
    assert.match(output, /\| Part des phrases à la voix passive \| 50\s% \| 50\s% \|/);
    assert.match(output, /- « Nonobstant » → « malgré »\n- « susvisées » → « citées plus haut »/);
    assert.match(output, /- « CAF » → « caisse d'allocations familiales \(CAF\) »/);
    assert.match(
      output,
      /## Phrases à la voix passive, à tourner à l'actif\n\n- « Nonobstant les dispositions/,
    );
    assert.match(output, /## Phrases longues à couper\n\nRien à signaler\./);
    assert.match(
      output,
      /\n\nMalgré les dispositions citées plus haut, le dossier lié à votre demande/,
    );
    assert.deepEqual(failed(useCase, output, ["reecriture"]), []);
    // The AI answer's jargon check catches the text as it was.
    assert.deepEqual(failed(useCase, JARGON_TEXT, ["jargon"]), ["jargon"]);
  });

  it("minutes: decisions and actions from notes or a WebVTT transcript, deadlines from the meeting's date", async () => {
    const useCase = get("compte-rendu");
    const output = await runBaseline(useCase, {
      values: {
        date_reunion: "2025-03-10",
        instance: "Comité de pilotage",
        participants: ["Mme Durand, directrice"],
        transcription: [
          "WEBVTT",
          "",
          "00:00:01.000 --> 00:00:05.000",
          "<v Paul Martin>Le comité valide le planning des travaux.",
          "",
          "00:00:06.000 --> 00:00:09.000",
          "<v Léa Petit>Je m'engage à envoyer le relevé aux élus d'ici vendredi.",
        ].join("\n"),
      },
    });
    assert.match(output, /^# Compte rendu — Comité de pilotage\n/);
    assert.match(
      output,
      /## Participants\n\n- Mme Durand, directrice\n- Paul Martin\n- Léa Petit\n/,
    );
    assert.match(output, /## Décisions\n\n1\. Le comité valide le planning des travaux\./);
    assert.match(
      output,
      /\| Léa Petit \| .*envoyer le relevé aux élus.* \| vendredi 14 mars 2025 \|/,
    );
    assert.deepEqual(failed(useCase, output), []);

    await assert.rejects(
      () => runBaseline(useCase, { values: { date_reunion: "2025-03-10", instance: "Comité" } }),
      (error: AppError) =>
        error.code === "usecase_fields_missing" &&
        /« Notes de séance » ou « Transcription »/.test(error.message),
    );
    await assert.rejects(
      () =>
        runBaseline(useCase, {
          values: { date_reunion: "2025-03-10", instance: "Comité", transcription: "WEBVTT\n\n" },
        }),
      (error: AppError) =>
        error.code === "usecase_document_unreadable" &&
        /Document « Transcription » illisible : Le fichier ne contient aucun texte\./.test(
          error.message,
        ),
    );
  });

  it("extractive summary: the sentences on the documents' subject, in reading order, by document", async () => {
    const useCase = get("note-de-synthese");
    const document_1 = [
      "La commune compte cinq écoles construites avant 1980, toutes à rénover.",
      "Les diagnostics énergétiques montrent que les écoles consomment trop d'énergie.",
      "Il faisait beau le jour de la visite et le goûter était servi.",
      "",
      "La rénovation énergétique des écoles est estimée à quatre millions d'euros.",
      "Bref.",
    ].join(" ");
    const document_2 =
      "La chambre régionale des comptes recommande de programmer la rénovation des écoles sur cinq ans.";
    const output = await runBaseline(
      { ...useCase, baseline: { ...useCase.baseline, sentences: 3 } as UseCase["baseline"] },
      { values: { objet: "Écoles", document_1, document_2 } },
    );
    assert.match(output, /^# Note de synthèse : extraits principaux — Écoles\n/);
    assert.match(output, /Les 3 phrases les plus représentatives/);
    assert.doesNotMatch(output, /goûter/);
    assert.doesNotMatch(output, /Bref/);
    const headings = [...output.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    assert.deepEqual(headings, ["Document à synthétiser", "Deuxième document"]);
    const kept = [...output.matchAll(/^- (.+)$/gm)].map((match) => match[1]);
    assert.equal(kept.length, 3);
    assert.match(kept[2] ?? "", /chambre régionale des comptes/);
    assert.deepEqual(failed(useCase, output, ["longueur"]), []);
  });

  it("search: the passages the port finds for the question, at most the limit; a clear error without a port", async () => {
    const useCase = get("accueil");
    const { queries, search } = fakeSearch(PASSAGES);
    const output = await runBaseline(useCase, {
      values: { question: "  Quels sont les horaires ?  ", canal: "Téléphone" },
      search,
    });
    assert.deepEqual(queries, ["Quels sont les horaires ?"]);
    assert.match(
      output,
      /Question : Quels sont les horaires \?\n\n## Sources\n\n1\. \*\*Fiche 1\*\* \(Horaires, p\. 3, base « Accueil »\)\n {3}> Passage 1 :/,
    );
    assert.match(output, /\n5\. \*\*Fiche 5\*\* \(base « Accueil »\)/);
    assert.doesNotMatch(output, /Fiche 6/);
    assert.deepEqual(failed(useCase, output), []);

    const none = await runBaseline(get("reponse-apa"), {
      values: SAMPLES["reponse-apa"],
      search: fakeSearch([]).search,
    });
    assert.match(none, /Aucun passage des bases ne répond à cette question/);

    await assert.rejects(
      () => runBaseline(useCase, { values: SAMPLES.accueil }),
      (error: AppError) =>
        error.code === "usecase_search_needs_database" &&
        /il lui faut la base de données de Beffroi/.test(error.message),
    );
    for (const id of ["accueil", "ressources-humaines", "reponse-apa", "reponse-cee"]) {
      const grounded = get(id);
      assert.equal(grounded.grounding, "required", id);
      assert.equal(grounded.requiresValidation, true, id);
      assert.equal(grounded.baseline.kind, "search", id);
    }
  });

  it("watch: the items on the topics, with their source, date, sentences and address; a database needed", async () => {
    const useCase = get("veille");
    const { queries, watch } = fakeWatch(WATCHED);
    const output = await runBaseline(useCase, { values: SAMPLES.veille, watch });
    assert.deepEqual(queries, [
      { topics: ["marchés publics"], since: "2026-01-01", days: 7, limit: 20 },
    ]);
    assert.equal(
      output,
      `# Veille documentaire : éléments retenus par mots-clés

> ${t("usecase.baseline.notice")}

Thèmes : marchés publics
Éléments trouvés depuis le 1er janvier 2026.

1. **Décret relatif aux seuils de la commande publique**
   Journal officiel — 4 janvier 2026 — thèmes : marchés publics
   > Le seuil de dispense de procédure des marchés publics passe à 50 000 € HT.
   Lien : https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000001
`,
    );
    const lastWeek = fakeWatch([]);
    const empty = await runBaseline(useCase, {
      values: { themes: ["voirie"], public: "Élus" },
      watch: lastWeek.watch,
    });
    assert.equal(lastWeek.queries[0]?.since, null, "no date: the last seven days");
    assert.match(empty, /Éléments trouvés ces 7 derniers jours\./);
    assert.match(empty, /Aucun élément des sources de veille ne contient ces mots/);
    await assert.rejects(
      () => runBaseline(useCase, { values: SAMPLES.veille }),
      (error: AppError) => error.code === "usecase_watch_needs_database",
    );
  });

  it("checklist: the rules filled with the request, pieces declared or not, and its checks pass", async () => {
    const useCase = get("permission-voirie");
    assert.equal(useCase.fields.find((field) => field.id === "demandeur")?.personalData, true);
    const output = await runBaseline(useCase, { values: SAMPLES["permission-voirie"] });
    assert.match(
      output,
      /^# Demande de permission de voirie\n\nDemandeur : SARL Bâti Plus \(Entreprise\)\n/,
    );
    assert.match(output, /Période : du 1er avril 2025 au 30 avril 2025/);
    assert.match(
      output,
      /## Dates\n\n- \[ \] Date de début des travaux — valeur déclarée : « 1er avril 2025 »/,
    );
    assert.match(
      output,
      /- \[ \] Dispositif de signalisation et de protection décrit — \*\*non renseigné\*\*/,
    );
    assert.match(
      output,
      /- \[ \] Plan de situation — déclaré : « Plan de situation au 1\/25 000 »/,
    );
    assert.match(output, /- \[ \] Plan ou croquis coté de l'emprise — \*\*non déclaré\*\*/);
    assert.match(
      output,
      /- \[ \] Attestation d'assurance responsabilité civile — déclaré : « Attestation d’assurance RC »/,
    );
    assert.deepEqual(
      [...output.matchAll(/^## (.+)$/gm)].map((match) => match[1]),
      ["Dates", "Emprise", "Signalisation", "Pièces"],
    );
    assert.deepEqual(failed(useCase, output), []);
  });

  it("refuses a baseline that names an unknown field, or minutes with neither notes nor transcript", () => {
    const shipped = exportUseCase(get("langage-clair"));
    assert.throws(
      () => loadUseCase(shipped.replace("  field: texte", "  field: texte_inconnu")),
      /ligne \d+, baseline\.field : champ inconnu : « texte_inconnu »/,
    );
    const minutes = exportUseCase(get("compte-rendu"))
      .replace("  notes: notes\n", "")
      .replace("  transcript: transcription\n", "");
    assert.throws(() => loadUseCase(minutes), /indiquez le champ des notes/);
    const checklist = exportUseCase(get("permission-voirie")).replace(
      "      field: pieces\n      expect: assurance",
      "      field: piece\n      expect: assurance",
    );
    assert.throws(
      () => loadUseCase(checklist),
      /baseline\.rules\.\d+\.field : champ inconnu : « piece »/,
    );
  });
});
