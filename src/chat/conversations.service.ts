import type { AssistantsService } from "../assistants/index.js";
import { countTypes } from "../guard/index.js";
import { hasMessage, t } from "../i18n/index.js";
import type { Principal } from "../identity/index.js";
import { type ChatMessage, publicDecisions, type Turn } from "../pipeline/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { appError } from "../shared/errors.js";
import type { MessageTable } from "../store/index.js";
import { ASSISTANT_PREFIX, type AssistantModel, type ChatService } from "./chat.service.js";
import { conversationMarkdown } from "./conversation-export.js";
import type { ConversationsRepository } from "./conversations.repository.js";

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
}

const present = (row: {
  id: string;
  title: string;
  assistant_id: string | null;
  created_at: string;
  updated_at: string;
}): Conversation => ({
  id: row.id,
  title: row.title,
  assistantId: row.assistant_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const presentMessage = (row: MessageTable): ConversationMessage => ({
  id: row.id,
  role: row.role as ConversationMessage["role"],
  content: row.content,
  createdAt: row.created_at,
  metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  validatedBy: row.validated_by ?? null,
  validatedAt: row.validated_at ?? null,
});

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
  return {
    detected: countTypes(spans.filter((span) => span.message >= 0)),
    inPassages: countTypes(spans.filter((span) => span.message < 0)),
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
      /** The charter's notice that the agent is talking to an AI (AI Act, art. 50). */
      disclosure?: () => Promise<string>;
      /** Origins whose links and images an exported answer may keep. */
      allowedOrigins?: ReadonlySet<string>;
    },
  ) {}

  async list(principal: Principal): Promise<Conversation[]> {
    return (await this.deps.conversations.listForUser(principal.userId)).map(present);
  }

  async create(
    principal: Principal,
    input: { assistantId?: string | undefined; title?: string | undefined },
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

  async messages(principal: Principal, id: string): Promise<ConversationMessage[]> {
    await this.owned(principal, id);
    return (await this.deps.conversations.messages(id)).map(presentMessage);
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
    const message = (await this.deps.conversations.messages(id)).find((m) => m.id === messageId);
    if (!message) throw appError("message_not_found");
    const metadata = JSON.parse(message.metadata) as { denied?: boolean };
    if (message.role !== "assistant" || metadata.denied) throw appError("message_not_validatable");
    if (!message.validated_at) {
      await this.deps.conversations.validate(
        messageId,
        principal.userId,
        this.deps.clock.now().toISOString(),
      );
    }
    const stored = (await this.deps.conversations.messages(id)).find((m) => m.id === messageId);
    return presentMessage(stored ?? message);
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
    const message = (await this.deps.conversations.messages(id)).find((m) => m.id === messageId);
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
    return presentMessage({ ...message, metadata: updated });
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

  /** The conversation in Markdown, answers sanitised on the way out. */
  async exportMarkdown(principal: Principal, id: string): Promise<string> {
    const conversation = await this.owned(principal, id);
    const messages = (await this.deps.conversations.messages(id)).map(presentMessage);
    return conversationMarkdown(
      conversation.title,
      messages,
      this.deps.allowedOrigins ?? new Set(),
    );
  }

  async rename(principal: Principal, id: string, title: string): Promise<Conversation> {
    await this.owned(principal, id);
    await this.deps.conversations.rename(id, title.trim(), this.deps.clock.now().toISOString());
    return this.get(principal, id);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.owned(principal, id);
    await this.deps.conversations.delete(id);
  }

  /** Sends a message: walks the pipeline (text to `sink` as it comes), stores both sides. */
  async send(
    principal: Principal,
    id: string,
    content: string,
    options: { sink?: Turn["sink"]; signal?: AbortSignal; generate?: boolean } = {},
  ): Promise<{ turn: Turn; answer: ConversationMessage }> {
    const conversation = await this.owned(principal, id);
    // Refused turns are not sent again: neither their refusal nor the question the agent got back.
    const history = (await this.deps.conversations.messages(id))
      .filter((m) => {
        const metadata = JSON.parse(m.metadata) as { denied?: boolean; refused?: boolean };
        return !metadata.denied && !metadata.refused;
      })
      .slice(-HISTORY)
      .map((m): ChatMessage => ({ role: m.role as ChatMessage["role"], content: m.content }));
    const turn = await this.deps.chat.run({
      principal,
      conversationId: id,
      ...(conversation.assistant_id && {
        target: `${ASSISTANT_PREFIX}${conversation.assistant_id}`,
      }),
      messages: [...history, { role: "user", content }],
      ...(options.sink && { sink: options.sink }),
      ...(options.signal && { signal: options.signal }),
      ...(options.generate && { generate: true }),
    });
    const now = this.deps.clock.now().toISOString();
    const cancelled = options.signal?.aborted === true && turn.status !== "completed";
    const refused = turn.status !== "completed" || !turn.output;
    const metadata = answerMetadata(turn);
    // A refused question is kept for the agent to see where the data was, never in clear:
    // what the guard found is replaced by its kind, and the marks point at the replacements.
    const found = (turn.personalData ?? []).filter((span) => span.message === history.length);
    const masked = refused ? maskFound(content, found) : undefined;
    if (masked && Array.isArray(metadata.personalData)) metadata.personalData = masked.marks;
    const question = {
      id: this.deps.ids.id(),
      role: "user",
      content: masked?.text ?? content,
      metadata: refused ? JSON.stringify({ refused: true }) : "{}",
      created_at: now,
    };
    const answer = {
      id: this.deps.ids.id(),
      role: "assistant",
      content: turn.output?.text ?? "",
      metadata: JSON.stringify(metadata),
      created_at: now,
    };
    // The agent stopped the answer: the conversation keeps neither the question nor a refusal.
    if (cancelled) {
      return { turn, answer: presentMessage({ ...answer, conversation_id: id, ordinal: 0 }) };
    }
    await this.deps.conversations.append(id, [question, answer], now);
    // The title never holds what the guard found (a name, an illness): read from the masked message.
    if (
      history.length === 0 &&
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
    return { turn, answer: presentMessage({ ...answer, conversation_id: id, ordinal: 0 }) };
  }

  private async owned(principal: Principal, id: string) {
    const row = await this.deps.conversations.byId(id);
    if (!row || row.user_id !== principal.userId) throw appError("conversation_not_found");
    return row;
  }
}
