import type { Sovereignty } from "../../api/types";

/** The conversation area's shapes of the API answers (src/chat is the reference). */
export interface Conversation {
  id: string;
  title: string;
  assistantId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AssistantModel {
  ref: string;
  name: string;
  provider: string;
  sovereignty: Sovereignty;
  country: string;
}

export interface AssistantChoice {
  id: string;
  name: string;
  description: string;
  category: string;
  isDefault: boolean;
  requiresValidation: boolean;
  models: AssistantModel[];
}

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

export interface AnswerMetadata {
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
}

export interface Message {
  id: string;
  role: "user" | "assistant";
  content: string;
  createdAt: string;
  metadata: AnswerMetadata;
  validatedBy: string | null;
  validatedAt: string | null;
}

export interface ConversationDetail extends Conversation {
  disclosure: string | null;
  messages: Message[];
}

export interface Passage {
  id: string;
  documentId: string;
  knowledgeBaseId: string;
  knowledgeBaseName: string;
  fileName: string;
  title: string;
  section: string;
  page: number | null;
  ordinal: number;
  text: string;
}
