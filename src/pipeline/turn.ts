import type { DataClass, Pseudonyms } from "../guard/index.js";
import type { Principal } from "../identity/index.js";
import type { AppError } from "../shared/errors.js";
import type { Decision, StageName } from "./decision.js";
import type { GroundingMode } from "./grounding.js";

/**
 * Sampling settings a caller may set (OpenAI's names), passed on to the
 * models whose registry entry says they take them (`Model.parameters`).
 */
export interface Sampling {
  top_p?: number;
  stop?: string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
}
export type SamplingParameter = keyof Sampling;
/** A request parameter a model may or may not take (its registry entry says). */
export type ModelParameter = SamplingParameter | "tools" | "response_format";

/** A tool the caller declares (OpenAI's function tool): Beffroi never runs it; the caller may. */
export interface ToolDefinition {
  type: "function";
  function: { name: string; description?: string; parameters?: unknown; strict?: boolean };
}

/** A call of a declared tool that a model asks for, returned to the caller to run or not. */
export interface ToolCall {
  id: string;
  name: string;
  /** The arguments, as the model wrote them (JSON text). */
  arguments: string;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  /** An assistant message's calls of tools (the caller's own conversation, sent back). */
  toolCalls?: ToolCall[];
  /** A tool message: the call it answers. */
  toolCallId?: string;
}

/** How the caller proved who they are; `identify` turns it into a principal. */
export type Credential =
  | { kind: "session"; token: string }
  | { kind: "api-key"; token: string }
  /** Already authenticated by the HTTP gate or the local CLI. */
  | { kind: "principal"; principal: Principal };

/** What the ground stage found for the question, in the knowledge bases the principal may read. */
export interface Grounding {
  knowledgeBaseIds: string[];
  /** Passages, best first, with what a citation needs. */
  passages: GroundingPassage[];
  /** Share of the question the best passage covers (0 to 1). */
  confidence: number;
  /**
   * Nothing relevant enough, and the assistant answers only from its bases
   * (`required`): the answer must say so and not invent one.
   */
  abstained: boolean;
  /**
   * Nothing relevant enough, and the assistant's mode (`preferred`) lets the
   * model answer alone: no passage is kept, and the answer carries a notice.
   */
  ungrounded?: boolean;
  /**
   * The passages were chosen to fit the context of the model that answers
   * (documents attached to the conversation, see `attachmentsStage`): the
   * model is shown all of them, in this order.
   */
  fitted?: boolean;
}

/**
 * A document the agent attached to a message of the conversation, read into
 * passages at upload: scanned by the guard like a message, and the turn's
 * first sources.
 */
export interface TurnAttachment {
  id: string;
  fileName: string;
  /** Its passages in reading order, each with its relevance to the question (0 when none). */
  passages: { id: string; section: string; page: number | null; text: string; score: number }[];
}

/** Where a passage comes from: what a citation shows and links to. */
export interface PassageSource {
  passageId: string;
  documentId: string;
  knowledgeBaseId: string;
  knowledgeBaseName: string;
  fileName: string;
  title: string;
  section: string;
  page: number | null;
}

export interface GroundingPassage extends PassageSource {
  score: number;
  text: string;
}

export interface TurnCitation extends PassageSource {
  number: number;
  url: string;
}

/** Which law reaches a provider's servers, from most to least sovereign. */
export type SovereigntyClass = "local" | "sovereign" | "extraterritorial";

/** What the charter says to do with a class of data for a class of model host. */
export type DataAction = "allow" | "pseudonymise" | "block";

/** The charter's rules as they apply to this turn's principal (the pilot group's, for its members). */
export interface TurnCharter {
  version: number;
  title: string;
  dataMatrix: Record<DataClass, Record<SovereigntyClass, DataAction>>;
  /** The label an answer carries until an agent validates it, when validation is required. */
  validationLabel: string;
  disclosure: string;
  /** What the charter asks for sobriety (absent: no preference). */
  sobriety?: TurnSobriety;
}

/** The charter's sobriety rules, as the route stage and the router apply them. */
export interface TurnSobriety {
  /** Candidates ordered by active parameters, smallest first (unknown sizes last). */
  preferSmallestModel: boolean;
  /** When retrieval alone answers well, quote the passages instead of calling a model. */
  offerPassagesFirst: boolean;
  /** The grounding confidence from which passages come first. */
  passagesFirstConfidence: number;
}

/** One quota scope a turn was admitted into, held until the turn's consumption is recorded. */
export interface QuotaHold {
  /** `user:ID` or `direction:ID`. */
  scope: string;
  /** The calendar month (UTC) counted, `YYYY-MM`. */
  month: string;
}

/** What the charter stage's quota admission left on the turn. */
export interface TurnQuota {
  held: QuotaHold[];
  /** A quota is reached and the charter says `degrade`: extractive answer, no model. */
  degraded: boolean;
}

/** A model the route stage allows for this turn, in order of preference. */
export interface RouteCandidate {
  ref: string;
  providerId: string;
  providerLabel: string;
  modelId: string;
  sovereignty: SovereigntyClass;
  country: string;
  /** The charter asks for the turn's personal data to be replaced by placeholders before it goes there. */
  pseudonymise: boolean;
}

export interface TurnUsage {
  promptTokens: number;
  completionTokens: number;
  estimated: boolean;
}

/** What the generate stage produced. */
export interface TurnOutput {
  text: string;
  /** `model`: a language model wrote it; `extractive`: quoted passages, no model. */
  mode: "extractive" | "model";
  citations: TurnCitation[];
  abstained: boolean;
  /** The model that answered (mode `model`). */
  model?: RouteCandidate;
  usage?: TurnUsage;
  /** Why the model stopped, as its provider said (`stop`, `length`…); none for quoted passages. */
  finishReason?: string;
  /** The tools the model asks the caller to call, their arguments restored for the caller. */
  toolCalls?: ToolCall[];
}

/** The assistant a turn talks to: what the route, ground and generate stages need of it. */
export interface TurnAssistant {
  id: string;
  name: string;
  instructions: string;
  /** Bases it answers from; `all` searches every base the agent may read (the default assistant). */
  knowledgeBases: string[] | "all";
  preferredModels: string[];
  requiresValidation: boolean;
  /** Who it serves (`agents`, `citizens`) and what for (its category): the charter checks both. */
  audience?: string;
  category?: string;
  /** How it uses its bases; absent, as before the modes (see `groundingOf`). */
  grounding?: GroundingMode;
  /** The least sovereign hosting class it may use (a use case's); absent: as the charter says. */
  sovereignty?: SovereigntyClass;
}

/** Where the guard found personal data: which message, which type, which characters (never the value). */
export interface PersonalDataSpan {
  /**
   * Index in `input.messages`; -1 for a passage retrieved from a knowledge base,
   * -2 for the caller's tools, -3 for a document attached (`attachment` says which).
   */
  message: number;
  /** Index in `input.attachments`, for a finding in an attached document. */
  attachment?: number;
  type: string;
  start: number;
  end: number;
  /** The rule that found it (`person.shape`, `phone.irregular`…). */
  rule?: string;
  /** `possible`: only its shape says so; masked all the same on the way out. */
  certainty?: "possible";
}

/** A figure known within bounds (equal when exact). */
export interface ImpactRange {
  min: number;
  max: number;
}

/** What the account stage estimated for the turn: a model's call (EcoLogits), or a search (extractive). */
export interface TurnImpact {
  method: string;
  energyKwh: ImpactRange;
  gwpKgCo2e: ImpactRange;
  adpeKgSbEq: ImpactRange;
  peMj: ImpactRange;
  waterL: ImpactRange;
  /** What the energy means: minutes of a 5 W LED bulb. */
  ledBulbMinutes: ImpactRange;
}

/**
 * A turn's pseudonyms (the guard's port): values replaced by placeholders
 * (`[PERSONNE_1]`) on the way to a model, and put back in its answer. The
 * same value gets the same placeholder throughout a conversation.
 */

/**
 * One request walking the pipeline. Stages read it, add what they learn and
 * append their decisions; none calls the next.
 */
export interface Turn {
  id: string;
  startedAt: string;
  credential: Credential;
  principal?: Principal;
  input: {
    messages: ChatMessage[];
    /** Narrows the bases searched (within those the assistant and the agent may use). */
    knowledgeBaseIds?: string[];
    /** A model asked for by ref (`PROVIDER/MODEL`), from the OpenAI-compatible API. */
    model?: string;
    /** Stream the answer from the model (default); false asks the provider for one whole answer. */
    stream?: boolean;
    temperature?: number;
    maxTokens?: number;
    /** Sampling settings the caller set: only models that take them all are used. */
    sampling?: Sampling;
    /** Tools the caller declares (scanned like any text); only models that take tools are used. */
    tools?: ToolDefinition[];
    /** OpenAI's `tool_choice`, passed on as it is. */
    toolChoice?: unknown;
    /** OpenAI's `response_format` (JSON): only models that take it are used. */
    responseFormat?: Record<string, unknown>;
    /** Parameters the caller sent that have no effect here (said in the turn's decisions). */
    ignoredParameters?: string[];
    /** The agent asks for a generated answer: the passages-first sobriety rule does not apply. */
    generate?: boolean;
    /**
     * Whether quoted passages may stand in when the models the turn was routed
     * to fail or are down (default true: the page shows which answered); false
     * for /v1 unless the client asks for it, which then gets `model_unavailable`.
     */
    extractiveFallback?: boolean;
    /**
     * Documents attached to the conversation's messages (this message's first):
     * scanned like the messages, and the turn's sources before the bases'.
     */
    attachments?: TurnAttachment[];
  };
  /** The conversation the turn belongs to, if any: its pseudonyms are kept for its next turns. */
  conversationId?: string;
  assistant?: TurnAssistant;
  /** The use case whose form built this turn's prompt (the journal keeps its id and version). */
  useCase?: { id: string; version: number };
  /** Set by the charter stage. */
  charter?: TurnCharter;
  /** Set by the charter stage when the turn was admitted against quotas. */
  quota?: TurnQuota;
  dataClass?: DataClass;
  /** What the guard found in the messages (types and positions only). */
  personalData?: PersonalDataSpan[];
  /** Set by the guard when the turn holds personal data. */
  pseudonyms?: Pseudonyms;
  route?: {
    candidates: RouteCandidate[];
    /** Models the turn would have used but whose provider is down (circuit open). */
    unavailable?: string[];
  };
  grounding?: Grounding;
  output?: TurnOutput;
  /**
   * Receives the answer's text as it is written, with the model writing it
   * (none for an extractive answer); called once with the whole text when
   * the provider does not stream.
   */
  sink?: (text: string, from: RouteCandidate | undefined) => void;
  /** When (performance.now()) the call to the model that answered began: Beffroi's overhead ends there. */
  upstreamStartedAt?: number;
  /** When (performance.now()) that model finished answering. */
  upstreamEndedAt?: number;
  /** Set by the account stage. */
  impact?: TurnImpact;
  /** Aborted when the client goes away: the upstream call is cancelled. */
  signal?: AbortSignal;
  decisions: Decision[];
  status: "walking" | "completed" | "denied" | "failed";
  /** The stage that ended the walk early, if any. */
  stoppedAt?: StageName;
  /** The error a stage threw, when it was one a caller may read (see `turnError`). */
  failure?: AppError;
}
