import { type Assistant, type AssistantsService, turnAssistant } from "../assistants/index.js";
import type { Principal } from "../identity/index.js";
import type {
  ChatMessage,
  Pipeline,
  Sampling,
  SovereigntyClass,
  ToolDefinition,
  Turn,
  TurnAssistant,
  TurnAttachment,
} from "../pipeline/index.js";
import {
  estimateTokens,
  type ProvidersService,
  type ResolvedModel,
  SOVEREIGNTY,
} from "../providers/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { appError } from "../shared/errors.js";

/** A model an assistant may use, as an agent may see it: where it runs, never how it is reached. */
export interface AssistantModel {
  ref: string;
  name: string;
  provider: string;
  sovereignty: SovereigntyClass;
  country: string;
}

/** What a chat request names: an assistant (`assistant/ID`), or a model (`PROVIDER/MODEL`). */
export const ASSISTANT_PREFIX = "assistant/";

export interface ChatRequest {
  principal: Principal;
  /** `assistant/ID`, `PROVIDER/MODEL`, or none for the default assistant. */
  target?: string | undefined;
  /**
   * With an assistant: one of its models (`PROVIDER/MODEL`) the agent chose
   * for this message, tried alone; still routed, so the charter may refuse it.
   */
  model?: string | undefined;
  messages: ChatMessage[];
  stream?: boolean;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  sampling?: Sampling | undefined;
  tools?: ToolDefinition[] | undefined;
  toolChoice?: unknown;
  responseFormat?: Record<string, unknown> | undefined;
  /** Parameters received that have no effect here: the turn's decisions say so. */
  ignoredParameters?: string[];
  knowledgeBaseIds?: string[] | undefined;
  /** Asks for a generated answer even where the charter offers the cited passages first. */
  generate?: boolean | undefined;
  /** Whether quoted passages may stand in for models that fail or are down (default: yes). */
  extractiveFallback?: boolean;
  /** The conversation the request belongs to: its pseudonyms carry over from turn to turn. */
  conversationId?: string;
  /** Documents attached to the conversation (this message's first): scanned, then the first sources. */
  attachments?: TurnAttachment[];
  sink?: Turn["sink"];
  signal?: AbortSignal;
  /**
   * A use case's run: its instructions, bases and grounding stand in for the
   * target's assistant, and the journal records the use case (id, version).
   */
  useCase?: { assistant: TurnAssistant; id: string; version: number } | undefined;
  /** Called with the turn before it walks (the HTTP layer reads its timings while it streams). */
  onStart?: (turn: Turn) => void;
}

/**
 * Builds a turn for a chat request and walks the pipeline: the one way in
 * for the conversations of the web page and the OpenAI-compatible API. An
 * assistant brings its instructions, bases and models; a model named
 * directly is called as it is (no instructions, no bases), still through the
 * charter, the guard, the routing rules and the journal.
 */
export class ChatService {
  constructor(
    private readonly deps: {
      pipeline: Pipeline;
      /** The stages up to the route, with no side effect: what the page shows while the agent types. */
      preview?: Pipeline;
      assistants: AssistantsService;
      providers: ProvidersService;
      clock: Clock;
      ids: Ids;
    },
  ) {}

  /** The assistant or model a target names; throws a clear error for an unknown one. */
  async resolve(
    target: string | undefined,
  ): Promise<{ assistant: TurnAssistant; model?: ResolvedModel }> {
    if (!target || target === "beffroi" || target === "default") {
      return { assistant: turnAssistant(await this.deps.assistants.defaultAssistant()) };
    }
    if (target.startsWith(ASSISTANT_PREFIX)) {
      const id = target.slice(ASSISTANT_PREFIX.length);
      let assistant: Assistant;
      try {
        assistant = await this.deps.assistants.get(id);
      } catch {
        throw appError("model_unknown", { model: target });
      }
      return { assistant: turnAssistant(assistant) };
    }
    const resolved = await this.deps.providers.resolve(target);
    if (!resolved) throw appError("model_unknown", { model: target });
    return {
      model: resolved,
      assistant: {
        id: "direct",
        name: target,
        instructions: "",
        knowledgeBases: [],
        preferredModels: [target],
        requiresValidation: true,
      },
    };
  }

  /**
   * The models an assistant may use, in its order of preference (enabled
   * chat models only); with none named, every chat model, most sovereign
   * first, as the router orders them. The charter's matrix still decides,
   * turn by turn, which of them a message may reach.
   */
  async modelsOf(assistant: Assistant): Promise<AssistantModel[]> {
    const resolved =
      assistant.preferredModels.length > 0
        ? (
            await Promise.all(
              assistant.preferredModels.map((ref) => this.deps.providers.resolve(ref)),
            )
          ).filter((model): model is ResolvedModel => model !== null)
        : (await this.deps.providers.models("chat")).sort(
            (a, b) =>
              SOVEREIGNTY.indexOf(a.provider.sovereignty) -
              SOVEREIGNTY.indexOf(b.provider.sovereignty),
          );
    return resolved
      .filter(
        ({ provider, model }) =>
          provider.kind !== "extractive" && model.capabilities.includes("chat"),
      )
      .map(({ ref, provider, model }) => ({
        ref,
        name: model.label ?? model.id,
        provider: provider.label ?? provider.id,
        sovereignty: provider.sovereignty,
        country: provider.country,
      }));
  }

  async run(request: ChatRequest): Promise<Turn> {
    const turn = await this.turnOf(request);
    request.onStart?.(turn);
    return this.deps.pipeline.walk(turn);
  }

  /**
   * What sending a draft would do, without sending it: the turn walks the
   * preview pipeline (the charter, the guard and the route, without quotas,
   * pseudonyms, retrieval, generation or journal: nothing is kept or logged)
   * and the outcome is read from where it stopped.
   */
  async preview(request: Pick<ChatRequest, "principal" | "target" | "messages">): Promise<Turn> {
    if (!this.deps.preview) throw new Error("no preview pipeline");
    return this.deps.preview.walk(await this.turnOf(request));
  }

  private async turnOf(request: ChatRequest): Promise<Turn> {
    const { assistant, model } = request.useCase
      ? { assistant: request.useCase.assistant, model: undefined }
      : await this.resolve(request.target);
    if (model) {
      const tokens = request.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
      if (tokens > model.model.contextLength) {
        throw appError("context_too_long", {
          model: model.ref,
          tokens,
          limit: model.model.contextLength,
        });
      }
    }
    // A model named directly, or one of the assistant's that the agent chose.
    const named = model?.ref ?? request.model;
    const turn: Turn = {
      id: this.deps.ids.id(),
      startedAt: this.deps.clock.now().toISOString(),
      credential: { kind: "principal", principal: request.principal },
      assistant,
      ...(request.conversationId && { conversationId: request.conversationId }),
      ...(request.useCase && {
        useCase: { id: request.useCase.id, version: request.useCase.version },
      }),
      input: {
        messages: request.messages,
        ...(named && { model: named }),
        ...(request.stream !== undefined && { stream: request.stream }),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        ...(request.maxTokens !== undefined && { maxTokens: request.maxTokens }),
        ...(request.sampling && { sampling: request.sampling }),
        ...(request.tools && { tools: request.tools }),
        ...(request.toolChoice !== undefined && { toolChoice: request.toolChoice }),
        ...(request.responseFormat && { responseFormat: request.responseFormat }),
        ...(request.ignoredParameters?.length && {
          ignoredParameters: request.ignoredParameters,
        }),
        ...(request.knowledgeBaseIds && { knowledgeBaseIds: request.knowledgeBaseIds }),
        ...(request.generate && { generate: true }),
        ...(request.extractiveFallback !== undefined && {
          extractiveFallback: request.extractiveFallback,
        }),
        ...(request.attachments?.length && { attachments: request.attachments }),
      },
      ...(request.sink && { sink: request.sink }),
      ...(request.signal && { signal: request.signal }),
      decisions: [],
      status: "walking",
    };
    return turn;
  }
}
