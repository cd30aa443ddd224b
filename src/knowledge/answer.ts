import { t } from "../i18n/index.js";
import type { Grounding, GroundingPassage, TurnCitation, TurnOutput } from "../pipeline/index.js";
import { answerExcerpts, quoteText } from "./extract.js";

export type Citation = TurnCitation;

/** An answer as the API gives it: the generated output and how well the question was covered. */
export type Answer = TurnOutput & { confidence: number };

/**
 * Below this share of the question covered by the best passage, Beffroi says
 * it found nothing rather than quote something beside the point. Calibrated on
 * the demo base's answerable and unanswerable questions, those written with
 * the base and those written blind (see docs/benchmarks.md, "Abstention").
 */
export const ABSTENTION_THRESHOLD = 0.6;

/** Passages quoted in an extractive answer, at most. */
const MAX_QUOTES = 3;
/** Words quoted from a passage found by meaning alone, about. */
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

/** The first words of a passage, when none of its sentences holds a word of the question. */
function opening(text: string): string {
  const words = text.split(/\s+/);
  return words.length <= QUOTE_WORDS ? text : `${words.slice(0, QUOTE_WORDS).join(" ")} […]`;
}

/** Where a citation's passage is: title, section, page, file. */
export const citationPlace = (citation: Citation): string =>
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
  // Nothing searched (an assistant without bases, or whose grounding is off): no passage to quote.
  if (!grounding) {
    return {
      text: t("knowledge.answer.not_searched"),
      abstained: true,
      mode: "extractive",
      citations: [],
    };
  }
  const top = grounding.passages[0];
  if (!top || grounding.abstained) {
    const message =
      grounding.knowledgeBaseIds.length === 0
        ? "knowledge.answer.no_base"
        : "knowledge.answer.abstain";
    return { text: t(message), abstained: true, mode: "extractive", citations: [] };
  }
  const excerpts = answerExcerpts(question, grounding.passages, MAX_QUOTES);
  // Found by meaning alone (no word of the question in any sentence): the best passage's opening.
  const quoted =
    excerpts.length > 0
      ? excerpts.map((excerpt) => ({ hit: excerpt.passage, text: quoteText(excerpt.lines) }))
      : [{ hit: top, text: opening(top.text) }];
  const citations = quoted.map(({ hit }, index) => citationOf(hit, index + 1));
  const quotes = quoted.map(({ text }, index) => `« ${text} » [${index + 1}]`);
  // The sources are the citations, which every reader shows once (the page, the export, the
  // CLI, /v1's `beffroi.citations`): a list in the text as well would show them twice.
  const text = [t("knowledge.answer.intro"), ...quotes].join("\n\n");
  return { text, abstained: false, mode: "extractive", citations };
}
