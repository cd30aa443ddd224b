import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { DEFAULT_RECOGNIZERS, GuardService } from "../guard/index.js";
import { t } from "../i18n/index.js";
import { type CliIo, UsageError } from "./io.js";

/**
 * beffroi guard scan [--jsonl]: the text on standard input → its class and
 * entities (JSON); with --jsonl, `{ "id", "text" }` lines in, `{ "id",
 * "dataClass", "entities" }` lines out. Needs no database.
 */
export async function guardCommand(io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { jsonl: { type: "boolean" } },
    strict: true,
  });
  if (action !== "scan")
    throw new UsageError(t("cli.unknown_command", { command: `guard ${action ?? ""}` }));
  const guard = new GuardService(DEFAULT_RECOGNIZERS);
  if (!values.jsonl) {
    let text = "";
    for await (const chunk of io.stdin) text += chunk;
    io.stdout.write(`${JSON.stringify(guard.scan(text))}\n`);
    return 0;
  }
  let line = 0;
  for await (const raw of createInterface({ input: io.stdin, terminal: false })) {
    line += 1;
    if (!raw.trim()) continue;
    let record: { id?: unknown; text?: unknown };
    try {
      record = JSON.parse(raw) as { id?: unknown; text?: unknown };
    } catch {
      throw new UsageError(t("cli.jsonl_invalid", { line }));
    }
    if (typeof record.text !== "string") throw new UsageError(t("cli.jsonl_invalid", { line }));
    io.stdout.write(`${JSON.stringify({ id: record.id ?? null, ...guard.scan(record.text) })}\n`);
  }
  return 0;
}
