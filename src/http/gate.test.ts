import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { checkResponse } from "./gate.js";
import { route } from "./route.js";

describe("response check", () => {
  const definition = route({
    method: "GET",
    url: "/api/exemple",
    summary: "Exemple",
    tags: [],
    access: "authenticated",
    response: z.object({ id: z.string(), count: z.number() }),
    handler: async () => ({}),
  });

  it("lets an answer that matches its schema through", () => {
    assert.doesNotThrow(() => checkResponse(definition, { id: "a", count: 2 }));
  });

  it("refuses one that does not, naming the route and the paths, never the values", () => {
    assert.throws(
      () => checkResponse(definition, { id: "secret-value", count: "2" }),
      (error: Error) =>
        /GET \/api\/exemple/.test(error.message) &&
        /count invalid_type/.test(error.message) &&
        !error.message.includes("secret-value"),
    );
  });

  it("checks nothing for a route without a response schema", () => {
    assert.doesNotThrow(() => checkResponse({ ...definition, response: undefined }, 42));
  });
});
