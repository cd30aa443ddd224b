/**
 * Scores a scanner against the labelled corpus, per entity type and per text.
 *
 * Matching rules:
 * - an expected entity is found when a detected entity of the SAME type
 *   overlaps it (one character is enough: "Mme Durand" labelled "Durand"
 *   and detected "Mme Durand" match);
 * - a detected entity is correct when it overlaps an expected entity of the
 *   same type; otherwise it is a false positive;
 * - `truePositives` counts expected entities found (the recall side);
 *   precision is the share of detected entities that are correct, so two
 *   detections inside one label (a lexicon finding "prison" and "sursis" in
 *   "condamné à six mois de prison avec sursis") are both correct;
 * - `NIR_INVALID` is never expected: every NIR in the corpus has a valid
 *   key. A `NIR_INVALID` detection is therefore a false positive of its own
 *   row, and does NOT count as finding an expected `NIR` (it would mean the
 *   key check is wrong). It still makes its text non-public at text level.
 *
 * Precision with nothing detected is reported as 1 (no false alarm) and
 * recall with nothing expected as 1; the table shows "—" for both, and the
 * tests only judge rows with enough entities.
 */
import { ENTITY_TYPES, type EntityType } from "../../src/guard/entity.js";
import type { Category, Label, LabelledText } from "./corpus.js";

export interface Detected {
  type: EntityType;
  start: number;
  end: number;
  rule?: string;
}

export interface ScanOutput {
  dataClass: "public" | "personal" | "sensitive";
  entities: readonly Detected[];
}

export type Scan = (text: string) => ScanOutput;

export interface TypeScore {
  type: EntityType;
  expected: number;
  detected: number;
  /** Expected entities found. */
  truePositives: number;
  /** Detected entities that overlap no expected entity of their type. */
  falsePositives: number;
  /** Expected entities not found. */
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface TextScore {
  /** Texts in the group. */
  total: number;
  /** Texts classified as the group should be (non-public for personal texts, public otherwise). */
  right: number;
  share: number;
}

/** One miss, for the log: what was expected and not found, or found and not expected. */
export interface Miss {
  id: string;
  kind: "FN" | "FP";
  type: EntityType;
  value: string;
  rule?: string;
  context: string;
}

export interface Evaluation {
  types: TypeScore[];
  /** Texts with personal data classified `personal` or `sensitive`. */
  personalDetected: TextScore;
  /** Texts with an article-9 term or a NIR classified `sensitive` (reported, not a target). */
  sensitiveDetected: TextScore;
  /** Clean and look-alike texts together classified `public`. */
  cleanPublic: TextScore;
  /** Clean texts only, classified `public`. */
  cleanOnlyPublic: TextScore;
  /** Look-alike texts only, classified `public`. */
  lookalikePublic: TextScore;
  misses: Miss[];
  /** Ids of clean or look-alike texts that were not classified public. */
  flaggedCleanTexts: string[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

function textScore(total: number, right: number): TextScore {
  return { total, right, share: ratio(right, total) };
}

function contextOf(text: string, span: { start: number; end: number }): string {
  const from = Math.max(0, span.start - 30);
  const to = Math.min(text.length, span.end + 30);
  return `${from > 0 ? "…" : ""}${text.slice(from, to)}${to < text.length ? "…" : ""}`.replace(
    /\s+/g,
    " ",
  );
}

/** Runs `scan` over every text and scores the result against the labels. */
export function evaluate(texts: readonly LabelledText[], scan: Scan): Evaluation {
  const counts = new Map<
    EntityType,
    { expected: number; detected: number; tp: number; fp: number }
  >(ENTITY_TYPES.map((type) => [type, { expected: 0, detected: 0, tp: 0, fp: 0 }]));
  const misses: Miss[] = [];
  const byCategory: Record<Category, { total: number; right: number }> = {
    personal: { total: 0, right: 0 },
    clean: { total: 0, right: 0 },
    lookalike: { total: 0, right: 0 },
  };
  const sensitive = { total: 0, right: 0 };
  const flaggedCleanTexts: string[] = [];

  for (const item of texts) {
    const result = scan(item.text);
    const detected = result.entities;
    const expected: readonly Label[] = item.entities;

    for (const label of expected) {
      const count = counts.get(label.type);
      if (!count) continue;
      count.expected += 1;
      if (detected.some((d) => d.type === label.type && overlaps(d, label))) count.tp += 1;
      else {
        misses.push({
          id: item.id,
          kind: "FN",
          type: label.type,
          value: item.text.slice(label.start, label.end),
          context: contextOf(item.text, label),
        });
      }
    }
    for (const entity of detected) {
      const count = counts.get(entity.type);
      if (!count) continue;
      count.detected += 1;
      if (!expected.some((label) => label.type === entity.type && overlaps(label, entity))) {
        count.fp += 1;
        misses.push({
          id: item.id,
          kind: "FP",
          type: entity.type,
          value: item.text.slice(entity.start, entity.end),
          ...(entity.rule ? { rule: entity.rule } : {}),
          context: contextOf(item.text, entity),
        });
      }
    }

    const group = byCategory[item.category];
    group.total += 1;
    if (item.category === "personal") {
      if (result.dataClass !== "public") group.right += 1;
      if (expected.some((label) => label.type === "SENSITIVE" || label.type === "NIR")) {
        sensitive.total += 1;
        if (result.dataClass === "sensitive") sensitive.right += 1;
      }
    } else if (result.dataClass === "public") {
      group.right += 1;
    } else {
      flaggedCleanTexts.push(item.id);
    }
  }

  const types: TypeScore[] = ENTITY_TYPES.map((type) => {
    const { expected, detected, tp, fp } = counts.get(type) ?? {
      expected: 0,
      detected: 0,
      tp: 0,
      fp: 0,
    };
    return {
      type,
      expected,
      detected,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: expected - tp,
      precision: ratio(detected - fp, detected),
      recall: ratio(tp, expected),
    };
  });

  const { personal, clean, lookalike } = byCategory;
  return {
    types,
    personalDetected: textScore(personal.total, personal.right),
    sensitiveDetected: textScore(sensitive.total, sensitive.right),
    cleanPublic: textScore(clean.total + lookalike.total, clean.right + lookalike.right),
    cleanOnlyPublic: textScore(clean.total, clean.right),
    lookalikePublic: textScore(lookalike.total, lookalike.right),
    misses,
    flaggedCleanTexts,
  };
}

const fixed = (value: number) => value.toFixed(3);
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

/** The per-type and per-text scores as a plain-text table, French and English headers. */
export function formatEvaluation(evaluation: Evaluation): string {
  const header = [
    "type",
    "attendus/expected",
    "détectés/detected",
    "VP/TP",
    "FP",
    "FN",
    "précision/precision",
    "rappel/recall",
  ];
  const rows = evaluation.types.map((row) => [
    row.type,
    String(row.expected),
    String(row.detected),
    String(row.truePositives),
    String(row.falsePositives),
    String(row.falseNegatives),
    row.detected === 0 ? "—" : fixed(row.precision),
    row.expected === 0 ? "—" : fixed(row.recall),
  ]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ");
  const separator = widths.map((width) => "-".repeat(width)).join("  ");

  const text = (label: string, score: TextScore) =>
    `${label.padEnd(74)} ${String(score.right).padStart(4)} / ${String(score.total).padEnd(4)} ${percent(score.share).padStart(8)}`;

  return [
    "Entités / entities (VP = attendus trouvés / expected entities found)",
    line(header),
    separator,
    ...rows.map(line),
    "",
    "Textes / texts",
    text(
      "avec données personnelles classés non publics / personal texts flagged",
      evaluation.personalDetected,
    ),
    text(
      "avec art. 9 ou NIR classés sensibles / art. 9 or NIR texts sensitive",
      evaluation.sensitiveDetected,
    ),
    text("propres + sosies classés publics / clean + look-alike public", evaluation.cleanPublic),
    text("  dont propres / of which clean", evaluation.cleanOnlyPublic),
    text("  dont sosies / of which look-alike", evaluation.lookalikePublic),
  ].join("\n");
}

/** The first misses of each type and kind, for the log. */
export function formatMisses(evaluation: Evaluation, perGroup = 3): string {
  const groups = new Map<string, Miss[]>();
  for (const miss of evaluation.misses) {
    const key = `${miss.kind} ${miss.type}`;
    groups.set(key, [...(groups.get(key) ?? []), miss]);
  }
  const lines: string[] = [];
  for (const [key, misses] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${key} (${misses.length})`);
    for (const miss of misses.slice(0, perGroup)) {
      lines.push(
        `  ${miss.id}: «${miss.value}»${miss.rule ? ` [${miss.rule}]` : ""} — ${miss.context}`,
      );
    }
  }
  if (evaluation.flaggedCleanTexts.length > 0) {
    lines.push(
      `Textes propres signalés / clean texts flagged (${evaluation.flaggedCleanTexts.length}): ${evaluation.flaggedCleanTexts.join(", ")}`,
    );
  }
  return lines.join("\n");
}
