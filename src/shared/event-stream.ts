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
