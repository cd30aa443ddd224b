import { ApiError, errorFrom, requestHeaders } from "./client";

export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * POSTs JSON and reads the server-sent events of the answer as they come
 * (EventSource cannot POST). A refusal before the stream starts is an
 * ApiError, as for any request.
 */
export async function* postForEvents(
  url: string,
  body: unknown,
  signal?: AbortSignal,
): AsyncGenerator<StreamEvent> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { ...requestHeaders("POST", true), accept: "text/event-stream" },
      body: JSON.stringify(body),
      ...(signal && { signal }),
    });
  } catch {
    if (signal?.aborted) return;
    throw new ApiError(0, "network_error", "");
  }
  if (!response.ok) throw await errorFrom(response);
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseBlock(block);
      if (event) yield event;
      end = buffer.indexOf("\n\n");
    }
  }
}

function parseBlock(block: string): StreamEvent | null {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  if (data.length === 0) return null;
  try {
    return { event, data: JSON.parse(data.join("\n")) };
  } catch {
    return { event, data: data.join("\n") };
  }
}
