import { type DataClass, stricterClass } from "../guard/index.js";
import { t } from "../i18n/index.js";
import { FRENCH_MONTH_PATTERN, frenchMonthIndex } from "../shared/french-months.js";
import type { DocumentTable } from "../store/index.js";
import { analyse } from "./analysis/index.js";
import type { PassageWithDocument } from "./documents.repository.js";
import {
  addCounts,
  countTypes,
  describeCounts,
  excerpt,
  hasCounts,
  maskEntities,
  type PersonalDataAction,
  type PersonalDataScanner,
  parseCounts,
  parseQuarantinedPassages,
  type TypeCounts,
} from "./personal-data.js";

export type FindingKind =
  | "failed"
  | "too_long"
  | "no_structure"
  | "near_duplicate"
  | "conflict"
  | "stale"
  | "personal_data"
  | "organisation_contacts";

export interface AuditFinding {
  kind: FindingKind;
  severity: "info" | "warning" | "error";
  /** A French sentence saying what is wrong and what to do. */
  message: string;
  documents: { id: string; fileName: string }[];
  /**
   * Passages concerned. Excerpts never show a personal-data value: each is
   * replaced by its type (`[EMAIL]`). `id` is null for a quarantined
   * document, whose passages are not stored (`ordinal` says which one).
   */
  passages: {
    id: string | null;
    documentId: string;
    excerpt: string;
    ordinal?: number;
    /** personal_data findings: occurrences per type in this passage. */
    types?: TypeCounts;
  }[];
  /** personal_data findings: what was found in the document and what ingestion did with it. */
  personalData?: {
    dataClass: DataClass;
    types: TypeCounts;
    /** `unscanned`: ingested before the scan existed, scanned by this audit only (indexed as is). */
    action: PersonalDataAction | "unscanned";
  };
}

export interface AuditReport {
  knowledgeBaseId: string;
  generatedAt: string;
  documents: { total: number; ready: number; failed: number; quarantined: number; words: number };
  findings: AuditFinding[];
  /** Documents held back because they contain personal data, until a referent releases or deletes them. */
  quarantined: {
    documentId: string;
    fileName: string;
    dataClass: DataClass;
    types: TypeCounts;
    updatedAt: string;
  }[];
  perDocument: { documentId: string; fileName: string; kinds: FindingKind[] }[];
  /** False when no personal-data scanner is installed: the base was not checked for personal data. */
  personalDataChecked: boolean;
}

export const AUDIT_LIMITS = {
  /** A document past this many words is too long to be a good source: split it. */
  maxWords: 3000,
  /** A document past this many words with no heading has no structure to cite. */
  structureWords: 400,
  /** Jaccard similarity of word 4-shingles above which two passages are copies of each other. */
  duplicateSimilarity: 0.7,
  /** Jaccard similarity of two documents' vocabularies above which one is a reworded copy of the other. */
  documentSimilarity: 0.6,
  /** Jaccard similarity of terms above which two passages may speak of the same subject. */
  subjectSimilarity: 0.15,
  /** Jaccard similarity of the words (figures aside) of two sentences that state the same fact. */
  sentenceSimilarity: 0.5,
  /** A document whose latest date is older than this many months is probably stale. */
  staleMonths: 18,
};

const sentenceCache = new Map<string, Set<string>>();
/** A sentence's analysed words without its figures. */
function sentenceTerms(sentence: string): Set<string> {
  let terms = sentenceCache.get(sentence);
  if (!terms) {
    terms = new Set(analyse(sentence).filter((term) => !/^\d+$/.test(term)));
    if (sentenceCache.size > 10_000) sentenceCache.clear();
    sentenceCache.set(sentence, terms);
  }
  return terms;
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const item of a) if (b.has(item)) common += 1;
  return common / (a.size + b.size - common);
};

function shingles(terms: string[], size = 4): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + size <= terms.length; i += 1) out.add(terms.slice(i, i + size).join(" "));
  return out;
}

/** A figure in a sentence: what kind (amount, duration, age, percentage, time), its value, and the words just before it. */
interface Fact {
  unit: string;
  value: string;
  context: string[];
  raw: string;
  /** The sentence (or list line, table row) the figure stands in. */
  sentence: string;
}

const UNITS: [RegExp, string][] = [
  [/^(€|euros?|eur)$/i, "€"],
  [/^(jours?|j)$/i, "jours"],
  [/^semaines?$/i, "semaines"],
  [/^mois$/i, "mois"],
  [/^ans?$/i, "ans"],
  [/^(%|pour\s?cent)$/i, "%"],
];
// Hours ("9 h") are left out: every service has its own opening hours, and comparing them only raises false alarms.

const CONTEXT_STOP = new Set([
  "est",
  "sont",
  "de",
  "du",
  "des",
  "le",
  "la",
  "les",
  "un",
  "une",
  "est",
  "sont",
  "a",
  "à",
  "au",
  "aux",
  "et",
  "en",
  "par",
  "pour",
  "sur",
  "dans",
  "entre",
  "l",
  "d",
]);

/** Figures with a unit (12,50 €, 15 jours, 3 mois, 16 ans, 20 %) and the two meaningful words before each. */
export function facts(text: string): Fact[] {
  const out: Fact[] = [];
  const pattern =
    /(\d{1,3}(?:[  .]\d{3})*(?:,\d+)?|\d+(?:,\d+)?)\s?(€|euros?|eur\b|jours?\b|j\b|semaines?\b|mois\b|ans?\b|%|pour\s?cent\b)/giu;
  for (const match of text.matchAll(pattern)) {
    const unit = UNITS.find(([test]) => test.test(match[2] ?? ""))?.[1];
    if (!unit) continue;
    // The words before the figure, within its sentence.
    const before = (
      text
        .slice(Math.max(0, (match.index ?? 0) - 80), match.index)
        .split(/[.;:!?\n]/)
        .at(-1) ?? ""
    ).toLowerCase();
    const context = (before.match(/[\p{L}]+/gu) ?? [])
      .filter((word) => !CONTEXT_STOP.has(word) && word.length > 2)
      .slice(-2);
    const start = Math.max(
      text.lastIndexOf("\n", match.index),
      ...[". ", "; ", "! ", "? "].map((stop) => text.lastIndexOf(stop, match.index)),
    );
    const ends = ["\n", ". ", "; "]
      .map((stop) => text.indexOf(stop, (match.index ?? 0) + match[0].length))
      .filter((at) => at >= 0);
    const sentence = text
      .slice(start + 1, ends.length > 0 ? Math.min(...ends) : text.length)
      .replace(/^[\s|:-]+|[\s|]+$/g, "");
    out.push({
      unit,
      value: (match[1] ?? "").replace(/[  .]/g, ""),
      context,
      raw: match[0],
      sentence,
    });
  }
  return out;
}

/** « 14 mars 2024 », « 1er juin 2023 », « septembre 2022 ». */
const DATED = new RegExp(`\\b(?:(\\d{1,2}|1er)\\s+)?(${FRENCH_MONTH_PATTERN})\\s+(\\d{4})\\b`, "g");

/** The latest date a text mentions (a full date, "mars 2024", or a year 1990–2099 in a date-like context). */
export function latestDate(text: string): Date | null {
  let latest: Date | null = null;
  const keep = (date: Date) => {
    if (!Number.isNaN(date.getTime()) && (!latest || date > latest)) latest = date;
  };
  for (const m of text.matchAll(/\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g)) {
    keep(new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))));
  }
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(DATED)) {
    const month = frenchMonthIndex(m[2] ?? "");
    keep(new Date(Date.UTC(Number(m[3]), month, m[1] ? Number.parseInt(m[1], 10) || 1 : 1)));
  }
  for (const m of lower.matchAll(
    /\b(?:en|année|depuis|au|tarifs?|rentrée|saison|budget|exercice)\s+(20\d{2}|19\d{2})\b/g,
  )) {
    keep(new Date(Date.UTC(Number(m[1]), 0, 1)));
  }
  return latest;
}

/**
 * The quality audit of a base: what makes documents poor sources (failed,
 * too long, no structure), near-duplicates across documents, probable
 * conflicts (two documents on the same subject giving different amounts,
 * durations, ages or rates), staleness, and personal data when a scanner is
 * plugged in. Every finding names its documents and passages.
 */
export async function auditBase(input: {
  knowledgeBaseId: string;
  documents: DocumentTable[];
  passages: PassageWithDocument[];
  now: Date;
  /** The guard's scanner: masks excerpts, and scans passages ingested before the scan existed. */
  scanPersonalData?: PersonalDataScanner;
}): Promise<AuditReport> {
  const { documents, passages, now } = input;
  const scanner = input.scanPersonalData;
  const findings: AuditFinding[] = [];
  // Each passage shown is scanned once: its excerpt is cut from the masked text.
  const scans = new Map<string, Promise<PassageScan | null>>();
  const scanPassage = (passage: PassageWithDocument) => {
    let scan = scans.get(passage.id);
    if (!scan) {
      scan = (async () => {
        if (!scanner) return null;
        const { dataClass, entities, organisations } = await scanner(passage.text);
        return {
          masked: maskEntities(passage.text, entities),
          types: countTypes(entities),
          dataClass,
          organisations: countTypes(organisations ?? []),
        };
      })();
      scans.set(passage.id, scan);
    }
    return scan;
  };
  /** An excerpt with every value masked; empty when the passage cannot be scanned (fail closed). */
  const maskedExcerpt = async (passage: PassageWithDocument, around?: string) => {
    if (!scanner) return excerpt(passage.text, around);
    const scan = await scanPassage(passage).catch(() => null);
    return scan ? excerpt(scan.masked, around) : "";
  };
  const documentRef = (id: string) => {
    const document = documents.find((d) => d.id === id);
    return { id, fileName: document?.file_name ?? id };
  };

  for (const document of documents) {
    const ref = { id: document.id, fileName: document.file_name };
    if (document.status === "failed") {
      const reason = t(
        `knowledge.rejected.${document.failure_code ?? "corrupt_file"}` as "knowledge.rejected.corrupt_file",
        { limit: "" },
      );
      findings.push({
        kind: "failed",
        severity: "error",
        message: t("knowledge.audit.failed", { file: document.file_name, reason }),
        documents: [ref],
        passages: [],
      });
      continue;
    }
    if (document.status === "quarantined") continue;
    if (document.word_count > AUDIT_LIMITS.maxWords) {
      findings.push({
        kind: "too_long",
        severity: "warning",
        message: t("knowledge.audit.too_long", {
          file: document.file_name,
          words: document.word_count,
          max: AUDIT_LIMITS.maxWords,
        }),
        documents: [ref],
        passages: [],
      });
    }
    const own = passages.filter((p) => p.document_id === document.id);
    const title = document.title ?? "";
    const structured = own.some((p) => p.section_path !== "" && p.section_path !== title);
    if (document.word_count > AUDIT_LIMITS.structureWords && !structured) {
      findings.push({
        kind: "no_structure",
        severity: "warning",
        message: t("knowledge.audit.no_structure", {
          file: document.file_name,
          words: document.word_count,
        }),
        documents: [ref],
        passages: [],
      });
    }
    // Dates before 2000 are references (a law, a founding), not a sign of an outdated sheet.
    const latest = own.reduce<Date | null>((acc, p) => {
      const date = latestDate(p.text);
      if (date && date.getUTCFullYear() < 2000) return acc;
      return date && (!acc || date > acc) ? date : acc;
    }, null);
    const limit = new Date(now);
    limit.setUTCMonth(limit.getUTCMonth() - AUDIT_LIMITS.staleMonths);
    if (latest && latest < limit) {
      findings.push({
        kind: "stale",
        severity: "info",
        message: t("knowledge.audit.stale", {
          file: document.file_name,
          date: latest.toLocaleDateString("fr-FR", {
            month: "long",
            year: "numeric",
            timeZone: "UTC",
          }),
        }),
        documents: [ref],
        passages: [],
      });
    }
  }

  const prepared = passages.map((passage) => {
    // Words only: the indexed pairs ("permis_conduir") would dilute the comparisons.
    const terms = passage.terms.split(" ").filter((term) => term !== "" && !term.includes("_"));
    return {
      passage,
      terms: new Set(terms),
      shingles: shingles(terms),
      facts: facts(passage.text),
    };
  });
  const duplicatePairs = new Set<string>();
  // Whole documents reworded (synonyms, reordered lists) share their vocabulary even when no sentence is copied.
  const vocabularies = new Map<string, Set<string>>();
  for (const { passage, terms } of prepared) {
    const vocabulary = vocabularies.get(passage.document_id) ?? new Set<string>();
    for (const term of terms) vocabulary.add(term);
    vocabularies.set(passage.document_id, vocabulary);
  }
  const documentIds = [...vocabularies.keys()];
  for (let i = 0; i < documentIds.length; i += 1) {
    for (let j = i + 1; j < documentIds.length; j += 1) {
      const [first, second] = [documentIds[i] as string, documentIds[j] as string];
      const similarity = jaccard(
        vocabularies.get(first) ?? new Set(),
        vocabularies.get(second) ?? new Set(),
      );
      if (similarity < AUDIT_LIMITS.documentSimilarity) continue;
      duplicatePairs.add([first, second].sort().join("|"));
      const examples = [first, second].map(
        (id) => prepared.find((x) => x.passage.document_id === id)?.passage,
      );
      findings.push({
        kind: "near_duplicate",
        severity: "warning",
        message: t("knowledge.audit.near_duplicate", {
          first: documentRef(first).fileName,
          second: documentRef(second).fileName,
          percent: Math.round(similarity * 100),
        }),
        documents: [documentRef(first), documentRef(second)],
        passages: await Promise.all(
          examples.flatMap((x) =>
            x
              ? [
                  maskedExcerpt(x).then((text) => ({
                    id: x.id,
                    documentId: x.document_id,
                    excerpt: text,
                  })),
                ]
              : [],
          ),
        ),
      });
    }
  }
  for (let i = 0; i < prepared.length; i += 1) {
    const a = prepared[i];
    if (!a) continue;
    for (let j = i + 1; j < prepared.length; j += 1) {
      const b = prepared[j];
      if (!b || a.passage.document_id === b.passage.document_id) continue;
      const pair = [a.passage.document_id, b.passage.document_id].sort().join("|");
      const similarity = jaccard(a.shingles, b.shingles);
      if (similarity >= AUDIT_LIMITS.duplicateSimilarity) {
        if (!duplicatePairs.has(pair)) {
          duplicatePairs.add(pair);
          findings.push({
            kind: "near_duplicate",
            severity: "warning",
            message: t("knowledge.audit.near_duplicate", {
              first: a.passage.file_name,
              second: b.passage.file_name,
              percent: Math.round(similarity * 100),
            }),
            documents: [documentRef(a.passage.document_id), documentRef(b.passage.document_id)],
            passages: await Promise.all(
              [a, b].map(async (x) => ({
                id: x.passage.id,
                documentId: x.passage.document_id,
                excerpt: await maskedExcerpt(x.passage),
              })),
            ),
          });
        }
        continue;
      }
      if (jaccard(a.terms, b.terms) < AUDIT_LIMITS.subjectSimilarity) continue;
      for (const fact of a.facts) {
        // Same kind of figure, different value, in two sentences that say the same thing otherwise.
        const other = b.facts.find(
          (candidate) =>
            candidate.unit === fact.unit &&
            candidate.value !== fact.value &&
            jaccard(sentenceTerms(candidate.sentence), sentenceTerms(fact.sentence)) >=
              AUDIT_LIMITS.sentenceSimilarity,
        );
        if (!other) continue;
        findings.push({
          kind: "conflict",
          severity: "error",
          message: t("knowledge.audit.conflict", {
            first: a.passage.file_name,
            firstValue: fact.raw.trim(),
            second: b.passage.file_name,
            secondValue: other.raw.trim(),
            subject: fact.sentence.replace(fact.raw, "…").slice(0, 100),
          }),
          documents: [documentRef(a.passage.document_id), documentRef(b.passage.document_id)],
          passages: [
            {
              id: a.passage.id,
              documentId: a.passage.document_id,
              excerpt: await maskedExcerpt(a.passage, fact.raw),
            },
            {
              id: b.passage.id,
              documentId: b.passage.document_id,
              excerpt: await maskedExcerpt(b.passage, other.raw),
            },
          ],
        });
        break;
      }
    }
  }

  findings.push(...(await personalDataFindings(documents, passages, scanner, scanPassage)));
  if (scanner) {
    const contacts = await organisationFindings(documents, passages, scanPassage);
    if (contacts) findings.push(contacts);
  }

  const perDocument = documents.map((document) => ({
    documentId: document.id,
    fileName: document.file_name,
    kinds: [
      ...new Set(
        findings.filter((f) => f.documents.some((d) => d.id === document.id)).map((f) => f.kind),
      ),
    ],
  }));
  return {
    knowledgeBaseId: input.knowledgeBaseId,
    generatedAt: now.toISOString(),
    documents: {
      total: documents.length,
      ready: documents.filter((d) => d.status === "ready").length,
      failed: documents.filter((d) => d.status === "failed").length,
      quarantined: documents.filter((d) => d.status === "quarantined").length,
      words: documents.reduce((sum, d) => sum + Number(d.word_count), 0),
    },
    findings,
    quarantined: documents
      .filter((d) => d.status === "quarantined")
      .map((d) => ({
        documentId: d.id,
        fileName: d.file_name,
        dataClass: (d.personal_data_class ?? "personal") as DataClass,
        types: parseCounts(d.personal_data_types),
        updatedAt: d.updated_at,
      })),
    perDocument,
    personalDataChecked: scanner !== undefined,
  };
}

/** What the audit's scan of one passage keeps: masked text, counts, class, organisations' contacts. */
interface PassageScan {
  masked: string;
  types: TypeCounts;
  dataClass: DataClass;
  organisations: TypeCounts;
}

/** The most passages the audit scans for organisations' contact details (a base's first ones). */
const ORGANISATION_SCAN_LIMIT = 5000;

/**
 * Organisations' own contact details (a service's phone number, a generic
 * mailbox, a town hall's address), listed apart: public information, never
 * counted as personal data nor a reason for quarantine. One finding for the
 * base, naming the documents that hold some.
 */
async function organisationFindings(
  documents: DocumentTable[],
  passages: PassageWithDocument[],
  scanPassage: (passage: PassageWithDocument) => Promise<PassageScan | null>,
): Promise<AuditFinding | undefined> {
  const ready = new Set(documents.filter((d) => d.status === "ready").map((d) => d.id));
  const types: TypeCounts = {};
  const holding = new Map<string, { id: string; fileName: string }>();
  const concerned: AuditFinding["passages"] = [];
  for (const passage of passages.slice(0, ORGANISATION_SCAN_LIMIT)) {
    if (!ready.has(passage.document_id)) continue;
    const scan = await scanPassage(passage).catch(() => null);
    if (!scan || !hasCounts(scan.organisations)) continue;
    addCounts(types, scan.organisations);
    holding.set(passage.document_id, {
      id: passage.document_id,
      fileName: documents.find((d) => d.id === passage.document_id)?.file_name ?? "",
    });
    if (concerned.length < 20) {
      concerned.push({
        id: passage.id,
        documentId: passage.document_id,
        ordinal: passage.ordinal,
        excerpt: excerpt(scan.masked),
      });
    }
  }
  if (holding.size === 0) return undefined;
  return {
    kind: "organisation_contacts",
    severity: "info",
    message: t("knowledge.audit.organisation_contacts", {
      entities: describeCounts(types),
      documents: holding.size,
    }),
    documents: [...holding.values()],
    passages: concerned,
  };
}

const PERSONAL_DATA_MESSAGES = {
  index: "knowledge.audit.personal_data_indexed",
  pseudonymise: "knowledge.audit.personal_data_pseudonymised",
  quarantine: "knowledge.audit.personal_data_quarantined",
  unscanned: "knowledge.audit.personal_data",
} as const;

const PERSONAL_DATA_SEVERITY = {
  index: "warning",
  pseudonymise: "info",
  quarantine: "error",
  unscanned: "error",
} as const;

/**
 * One finding per document holding personal data, naming its passages with
 * their counts per type and a masked excerpt. What ingestion found is read
 * from the store (pseudonymised passages no longer hold the values); only
 * documents ingested before the scan existed are scanned here.
 */
async function personalDataFindings(
  documents: DocumentTable[],
  passages: PassageWithDocument[],
  scanner: PersonalDataScanner | undefined,
  scanPassage: (passage: PassageWithDocument) => Promise<PassageScan | null>,
): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  for (const document of documents) {
    const ref = { id: document.id, fileName: document.file_name };
    const scanned = document.personal_data_class != null;
    if (document.status === "quarantined") {
      const types = parseCounts(document.personal_data_types);
      findings.push(
        personalDataFinding(
          ref,
          "quarantine",
          (document.personal_data_class ?? "personal") as DataClass,
          types,
          parseQuarantinedPassages(document.personal_data_findings).map((passage) => ({
            id: null,
            documentId: document.id,
            ordinal: passage.ordinal,
            types: passage.types,
            excerpt: passage.excerpt,
          })),
        ),
      );
      continue;
    }
    if (document.status === "failed" || (!scanned && !scanner)) continue;
    const own = passages.filter((p) => p.document_id === document.id);
    const concerned: NonNullable<AuditFinding["passages"]> = [];
    const types: TypeCounts = {};
    let dataClass: DataClass = "public";
    for (const passage of own) {
      let found: TypeCounts;
      let masked: string | null = null;
      if (scanned) {
        found = parseCounts(passage.personal_data);
        if (!hasCounts(found)) continue;
        // Pseudonymised text holds placeholders only; text indexed as is is masked by a scan.
        const scan = scanner ? await scanPassage(passage).catch(() => null) : null;
        masked = scan
          ? scan.masked
          : document.personal_data_action === "pseudonymise"
            ? passage.text
            : null;
      } else {
        const scan = await scanPassage(passage).catch(() => null);
        if (!scan || !hasCounts(scan.types)) continue;
        found = scan.types;
        dataClass = stricterClass(dataClass, scan.dataClass);
        masked = scan.masked;
      }
      addCounts(types, found);
      const first = masked?.match(/\[[A-Z_]+(?:_\d+)?\]/)?.[0];
      concerned.push({
        id: passage.id,
        documentId: document.id,
        ordinal: passage.ordinal,
        types: found,
        excerpt: masked === null ? "" : excerpt(masked, first),
      });
    }
    if (concerned.length === 0) continue;
    const action = scanned
      ? ((document.personal_data_action ?? "index") as PersonalDataAction)
      : "unscanned";
    findings.push(
      personalDataFinding(
        ref,
        action,
        scanned ? ((document.personal_data_class ?? "personal") as DataClass) : dataClass,
        scanned ? parseCounts(document.personal_data_types) : types,
        concerned,
      ),
    );
  }
  return findings;
}

function personalDataFinding(
  ref: { id: string; fileName: string },
  action: PersonalDataAction | "unscanned",
  dataClass: DataClass,
  types: TypeCounts,
  passages: AuditFinding["passages"],
): AuditFinding {
  return {
    kind: "personal_data",
    severity: PERSONAL_DATA_SEVERITY[action],
    message: t(PERSONAL_DATA_MESSAGES[action], {
      file: ref.fileName,
      entities: describeCounts(types),
    }),
    documents: [ref],
    passages,
    personalData: { dataClass, types, action },
  };
}
