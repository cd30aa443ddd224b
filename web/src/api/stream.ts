import { createParser } from "eventsource-parser";
import { ApiError, type CallOptions, errorFrom, type Route, requestHeaders, urlOf } from "./client";

export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * POSTs JSON to a route and reads the server-sent events of the answer as
 * they come (EventSource cannot POST). A refusal before the stream starts is
 * an ApiError, as for any request.
 */
export async function* postForEvents<R extends Extract<Route, `POST ${string}`>>(
  route: R,
  options: CallOptions<R>,
  signal?: AbortSignal,
): AsyncGenerator<StreamEvent> {
  let response: Response;
  try {
    response = await fetch(urlOf(route, options), {
      method: "POST",
      credentials: "same-origin",
      headers: { ...requestHeaders("POST", true), accept: "text/event-stream" },
      // A route that takes no body still gets an empty JSON object: the header says JSON.
      body: JSON.stringify(options.body ?? {}),
      ...(signal && { signal }),
    });
  } catch {
    if (signal?.aborted) return;
    throw new ApiError(0, "network_error", "");
  }
  if (!response.ok) throw await errorFrom(response);
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ready: StreamEvent[] = [];
  const parser = createParser({
    onEvent: ({ event, data }) => {
      try {
        ready.push({ event: event ?? "message", data: JSON.parse(data) });
      } catch {
        ready.push({ event: event ?? "message", data });
      }
    },
  });
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.feed(value);
    yield* ready.splice(0);
  }
}
