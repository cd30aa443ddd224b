import { t } from "../i18n/index.js";
import type { Grounding, GroundingPassage, TurnCitation, TurnOutput } from "../pipeline/index.js";
import { analyseQuery } from "./analysis/index.js";
import { sentences } from "./chunker.js";

export type Citation = TurnCitation;

/** An answer as the API gives it: the generated output and how well the question was covered. */
export type Answer = TurnOutput & { confidence: number };

/**
 * Below this share of the question covered by the best passage, Beffroi says
 * it found nothing rather than quote something beside the point. Calibrated on
 * the demo base's answerable and unanswerable questions (see
 * docs/benchmarks.md, "Abstention").
 */
export const ABSTENTION_THRESHOLD = 0.4;

/** Passages quoted in an extractive answer, at most. */
const MAX_QUOTES = 3;
/** Words quoted from one passage, about. */
const QUOTE_WORDS = 90;

export const citationOf = (hit: GroundingPassage, number: number): Citation => ({
  number,
  passageId: hit.passageId,
  documentId: hit.documentId,
  knowledgeBaseId: hit.knowledgeBaseId,
  knowledgeBaseName: hit.knowledgeBaseName,
  fileName: hit.fileName,
  title: hit.title,
  section: hit.section,
  page: hit.page,
  url: `/api/passages/${hit.passageId}`,
});

/** The passage's sentences that share most with the question, in their order, up to about QUOTE_WORDS words. */
export function bestExcerpt(text: string, question: string): string {
  const wanted = new Set(analyseQuery(question));
  const all = text.split(/\n+/).flatMap((line) => sentences(line));
  const scored = all.map((sentence, index) => ({
    index,
    sentence,
    score: analyseQuery(sentence).filter((term) => wanted.has(term)).length,
    words: sentence.split(/\s+/).length,
  }));
  const chosen = new Set<number>();
  let words = 0;
  for (const item of [...scored].sort((a, b) => b.score - a.score || a.index - b.index)) {
    if (words > 0 && words + item.words > QUOTE_WORDS) continue;
    chosen.add(item.index);
    words += item.words;
    if (words >= QUOTE_WORDS) break;
  }
  const picked = scored.filter((item) => chosen.has(item.index));
  const parts: string[] = [];
  let last = -1;
  for (const item of picked) {
    if (last >= 0 && item.index !== last + 1) parts.push("[…]");
    parts.push(item.sentence);
    last = item.index;
  }
  return parts.join(" ");
}

const place = (citation: Citation) =>
  [
    citation.title,
    citation.section || null,
    citation.page ? `p. ${citation.page}` : null,
    citation.fileName,
  ]
    .filter(Boolean)
    .join(" — ");

/**
 * The answer without a language model: the most relevant passages, quoted,
 * each with a numbered citation; or a plain "nothing found" when grounding
 * abstained.
 */
export function extractiveAnswer(question: string, grounding: Grounding | undefined): TurnOutput {
  const top = grounding?.passages[0];
  if (!grounding || !top || grounding.abstained) {
    const message =
      grounding?.knowledgeBaseIds.length === 0
        ? "knowledge.answer.no_base"
        : "knowledge.answer.abstain";
    return { text: t(message), abstained: true, mode: "extractive", citations: [] };
  }
  const seen = new Set<string>();
  const quoted = grounding.passages
    .filter((hit) => {
      if (hit.score < top.score * 0.5 || seen.has(hit.documentId)) return false;
      seen.add(hit.documentId);
      return true;
    })
    .slice(0, MAX_QUOTES);
  const citations = quoted.map((hit, index) => citationOf(hit, index + 1));
  const quotes = quoted.map(
    (hit, index) => `« ${bestExcerpt(hit.text, question)} » [${index + 1}]`,
  );
  const sources = citations.map((citation) => `[${citation.number}] ${place(citation)}`);
  const text = [
    t("knowledge.answer.intro"),
    ...quotes,
    `${t("knowledge.answer.sources")}\n${sources.join("\n")}`,
  ].join("\n\n");
  return { text, abstained: false, mode: "extractive", citations };
}
