import { t } from "../../i18n/index.js";
import type { Stage, StageContext } from "../pipeline.js";
import type { Grounding, GroundingPassage, Turn, TurnAttachment } from "../turn.js";

/** Where findings in attached documents are placed (`PersonalDataSpan.message`). */
export const ATTACHMENTS_POSITION = -3;

/**
 * What the guard scans of an attached document, as one text so that a name
 * found once is found again further on: its file name (the model reads it as
 * the passages' title), then each passage's heading and text.
 */
export function attachmentText(attachment: TurnAttachment): string {
  return [
    attachment.fileName,
    ...attachment.passages.map((passage) =>
      passage.section ? `${passage.section}\n${passage.text}` : passage.text,
    ),
  ].join("\n\n");
}

/** What the stage needs of the model registry. */
export interface AttachmentsPorts {
  /** A model by ref (`PROVIDER/MODEL`), with its context length in tokens; null when unknown. */
  resolveModel: (ref: string) => Promise<{ model: { contextLength: number } } | null>;
  /** Tokens a text takes, as the providers estimate them. */
  estimateTokens: (text: string) => number;
}

/** Tokens of the prompt besides the messages and the passages: the rules for sources, the framing. */
const PROMPT_OVERHEAD = 400;
/** Tokens of a passage's header in the sources block: its number, title, section and page. */
const PASSAGE_OVERHEAD = 16;
/** Tokens kept for the answer when the caller sets no maximum, at most (a quarter of a small context). */
const ANSWER_RESERVE = 2_048;
/** The estimate reads four characters a token; French text often takes a little more. */
const MARGIN = 0.9;
/** Passages of the knowledge bases shown after the attached documents, at most. */
const BASE_PASSAGES = 3;
/** A base passage's relevance, scaled below the attached documents' best. */
const BASE_WEIGHT = 0.9;

interface Entry {
  attachment: TurnAttachment;
  /** The attachment's place in the turn (this message's documents first). */
  rank: number;
  ordinal: number;
  passage: TurnAttachment["passages"][number];
}

/** What the model is shown: the grounding, and how many of the attached passages it holds. */
export interface AttachmentsFit {
  grounding: Grounding;
  shown: number;
  total: number;
}

/**
 * The turn's sources with its attached documents: their passages first, then
 * at most BASE_PASSAGES of the bases' (when retrieval did not abstain). With
 * a budget (tokens), the attached passages are taken by relevance to the
 * question while they fit, then shown in reading order (each document as it
 * is written, this message's first), so that "résume ce document" reads the
 * whole document when it fits and its most relevant parts when it does not.
 * Without one (no model: the extractive answer), every passage, by relevance.
 * Scores are put on one scale, the attached documents' best at 1.
 */
export function fitAttachments(
  turn: Turn,
  budget: number | null,
  estimateTokens: (text: string) => number,
): AttachmentsFit {
  const entries: Entry[] = (turn.input.attachments ?? []).flatMap((attachment, rank) =>
    attachment.passages.map((passage, ordinal) => ({ attachment, rank, ordinal, passage })),
  );
  const best = entries.reduce((top, entry) => Math.max(top, entry.passage.score), 0);
  const ranked = [...entries].sort(
    (a, b) => b.passage.score - a.passage.score || a.rank - b.rank || a.ordinal - b.ordinal,
  );
  const base = turn.grounding;
  const baseFound = base && !base.abstained ? base.passages : [];
  const baseBest = baseFound.reduce((top, passage) => Math.max(top, passage.score), 0);
  const basePassages = baseFound.map((passage) => ({
    ...passage,
    score: baseBest > 0 ? (BASE_WEIGHT * passage.score) / baseBest : 0,
  }));
  const cost = (text: string, section: string) =>
    estimateTokens(text) + estimateTokens(section) + PASSAGE_OVERHEAD;
  let shown: Entry[];
  let bases: GroundingPassage[];
  if (budget === null) {
    shown = ranked;
    bases = basePassages;
  } else {
    let left = budget;
    const kept = new Set<Entry>();
    for (const entry of ranked) {
      const needed = cost(entry.passage.text, entry.passage.section);
      if (needed > left) continue;
      kept.add(entry);
      left -= needed;
    }
    // `entries` is in reading order: the message's documents first, each from its start.
    shown = entries.filter((entry) => kept.has(entry));
    bases = [];
    for (const passage of basePassages.slice(0, BASE_PASSAGES)) {
      const needed = cost(passage.text, passage.section);
      if (needed > left) continue;
      bases.push(passage);
      left -= needed;
    }
  }
  const source = t("attachments.source");
  const passages: GroundingPassage[] = [
    ...shown.map(({ attachment, passage }) => ({
      passageId: passage.id,
      documentId: attachment.id,
      knowledgeBaseId: "",
      knowledgeBaseName: source,
      fileName: attachment.fileName,
      title: attachment.fileName,
      section: passage.section,
      page: passage.page,
      text: passage.text,
      score: best > 0 ? passage.score / best : 1,
    })),
    ...bases,
  ];
  return {
    grounding: {
      ...(base ?? { knowledgeBaseIds: [], confidence: 0 }),
      passages,
      abstained: false,
      ungrounded: false,
      fitted: true,
    },
    shown: shown.length,
    total: entries.length,
  };
}

/** Tokens left for the passages in the context of the model a turn goes to first. */
async function budgetOf(turn: Turn, ports: AttachmentsPorts) {
  const first = turn.route?.candidates[0];
  if (!first) return null;
  const context = (await ports.resolveModel(first.ref))?.model.contextLength;
  if (context === undefined) return null;
  const reserve = turn.input.maxTokens ?? Math.min(ANSWER_RESERVE, Math.floor(context / 4));
  const used = turn.input.messages.reduce(
    (sum, message) => sum + ports.estimateTokens(message.content),
    PROMPT_OVERHEAD + ports.estimateTokens(turn.assistant?.instructions ?? ""),
  );
  return {
    model: first.ref,
    context,
    tokens: Math.max(0, Math.floor((context - reserve - used) * MARGIN)),
  };
}

/**
 * The attached documents as the turn's sources, at the generate step: once
 * the route stage has chosen the model, so that they are cut to what its
 * context holds (said in a decision when parts were left out), and after the
 * guard stage scanned them as it scans the messages (their personal data set
 * the turn's class, and is pseudonymised like the rest on the way to a
 * model). `generate` is the generate stage this one wraps.
 */
export function attachmentsStage(generate: Stage, ports: AttachmentsPorts): Stage {
  return async (turn, context) => {
    const attachments = turn.input.attachments ?? [];
    if (attachments.length > 0) await groundOnAttachments(turn, context.decide, ports);
    await generate(turn, context);
  };
}

async function groundOnAttachments(
  turn: Turn,
  decide: StageContext["decide"],
  ports: AttachmentsPorts,
): Promise<void> {
  const budget = await budgetOf(turn, ports);
  const fit = fitAttachments(turn, budget?.tokens ?? null, ports.estimateTokens);
  turn.grounding = fit.grounding;
  if (budget && fit.shown < fit.total) {
    decide(
      "attachments.cut",
      "note",
      t("attachments.cut", {
        model: budget.model,
        context: budget.context,
        shown: fit.shown,
        total: fit.total,
      }),
    );
  } else {
    decide(
      "attachments.grounded",
      "allow",
      t("attachments.grounded", {
        passages: fit.shown,
        files: turn.input.attachments?.length ?? 0,
      }),
    );
  }
}
