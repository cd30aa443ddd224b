import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { AssistantsService } from "../assistants/index.js";
import { type DataPolicy, dataHandling } from "../charter/index.js";
import {
  type DataClass,
  describeTypes,
  type OpenPseudonyms,
  type ScanPort,
  stricterClass,
} from "../guard/index.js";
import { openAiError, type RouteDefinition, route } from "../http/index.js";
import { type Language, preferredLanguage, t } from "../i18n/index.js";
import type { Principal } from "../identity/index.js";
import { type ChatMessage, type RouteCandidate, type Turn, turnError } from "../pipeline/index.js";
import { candidateOf, describeFailure, type ProvidersService } from "../providers/index.js";
import { AppError, appError } from "../shared/errors.js";
import { formatEvent, openEventStream } from "../shared/event-stream.js";
import { ASSISTANT_PREFIX, type ChatService } from "./chat.service.js";
import {
  ChatCompletion,
  ChatCompletionBody,
  EmbeddingList,
  EmbeddingsBody,
  ModelEntry,
  ModelList,
} from "./openai.schema.js";
import { chatParameters } from "./openai-parameters.js";

/** The name an answer made of quoted passages carries, in `model` and the headers. */
const EXTRACTIVE = "extractive";

/** Which provider answered, its hosting class, and Beffroi's own time before the model was called. */
function beffroiHeaders(
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

/** OpenAI's messages reduced to what Beffroi sends on: text, with `developer` read as `system`. */
function toMessages(body: ChatCompletionBody): ChatMessage[] {
  return body.messages.map((message, index) => {
    if (message.role === "tool" || message.role === "function") {
      throw appError("tools_not_supported", { index });
    }
    const content =
      typeof message.content === "string"
        ? message.content
        : (message.content ?? [])
            .map((part) => {
              if (part.type !== "text" || !("text" in part)) {
                throw appError("content_not_supported", { type: part.type, index });
              }
              return part.text;
            })
            .join("\n");
    return { role: message.role === "developer" ? "system" : message.role, content };
  });
}

const completionId = (turn: { id: string }) => `chatcmpl-${turn.id}`;

/**
 * The OpenAI-compatible API for scripts and third-party tools (n8n, office
 * suites' assistants…), with Beffroi API keys: the same pipeline as the web
 * page. Models are assistants (`assistant/ID`) and registered models
 * (`PROVIDER/MODEL`).
 */
export function openAiRoutes(deps: {
  chat: ChatService;
  assistants: AssistantsService;
  providers: ProvidersService;
  /** The guard and the charter's matrix, for texts sent to an embedding model. */
  guard: {
    scan: ScanPort;
    openPseudonyms: OpenPseudonyms;
    /** The charter's matrix for this agent. */
    policyFor: (principal: Principal) => Promise<DataPolicy>;
  };
}): RouteDefinition[] {
  /** The assistants, then the chat and embeddings models of the enabled providers. */
  const modelEntries = async (): Promise<ModelEntry[]> => {
    await deps.assistants.defaultAssistant();
    const assistants = (await deps.assistants.list()).map(
      (assistant): ModelEntry => ({
        id: `${ASSISTANT_PREFIX}${assistant.id}`,
        object: "model",
        created: Math.floor(Date.parse(assistant.createdAt) / 1000),
        owned_by: "beffroi",
        name: assistant.name,
        capabilities: ["chat"],
      }),
    );
    const models = new Map<string, ModelEntry>();
    for (const capability of ["chat", "embeddings"] as const) {
      for (const model of await deps.providers.models(capability)) {
        models.set(model.ref, {
          id: model.ref,
          object: "model",
          created: 0,
          owned_by: model.provider.id,
          name: model.model.label ?? model.model.id,
          sovereignty: model.provider.sovereignty,
          country: model.provider.country,
          capabilities: model.model.capabilities,
        });
      }
    }
    return [...assistants, ...models.values()];
  };
  return [
    route({
      method: "GET",
      url: "/v1/models",
      summary: "Assistants et modèles utilisables (API compatible OpenAI)",
      tags: ["openai"],
      access: "chat",
      response: ModelList,
      handler: async () => ({ object: "list", data: await modelEntries() }),
    }),
    route({
      method: "GET",
      url: "/v1/models/*",
      summary:
        "Un assistant ou un modèle, par son identifiant (qui peut contenir des barres obliques : assistant/ID, FOURNISSEUR/MODÈLE)",
      tags: ["openai"],
      access: "chat",
      params: z.object({ "*": z.string().min(1).max(300) }),
      response: ModelEntry,
      handler: async ({ params }) => {
        const id = params["*"];
        const entry = (await modelEntries()).find((model) => model.id === id);
        if (!entry) throw appError("model_unknown", { model: id });
        return entry;
      },
    }),
    route({
      method: "POST",
      url: "/v1/chat/completions",
      summary:
        "Réponse d'un assistant ou d'un modèle, en flux (SSE) ou d'un bloc (API compatible OpenAI)",
      tags: ["openai"],
      access: "chat",
      body: ChatCompletionBody,
      response: ChatCompletion,
      eventStream: true,
      handler: async ({ principal, body, request, reply }) => {
        const startedAt = performance.now();
        const messages = toMessages(body);
        const fallback = body.beffroi_fallback ?? request.headers["x-beffroi-fallback"];
        const { sampling, ignored } = chatParameters(body);
        if (ignored.length > 0) reply.header("x-beffroi-ignored", ignored.join(", "));
        const controller = new AbortController();
        reply.raw.on("close", () => {
          if (!reply.raw.writableFinished) controller.abort();
        });
        const created = Math.floor(Date.now() / 1000);
        let current: Turn | undefined;
        const language = preferredLanguage(request.headers["accept-language"]);
        const stream = body.stream ? new SseWriter(reply, created, language) : undefined;
        const turn = await deps.chat.run({
          principal,
          target: body.model,
          messages,
          stream: body.stream,
          temperature: body.temperature ?? undefined,
          maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
          sampling,
          ignoredParameters: ignored,
          knowledgeBaseIds: body.knowledge_base_ids ?? undefined,
          // No canned answer passed off as the model's: quoted passages only when the client agrees.
          extractiveFallback: fallback === "extractive",
          signal: controller.signal,
          onStart: (started) => {
            current = started;
          },
          ...(stream && {
            sink: (text: string, from: RouteCandidate | undefined) =>
              stream.write(text, () => ({
                id: completionId(current ?? { id: "" }),
                model: from?.ref ?? EXTRACTIVE,
                headers: beffroiHeaders(from, current ?? {}, startedAt),
              })),
          }),
        });
        const output = turn.output;
        if (stream) {
          const completed = turn.status === "completed" && output;
          if (!stream.started && !completed) throw turnError(turn);
          if (!completed) stream.fail(turnError(turn));
          else {
            stream.finish(
              output.finishReason ?? "stop",
              body.stream_options?.include_usage ? usageOf(output) : undefined,
            );
          }
          return reply;
        }
        if (turn.status !== "completed" || !output) throw turnError(turn);
        reply.headers(beffroiHeaders(output.model, turn, startedAt));
        return {
          id: completionId(turn),
          object: "chat.completion",
          created,
          // The model that wrote the answer, whatever the request named (an assistant, a fallback).
          model: output.model?.ref ?? EXTRACTIVE,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: output.text },
              finish_reason: output.finishReason ?? "stop",
            },
          ],
          usage: usageOf(output),
          beffroi: {
            mode: output.mode,
            model: output.model?.ref ?? EXTRACTIVE,
            sovereignty: output.model?.sovereignty ?? "local",
            citations: output.citations,
            abstained: output.abstained,
          },
        };
      },
    }),
    route({
      method: "POST",
      url: "/v1/embeddings",
      summary: "Vecteurs d'un texte par un modèle d'embeddings (API compatible OpenAI)",
      tags: ["openai"],
      access: "chat",
      body: EmbeddingsBody,
      response: EmbeddingList,
      handler: async ({ body, reply, principal }) => {
        const startedAt = performance.now();
        const resolved = await deps.providers.resolve(body.model);
        if (!resolved) throw appError("model_unknown", { model: body.model });
        if (!resolved.model.capabilities.includes("embeddings")) {
          throw appError("model_not_embeddings", { model: body.model });
        }
        const texts = typeof body.input === "string" ? [body.input] : body.input;
        // The same rules as a chat turn: the matrix, for the strictest class among the texts.
        const findings = [];
        for (const text of texts) findings.push(await deps.guard.scan(text));
        const dataClass = findings.reduce(
          (strictest, finding) => stricterClass(strictest, finding.dataClass),
          "public" as DataClass,
        );
        const spans = findings.flatMap((finding) => finding.spans);
        const possible = spans.some((span) => span.certainty === "possible");
        const policy = await deps.guard.policyFor(principal);
        const handling = dataHandling(policy, dataClass, possible, resolved.provider.sovereignty);
        if (handling === "block") {
          throw appError("embeddings_blocked", {
            dataClass: t(`route.data_class.${dataClass}`),
            summary: describeTypes(spans),
            sovereignty: resolved.provider.sovereignty,
          });
        }
        let inputs = texts;
        if (handling === "mask") {
          const pseudonyms = await deps.guard.openPseudonyms(undefined);
          inputs = [];
          for (const text of texts) inputs.push(await pseudonyms.protect(text));
        }
        const adapter = deps.providers.adapter(resolved.provider);
        const upstreamStartedAt = performance.now();
        let vectors: Float32Array[];
        try {
          vectors = (await adapter.embed?.(resolved.model.id, inputs)) ?? [];
          deps.providers.health.succeeded(resolved.provider.id);
        } catch (error) {
          deps.providers.health.failed(resolved.provider.id);
          throw new AppError("provider_unreachable", { reason: describeFailure(error) });
        }
        const from = candidateOf(resolved);
        reply.headers(beffroiHeaders(from, { upstreamStartedAt }, startedAt));
        const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
        return {
          object: "list",
          model: body.model,
          data: vectors.map((vector, index) => ({
            object: "embedding",
            index,
            embedding:
              body.encoding_format === "base64"
                ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString(
                    "base64",
                  )
                : Array.from(vector),
          })),
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        };
      },
    }),
  ];
}

function usageOf(output: NonNullable<Turn["output"]>) {
  const usage = output.usage ?? { promptTokens: 0, completionTokens: 0, estimated: true };
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
}

/**
 * Writes an OpenAI chat-completion stream. Nothing is sent before the first
 * text, so that a turn refused or failed before it still gets a plain JSON
 * error with its status; the headers then name the provider that answers.
 */
class SseWriter {
  started = false;

  constructor(
    private readonly reply: FastifyReply,
    private readonly created: number,
    private readonly language: Language,
  ) {}

  private model = EXTRACTIVE;

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
      this.send({ role: "assistant", content: "" }, null);
    }
    if (text) this.send({ content: text }, null);
  }

  finish(finishReason: string, usage: ReturnType<typeof usageOf> | undefined): void {
    this.send({}, finishReason);
    if (usage) this.event({ ...this.base(), choices: [], usage });
    this.end();
  }

  /** A failure after text went out: an error event the official clients raise, then the end. */
  fail(error: AppError): void {
    this.event(openAiError(error, this.language));
    this.end();
  }

  private id = "";

  private base() {
    return {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.model,
    };
  }

  private send(delta: object, finish: string | null): void {
    this.event({ ...this.base(), choices: [{ index: 0, delta, finish_reason: finish }] });
  }

  /** Events written in the same turn of the event loop leave in one write (one system call). */
  private pending = "";
  private flushing = false;

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
