import type { FastifyReply, FastifyRequest } from "fastify";
import { openAiError } from "../http/index.js";
import { type Language, preferredLanguage } from "../i18n/index.js";
import type { Principal } from "../identity/index.js";
import {
  type ChatMessage,
  type RouteCandidate,
  type ToolCall,
  type Turn,
  type TurnOutput,
  turnError,
} from "../pipeline/index.js";
import type { AppError } from "../shared/errors.js";
import { formatEvent, openEventStream } from "../shared/event-stream.js";
import type { ChatRequest, ChatService } from "./chat.service.js";

/** The name an answer made of quoted passages carries, in `model` and the headers. */
export const EXTRACTIVE = "extractive";

/** Which provider answered, its hosting class, and Beffroi's own time before the model was called. */
export function beffroiHeaders(
  from: RouteCandidate | undefined,
  turn: Pick<Turn, "upstreamStartedAt">,
  startedAt: number,
): Record<string, string> {
  const overhead = (turn.upstreamStartedAt ?? performance.now()) - startedAt;
  return {
    "x-beffroi-provider": from?.providerId ?? EXTRACTIVE,
    "x-beffroi-model": from?.ref ?? EXTRACTIVE,
    "x-beffroi-sovereignty": from?.sovereignty ?? "local",
    "x-beffroi-overhead-ms": overhead.toFixed(2),
  };
}

/** OpenAI's token counts of an answer (estimated when the provider gave none). */
export function usageOf(output: TurnOutput) {
  const usage = output.usage ?? { promptTokens: 0, completionTokens: 0, estimated: true };
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
}

/** One event of a stream: its data, and its name when the protocol names events. */
export interface StreamEvent {
  event?: string;
  data: unknown;
}

/** What every event of a stream knows once the text starts. */
export interface StreamMeta {
  id: string;
  model: string;
  created: number;
}

/** How a kind of answer is written as a stream, as OpenAI's clients read it. */
export interface StreamEncoder {
  /** The events when the text starts (the model that writes is then known). */
  open(meta: StreamMeta): StreamEvent[];
  text(meta: StreamMeta, text: string): StreamEvent[];
  finish(
    meta: StreamMeta,
    end: { finishReason: string; output: TurnOutput; includeUsage: boolean },
  ): StreamEvent[];
  /** A failure after text went out, as the clients raise it. */
  fail(meta: StreamMeta, error: AppError, language: Language): StreamEvent[];
  /** Whether the stream ends with `data: [DONE]` (chat and text completions do). */
  doneMarker: boolean;
}

/** How chat and text completions write their choices. */
export interface StreamShape {
  /** The chunks' `object` (`chat.completion.chunk`, `text_completion`). */
  object: string;
  /** The choice of a first event before any text (chat: the assistant's role), if any. */
  opening?: object;
  text(text: string): object;
  /** The choice that carries the tool calls a model asks for (chat only). */
  toolCalls?(calls: ToolCall[]): object;
  end(finishReason: string): object;
}

/** The stream of chat and text completions: chunks of choices, the usage last if asked, `[DONE]`. */
export function choicesStream(shape: StreamShape): StreamEncoder {
  const chunk = (meta: StreamMeta, choices: object[], extra: object = {}): StreamEvent => ({
    data: { ...meta, object: shape.object, choices, ...extra },
  });
  return {
    open: (meta) => (shape.opening ? [chunk(meta, [shape.opening])] : []),
    text: (meta, text) => [chunk(meta, [shape.text(text)])],
    finish: (meta, { finishReason, output, includeUsage }) => [
      ...(output.toolCalls?.length && shape.toolCalls
        ? [chunk(meta, [shape.toolCalls(output.toolCalls)])]
        : []),
      chunk(meta, [shape.end(finishReason)]),
      ...(includeUsage ? [chunk(meta, [], { usage: usageOf(output) })] : []),
    ],
    fail: (_meta, error, language) => [{ data: openAiError(error, language) }],
    doneMarker: true,
  };
}

/** What an OpenAI-style request asks of one turn, whatever its route. */
export interface OpenAiTurnRequest
  extends Pick<
    ChatRequest,
    | "temperature"
    | "maxTokens"
    | "sampling"
    | "tools"
    | "toolChoice"
    | "responseFormat"
    | "knowledgeBaseIds"
  > {
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
  target: string;
  messages: ChatMessage[];
  stream: boolean;
  includeUsage: boolean;
  ignored: string[];
  /** `extractive` when the client accepts quoted passages in place of a model (body or header). */
  fallback?: string | undefined;
  /** The completion's id, from the turn's. */
  id(turn: { id: string }): string;
  /** How the stream is written (one per request: it may count its events). */
  encoder: StreamEncoder;
}

/**
 * Walks one turn for an OpenAI-style route and, asked for a stream, writes
 * it (its chunks in `shape`, the usage at the end if asked, an error event
 * if the model stops midway); else gives the completed answer for the route
 * to present, its headers set. A turn refused or failed before any text is
 * thrown as its error, with its status.
 */
export async function runOpenAiTurn(
  chat: ChatService,
  call: OpenAiTurnRequest,
): Promise<{ turn: Turn; output: TurnOutput; created: number } | undefined> {
  const { reply } = call;
  const startedAt = performance.now();
  if (call.ignored.length > 0) reply.header("x-beffroi-ignored", call.ignored.join(", "));
  const controller = new AbortController();
  reply.raw.on("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  const created = Math.floor(Date.now() / 1000);
  let current: Turn | undefined;
  const language = preferredLanguage(call.request.headers["accept-language"]);
  const stream = call.stream ? new SseWriter(reply, created, language, call.encoder) : undefined;
  const turn = await chat.run({
    principal: call.principal,
    target: call.target,
    messages: call.messages,
    stream: call.stream,
    temperature: call.temperature,
    maxTokens: call.maxTokens,
    sampling: call.sampling,
    tools: call.tools,
    toolChoice: call.toolChoice,
    responseFormat: call.responseFormat,
    ignoredParameters: call.ignored,
    knowledgeBaseIds: call.knowledgeBaseIds,
    // No canned answer passed off as the model's: quoted passages only when the client agrees.
    extractiveFallback: call.fallback === "extractive",
    signal: controller.signal,
    onStart: (started) => {
      current = started;
    },
    ...(stream && {
      sink: (text: string, from: RouteCandidate | undefined) =>
        stream.write(text, () => ({
          id: call.id(current ?? { id: "" }),
          model: from?.ref ?? EXTRACTIVE,
          headers: beffroiHeaders(from, current ?? {}, startedAt),
        })),
    }),
  });
  const output = turn.output;
  const completed = turn.status === "completed" && output !== undefined;
  if (stream) {
    if (!stream.started && !completed) throw turnError(turn);
    // An answer of tool calls alone wrote no text: the stream opens now.
    if (!stream.started && output) {
      stream.write("", () => ({
        id: call.id(turn),
        model: output.model?.ref ?? EXTRACTIVE,
        headers: beffroiHeaders(output.model, turn, startedAt),
      }));
    }
    if (!completed || !output) stream.fail(turnError(turn));
    else {
      stream.finish({
        finishReason: output.finishReason ?? "stop",
        output,
        includeUsage: call.includeUsage,
      });
    }
    return undefined;
  }
  if (!completed || !output) throw turnError(turn);
  reply.headers(beffroiHeaders(output.model, turn, startedAt));
  return { turn, output, created };
}

/**
 * Writes an OpenAI completion stream. Nothing is sent before the first
 * text, so that a turn refused or failed before it still gets a plain JSON
 * error with its status; the headers then name the provider that answers.
 */
class SseWriter {
  started = false;
  private meta: StreamMeta = { id: "", model: EXTRACTIVE, created: 0 };
  /** Events written in the same turn of the event loop leave in one write (one system call). */
  private pending = "";
  private flushing = false;

  constructor(
    private readonly reply: FastifyReply,
    created: number,
    private readonly language: Language,
    private readonly encoder: StreamEncoder,
  ) {
    this.meta.created = created;
  }

  /** `opening` gives, at the first text, the completion's id, the model writing and the headers. */
  write(
    text: string,
    opening: () => { id: string; model: string; headers: Record<string, string> },
  ): void {
    if (!this.started) {
      this.started = true;
      const { id, model, headers } = opening();
      this.meta = { ...this.meta, id, model };
      openEventStream(this.reply, headers);
      this.events(this.encoder.open(this.meta));
    }
    if (text) this.events(this.encoder.text(this.meta, text));
  }

  finish(end: Parameters<StreamEncoder["finish"]>[1]): void {
    this.events(this.encoder.finish(this.meta, end));
    this.end();
  }

  fail(error: AppError): void {
    this.events(this.encoder.fail(this.meta, error, this.language));
    this.end();
  }

  private events(events: StreamEvent[]): void {
    for (const { event, data } of events) this.pending += formatEvent(data, event);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushing = false;
    if (this.pending && !this.reply.raw.writableEnded) this.reply.raw.write(this.pending);
    this.pending = "";
  }

  private end(): void {
    if (this.reply.raw.writableEnded) return;
    if (this.encoder.doneMarker) this.pending += formatEvent("[DONE]");
    this.flush();
    this.reply.raw.end();
  }
}
