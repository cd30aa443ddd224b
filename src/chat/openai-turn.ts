import type { FastifyReply, FastifyRequest } from "fastify";
import { openAiError } from "../http/index.js";
import { type Language, preferredLanguage } from "../i18n/index.js";
import type { Principal } from "../identity/index.js";
import {
  type ChatMessage,
  type RouteCandidate,
  type Sampling,
  type Turn,
  type TurnOutput,
  turnError,
} from "../pipeline/index.js";
import type { AppError } from "../shared/errors.js";
import { formatEvent, openEventStream } from "../shared/event-stream.js";
import type { ChatService } from "./chat.service.js";

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

/** How one kind of completion (chat, text) writes its stream's choices. */
export interface StreamShape {
  /** The chunks' `object` (`chat.completion.chunk`, `text_completion`). */
  object: string;
  /** The choice of a first event before any text (chat: the assistant's role), if any. */
  opening?: object;
  text(text: string): object;
  end(finishReason: string): object;
}

/** What an OpenAI-style request asks of one turn, whatever its route. */
export interface OpenAiTurnRequest {
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
  target: string;
  messages: ChatMessage[];
  stream: boolean;
  includeUsage: boolean;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  sampling?: Sampling | undefined;
  ignored: string[];
  knowledgeBaseIds?: string[] | undefined;
  /** `extractive` when the client accepts quoted passages in place of a model (body or header). */
  fallback?: string | undefined;
  /** The completion's id, from the turn's. */
  id(turn: { id: string }): string;
  shape: StreamShape;
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
  const stream = call.stream ? new SseWriter(reply, created, language, call.shape) : undefined;
  const turn = await chat.run({
    principal: call.principal,
    target: call.target,
    messages: call.messages,
    stream: call.stream,
    temperature: call.temperature,
    maxTokens: call.maxTokens,
    sampling: call.sampling,
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
    if (!completed || !output) stream.fail(turnError(turn));
    else
      stream.finish(output.finishReason ?? "stop", call.includeUsage ? usageOf(output) : undefined);
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
  private id = "";
  private model = EXTRACTIVE;
  /** Events written in the same turn of the event loop leave in one write (one system call). */
  private pending = "";
  private flushing = false;

  constructor(
    private readonly reply: FastifyReply,
    private readonly created: number,
    private readonly language: Language,
    private readonly shape: StreamShape,
  ) {}

  /** `opening` gives, at the first text, the completion's id, the model writing and the headers. */
  write(
    text: string,
    opening: () => { id: string; model: string; headers: Record<string, string> },
  ): void {
    if (!this.started) {
      this.started = true;
      const { id, model, headers } = opening();
      this.id = id;
      this.model = model;
      openEventStream(this.reply, headers);
      if (this.shape.opening) this.send(this.shape.opening);
    }
    if (text) this.send(this.shape.text(text));
  }

  finish(finishReason: string, usage: ReturnType<typeof usageOf> | undefined): void {
    this.send(this.shape.end(finishReason));
    if (usage) this.event({ ...this.base(), choices: [], usage });
    this.end();
  }

  /** A failure after text went out: an error event the official clients raise, then the end. */
  fail(error: AppError): void {
    this.event(openAiError(error, this.language));
    this.end();
  }

  private base() {
    return { id: this.id, object: this.shape.object, created: this.created, model: this.model };
  }

  private send(choice: object): void {
    this.event({ ...this.base(), choices: [choice] });
  }

  private event(payload: object): void {
    this.pending += formatEvent(payload);
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
    this.pending += formatEvent("[DONE]");
    this.flush();
    this.reply.raw.end();
  }
}
