import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fr } from "../i18n/fr.js";
import { ERROR_CODES, ERROR_STATUS } from "./error-codes.js";
import { AppError, tooManyRequests } from "./errors.js";

describe("error codes", () => {
  it("gives every code a French message, and every error message a code", () => {
    const messages = Object.keys(fr)
      .filter((key) => key.startsWith("error."))
      .map((key) => key.slice("error.".length));
    assert.deepEqual(
      ERROR_CODES.filter((code) => !messages.includes(code)),
      [],
      "codes without a message",
    );
    assert.deepEqual(
      messages.filter((code) => !(code in ERROR_STATUS)),
      [],
      "messages no code raises",
    );
  });

  it("maps each code to one error status, whoever raises it", () => {
    for (const code of ERROR_CODES) {
      const status = ERROR_STATUS[code];
      assert.ok(status >= 400 && status <= 599, `${code}: ${status}`);
      const error = new AppError(code, { model: "m", reason: "r" });
      assert.equal(error.status, status);
      assert.notEqual(error.message, `error.${code}`, `${code} has a sentence`);
    }
    assert.equal(new AppError("model_unknown", { model: "x/y" }).status, 404);
    assert.equal(new AppError("assistant_model_unknown", { model: "x/y" }).status, 400);
    assert.match(new AppError("model_unknown", { model: "x/y" }).message, /x\/y/);
    const limited = tooManyRequests("rate_limited", 7);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers["retry-after"], "7");
  });
});
