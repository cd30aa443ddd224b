import type { ResponseOf } from "../../api/client";
import type { Sovereignty } from "../../api/types";

/** The conversation area's shapes of the API answers: names for the generated types. */
export type Conversation = ResponseOf<"GET /api/conversations">[number];
export type ConversationSearchResult =
  ResponseOf<"GET /api/conversations/search">["results"][number];
export type AssistantChoice = ResponseOf<"GET /api/conversations/assistants">[number];
export type AssistantModel = AssistantChoice["models"][number];
export type Passage = ResponseOf<"GET /api/passages/:id">;
/** A model of the assistant the charter allows for a draft's data (the preview says which). */
export type AllowedModel = ResponseOf<"POST /api/conversations/preview">["models"][number];

type Detail = ResponseOf<"GET /api/conversations/:id">;

// Hand-written: a message's metadata, typed loosely by the server, read in detail by the page.
export interface Citation {
  number: number;
  passageId: string;
  documentId: string;
  knowledgeBaseId: string;
  knowledgeBaseName: string;
  fileName: string;
  title: string;
  section: string;
  page: number | null;
}

export interface Decision {
  stage: string;
  rule: string;
  outcome: "allow" | "deny" | "transform" | "note";
  reason: string;
}

export interface Range {
  min: number;
  max: number;
}

export interface TypeCount {
  type: string;
  label: string;
  count: number;
}

/** A type, not an interface: it then fits the server's `{[k: string]: unknown}`. */
export type AnswerMetadata = {
  turnId?: string;
  mode?: "extractive" | "model";
  abstained?: boolean;
  citations?: Citation[];
  model?: {
    ref: string;
    providerLabel: string;
    modelId: string;
    sovereignty: Sovereignty;
    country: string;
    pseudonymise: boolean;
  } | null;
  usage?: { promptTokens: number; completionTokens: number; estimated: boolean } | null;
  impact?: {
    method: string;
    energyKwh: Range;
    gwpKgCo2e: Range;
    ledBulbMinutes: Range;
  } | null;
  requiresValidation?: boolean;
  validationLabel?: string | null;
  guard?: {
    detected: TypeCount[];
    /** Personal data in the passages retrieved from the bases (not typed by the agent). */
    inPassages?: TypeCount[];
    pseudonymised: number;
  };
  fallback?: boolean;
  passagesFirst?: boolean;
  quotaDegraded?: boolean;
  feedback?: "up" | "down";
  minutesSaved?: number;
  decisions?: Decision[];
  denied?: boolean;
  reason?: string;
  rule?: string | null;
  /** A refusal by the data guard: where the refused message holds the data (UTF-16 offsets), never the values. */
  personalData?: { type: string; start: number; end: number }[];
  /** A question the charter, the guard or a quota refused (kept masked). */
  refused?: boolean;
  /** A question: the documents sent with it (without ids once refused: they were deleted). */
  attachments?: AttachmentMention[];
  /** An answer: how much of the attached documents it was written from (`cut`: the most relevant parts). */
  attachedDocuments?: { files: number; passages: number; shown: number; cut: boolean };
};

/** A document as a message keeps it. */
export interface AttachmentMention {
  id?: string;
  fileName: string;
  sizeBytes: number;
}

/** A message, its metadata read as AnswerMetadata. */
export interface Message extends Omit<Detail["messages"][number], "metadata"> {
  metadata: AnswerMetadata;
}

export interface ConversationDetail extends Omit<Detail, "messages"> {
  messages: Message[];
}
