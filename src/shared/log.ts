import { type DestinationStream, type Logger, pino } from "pino";

/**
 * Where Beffroi reports what it did: ids, counts, codes and durations only —
 * never a prompt, an answer, a document's text, a secret or personal data.
 * One logger is created first, by the entry point (server or CLI), and passed
 * to whatever reports; the HTTP server writes its request lines through it.
 */
export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A JSON-lines logger at `level`, to `stream` (default: standard output). */
export function createLog(level: string, stream?: DestinationStream): Logger {
  return stream ? pino({ level }, stream) : pino({ level });
}

/**
 * The CLI's logger, on its standard error: warnings and errors only (or
 * fewer, if the configuration asks), so that a command's French output is not
 * buried under the lines a server would write.
 */
export function createCliLog(level: string, stderr: DestinationStream): Logger {
  const asked = pino.levels.values[level] ?? Number.POSITIVE_INFINITY;
  const warn = pino.levels.values.warn ?? 40;
  return pino({ level: asked > warn ? level : "warn" }, stderr);
}

/** Reports nothing: for the tools and tests that want no log. */
export const silentLog: Log = { info() {}, warn() {}, error() {} };
