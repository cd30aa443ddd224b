import { t } from "../../i18n/index.js";
import { appError } from "../../shared/errors.js";
import {
  extractMinutes,
  minutesMarkdown,
  readTranscript,
  type SpeakerTurn,
  TranscriptRejected,
} from "../minutes/index.js";
import { lintPlainLanguage, type ReadabilityMeasures } from "../plain-language/index.js";
import { extractiveSummary } from "./summary.js";
import {
  parseTemplate,
  renderTemplate,
  TemplateOutputTooLong,
  type TemplateValues,
} from "./template.js";
import type { UseCase, UseCaseBaseline } from "./usecase.schema.js";
import { fieldValues } from "./values.js";
import { type BaselineWatch, watchBaseline } from "./watch-digest.js";

/** A passage the knowledge search found, as the search baseline lists it. */
export interface BaselinePassage {
  title: string;
  text: string;
  section?: string | null;
  page?: number | null;
  knowledgeBaseName?: string;
}

/** The knowledge search over the use case's bases (a port: the caller knows the bases and the reader). */
export type BaselineSearch = (query: string) => Promise<BaselinePassage[]>;

export interface BaselineInput {
  /** The form's values, one per field id (checked as `fieldValues` does). */
  values: unknown;
  /** Needed by a `search` baseline only (`usecase_search_needs_database` without it). */
  search?: BaselineSearch;
  /** Needed by a `watch` baseline only (`usecase_watch_needs_database` without it). */
  watch?: BaselineWatch;
}

type Kind<K extends UseCaseBaseline["kind"]> = Extract<UseCaseBaseline, { kind: K }>;

/**
 * The use case's sober result for the form's values, with no model, in
 * Markdown: the document assembled from the fields (`template`), the
 * plain-language lint, the minutes extracted by cues, the extractive summary,
 * the search results, the rule checklist filled with the request, or the
 * document watch's items that hold the topics' words.
 */
export async function runBaseline(useCase: UseCase, input: BaselineInput): Promise<string> {
  const values = fieldValues(useCase, input.values);
  const { baseline } = useCase;
  switch (baseline.kind) {
    case "template":
      return render(baseline.template, values);
    case "plain-language":
      return plainLanguage(baseline, values);
    case "minutes":
      return minutes(useCase, baseline, values, input.values as Record<string, unknown>);
    case "extractive-summary":
      return summary(useCase, baseline, values);
    case "search":
      return search(baseline, values, input.search);
    case "checklist":
      return checklist(baseline, values);
    case "watch":
      return watchBaseline(baseline, values, input.values as Record<string, unknown>, input.watch);
  }
}

/** The user prompt the model would receive for the form's values. */
export function buildPrompt(useCase: UseCase, input: unknown): string {
  return render(useCase.template, fieldValues(useCase, input));
}

function render(template: string, values: TemplateValues): string {
  try {
    return renderTemplate(parseTemplate(template), values);
  } catch (error) {
    if (error instanceof TemplateOutputTooLong) throw appError("usecase_output_too_long");
    throw error;
  }
}

const text = (values: TemplateValues, id: string | undefined): string | undefined => {
  const value = id === undefined ? undefined : values[id];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join("\n") : String(value);
};

const oneLine = (sentence: string, max = 160) => {
  const flat = sentence.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });

function plainLanguage(baseline: Kind<"plain-language">, values: TemplateValues): string {
  const original = text(values, baseline.field) ?? "";
  const lint = lintPlainLanguage(original);
  const lines = [`# ${t("usecase.baseline.plain.title")}`, ""];
  const audience = text(values, baseline.audience);
  if (audience)
    lines.push(t("usecase.baseline.plain.audience", { audience: oneLine(audience) }), "");
  lines.push(`> ${t("usecase.baseline.notice")}`, "");
  lines.push(`## ${t("usecase.baseline.plain.measures")}`, "");
  const column = (
    measures: ReadabilityMeasures | null,
    pick: (m: ReadabilityMeasures) => string,
  ) => (measures === null ? t("usecase.baseline.not_measured") : pick(measures));
  const ease = (m: ReadabilityMeasures) =>
    m.readingEase === null
      ? t("usecase.baseline.not_measured")
      : `${decimal.format(m.readingEase)} (${m.bandLabel})`;
  const rows: [string, (m: ReadabilityMeasures) => string][] = [
    [t("usecase.baseline.plain.reading_ease"), ease],
    [t("usecase.baseline.plain.words_per_sentence"), (m) => decimal.format(m.wordsPerSentence)],
    [t("usecase.baseline.plain.syllables_per_word"), (m) => decimal.format(m.syllablesPerWord)],
    [
      t("usecase.baseline.plain.long_sentences", {
        words: lint.measures.longSentenceWords,
      }),
      (m) => String(m.longSentences),
    ],
    [t("usecase.baseline.plain.passive_share"), (m) => percent.format(m.passiveShare)],
  ];
  lines.push(
    `| ${t("usecase.baseline.plain.column_measure")} | ${t("usecase.baseline.plain.column_before")} | ${t("usecase.baseline.plain.column_after")} |`,
    "| --- | --- | --- |",
  );
  for (const [name, pick] of rows)
    lines.push(
      `| ${name} | ${column(lint.measures, pick)} | ${column(lint.rewriteMeasures, pick)} |`,
    );
  lines.push("");
  const list = (heading: string, items: string[]) => {
    lines.push(`## ${heading}`, "");
    if (items.length === 0) lines.push(t("usecase.baseline.none"));
    for (const item of items) lines.push(`- ${item}`);
    lines.push("");
  };
  const seen = new Set<string>();
  list(
    t("usecase.baseline.plain.jargon"),
    lint.jargon.flatMap((finding) => {
      const key = finding.expression.toLowerCase();
      if (seen.has(key)) return [];
      seen.add(key);
      return [
        t("usecase.baseline.plain.jargon_item", {
          expression: finding.expression,
          plain: finding.plain,
        }),
      ];
    }),
  );
  const sentence = ({ start, end, words }: { start: number; end: number; words: number }) =>
    t("usecase.baseline.plain.sentence", { text: oneLine(original.slice(start, end)), words });
  list(t("usecase.baseline.plain.long"), lint.longSentences.map(sentence));
  list(t("usecase.baseline.plain.passive"), lint.passiveSentences.map(sentence));
  lines.push(`## ${t("usecase.baseline.plain.rewrite")}`, "");
  lines.push(`*${t("usecase.baseline.plain.rewrite_note")}*`, "", lint.rewrite.trim());
  return `${lines.join("\n")}\n`;
}

async function minutes(
  useCase: UseCase,
  baseline: Kind<"minutes">,
  values: TemplateValues,
  raw: Record<string, unknown>,
): Promise<string> {
  const turns: SpeakerTurn[] = [];
  let given = false;
  for (const id of [baseline.notes, baseline.transcript]) {
    const content = text(values, id);
    if (id === undefined || content === undefined) continue;
    given = true;
    const name = /^WEBVTT(?:[ \t\r\n]|$)/.test(content) ? "transcription.vtt" : "notes.txt";
    try {
      const transcript = await readTranscript(new TextEncoder().encode(content), name);
      turns.push(...transcript.turns);
    } catch (error) {
      if (!(error instanceof TranscriptRejected)) throw error;
      const field = useCase.fields.find((candidate) => candidate.id === id);
      throw appError("usecase_document_unreadable", {
        field: field?.label ?? id,
        reason: t(`minutes.rejected.${error.code}`),
      });
    }
  }
  if (!given) {
    const labels = [baseline.notes, baseline.transcript].flatMap((id) => {
      const field = useCase.fields.find((candidate) => candidate.id === id);
      return field ? [`« ${field.label} »`] : [];
    });
    throw appError("usecase_fields_missing", { fields: labels.join(" ou ") });
  }
  // The date as the form gave it (`YYYY-MM-DD`, already checked): deadlines are worked out from it.
  const date = baseline.date === undefined ? undefined : raw[baseline.date];
  const meetingDate = typeof date === "string" && date.trim() !== "" ? date.trim() : undefined;
  const extracted = extractMinutes(turns, meetingDate === undefined ? {} : { meetingDate });
  const listed = values[baseline.participants ?? ""];
  if (Array.isArray(listed)) {
    const known = new Set(extracted.participants.map((name) => name.toLowerCase()));
    const added = listed.filter((name) => !known.has(name.toLowerCase()));
    extracted.participants = [...added, ...extracted.participants];
  }
  const title = text(values, baseline.title);
  return minutesMarkdown(extracted, {
    ...(title !== undefined && { title: oneLine(title, 200) }),
    ...(meetingDate !== undefined && { meetingDate }),
  });
}

function summary(
  useCase: UseCase,
  baseline: Kind<"extractive-summary">,
  values: TemplateValues,
): string {
  const sources = baseline.fields.flatMap((id) => {
    const content = text(values, id);
    const field = useCase.fields.find((candidate) => candidate.id === id);
    return content === undefined ? [] : [{ name: field?.label ?? id, text: content }];
  });
  const kept = extractiveSummary(sources, baseline.sentences);
  const title = text(values, baseline.title);
  const lines = [
    `# ${t("usecase.baseline.summary.title")}${title ? ` — ${oneLine(title, 200)}` : ""}`,
    "",
    `> ${t("usecase.baseline.notice")}`,
    "",
    `*${t("usecase.baseline.summary.note", { count: kept.length })}*`,
    "",
  ];
  if (kept.length === 0) lines.push(t("usecase.baseline.none"), "");
  let current = -1;
  for (const sentence of kept) {
    if (sources.length > 1 && sentence.source !== current) {
      if (current >= 0) lines.push("");
      current = sentence.source;
      lines.push(`## ${sources[current]?.name ?? ""}`, "");
    }
    lines.push(`- ${sentence.text}`);
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

async function search(
  baseline: Kind<"search">,
  values: TemplateValues,
  port: BaselineSearch | undefined,
): Promise<string> {
  if (port === undefined) throw appError("usecase_search_needs_database");
  const question = text(values, baseline.question) ?? "";
  return searchResults(question, (await port(question)).slice(0, baseline.limit));
}

/** The passages a search found for a question, as a `search` baseline lists them. */
export function searchResults(question: string, passages: readonly BaselinePassage[]): string {
  const lines = [
    `# ${t("usecase.baseline.search.title")}`,
    "",
    `> ${t("usecase.baseline.notice")}`,
    "",
    t("usecase.baseline.search.question", { question: oneLine(question, 500) }),
    "",
  ];
  if (passages.length === 0) lines.push(t("usecase.baseline.search.empty"));
  else lines.push(`## ${t("usecase.baseline.search.sources")}`, "");
  passages.forEach((passage, index) => {
    const where = [
      passage.section,
      passage.page ? t("usecase.baseline.search.page", { page: passage.page }) : "",
      passage.knowledgeBaseName
        ? t("usecase.baseline.search.base", { base: passage.knowledgeBaseName })
        : "",
    ].filter(Boolean);
    lines.push(
      `${index + 1}. **${oneLine(passage.title, 200)}**${where.length > 0 ? ` (${where.join(", ")})` : ""}`,
      `   > ${oneLine(passage.text, 400)}`,
      "",
    );
  });
  return `${lines.join("\n").trimEnd()}\n`;
}

function checklist(baseline: Kind<"checklist">, values: TemplateValues): string {
  const lines = [
    render(baseline.template, values).trimEnd(),
    "",
    `> ${t("usecase.baseline.notice")}`,
    "",
    `# ${t("usecase.baseline.checklist.title")}`,
  ];
  let section = "";
  for (const rule of baseline.rules) {
    if (rule.section !== section) {
      section = rule.section;
      lines.push("", `## ${section}`, "");
    }
    let state = "";
    if (rule.field !== undefined) {
      const value = text(values, rule.field);
      const items = Array.isArray(values[rule.field])
        ? (values[rule.field] as string[])
        : value === undefined
          ? []
          : [value];
      if (rule.expect !== undefined) {
        const wanted = fold(rule.expect);
        const found = items.find((item) => fold(item).includes(wanted));
        state =
          found === undefined
            ? t("usecase.baseline.checklist.not_declared")
            : t("usecase.baseline.checklist.declared", { value: `« ${oneLine(found)} »` });
      } else {
        state =
          value === undefined
            ? t("usecase.baseline.checklist.missing")
            : t("usecase.baseline.checklist.value", { value: `« ${oneLine(items.join(" ; "))} »` });
      }
    }
    lines.push(`- [ ] ${rule.label}${state ? ` — ${state}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

const fold = (value: string) =>
  value.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’']/g, "'").toLowerCase();
