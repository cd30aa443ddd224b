import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { apiContract, CONTRACT_FILE } from "../scripts/api-contract.js";

/**
 * The page's API types are generated from the server's OpenAPI document: the
 * committed file must be what the generator writes today, so a route or a
 * field changed on the server changes the page's types (and its typecheck).
 */
describe("the page's API contract", () => {
  it("is the one the server's OpenAPI document gives (npm run api:contract)", async () => {
    const committed = readFileSync(CONTRACT_FILE, "utf8");
    assert.ok(
      committed === (await apiContract()),
      "web/src/api/contract.gen.ts is out of date: run `npm run api:contract`",
    );
  });
});
