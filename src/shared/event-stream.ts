import type { FastifyReply } from "fastify";

/**
 * Server-sent events, written one way: the response headers (no caching, no
 * proxy buffering) and one event as text. Read with `eventsource-parser`
 * (the model adapter, the page).
 */
export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  "x-content-type-options": "nosniff",
};

/** One event: an optional name, then its data (JSON, or a text such as `[DONE]`). */
export function formatEvent(data: unknown, event?: string): string {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  const lines = text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
  return `${event ? `event: ${event}\n` : ""}${lines.join("\n")}\n\n`;
}

/**
 * Takes the response over for a stream of events: the headers already set on
 * the reply (security, CORS, rate limits) go out with the stream's own.
 */
export function openEventStream(reply: FastifyReply, headers: Record<string, string> = {}): void {
  const set: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) set[name] = value;
  }
  reply.hijack();
  reply.raw.writeHead(200, { ...set, ...EVENT_STREAM_HEADERS, ...headers });
}
