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
import { type RouteDefinition, route } from "../http/index.js";
import { sovereigntyName, t } from "../i18n/index.js";
import type { Principal } from "../identity/index.js";
import type { ChatMessage, ToolCall } from "../pipeline/index.js";
import { candidateOf, describeFailure, type ProvidersService } from "../providers/index.js";
import { AppError, appError } from "../shared/errors.js";
import { ASSISTANT_PREFIX, type ChatService } from "./chat.service.js";
import {
  ChatCompletion,
  ChatCompletionBody,
  CompletionBody,
  EmbeddingList,
  EmbeddingsBody,
  ModelEntry,
  ModelList,
  TextCompletion,
} from "./openai.schema.js";
import { chatParameters, completionParameters } from "./openai-parameters.js";
import {
  ResponseObject,
  ResponsesBody,
  responseObject,
  responsesMessages,
  responsesParameters,
  responsesStream,
} from "./openai-responses.js";
import {
  beffroiHeaders,
  choicesStream,
  EXTRACTIVE,
  runOpenAiTurn,
  type StreamShape,
  usageOf,
} from "./openai-turn.js";

/** OpenAI's messages reduced to what Beffroi sends on: text, with `developer` read as `system`. */
function toMessages(body: ChatCompletionBody): ChatMessage[] {
  return body.messages.map((message, index) => {
    // The deprecated `function` role has no call id to answer: tools are sent with `tool`.
    if (message.role === "function") throw appError("tools_not_supported", { index });
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
    const toolCalls = (message.tool_calls ?? []).map((call) => ({
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
    }));
    return {
      role: message.role === "developer" ? "system" : message.role,
      content,
      ...(toolCalls.length > 0 && { toolCalls }),
      ...(message.tool_call_id && { toolCallId: message.tool_call_id }),
    };
  });
}

const completionId = (turn: { id: string }) => `chatcmpl-${turn.id}`;

const responseId = (turn: { id: string }) => `resp_${turn.id}`;

const textCompletionId = (turn: { id: string }) => `cmpl-${turn.id}`;

/** A text completion's stream: pieces of text, then the end with why. */
const TEXT_STREAM: StreamShape = {
  object: "text_completion",
  text: (text) => ({ text, index: 0, logprobs: null, finish_reason: null }),
  end: (finishReason) => ({ text: "", index: 0, logprobs: null, finish_reason: finishReason }),
};

/** A chat completion's stream: the assistant's role first, then pieces of content. */
const CHAT_STREAM: StreamShape = {
  object: "chat.completion.chunk",
  opening: { index: 0, delta: { role: "assistant", content: "" }, finish_reason: null },
  text: (text) => ({ index: 0, delta: { content: text }, finish_reason: null }),
  // Whole calls in one piece each, as OpenAI's clients put a stream's pieces together anyway.
  toolCalls: (calls) => ({
    index: 0,
    delta: { tool_calls: calls.map((call, index) => ({ index, ...openAiToolCall(call) })) },
    finish_reason: null,
  }),
  end: (finishReason) => ({ index: 0, delta: {}, finish_reason: finishReason }),
};

/** A tool call in OpenAI's shape. */
const openAiToolCall = (call: ToolCall) => ({
  id: call.id,
  type: "function" as const,
  function: { name: call.name, arguments: call.arguments },
});

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
        const { sampling, ignored, tools, toolChoice, responseFormat } = chatParameters(body);
        const answered = await runOpenAiTurn(deps.chat, {
          tools,
          toolChoice,
          responseFormat,
          principal,
          request,
          reply,
          target: body.model,
          messages: toMessages(body),
          stream: body.stream,
          includeUsage: body.stream_options?.include_usage === true,
          temperature: body.temperature ?? undefined,
          maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
          sampling,
          ignored,
          knowledgeBaseIds: body.knowledge_base_ids ?? undefined,
          fallback: body.beffroi_fallback ?? request.headers["x-beffroi-fallback"]?.toString(),
          id: completionId,
          encoder: choicesStream(CHAT_STREAM),
        });
        if (!answered) return reply;
        const { turn, output, created } = answered;
        return {
          id: completionId(turn),
          object: "chat.completion",
          created,
          // The model that wrote the answer, whatever the request named (an assistant, a fallback).
          model: output.model?.ref ?? EXTRACTIVE,
          choices: [
            {
              index: 0,
              message: {
                role: "assistant",
                // OpenAI's clients read a null content beside tool calls.
                content: output.text === "" && output.toolCalls?.length ? null : output.text,
                ...(output.toolCalls?.length && {
                  tool_calls: output.toolCalls.map(openAiToolCall),
                }),
              },
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
      url: "/v1/completions",
      summary:
        "Complétion d'un texte (API historique d'OpenAI) : l'invite, seule, est le message de l'agent ; en flux ou d'un bloc",
      tags: ["openai"],
      access: "chat",
      body: CompletionBody,
      response: TextCompletion,
      eventStream: true,
      handler: async ({ principal, body, request, reply }) => {
        const { sampling, ignored } = completionParameters(body);
        const prompt = [body.prompt].flat()[0] ?? "";
        const answered = await runOpenAiTurn(deps.chat, {
          principal,
          request,
          reply,
          target: body.model,
          messages: [{ role: "user", content: prompt }],
          stream: body.stream,
          includeUsage: body.stream_options?.include_usage === true,
          temperature: body.temperature ?? undefined,
          maxTokens: body.max_tokens ?? undefined,
          sampling,
          ignored,
          knowledgeBaseIds: body.knowledge_base_ids ?? undefined,
          fallback: body.beffroi_fallback ?? request.headers["x-beffroi-fallback"]?.toString(),
          id: textCompletionId,
          encoder: choicesStream(TEXT_STREAM),
        });
        if (!answered) return reply;
        const { turn, output, created } = answered;
        return {
          id: textCompletionId(turn),
          object: "text_completion",
          created,
          model: output.model?.ref ?? EXTRACTIVE,
          choices: [
            {
              text: output.text,
              index: 0,
              logprobs: null,
              finish_reason: output.finishReason ?? "stop",
            },
          ],
          usage: usageOf(output),
        };
      },
    }),
    route({
      method: "POST",
      url: "/v1/responses",
      summary:
        "Réponse d'un assistant ou d'un modèle (API Responses d'OpenAI, sa partie texte) : une invite ou des messages, des instructions ; en flux ou d'un bloc",
      tags: ["openai"],
      access: "chat",
      body: ResponsesBody,
      response: ResponseObject,
      eventStream: true,
      handler: async ({ principal, body, request, reply }) => {
        const { ignored } = responsesParameters(body);
        const instructions = body.instructions ?? null;
        const answered = await runOpenAiTurn(deps.chat, {
          principal,
          request,
          reply,
          target: body.model,
          messages: responsesMessages(body),
          stream: body.stream,
          includeUsage: true,
          temperature: body.temperature ?? undefined,
          maxTokens: body.max_output_tokens ?? undefined,
          sampling: typeof body.top_p === "number" ? { top_p: body.top_p } : undefined,
          ignored,
          knowledgeBaseIds: body.knowledge_base_ids ?? undefined,
          fallback: body.beffroi_fallback ?? request.headers["x-beffroi-fallback"]?.toString(),
          id: responseId,
          encoder: responsesStream(instructions),
        });
        if (!answered) return reply;
        const { turn, output, created } = answered;
        const model = output.model?.ref ?? EXTRACTIVE;
        return responseObject({ id: responseId(turn), model, created }, instructions, output);
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
            sovereignty: sovereigntyName(resolved.provider.sovereignty),
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
          vectors =
            (await adapter.embed?.(resolved.model.id, inputs, undefined, {
              dimensions: body.dimensions ?? undefined,
            })) ?? [];
          deps.providers.health.succeeded(resolved.provider.id);
        } catch (error) {
          deps.providers.health.failed(resolved.provider.id);
          throw new AppError("provider_unreachable", { reason: describeFailure(error) });
        }
        // A model that does not shorten its vectors as asked does not get passed off as doing so.
        if (body.dimensions && vectors.some((vector) => vector.length !== body.dimensions)) {
          throw appError("parameter_not_supported", {
            parameter: "dimensions",
            models: body.model,
          });
        }
        if (body.user) reply.header("x-beffroi-ignored", "user");
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
