import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { formatEvent } from "./event-stream.js";

describe("server-sent events", () => {
  it("writes events that a standard parser reads back whole, across chunks and lines", () => {
    const read: EventSourceMessage[] = [];
    const parser = createParser({ onEvent: (event) => read.push(event) });
    const stream =
      formatEvent({ text: "Bonjour" }, "delta") +
      formatEvent("deux lignes\nde texte\r\net une troisième") +
      formatEvent("[DONE]");
    // Cut anywhere, as the network does.
    for (let at = 0; at < stream.length; at += 7) parser.feed(stream.slice(at, at + 7));
    assert.deepEqual(
      read.map(({ event, data }) => ({ event, data })),
      [
        { event: "delta", data: '{"text":"Bonjour"}' },
        { event: undefined, data: "deux lignes\nde texte\net une troisième" },
        { event: undefined, data: "[DONE]" },
      ],
    );
  });
});
