import type { Sampling, ToolDefinition } from "../pipeline/index.js";
import { appError } from "../shared/errors.js";
import type { ChatCompletionBody, CompletionBody } from "./openai.schema.js";

/** A parameter Beffroi does not do (or not that way), refused by name, as the API's table says. */
export function refuseParameter(parameter: string): never {
  throw appError("parameter_not_supported", { parameter, models: "Beffroi" });
}

/** Parameters accepted, without effect in Beffroi: said in `x-beffroi-ignored` and the turn's decisions. */
const IGNORED = [
  "user",
  "metadata",
  "store",
  "service_tier",
  "reasoning_effort",
  "verbosity",
  "prompt_cache_key",
  "safety_identifier",
] as const satisfies readonly (keyof ChatCompletionBody)[];

const set = (value: unknown) => value !== undefined && value !== null;

/**
 * What a legacy text completion's parameters do: those it shares with chat
 * as for chat; fill-in-the-middle (`suffix`), echo, several prompts or
 * `best_of`, and log-probabilities are refused, named.
 */
export function completionParameters(body: CompletionBody): ReturnType<typeof chatParameters> {
  if (Array.isArray(body.prompt) && body.prompt.length > 1) refuseParameter("prompt");
  if (set(body.suffix)) refuseParameter("suffix");
  if (body.echo === true) refuseParameter("echo");
  if ((body.best_of ?? 1) !== 1) refuseParameter("best_of");
  if (set(body.logprobs)) refuseParameter("logprobs");
  const { model, prompt, stream, logprobs, ...shared } = body;
  return chatParameters({ model, messages: [], stream, ...shared } as ChatCompletionBody);
}

/**
 * What a chat-completion request's parameters do, each one explicitly: the
 * sampling settings, the tools and the structured output passed on to the
 * models that take them (the charter may refuse tools); the parameters
 * Beffroi takes only at their default (one choice, no log-probabilities, no
 * bias, text out), refused otherwise with the parameter named; and those
 * accepted without effect, reported. Never a silent drop.
 */
export function chatParameters(body: ChatCompletionBody): {
  sampling: Sampling | undefined;
  ignored: string[];
  tools?: ToolDefinition[];
  toolChoice?: unknown;
  responseFormat?: Record<string, unknown>;
} {
  // The deprecated functions have their successor, tools: said, not translated.
  if ((body.functions?.length ?? 0) > 0) refuseParameter("functions");
  if ((body.n ?? 1) !== 1) refuseParameter("n");
  if (body.logprobs === true) refuseParameter("logprobs");
  if (set(body.top_logprobs)) refuseParameter("top_logprobs");
  if (Object.keys(body.logit_bias ?? {}).length > 0) refuseParameter("logit_bias");
  const tools = body.tools?.length ? (body.tools as ToolDefinition[]) : undefined;
  if (
    !tools &&
    set(body.tool_choice) &&
    body.tool_choice !== "none" &&
    body.tool_choice !== "auto"
  ) {
    refuseParameter("tool_choice");
  }
  if (set(body.function_call) && body.function_call !== "none" && body.function_call !== "auto") {
    refuseParameter("function_call");
  }
  if (body.modalities?.some((modality) => modality !== "text")) {
    refuseParameter("modalities");
  }
  for (const parameter of ["audio", "prediction", "web_search_options"] as const) {
    if (set(body[parameter])) refuseParameter(parameter);
  }
  const sampling: Sampling = {
    ...(set(body.top_p) && { top_p: body.top_p as number }),
    ...(set(body.stop) && { stop: [body.stop as string | string[]].flat() }),
    ...(set(body.seed) && { seed: body.seed as number }),
    ...(set(body.presence_penalty) && { presence_penalty: body.presence_penalty as number }),
    ...(set(body.frequency_penalty) && { frequency_penalty: body.frequency_penalty as number }),
  };
  const ignored: string[] = IGNORED.filter((parameter) => set(body[parameter]));
  if (set(body.parallel_tool_calls)) ignored.push("parallel_tool_calls");
  // Text is every model's default: only a JSON format is passed on (to the models that take it).
  const format = body.response_format?.type === "text" ? undefined : body.response_format;
  return {
    sampling: Object.keys(sampling).length > 0 ? sampling : undefined,
    ignored,
    ...(tools && { tools }),
    ...(tools && set(body.tool_choice) && { toolChoice: body.tool_choice }),
    ...(format && { responseFormat: format as Record<string, unknown> }),
  };
}
