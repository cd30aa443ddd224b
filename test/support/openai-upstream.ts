import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small OpenAI-compatible model server for the tests, on loopback: the one
 * stand-in allowed for model services. It serves /v1/models, /v1/chat/completions
 * (plain and streamed) and /v1/embeddings, records every request, and plays
 * scripted answers (errors, dropped connections, garbage, silence, answers
 * far too large) so that the tests can drive the gateway through real HTTP
 * failures.
 */

/** One scripted answer to the next chat-completion request. */
export type Script =
  | {
      kind: "reply";
      text: string;
      /** `null` leaves usage out of the answer; absent means the default count. */
      usage?: { prompt_tokens: number; completion_tokens: number } | null;
      /** Pause between two content chunks (stream). */
      chunkDelayMs?: number;
      /** Pause before the first content chunk (stream) or before the answer (non-stream). */
      firstTokenDelayMs?: number;
      /** Stream chunks of this many characters instead of words (cuts placeholders in two). */
      chunkChars?: number;
      /** Why the model stopped (default `stop`, `tool_calls` with tool calls; `length` when cut). */
      finishReason?: string;
      /** Tools the model asks to call (streamed in two pieces each, by index). */
      toolCalls?: { id: string; name: string; arguments: string }[];
    }
  /** e.g. 429 with retry-after, 500; `body` defaults to an OpenAI-style error. */
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  /** Destroy the socket without answering (connection reset). */
  | { kind: "drop" }
  /** Send part of the answer (some chunks when streaming), then destroy the socket. */
  | { kind: "drop-mid-stream"; text: string }
  /** 200 with a body that is not JSON, or SSE lines whose data is not JSON. */
  | { kind: "garbage" }
  /** Never answer: the client must time out or cancel. */
  | { kind: "hang" }
  /**
   * An answer of `bytes` bytes (one huge content, or as many SSE chunks),
   * written as fast as the client reads it, until it ends or the client
   * hangs up; `declareLength` announces its size in content-length.
   */
  | { kind: "oversize"; bytes: number; declareLength?: boolean };

export interface UpstreamRequest {
  /** Path and query, e.g. "/v1/chat/completions". */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  // biome-ignore lint/suspicious/noExplicitAny: the tests read any field they sent.
  body: any;
  /** True when the client closed the connection before the response ended. */
  aborted: boolean;
  /** Bytes of the answer written so far (an oversize answer stops when the client hangs up). */
  sentBytes: number;
}

export interface OpenAiUpstream {
  /** Base URL, e.g. "http://127.0.0.1:PORT/v1". */
  url: string;
  /** Every request received, in order. */
  requests: UpstreamRequest[];
  /** Queue answers for the next chat-completion requests, in order; then the default answers. */
  script(...steps: Script[]): void;
  /** Reply text when no script is queued. */
  defaultReply: string;
  /** When set, requests must carry `Authorization: Bearer <key>` (else 401). */
  key: string | undefined;
  /** Ids listed by GET /v1/models. */
  models: string[];
  /** When set, GET /v1/models and POST /v1/embeddings answer with this many bytes (see `oversize`). */
  oversize: number | undefined;
  close(): Promise<void>;
}

interface ChatBody {
  model: string;
  messages: { content?: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

const errorBody = (message: string, type = "invalid_request_error") => ({
  error: { message, type },
});

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Word-ish chunks; each keeps the whitespace before it, so joining gives back the text. */
const chunksOf = (text: string) => text.match(/\s*\S+|\s+$/g) ?? [];

/**
 * Writes `head`, then `unit` again and again, then `tail`: `bytes` in all,
 * no faster than the client reads (so that the bytes counted are those it
 * took), and stops as soon as it hangs up.
 */
async function pour(
  response: ServerResponse,
  record: UpstreamRequest,
  answer: {
    type: string;
    head: string;
    unit: string;
    tail: string;
    bytes: number;
    declare?: boolean;
  },
): Promise<void> {
  const { head, unit, tail } = answer;
  const units = Math.max(0, Math.ceil((answer.bytes - head.length - tail.length) / unit.length));
  const total = head.length + units * unit.length + tail.length;
  response.writeHead(200, {
    "content-type": answer.type,
    ...(answer.declare && { "content-length": String(total) }),
  });
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        response.off("drain", done);
        response.off("close", done);
        resolve();
      };
      response.on("drain", done);
      response.on("close", done);
    });
  const write = async (text: string) => {
    if (response.destroyed) return;
    record.sentBytes += text.length;
    if (!response.write(text)) await drained();
  };
  await write(head);
  for (let index = 0; index < units && !response.destroyed; index += 1) await write(unit);
  if (!response.destroyed) response.end(tail);
}

/** Characters of a message content: a string, or parts like `{ type: "text", text }`. */
function charsOf(content: unknown): number {
  if (typeof content === "string") return content.length;
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content as { text?: unknown }[]) {
    if (typeof part?.text === "string") total += part.text.length;
  }
  return total;
}

/** A deterministic unit vector of 8 dimensions from the sha256 of the text. */
function embed(text: string): number[] {
  const hash = createHash("sha256").update(text).digest();
  const vector = Array.from(hash.subarray(0, 8), (byte) => byte - 127.5);
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function isChatBody(body: unknown): body is ChatBody {
  const candidate = body as Partial<ChatBody> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.model === "string" &&
    Array.isArray(candidate.messages)
  );
}

export async function startOpenAiUpstream(): Promise<OpenAiUpstream> {
  const queue: Script[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let completions = 0;
  let closing = false;

  const state: OpenAiUpstream = {
    url: "",
    requests: [],
    script: (...steps) => {
      queue.push(...steps);
    },
    defaultReply: "Bonjour, je suis le modèle de test.",
    key: undefined,
    models: ["test-model"],
    oversize: undefined,
    close: async () => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  /** A pause that close() can cancel (the waiting answer then never resumes). */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function chat(
    body: ChatBody,
    response: ServerResponse,
    drop: () => void,
    record: UpstreamRequest,
  ) {
    const step: Script = queue.shift() ?? { kind: "reply", text: state.defaultReply };
    completions += 1;
    const id = `chatcmpl-test-${completions}`;
    const created = Math.floor(Date.now() / 1000);
    const stream = body.stream === true;
    const gone = () => closing || response.destroyed;
    const event = (choices: unknown[], extra: object = {}) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices, ...extra })}\n\n`;
    const delta = (content: object, finish: string | null = null) =>
      event([{ index: 0, delta: content, finish_reason: finish }]);
    const startStream = () =>
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });

    switch (step.kind) {
      case "status":
        return send(
          response,
          step.status,
          step.body ?? errorBody(`Scripted status ${step.status}.`, "api_error"),
          step.headers,
        );
      case "drop":
        return drop();
      case "hang":
        return;
      case "oversize": {
        const unit = "x".repeat(16_384);
        if (stream) {
          return pour(response, record, {
            type: "text/event-stream",
            head: delta({ role: "assistant", content: "" }),
            unit: delta({ content: unit }),
            tail: `${delta({}, "stop")}data: [DONE]\n\n`,
            bytes: step.bytes,
          });
        }
        const [head, tail] = JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model: body.model,
          choices: [
            { index: 0, message: { role: "assistant", content: "" }, finish_reason: "stop" },
          ],
        }).split('"content":""');
        return pour(response, record, {
          type: "application/json",
          head: `${head}"content":"`,
          unit,
          tail: `"${tail}`,
          bytes: step.bytes,
          declare: step.declareLength ?? false,
        });
      }
      case "garbage":
        if (!stream) return send(response, 200, "<html>Bad Gateway</html> {not json");
        startStream();
        response.write(`data: {"id": "${id}", oops not json\n\n`);
        response.end("data: [DONE]\n\n");
        return;
      case "drop-mid-stream": {
        const chunks = chunksOf(step.text);
        const sent = Math.max(1, Math.floor(chunks.length / 2));
        let partial: string;
        if (stream) {
          startStream();
          partial = delta({ role: "assistant", content: "" });
          for (const chunk of chunks.slice(0, sent)) partial += delta({ content: chunk });
        } else {
          // Announce the whole body, send half of it.
          const whole = JSON.stringify({ id, object: "chat.completion", choices: [step.text] });
          response.writeHead(200, {
            "content-type": "application/json",
            "content-length": String(Buffer.byteLength(whole)),
          });
          partial = whole.slice(0, Math.floor(whole.length / 2));
        }
        // Let the bytes leave before cutting, so the client sees a truncated answer.
        await new Promise<void>((resolve) => response.write(partial, () => resolve()));
        await sleep(20);
        return drop();
      }
      case "reply":
        break;
    }

    const chunks = step.chunkChars
      ? (step.text.match(new RegExp(`[^]{1,${step.chunkChars}}`, "g")) ?? [])
      : chunksOf(step.text);
    const promptTokens = Math.ceil(
      body.messages.reduce((sum, message) => sum + charsOf(message?.content), 0) / 4,
    );
    const counts =
      step.usage === null
        ? null
        : (step.usage ?? { prompt_tokens: promptTokens, completion_tokens: chunks.length });
    const usage = counts && {
      ...counts,
      total_tokens: counts.prompt_tokens + counts.completion_tokens,
    };

    if (!stream) {
      await sleep(step.firstTokenDelayMs ?? 0);
      if (gone()) return;
      return send(response, 200, {
        id,
        object: "chat.completion",
        created,
        model: body.model,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: step.text,
              ...(step.toolCalls && {
                tool_calls: step.toolCalls.map((call) => ({
                  id: call.id,
                  type: "function",
                  function: { name: call.name, arguments: call.arguments },
                })),
              }),
            },
            finish_reason: step.finishReason ?? (step.toolCalls ? "tool_calls" : "stop"),
          },
        ],
        ...(usage && { usage }),
      });
    }

    startStream();
    response.write(delta({ role: "assistant", content: "" }));
    await sleep(step.firstTokenDelayMs ?? 0);
    for (const [index, chunk] of chunks.entries()) {
      if (index > 0) await sleep(step.chunkDelayMs ?? 0);
      if (gone()) return;
      response.write(delta({ content: chunk }));
    }
    if (gone()) return;
    for (const [index, call] of (step.toolCalls ?? []).entries()) {
      const half = Math.floor(call.arguments.length / 2);
      response.write(
        delta({
          tool_calls: [
            {
              index,
              id: call.id,
              type: "function",
              function: { name: call.name, arguments: call.arguments.slice(0, half) },
            },
          ],
        }),
      );
      response.write(
        delta({ tool_calls: [{ index, function: { arguments: call.arguments.slice(half) } }] }),
      );
    }
    response.write(delta({}, step.finishReason ?? (step.toolCalls ? "tool_calls" : "stop")));
    if (body.stream_options?.include_usage === true && usage) {
      response.write(event([], { usage }));
    }
    response.end("data: [DONE]\n\n");
  }

  function embeddings(body: unknown, response: ServerResponse) {
    const { model, input } = (body ?? {}) as { model?: unknown; input?: unknown };
    const inputs = typeof input === "string" ? [input] : input;
    if (
      typeof model !== "string" ||
      !Array.isArray(inputs) ||
      inputs.length === 0 ||
      !inputs.every((item) => typeof item === "string")
    ) {
      return send(response, 400, errorBody("Expected `model` and `input` (string or string[])."));
    }
    const tokens = Math.ceil(inputs.reduce((sum, item) => sum + item.length, 0) / 4);
    send(response, 200, {
      object: "list",
      data: inputs.map((item, index) => ({ object: "embedding", index, embedding: embed(item) })),
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    let json = true;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
        json = false;
      }
    }
    const record: UpstreamRequest = {
      path: request.url ?? "/",
      headers: { ...request.headers },
      body,
      aborted: false,
      sentBytes: 0,
    };
    state.requests.push(record);
    // Only the client going away counts as aborted, not our own drops or close().
    let dropped = false;
    response.on("close", () => {
      if (!response.writableFinished && !dropped && !closing) record.aborted = true;
    });
    const drop = () => {
      dropped = true;
      request.socket.destroy();
    };

    if (state.key !== undefined && request.headers.authorization !== `Bearer ${state.key}`) {
      return send(response, 401, {
        error: {
          message: "Incorrect API key provided.",
          type: "invalid_request_error",
          code: "invalid_api_key",
        },
      });
    }
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    const route = `${request.method} ${pathname}`;
    if (route.startsWith("POST ") && !json) {
      return send(response, 400, errorBody("We could not parse the JSON body of your request."));
    }
    switch (route) {
      case "GET /v1/models":
        if (state.oversize !== undefined) {
          return pour(response, record, {
            type: "application/json",
            head: '{"object":"list","data":[{"object":"model","id":"',
            unit: "x".repeat(16_384),
            tail: '"}]}',
            bytes: state.oversize,
          });
        }
        return send(response, 200, {
          object: "list",
          data: state.models.map((id) => ({ id, object: "model", created: 0, owned_by: "test" })),
        });
      case "POST /v1/chat/completions":
        if (!isChatBody(body)) {
          return send(response, 400, errorBody("Expected `model` and `messages`."));
        }
        return chat(body, response, drop, record);
      case "POST /v1/embeddings":
        if (state.oversize !== undefined) {
          return pour(response, record, {
            type: "application/json",
            head: '{"object":"list","data":[{"object":"embedding","index":0,"embedding":[',
            unit: "0.125,".repeat(2_048),
            tail: "0.125]}]}",
            bytes: state.oversize,
          });
        }
        return embeddings(body, response);
      default:
        return send(response, 404, errorBody(`Unknown route: ${route}.`));
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, errorBody("Test server error.", "api_error"));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
