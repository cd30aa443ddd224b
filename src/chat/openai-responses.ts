import { z } from "zod";
import { openAiError } from "../http/index.js";
import type { ChatMessage, TurnOutput } from "../pipeline/index.js";
import { refuseParameter } from "./openai-parameters.js";
import type { StreamEncoder, StreamMeta } from "./openai-turn.js";

const InputText = z.object({ type: z.enum(["input_text", "output_text"]), text: z.string() });

/** One input item: a message, its content a text or text parts (`input_text`). */
const InputMessage = z.object({
  type: z.literal("message").optional(),
  role: z.enum(["system", "developer", "user", "assistant"]),
  content: z.union([z.string(), z.array(z.union([InputText, z.object({ type: z.string() })]))]),
});

/**
 * OpenAI's Responses API, its common text subset (`POST /v1/responses`):
 * an input (a text, or messages), instructions, a stream or a whole answer.
 * Every other parameter is named: taken at its default, refused naming it,
 * or accepted without effect and reported — as for chat completions.
 */
export const ResponsesBody = z.strictObject({
  model: z.string().min(1).max(300),
  input: z.union([z.string().min(1).max(400_000), z.array(InputMessage).min(1).max(500)]),
  instructions: z.string().max(100_000).nullish(),
  stream: z.boolean().default(false),
  max_output_tokens: z.number().int().positive().max(1_000_000).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  text: z.object({ format: z.object({ type: z.string() }).passthrough().optional() }).nullish(),
  tools: z.array(z.unknown()).nullish(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullish(),
  previous_response_id: z.string().nullish(),
  background: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  reasoning: z.unknown().optional(),
  truncation: z.enum(["auto", "disabled"]).nullish(),
  user: z.string().max(500).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  store: z.boolean().nullish(),
  service_tier: z.string().max(50).nullish(),
  knowledge_base_ids: z.array(z.string().min(1)).max(50).nullish(),
  beffroi_fallback: z.enum(["none", "extractive"]).nullish(),
});
export type ResponsesBody = z.infer<typeof ResponsesBody>;

const OutputMessage = z.object({
  type: z.literal("message"),
  id: z.string(),
  status: z.enum(["in_progress", "completed", "incomplete"]),
  role: z.literal("assistant"),
  content: z.array(
    z.object({ type: z.literal("output_text"), text: z.string(), annotations: z.array(z.never()) }),
  ),
});

/** A response object, as the Responses API returns it (whole, or last in a stream). */
export const ResponseObject = z.object({
  id: z.string(),
  object: z.literal("response"),
  created_at: z.number(),
  status: z.enum(["in_progress", "completed", "incomplete"]),
  model: z.string(),
  output: z.array(OutputMessage),
  instructions: z.string().nullable(),
  incomplete_details: z.object({ reason: z.string() }).nullable(),
  error: z.null(),
  usage: z
    .object({ input_tokens: z.number(), output_tokens: z.number(), total_tokens: z.number() })
    .nullable(),
});
type ResponseObject = z.infer<typeof ResponseObject>;

/** The messages of a turn: the instructions first, then the input. */
export function responsesMessages(body: ResponsesBody): ChatMessage[] {
  const items =
    typeof body.input === "string" ? [{ role: "user" as const, content: body.input }] : body.input;
  const messages: ChatMessage[] = body.instructions
    ? [{ role: "system", content: body.instructions }]
    : [];
  for (const item of items) {
    const content =
      typeof item.content === "string"
        ? item.content
        : item.content
            .map((part) =>
              "text" in part && typeof part.text === "string"
                ? part.text
                : refuseParameter("input"),
            )
            .join("\n");
    messages.push({
      role: item.role === "developer" ? "system" : item.role,
      content: content ?? "",
    });
  }
  return messages;
}

/** What the Responses API's other parameters do: refused unless at their default, or reported. */
export function responsesParameters(body: ResponsesBody): { ignored: string[] } {
  if ((body.tools?.length ?? 0) > 0) refuseParameter("tools");
  if (
    body.tool_choice !== undefined &&
    body.tool_choice !== "none" &&
    body.tool_choice !== "auto"
  ) {
    refuseParameter("tool_choice");
  }
  if (body.text?.format && body.text.format.type !== "text") refuseParameter("text.format");
  // Beffroi keeps no response to continue from: each request carries its whole conversation.
  if (body.previous_response_id) refuseParameter("previous_response_id");
  if (body.background === true) refuseParameter("background");
  if ((body.include?.length ?? 0) > 0) refuseParameter("include");
  const ignored = (
    ["user", "metadata", "store", "service_tier", "reasoning", "truncation"] as const
  ).filter((parameter) => body[parameter] !== undefined && body[parameter] !== null);
  if (body.parallel_tool_calls !== undefined && body.parallel_tool_calls !== null) {
    ignored.push("parallel_tool_calls" as never);
  }
  return { ignored: [...ignored] };
}

const messageId = (id: string) => `msg_${id.replace(/^resp_/, "")}`;

/** The response object for an answer (or, with no output, one still in progress). */
export function responseObject(
  meta: StreamMeta,
  instructions: string | null,
  output?: TurnOutput,
): ResponseObject {
  const incomplete = output?.finishReason === "length";
  const usage = output?.usage;
  return {
    id: meta.id,
    object: "response",
    created_at: meta.created,
    status: !output ? "in_progress" : incomplete ? "incomplete" : "completed",
    model: meta.model,
    output: output
      ? [
          {
            type: "message",
            id: messageId(meta.id),
            status: incomplete ? "incomplete" : "completed",
            role: "assistant",
            content: [{ type: "output_text", text: output.text, annotations: [] }],
          },
        ]
      : [],
    instructions,
    incomplete_details: incomplete ? { reason: "max_output_tokens" } : null,
    error: null,
    usage: usage
      ? {
          input_tokens: usage.promptTokens,
          output_tokens: usage.completionTokens,
          total_tokens: usage.promptTokens + usage.completionTokens,
        }
      : null,
  };
}

/**
 * The Responses API's stream: named events, each with its `type` and a
 * sequence number — created, in progress, the message item and its text
 * part opened, text deltas, then each closed and the response completed (or
 * an `error` event when the model stops midway). No `[DONE]`.
 */
export function responsesStream(instructions: string | null): StreamEncoder {
  let sequence = 0;
  let text = "";
  const event = (type: string, fields: object) => ({
    event: type,
    data: { type, sequence_number: sequence++, ...fields },
  });
  const at = (meta: StreamMeta) => ({
    item_id: messageId(meta.id),
    output_index: 0,
    content_index: 0,
  });
  return {
    open: (meta) => {
      const started = responseObject(meta, instructions);
      return [
        event("response.created", { response: started }),
        event("response.in_progress", { response: started }),
        event("response.output_item.added", {
          output_index: 0,
          item: {
            type: "message",
            id: messageId(meta.id),
            status: "in_progress",
            role: "assistant",
            content: [],
          },
        }),
        event("response.content_part.added", {
          ...at(meta),
          part: { type: "output_text", text: "", annotations: [] },
        }),
      ];
    },
    text: (meta, delta) => {
      text += delta;
      return [event("response.output_text.delta", { ...at(meta), delta })];
    },
    finish: (meta, { output }) => {
      const done = responseObject(meta, instructions, { ...output, text });
      const item = done.output[0];
      return [
        event("response.output_text.done", { ...at(meta), text }),
        event("response.content_part.done", {
          ...at(meta),
          part: { type: "output_text", text, annotations: [] },
        }),
        event("response.output_item.done", { output_index: 0, item }),
        event(done.status === "incomplete" ? "response.incomplete" : "response.completed", {
          response: done,
        }),
      ];
    },
    fail: (_meta, error, language) => {
      const { error: body } = openAiError(error, language);
      return [event("error", { code: body.code, message: body.message, param: body.param })];
    },
    doneMarker: false,
  };
}
