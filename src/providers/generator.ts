import type { Pseudonyms } from "../guard/index.js";
import { sovereigntyName, t } from "../i18n/index.js";
import { citedPassages, groundedMessages, promptPassages } from "../knowledge/index.js";
import type { StageContext } from "../pipeline/index.js";
import {
  type ChatMessage,
  type Grounding,
  type GroundingPassage,
  questionOf,
  type ToolCall,
  type ToolDefinition,
  type Turn,
  type TurnOutput,
} from "../pipeline/index.js";
import { AnswerStream, sanitiseAnswer } from "../shared/answer-sanitiser.js";
import { AppError } from "../shared/errors.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../shared/json-depth.js";
import { type Log, silentLog } from "../shared/log.js";
import { ProviderError, type Usage } from "./model-provider.js";
import type { ProvidersService } from "./providers.service.js";

/** Why a provider did not answer, in a few French words an agent or a DSI can act on. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof ProviderError)) return t("provider.failure.unexpected");
  if (error.code !== "http") return t(`provider.failure.${error.code}`);
  const status = error.status ?? 0;
  if (status === 429) return t("provider.failure.rate_limited");
  if (status === 401 || status === 403) return t("provider.failure.key_refused", { status });
  if (status >= 500) return t("provider.failure.server", { status });
  return t("provider.failure.refused", { status });
}

/** A JSON value with each of its strings (keys aside) replaced; other values as they are. */
async function mapStrings(
  value: unknown,
  change: (text: string) => Promise<string> | string,
): Promise<unknown> {
  if (typeof value === "string") return change(value);
  if (Array.isArray(value)) {
    const items = [];
    for (const item of value) items.push(await mapStrings(item, change));
    return items;
  }
  if (value && typeof value === "object") {
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value))
      entries.push([key, await mapStrings(item, change)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/** JSON text with its strings changed, still valid JSON; text that is not JSON is changed whole. */
async function changeJson(text: string, change: (text: string) => Promise<string> | string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return change(text);
  }
  // Nested past what a walk may follow (a model writes what it likes): changed as text.
  if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) return change(text);
  return JSON.stringify(await mapStrings(parsed, change));
}

const protectJson = (text: string, pseudonyms: Pseudonyms) =>
  changeJson(text, (value) => pseudonyms.protect(value));
const restoreJson = (text: string, restore: (text: string) => string) => changeJson(text, restore);

/** When to ask again after no model could answer: a provider's circuit stays open 30 s. */
const RETRY_AFTER_SECONDS = 30;

/**
 * The generate stage's port: tries the route's candidates in order, passing
 * the text on as it comes; falls back to the next candidate when one fails
 * before writing anything; answers extractively (quoted sources, no model)
 * when none answers. An assistant bound to knowledge bases does not call a
 * model when nothing relevant was found: it says so.
 */
export class Generator {
  constructor(
    private readonly deps: {
      providers: ProvidersService;
      extractive: (question: string, grounding: Grounding | undefined) => TurnOutput;
      /** Origins whose links and images an answer may keep (see AnswerStream). */
      allowedOrigins: ReadonlySet<string>;
      log?: Log;
    },
  ) {}

  /**
   * The messages for a model. With pseudonyms, every text is protected, in
   * order of reading: the instructions, the conversation, then each passage
   * as its document's (its placeholders are that document's people).
   */
  private async prompt(turn: Turn, pseudonyms: Pseudonyms | undefined): Promise<ChatMessage[]> {
    const instructions = turn.assistant?.instructions ?? "";
    const passages = promptPassages(turn.grounding);
    if (!pseudonyms) return groundedMessages(instructions, turn.grounding, turn.input.messages);
    const conversation: ChatMessage[] = [];
    for (const message of turn.input.messages) {
      const calls = [];
      for (const call of message.toolCalls ?? []) {
        calls.push({ ...call, arguments: await protectJson(call.arguments, pseudonyms) });
      }
      conversation.push({
        ...message,
        content: await pseudonyms.protect(message.content),
        ...(calls.length > 0 && { toolCalls: calls }),
      });
    }
    const protectedPassages: GroundingPassage[] = [];
    for (const passage of passages) {
      protectedPassages.push({
        ...passage,
        title: await pseudonyms.protect(passage.title, passage.documentId),
        section: passage.section && (await pseudonyms.protect(passage.section, passage.documentId)),
        text: await pseudonyms.protect(passage.text, passage.documentId),
      });
    }
    return groundedMessages(
      await pseudonyms.protect(instructions),
      turn.grounding,
      conversation,
      protectedPassages,
    );
  }

  generate = async (turn: Turn, decide: StageContext["decide"]): Promise<TurnOutput> => {
    const sink = turn.sink ?? (() => {});
    const bound = turn.assistant?.knowledgeBases;
    const needsSources = Array.isArray(bound) && bound.length > 0;
    const candidates = turn.route?.candidates ?? [];
    // Models the turn was meant to use that did not answer: down, failed, or unusable without pseudonyms.
    const missed = [...(turn.route?.unavailable ?? [])];
    if (!(needsSources && turn.grounding?.abstained)) {
      for (const candidate of candidates) {
        const provider = (await this.deps.providers.list()).find(
          (p) => p.id === candidate.providerId,
        );
        if (!provider) continue;
        // A provider of kind `extractive` stands for the quoted passages: the answer below.
        if (provider.kind === "extractive") break;
        // The charter asks for pseudonyms on the way there: without them, this model is not used.
        const pseudonyms = candidate.pseudonymise ? turn.pseudonyms : undefined;
        if (candidate.pseudonymise && !pseudonyms) {
          decide(
            "generate.skipped",
            "note",
            t("generate.cannot_pseudonymise", { ref: candidate.ref }),
          );
          missed.push(candidate.ref);
          continue;
        }
        const messages = await this.prompt(turn, pseudonyms);
        // The caller's tools are text from the caller too: their descriptions get the same placeholders.
        const tools =
          turn.input.tools && pseudonyms
            ? ((await mapStrings(turn.input.tools, (text) =>
                pseudonyms.protect(text),
              )) as ToolDefinition[])
            : turn.input.tools;
        const answer = new AnswerStream({
          allowedOrigins: this.deps.allowedOrigins,
          ...(pseudonyms && { restore: (text: string) => pseudonyms.restore(text) }),
        });
        let written = "";
        let text = "";
        let usage: Usage | undefined;
        let finishReason: string | undefined;
        let toolCalls: ToolCall[] = [];
        const pass = (shown: string) => {
          if (!shown) return;
          text += shown;
          sink(shown, candidate);
        };
        turn.upstreamStartedAt = performance.now();
        try {
          const chunks = this.deps.providers.adapter(provider).chat({
            model: candidate.modelId,
            messages,
            stream: turn.input.stream ?? true,
            ...(turn.input.temperature !== undefined && { temperature: turn.input.temperature }),
            ...(turn.input.maxTokens !== undefined && { maxTokens: turn.input.maxTokens }),
            ...(turn.input.sampling && { sampling: turn.input.sampling }),
            ...(tools && { tools }),
            ...(turn.input.toolChoice !== undefined && { toolChoice: turn.input.toolChoice }),
            ...(turn.input.responseFormat && { responseFormat: turn.input.responseFormat }),
            ...(turn.grounding && { grounding: turn.grounding }),
            ...(turn.signal && { signal: turn.signal }),
          });
          for await (const chunk of chunks) {
            if (chunk.type === "delta") {
              written += chunk.text;
              pass(answer.push(chunk.text));
            } else if (chunk.type === "tool-calls") {
              // The caller runs its tools with the real values: placeholders restored in the arguments.
              toolCalls = [];
              for (const call of chunk.calls) {
                toolCalls.push({
                  ...call,
                  arguments: pseudonyms
                    ? await restoreJson(call.arguments, (text) => pseudonyms.restore(text))
                    : call.arguments,
                });
              }
            } else {
              usage = chunk.usage;
              finishReason = chunk.finishReason;
            }
          }
          pass(answer.end());
          turn.upstreamEndedAt = performance.now();
        } catch (error) {
          if (turn.signal?.aborted) throw new AppError("request_cancelled");
          this.deps.providers.health.failed(provider.id);
          (this.deps.log ?? silentLog).warn(
            {
              turnId: turn.id,
              provider: provider.id,
              model: candidate.modelId,
              code: error instanceof ProviderError ? error.code : (error as Error)?.name,
              ...(error instanceof ProviderError && error.status && { status: error.status }),
              afterText: written.length > 0,
            },
            "provider-failed",
          );
          // Text already passed on cannot be taken back: the turn fails rather than mix two answers.
          if (written.length > 0) throw new AppError("model_interrupted");
          decide(
            "generate.fallback",
            "note",
            t("generate.fallback", { ref: candidate.ref, reason: describeFailure(error) }),
          );
          missed.push(candidate.ref);
          continue;
        }
        this.deps.providers.health.succeeded(provider.id);
        const citations = citedPassages(text, turn.grounding);
        decide(
          "generate.model",
          "allow",
          t("generate.model", {
            model: candidate.modelId,
            provider: candidate.providerLabel,
            sovereignty: sovereigntyName(candidate.sovereignty),
            country: candidate.country,
            estimated: usage?.estimated ? t("generate.estimated") : "",
          }),
        );
        if (pseudonyms && pseudonyms.replaced > 0) {
          decide(
            "generate.pseudonymised",
            "transform",
            t("generate.pseudonymised", { count: pseudonyms.replaced, model: candidate.ref }),
          );
        }
        if (
          (turn.grounding?.passages.length ?? 0) > 0 &&
          !turn.grounding?.abstained &&
          citations.length === 0
        ) {
          decide("generate.uncited", "note", t("generate.uncited"));
        }
        return {
          text,
          mode: "model",
          citations,
          abstained: false,
          model: candidate,
          ...(usage && { usage }),
          ...(finishReason && { finishReason }),
          ...(toolCalls.length > 0 && { toolCalls }),
        };
      }
    }
    // Quoted passages never pass for a model's answer the caller did not agree to.
    if (missed.length > 0 && turn.input.extractiveFallback === false) {
      throw new AppError("model_unavailable", { models: missed.join(", ") }, undefined, {
        "retry-after": String(RETRY_AFTER_SECONDS),
      });
    }
    const quoted = this.deps.extractive(questionOf(turn.input.messages), turn.grounding);
    // Quoted passages are text from outside too: the same rewriting as a model's answer.
    const output = {
      ...quoted,
      text: sanitiseAnswer(quoted.text, { allowedOrigins: this.deps.allowedOrigins }),
    };
    sink(output.text, undefined);
    decide(
      "generate.extractive",
      "allow",
      output.abstained
        ? t("generate.extractive_abstain")
        : candidates.length > 0 && !(needsSources && turn.grounding?.abstained)
          ? t("generate.extractive_fallback", { count: output.citations.length })
          : t("generate.extractive", { count: output.citations.length }),
    );
    return output;
  };
}
