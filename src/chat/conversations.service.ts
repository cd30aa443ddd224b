import type { AssistantsService } from "../assistants/index.js";
import { countTypes } from "../guard/index.js";
import { hasMessage, t } from "../i18n/index.js";
import type { Principal } from "../identity/index.js";
import {
  ATTACHMENTS_POSITION,
  type ChatMessage,
  publicDecisions,
  type Turn,
} from "../pipeline/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { appError } from "../shared/errors.js";
import { type ConversationTable, type MessageTable, searchWords } from "../store/index.js";
import {
  type AttachmentMention,
  type AttachmentsService,
  attachmentCitations,
} from "./attachments.service.js";
import {
  ASSISTANT_PREFIX,
  type AssistantModel,
  type ChatRequest,
  type ChatService,
} from "./chat.service.js";
import { conversationMarkdown } from "./conversation-export.js";
import type { ConversationsRepository } from "./conversations.repository.js";
import { type DraftPreview, draftPreview } from "./draft-preview.js";
import { MessageVersions } from "./message-versions.js";
import { type ExcerptPart, searchExcerpt } from "./search-excerpt.js";

/** Messages of the conversation sent again to the model, at most. */
const HISTORY = 20;

export interface ConversationMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  createdAt: string;
  /** For an answer: mode, citations, model, decisions, usage; for a refusal, `denied`. */
  metadata: Record<string, unknown>;
  /** Who validated this AI-assisted answer, and when (null until an agent does). */
  validatedBy: string | null;
  validatedAt: string | null;
  /** The message it follows (an answer's question); null for the first. */
  parentId: string | null;
  /** Its versions (regenerated answers, edited questions), itself included, oldest first. */
  versions: string[];
}

/** What a message's turn may be given besides its text. */
export interface TurnOptions {
  sink?: Turn["sink"];
  signal?: AbortSignal;
  /** A generated answer, even where the charter offers the cited passages first. */
  generate?: boolean;
  /** One of the conversation's assistant's models, for this message only (else the router chooses). */
  model?: string | undefined;
  /** A use case's run (`ChatRequest.useCase`): its assistant stands in for the conversation's. */
  useCase?: ChatRequest["useCase"];
}

/** An assistant as the page offers it for a new conversation: what it is for, which models. */
export interface AssistantChoice {
  id: string;
  name: string;
  description: string;
  category: string;
  isDefault: boolean;
  requiresValidation: boolean;
  models: AssistantModel[];
}

export interface Conversation {
  id: string;
  title: string;
  assistantId: string | null;
  createdAt: string;
  updatedAt: string;
  /** When the agent pinned it (listed first), or null. */
  pinnedAt: string | null;
  /** When the agent archived it (out of the main list), or null. */
  archivedAt: string | null;
}

const present = (row: {
  id: string;
  title: string;
  assistant_id: string | null;
  created_at: string;
  updated_at: string;
  pinned_at?: string | null | undefined;
  archived_at?: string | null | undefined;
}): Conversation => ({
  id: row.id,
  title: row.title,
  assistantId: row.assistant_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  pinnedAt: row.pinned_at ?? null,
  archivedAt: row.archived_at ?? null,
});

/** Words of a search, at most: each one narrows it, and each costs the indexes a lookup. */
export const MAX_SEARCH_WORDS = 10;

/** A conversation a search found, and where in its latest matching message (none: its title matched). */
export interface SearchResult {
  conversation: Conversation;
  excerpt: ExcerptPart[] | null;
}

const presentMessage = (
  row: MessageTable,
  versions: MessageVersions<MessageTable>,
): ConversationMessage => ({
  id: row.id,
  role: row.role as ConversationMessage["role"],
  content: row.content,
  createdAt: row.created_at,
  metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  validatedBy: row.validated_by ?? null,
  validatedAt: row.validated_at ?? null,
  parentId: row.parent_id ?? null,
  versions: versions.versionsOf(row).map((version) => version.id),
});

/** Refused turns are not sent again: neither their refusal nor the question the agent got back. */
const counts = (row: MessageTable) => {
  const metadata = JSON.parse(row.metadata) as { denied?: boolean; refused?: boolean };
  return !metadata.denied && !metadata.refused;
};

/**
 * The message holding the documents a question was sent with: itself, or,
 * for an edited question, the first version (documents stay with the
 * message they were sent with; its later versions read them from there).
 */
const documentsOf = (row: MessageTable): string =>
  (JSON.parse(row.metadata) as { documentsOf?: string }).documentsOf ?? row.id;

/** The most minutes an agent may say an answer saved them (a working day). */
export const MAX_MINUTES_SAVED = 480;

/**
 * What the data guard did for a turn, as the page shows it under the answer:
 * the types of personal data found in the messages and in the passages
 * retrieved (counts, never values), and how many
 * values were replaced by pseudonyms before a model saw them (then restored
 * in its answer).
 */
export function guardSummary(turn: Turn): {
  detected: { type: string; label: string; count: number }[];
  inPassages: { type: string; label: string; count: number }[];
  pseudonymised: number;
} {
  const spans = turn.personalData ?? [];
  const pseudonymised =
    turn.output?.mode === "model" && turn.output.model?.pseudonymise
      ? (turn.pseudonyms?.replaced ?? 0)
      : 0;
  // What the agent sent (messages and the documents attached to them), apart from the bases' passages.
  const sent = (span: { message: number }) =>
    span.message >= 0 || span.message === ATTACHMENTS_POSITION;
  return {
    detected: countTypes(spans.filter(sent)),
    inPassages: countTypes(spans.filter((span) => !sent(span))),
    pseudonymised,
  };
}

/**
 * A message with what the guard found replaced by its kind ("[personne]",
 * "[donnée sensible]"), and where each replacement now stands.
 */
export function maskFound(
  content: string,
  spans: readonly { type: string; start: number; end: number }[],
): { text: string; marks: { type: string; start: number; end: number }[] } {
  let text = "";
  let at = 0;
  const marks: { type: string; start: number; end: number }[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    const key = `guard.short.${span.type}`;
    text += content.slice(at, span.start);
    const mark = `[${hasMessage(key) ? t(key) : "donnée"}]`;
    marks.push({ type: span.type, start: text.length, end: text.length + mark.length });
    text += mark;
    at = span.end;
  }
  return { text: text + content.slice(at), marks };
}

/** A message with what the guard found replaced by its kind, on one line: a conversation's title. */
export function maskedTitle(
  content: string,
  spans: readonly { type: string; start: number; end: number }[],
): string {
  return maskFound(content, spans).text.replace(/\s+/g, " ").trim();
}

/**
 * How much of the attached documents the answer was written from: every
 * passage, or (`cut`) the most relevant ones that the model's context held.
 */
function attachedSummary(turn: Turn): Record<string, unknown> {
  const attached = turn.input.attachments ?? [];
  if (attached.length === 0) return {};
  const ids = new Set(attached.map((attachment) => attachment.id));
  return {
    attachedDocuments: {
      files: attached.length,
      passages: attached.reduce((sum, attachment) => sum + attachment.passages.length, 0),
      shown: (turn.grounding?.passages ?? []).filter((passage) => ids.has(passage.documentId))
        .length,
      cut: turn.decisions.some((decision) => decision.rule === "attachments.cut"),
    },
  };
}

/**
 * The documents sent with a message, as it keeps them (the first of the
 * turn's attachments): with a refused one, without their ids (they are
 * deleted) and their names masked where the guard found something, as the
 * message is.
 */
function mentions(
  turn: Turn,
  attached: readonly AttachmentMention[],
  refused: boolean,
): AttachmentMention[] {
  if (!refused) return [...attached];
  return attached.map(({ fileName, sizeBytes }, index) => {
    const inName = (turn.personalData ?? []).filter(
      (span) => span.attachment === index && span.end <= fileName.length,
    );
    return { fileName: maskFound(fileName, inName).text, sizeBytes };
  });
}

export function answerMetadata(turn: Turn): Record<string, unknown> {
  const decisions = publicDecisions(turn);
  const ruled = (rule: string) => turn.decisions.some((decision) => decision.rule === rule);
  if (turn.status !== "completed" || !turn.output) {
    const denial = [...turn.decisions].reverse().find((d) => d.outcome === "deny");
    const last = turn.input.messages.length - 1;
    return {
      denied: true,
      reason: denial?.reason ?? "",
      /** Which rule refused it (`charter.quota`, `route.blocked`…), for the page to say what to do. */
      rule: denial?.rule ?? null,
      decisions,
      /** Where the refused message holds the data the charter keeps from the models (the page highlights it). */
      ...(denial?.rule === "route.blocked" && {
        personalData: (turn.personalData ?? [])
          .filter((span) => span.message === last)
          .map(({ type, start, end }) => ({ type, start, end })),
      }),
    };
  }
  return {
    turnId: turn.id,
    mode: turn.output.mode,
    abstained: turn.output.abstained,
    citations: turn.output.citations,
    model: turn.output.model ?? null,
    usage: turn.output.usage ?? null,
    impact: turn.impact ?? null,
    requiresValidation: turn.assistant?.requiresValidation ?? true,
    ...((turn.assistant?.requiresValidation ?? true) && {
      validationLabel: turn.charter?.validationLabel ?? null,
    }),
    guard: guardSummary(turn),
    ...attachedSummary(turn),
    /** No model answered (all failed): the cited passages stand in. */
    fallback: turn.output.mode === "extractive" && ruled("generate.fallback"),
    /** The charter's sobriety gave the passages first; the agent may ask for a generated answer. */
    passagesFirst: ruled("route.passages-first"),
    /** A quota the charter degrades was reached: passages only. */
    quotaDegraded: ruled("route.quota-degraded"),
    decisions,
  };
}

/**
 * Agents' conversations: each belongs to its user alone (another user's is
 * "not found"); a message walks the pipeline with the conversation's recent
 * history, and the question and its answer (or its refusal) are stored.
 */
export class ConversationsService {
  constructor(
    private readonly deps: {
      conversations: ConversationsRepository;
      assistants: AssistantsService;
      chat: ChatService;
      clock: Clock;
      ids: Ids;
      /** Keeps the agent's opinion of an answer, and the minutes it saved them, with its turn's usage record. */
      feedback?: (turnId: string, rating: "up" | "down", minutesSaved?: number) => Promise<void>;
      /** Counts a validated answer in the usage journal (its turn's record). */
      validated?: (turnId: string) => Promise<void>;
      /** The charter's notice that the agent is talking to an AI (AI Act, art. 50). */
      disclosure?: () => Promise<string>;
      /** Origins whose links and images an exported answer may keep. */
      allowedOrigins?: ReadonlySet<string>;
      /** Documents attached to the messages. */
      attachments?: AttachmentsService;
      /** A use case's turn assistant: a conversation a run opened goes on with its instructions. */
      useCaseTurn?: (useCaseId: string) => Promise<ChatRequest["useCase"]>;
    },
  ) {}

  /** The agent's conversations, pinned first; the archived ones apart. */
  async list(principal: Principal, archived = false): Promise<Conversation[]> {
    return (await this.deps.conversations.listForUser(principal.userId, archived)).map(present);
  }

  /**
   * The agent's own conversations holding every word of `query` in their
   * title or messages (accents and case aside), archived ones included, the
   * latest updated first, each with an excerpt of its latest matching
   * message; `more` when there are others past `limit`, or may be (words
   * so common that the indexes' lookups stopped at their bound).
   */
  async search(
    principal: Principal,
    query: string,
    limit: number,
  ): Promise<{ results: SearchResult[]; more: boolean }> {
    const words = searchWords(query);
    if (words.length === 0) throw appError("conversation_search_empty");
    if (words.length > MAX_SEARCH_WORDS)
      throw appError("conversation_search_too_many_words", { max: MAX_SEARCH_WORDS });
    const { hits, complete } = await this.deps.conversations.search(
      principal.userId,
      words,
      limit + 1,
    );
    return {
      results: hits.slice(0, limit).map(({ conversation, message }) => ({
        conversation: present(conversation),
        excerpt: message ? searchExcerpt(message.content, words) : null,
      })),
      more: hits.length > limit || !complete,
    };
  }

  /** Pins the conversation (listed first) or unpins it; its last activity, hence its retention, is unchanged. */
  async pin(principal: Principal, id: string, pinned: boolean): Promise<Conversation> {
    const row = await this.owned(principal, id);
    // Pinning again keeps the first instant.
    if (pinned !== Boolean(row.pinned_at))
      await this.deps.conversations.setPinned(
        id,
        pinned ? this.deps.clock.now().toISOString() : null,
      );
    return present(await this.owned(principal, id));
  }

  /** Archives the conversation (out of the main list) or restores it; retention applies as before. */
  async archive(principal: Principal, id: string, archived: boolean): Promise<Conversation> {
    const row = await this.owned(principal, id);
    if (archived !== Boolean(row.archived_at))
      await this.deps.conversations.setArchived(
        id,
        archived ? this.deps.clock.now().toISOString() : null,
      );
    return present(await this.owned(principal, id));
  }

  async create(
    principal: Principal,
    input: {
      assistantId?: string | undefined;
      title?: string | undefined;
      /** The use case whose run opens it. */
      useCaseId?: string | undefined;
    },
  ): Promise<Conversation> {
    const assistant = input.assistantId
      ? await this.deps.assistants.get(input.assistantId)
      : await this.deps.assistants.defaultAssistant();
    const now = this.deps.clock.now().toISOString();
    const id = this.deps.ids.id();
    await this.deps.conversations.insert({
      id,
      user_id: principal.userId,
      assistant_id: assistant.id,
      title: input.title?.trim() || "Nouvelle conversation",
      ...(input.useCaseId && { use_case_id: input.useCaseId }),
      created_at: now,
      updated_at: now,
    });
    return this.get(principal, id);
  }

  /** A conversation, with the notice shown at its start. */
  async get(
    principal: Principal,
    id: string,
  ): Promise<Conversation & { disclosure: string | null }> {
    return {
      ...present(await this.owned(principal, id)),
      disclosure: (await this.deps.disclosure?.()) ?? null,
    };
  }

  /** The conversation as it goes on: at each step, the version shown (see `MessageVersions`). */
  async messages(principal: Principal, id: string): Promise<ConversationMessage[]> {
    await this.owned(principal, id);
    const versions = await this.versions(id);
    return versions.path().map((row) => presentMessage(row, versions));
  }

  /**
   * Shows another version of a message (an earlier answer, the question
   * before an edit): the conversation goes on from it, and the next turn
   * sends it, not the version it replaces, to the model.
   */
  async showVersion(
    principal: Principal,
    id: string,
    messageId: string,
  ): Promise<ConversationMessage[]> {
    await this.owned(principal, id);
    const versions = await this.versions(id);
    if (!versions.get(messageId)) throw appError("message_not_found");
    const hidden = versions.lineage(messageId).filter((row) => !versions.isShown(row));
    await this.deps.conversations.show(id, hidden, this.deps.clock.now().toISOString());
    return this.messages(principal, id);
  }

  /**
   * Records that the agent reviewed an AI-assisted answer (who, when): the
   * evidence the charter's human validation asks for. Validating twice keeps
   * the first record.
   */
  async validate(
    principal: Principal,
    id: string,
    messageId: string,
  ): Promise<ConversationMessage> {
    await this.owned(principal, id);
    const message = (await this.versions(id)).get(messageId);
    if (!message) throw appError("message_not_found");
    const metadata = JSON.parse(message.metadata) as { denied?: boolean; turnId?: string };
    if (message.role !== "assistant" || metadata.denied) throw appError("message_not_validatable");
    if (!message.validated_at) {
      await this.deps.conversations.validate(
        messageId,
        principal.userId,
        this.deps.clock.now().toISOString(),
      );
      if (metadata.turnId) await this.deps.validated?.(metadata.turnId);
    }
    const versions = await this.versions(id);
    return presentMessage(versions.get(messageId) ?? message, versions);
  }

  /**
   * The agent's opinion of an answer (up or down), and the minutes it saved
   * them if they say so: shown with it; both are kept in the usage journal
   * (a rating without minutes clears earlier ones).
   */
  async rate(
    principal: Principal,
    id: string,
    messageId: string,
    rating: "up" | "down",
    minutesSaved?: number,
  ): Promise<ConversationMessage> {
    await this.owned(principal, id);
    const versions = await this.versions(id);
    const message = versions.get(messageId);
    if (!message) throw appError("message_not_found");
    const metadata = JSON.parse(message.metadata) as {
      turnId?: string;
      denied?: boolean;
      minutesSaved?: number;
    };
    if (message.role !== "assistant" || !metadata.turnId) throw appError("message_not_rateable");
    const { minutesSaved: _previous, ...rest } = metadata;
    const updated = JSON.stringify({
      ...rest,
      feedback: rating,
      ...(minutesSaved !== undefined && { minutesSaved }),
    });
    await this.deps.conversations.setMetadata(messageId, updated);
    await this.deps.feedback?.(metadata.turnId, rating, minutesSaved);
    return presentMessage({ ...message, metadata: updated }, versions);
  }

  /** The assistants an agent may open a conversation with, each with the models it may use. */
  async assistants(): Promise<AssistantChoice[]> {
    const assistants = [...(await this.deps.assistants.list())];
    if (!assistants.some((assistant) => assistant.isDefault)) {
      assistants.unshift(await this.deps.assistants.defaultAssistant());
    }
    return Promise.all(
      assistants
        .filter((assistant) => assistant.audience === "agents")
        .map(async (assistant) => ({
          id: assistant.id,
          name: assistant.name,
          description: assistant.description,
          category: assistant.category,
          isDefault: assistant.isDefault,
          requiresValidation: assistant.requiresValidation,
          models: await this.deps.chat.modelsOf(assistant),
        })),
    );
  }

  /**
   * The conversation in Markdown, answers sanitised on the way out, and its
   * title (the file's name): as it goes on, then its earlier versions, each
   * with what followed it.
   */
  async exportMarkdown(
    principal: Principal,
    id: string,
  ): Promise<{ title: string; markdown: string }> {
    const conversation = await this.owned(principal, id);
    const versions = await this.versions(id);
    const present = (row: MessageTable) => presentMessage(row, versions);
    const markdown = conversationMarkdown(
      conversation.title,
      versions.path().map(present),
      this.deps.allowedOrigins ?? new Set(),
      versions.branches().map((branch) => ({ ...branch, messages: branch.messages.map(present) })),
    );
    return { title: conversation.title, markdown };
  }

  /**
   * Renames a conversation, or gives it another assistant (one an agent may
   * choose): its next messages go to that assistant, with the conversation
   * so far as history.
   */
  async update(
    principal: Principal,
    id: string,
    changes: { title?: string | undefined; assistantId?: string | undefined },
  ): Promise<Conversation & { disclosure: string | null }> {
    await this.owned(principal, id);
    const now = this.deps.clock.now().toISOString();
    if (changes.assistantId !== undefined) {
      const assistant = await this.deps.assistants.get(changes.assistantId);
      if (assistant.audience !== "agents") throw appError("assistant_not_found");
      await this.deps.conversations.setAssistant(id, assistant.id, now);
    }
    if (changes.title !== undefined) {
      await this.deps.conversations.rename(id, changes.title.trim(), now);
    }
    return this.get(principal, id);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.owned(principal, id);
    await this.deps.conversations.delete(id);
  }

  /**
   * What sending `content` would do, before it is sent: in an open
   * conversation, for its assistant and with its history (up to the question
   * it would replace, for an edit or an answer asked again); otherwise for
   * the assistant named (or the default one). With it, the assistant's
   * models the charter allows for that data, to choose from. Walks the
   * preview pipeline: nothing is stored, counted or logged.
   */
  async preview(
    principal: Principal,
    input: {
      content: string;
      conversationId?: string | undefined;
      assistantId?: string | undefined;
      /** A question of the conversation the draft stands in for: the history is what came before it. */
      replacing?: string | undefined;
    },
  ): Promise<DraftPreview> {
    let assistantId = input.assistantId;
    let history: ChatMessage[] = [];
    if (input.conversationId) {
      assistantId = (await this.owned(principal, input.conversationId)).assistant_id ?? undefined;
      const versions = await this.versions(input.conversationId);
      const replaced = input.replacing ? versions.get(input.replacing) : undefined;
      if (input.replacing && replaced?.role !== "user") throw appError("message_not_found");
      history = historyOf(replaced ? versions.lineage(replaced.parent_id) : versions.path());
    }
    const turn = await this.deps.chat.preview({
      principal,
      ...(assistantId && { target: `${ASSISTANT_PREFIX}${assistantId}` }),
      messages: [...history, { role: "user", content: input.content }],
    });
    const assistant = assistantId
      ? await this.deps.assistants.get(assistantId)
      : await this.deps.assistants.defaultAssistant();
    return draftPreview(turn, await this.deps.chat.modelsOf(assistant));
  }

  /** Sends a message: walks the pipeline (text to `sink` as it comes), stores both sides. */
  async send(
    principal: Principal,
    id: string,
    content: string,
    options: TurnOptions & {
      /** Documents uploaded for this message (`AttachmentsService.upload`), in order. */
      attachmentIds?: string[];
    } = {},
  ): Promise<{ turn: Turn; answer: ConversationMessage }> {
    const conversation = await this.owned(principal, id);
    const versions = await this.versions(id);
    return this.exchange(
      conversation,
      versions,
      { before: versions.path(), content, attachmentIds: options.attachmentIds ?? [] },
      principal,
      options,
    );
  }

  /**
   * Asks a question again: a new turn through the whole pipeline (perhaps to
   * another of the assistant's models), whose answer becomes a new version
   * of `messageId`'s, the one the conversation goes on from. Refused or
   * failed, it adds nothing: the answer shown stays.
   */
  async regenerate(
    principal: Principal,
    id: string,
    messageId: string,
    options: TurnOptions = {},
  ): Promise<{ turn: Turn; answer: ConversationMessage }> {
    const conversation = await this.owned(principal, id);
    const versions = await this.versions(id);
    const answer = versions.get(messageId);
    if (!answer) throw appError("message_not_found");
    const question = answer.parent_id ? versions.get(answer.parent_id) : undefined;
    if (answer.role !== "assistant" || question?.role !== "user" || !counts(answer)) {
      throw appError("message_not_regenerable");
    }
    return this.exchange(
      conversation,
      versions,
      { before: versions.lineage(question.parent_id), content: question.content, question },
      principal,
      options,
    );
  }

  /**
   * Sends a changed version of one of the agent's messages: a new turn with
   * the history before it, the new question and its answer becoming the
   * version the conversation goes on from. What followed the earlier
   * version is kept with it (shown again by choosing it). Refused or
   * failed, it adds nothing.
   */
  async edit(
    principal: Principal,
    id: string,
    messageId: string,
    content: string,
    options: TurnOptions = {},
  ): Promise<{ turn: Turn; answer: ConversationMessage }> {
    const conversation = await this.owned(principal, id);
    const versions = await this.versions(id);
    const replaced = versions.get(messageId);
    if (!replaced) throw appError("message_not_found");
    if (replaced.role !== "user") throw appError("message_not_editable");
    return this.exchange(
      conversation,
      versions,
      { before: versions.lineage(replaced.parent_id), content, replaces: replaced },
      principal,
      options,
    );
  }

  /**
   * One exchange: the question after `before` (the conversation up to it)
   * walks the pipeline, then the question (unless it is asked again) and its
   * answer are stored as the versions the conversation goes on from.
   */
  private async exchange(
    conversation: ConversationTable,
    versions: MessageVersions<MessageTable>,
    at: {
      before: MessageTable[];
      content: string;
      /** Asked again: the question stays, a new answer is added under it. */
      question?: MessageTable;
      /** Edited: the question this one is a new version of. */
      replaces?: MessageTable;
      attachmentIds?: string[];
    },
    principal: Principal,
    options: TurnOptions,
  ): Promise<{ turn: Turn; answer: ConversationMessage }> {
    const { id } = conversation;
    const { content } = at;
    const kept = at.before.filter(counts).slice(-HISTORY);
    const history = historyOf(kept);
    // The documents attached to this message, then those sent with the history's messages
    // (and with the question asked again or edited, as its own).
    const attachmentIds = [...new Set(at.attachmentIds ?? [])];
    if (attachmentIds.length > 0 && !this.deps.attachments) throw appError("attachment_not_found");
    const carried = at.question ?? at.replaces;
    const attachments =
      (await this.deps.attachments?.forTurn(
        id,
        attachmentIds,
        [
          ...kept.filter((m) => m.role === "user").map(documentsOf),
          ...(carried ? [documentsOf(carried)] : []),
        ],
        content,
      )) ?? [];
    const model = options.model ? await this.offered(conversation, options.model) : undefined;
    const useCase =
      options.useCase ??
      (conversation.use_case_id
        ? await this.deps.useCaseTurn?.(conversation.use_case_id)
        : undefined);
    const turn = await this.deps.chat.run({
      principal,
      conversationId: id,
      ...(conversation.assistant_id && {
        target: `${ASSISTANT_PREFIX}${conversation.assistant_id}`,
      }),
      ...(model && { model }),
      messages: [...history, { role: "user", content }],
      ...(options.sink && { sink: options.sink }),
      ...(options.signal && { signal: options.signal }),
      ...(options.generate && { generate: true }),
      ...(attachments.length > 0 && { attachments }),
      ...(useCase && { useCase }),
    });
    if (turn.output && attachments.length > 0) {
      turn.output.citations = attachmentCitations(turn.output.citations, attachments);
    }
    const now = this.deps.clock.now().toISOString();
    const cancelled = options.signal?.aborted === true && turn.status !== "completed";
    const refused = turn.status !== "completed" || !turn.output;
    const metadata = answerMetadata(turn);
    const blocked = [...turn.decisions].reverse().find((d) => d.outcome === "deny");
    if (model && blocked?.rule === "route.blocked") {
      // The model the agent chose, not the message, is what the charter refuses: nothing is
      // kept (the journal has the turn), the agent chooses another model or lets Beffroi choose.
      await this.deps.attachments?.settle(id, attachmentIds, null);
      throw appError(
        "model_not_allowed",
        { model, dataClass: t(`route.data_class.${turn.dataClass ?? "personal"}`) },
        publicDecisions(turn),
      );
    }
    // A refused question is kept for the agent to see where the data was, never in clear:
    // what the guard found is replaced by its kind, and the marks point at the replacements.
    const found = (turn.personalData ?? []).filter((span) => span.message === history.length);
    const masked = refused ? maskFound(content, found) : undefined;
    if (masked && Array.isArray(metadata.personalData)) metadata.personalData = masked.marks;
    const attached = mentions(
      turn,
      attachments
        .slice(0, attachmentIds.length)
        .map(({ id, fileName, sizeBytes }) => ({ id, fileName, sizeBytes })),
      refused,
    );
    const earlier = at.replaces && (JSON.parse(at.replaces.metadata) as Record<string, unknown>);
    const question: MessageTable = at.question ?? {
      id: this.deps.ids.id(),
      conversation_id: id,
      ordinal: 0,
      role: "user",
      content: masked?.text ?? content,
      metadata: JSON.stringify({
        ...(refused && { refused: true }),
        ...(attached.length > 0 && { attachments: attached }),
        // An edited question goes on with the documents of the one it replaces.
        ...(at.replaces &&
          earlier?.attachments !== undefined && {
            attachments: earlier.attachments,
            documentsOf: documentsOf(at.replaces),
          }),
      }),
      created_at: now,
      parent_id: at.before.at(-1)?.id ?? null,
      superseded_at: null,
    };
    const answer: MessageTable = {
      id: this.deps.ids.id(),
      conversation_id: id,
      ordinal: 0,
      role: "assistant",
      content: turn.output?.text ?? "",
      metadata: JSON.stringify(metadata),
      created_at: now,
      parent_id: question.id,
      superseded_at: null,
    };
    const unsaved = () => ({
      turn,
      answer: presentMessage(answer, new MessageVersions([question, answer])),
    });
    // The agent stopped the answer: the conversation keeps neither the question nor a refusal.
    // Nor does it keep a refused question asked again or edited: the version shown stays.
    if (cancelled || (refused && carried)) return unsaved();
    const { conversation_id: _c, ordinal: _o, ...stored } = question;
    const { conversation_id: _ca, ordinal: _oa, ...storedAnswer } = answer;
    await this.deps.conversations.append(
      id,
      at.question ? [storedAnswer] : [stored, storedAnswer],
      now,
      // The new messages become the versions shown, and so does the line that leads to them.
      [...at.before.filter((row) => !versions.isShown(row)), question, answer],
    );
    await this.deps.attachments?.settle(id, attachmentIds, refused ? null : question.id);
    // The title never holds what the guard found (a name, an illness): read from the masked message.
    if (
      history.length === 0 &&
      !carried &&
      conversation.title === "Nouvelle conversation" &&
      turn.personalData
    ) {
      const title = maskedTitle(content, found);
      await this.deps.conversations.rename(
        id,
        title.length > 60 ? `${title.slice(0, 57)}…` : title,
        now,
      );
    }
    const after = await this.versions(id);
    return { turn, answer: presentMessage(after.get(answer.id) ?? answer, after) };
  }

  /** A model the agent chose for a message: one of the conversation's assistant's, else refused. */
  private async offered(conversation: ConversationTable, ref: string): Promise<string> {
    const assistant = conversation.assistant_id
      ? await this.deps.assistants.get(conversation.assistant_id).catch(() => undefined)
      : await this.deps.assistants.defaultAssistant();
    const models = assistant ? await this.deps.chat.modelsOf(assistant) : [];
    if (!models.some((model) => model.ref === ref)) {
      throw appError("model_not_offered", { model: ref });
    }
    return ref;
  }

  private async versions(id: string): Promise<MessageVersions<MessageTable>> {
    return new MessageVersions(await this.deps.conversations.messages(id));
  }

  private async owned(principal: Principal, id: string) {
    const row = await this.deps.conversations.byId(id);
    if (!row || row.user_id !== principal.userId) throw appError("conversation_not_found");
    return row;
  }
}

/** The messages sent again to the model: the last of those that count, as chat messages. */
function historyOf(rows: readonly MessageTable[]): ChatMessage[] {
  return rows
    .filter(counts)
    .slice(-HISTORY)
    .map((row): ChatMessage => ({ role: row.role as ChatMessage["role"], content: row.content }));
}
