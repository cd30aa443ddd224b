import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { AppError } from "../shared/errors.js";
import { DEFAULT_EXTERNAL_ENTITIES, type ExternalRecognizerSettings } from "./external.js";
import { GuardService } from "./guard.service.js";
import { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";

/**
 * A stand-in for Presidio's analyzer on loopback: `POST /analyze` with
 * `{ text, language }`, answering what the test scripts (offsets in code
 * points, as Presidio counts them in Python).
 */
function analyzer(answer: (text: string) => { status?: number; body?: unknown; delayMs?: number }) {
  const requests: { text: string; language: string; authorization?: string | undefined }[] = [];
  const server: Server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => {
      raw += chunk;
    });
    request.on("end", () => {
      const body = JSON.parse(raw) as { text: string; language: string };
      requests.push({ ...body, authorization: request.headers.authorization });
      const { status = 200, body: reply = [], delayMs = 0 } = answer(body.text);
      setTimeout(() => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(reply));
      }, delayMs);
    });
  });
  return { server, requests };
}

/** The code point offsets of `part` in `text`, as Presidio would give them. */
function codePoints(text: string, part: string): { start: number; end: number } {
  const at = text.indexOf(part);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...part].length };
}

describe("external recognizer (Presidio's /analyze)", () => {
  let answer: (text: string) => { status?: number; body?: unknown; delayMs?: number } = () => ({});
  const stand = analyzer((text) => answer(text));
  let settings: ExternalRecognizerSettings;

  before(async () => {
    await new Promise<void>((resolve) => stand.server.listen(0, "127.0.0.1", resolve));
    const { port } = stand.server.address() as AddressInfo;
    settings = {
      url: `http://127.0.0.1:${port}`,
      language: "fr",
      minScore: 0.5,
      timeoutMs: 300,
      entities: { ...DEFAULT_EXTERNAL_ENTITIES },
      apiKeyEnv: "BEFFROI_TEST_ANALYZER_KEY",
    };
    process.env.BEFFROI_TEST_ANALYZER_KEY = "jeton-de-test";
  });
  after(() => {
    delete process.env.BEFFROI_TEST_ANALYZER_KEY;
    stand.server.close();
  });

  it("adds what the model finds where Beffroi found nothing, offsets read in code points", async () => {
    // An emoji (two UTF-16 units, one code point) before the name: offsets must be converted.
    const text = "📞 Appel de Zorblaxine Quirvandel pour son dossier, tél. 06 12 34 56 78.";
    answer = (sent) => ({
      body: [
        { entity_type: "PERSON", ...codePoints(sent, "Zorblaxine Quirvandel"), score: 0.85 },
        // Overlaps Beffroi's own finding: ignored (the model only adds).
        { entity_type: "PERSON", ...codePoints(sent, "06 12 34"), score: 0.6 },
        // Under the score asked for: ignored.
        { entity_type: "PERSON", ...codePoints(sent, "dossier"), score: 0.2 },
        // A type the mapping does not know: ignored.
        { entity_type: "URL", ...codePoints(sent, "Appel"), score: 0.9 },
      ],
    });
    const guard = new GuardService(DEFAULT_RECOGNIZERS, { external: settings });
    const result = await guard.scan(text, "documents");
    const found = result.entities.map((e) => [e.type, text.slice(e.start, e.end), e.rule]);
    assert.deepEqual(found, [
      ["PERSON", "Zorblaxine Quirvandel", "external.person"],
      ["PHONE", "06 12 34 56 78", "phone.fr"],
    ]);
    assert.equal(result.dataClass, "personal");
    const last = stand.requests.at(-1);
    assert.equal(last?.language, "fr");
    assert.equal(last?.authorization, "Bearer jeton-de-test", "the token from its variable");
  });

  it("fails the scan, never passes it, when the model answers an error or too late", async () => {
    const guard = new GuardService(DEFAULT_RECOGNIZERS, { external: settings });
    for (const [reply, why] of [
      [{ status: 500, body: { error: "down" } }, "an error"],
      [{ body: { not: "a list" } }, "an answer of the wrong shape"],
      [{ delayMs: 1000 }, "too late"],
    ] as const) {
      answer = () => reply;
      await assert.rejects(
        guard.scan("Appel de Mme Durand."),
        (error: unknown) => error instanceof AppError && error.code === "guard_failed",
        why,
      );
    }
  });

  it("fails the scan when nothing answers at its address", async () => {
    const guard = new GuardService(DEFAULT_RECOGNIZERS, {
      external: { ...settings, url: "http://127.0.0.1:9" },
    });
    await assert.rejects(guard.scan("Bonjour."), (error: unknown) => {
      return error instanceof AppError && error.code === "guard_failed";
    });
  });
});
