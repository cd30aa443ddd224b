import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { type MessageKey, type MessageParams, t } from "../i18n/index.js";

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});

/** A usage mistake: printed with the usage hint, exit code 2. */
export class UsageError extends Error {}

export const say = (io: CliIo, key: MessageKey, params?: MessageParams) =>
  io.stdout.write(`${t(key, params)}\n`);

/** Reads one line from standard input (a piped password). */
export async function readLine(io: CliIo): Promise<string> {
  const lines = createInterface({ input: io.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return "";
}

/** Asks for a secret on a terminal without echoing it. */
export async function askSecret(io: CliIo, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  const stdin = io.stdin as NodeJS.ReadStream;
  stdin.setRawMode?.(true);
  stdin.resume();
  let value = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          stdin.setRawMode?.(false);
          stdin.pause();
          stdin.off("data", onData);
          io.stderr.write("\n");
          resolve(value);
          return;
        }
        if (char === "\u0003") {
          stdin.setRawMode?.(false);
          reject(new UsageError(t("cli.interrupted")));
          return;
        }
        value = char === "\u007f" ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on("data", onData);
  });
}

/**
 * A message in a frame, so that it stands out among the logs around it
 * (the first start's token). Lines are measured in characters: the catalogue
 * holds French text in NFC, one character per column.
 */
export function framed(text: string): string {
  const lines = text.split("\n");
  const width = Math.max(...lines.map((line) => line.length));
  const border = "═".repeat(width + 2);
  return [`╔${border}╗`, ...lines.map((line) => `║ ${line.padEnd(width)} ║`), `╚${border}╝`].join(
    "\n",
  );
}
