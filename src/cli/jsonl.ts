import { createInterface } from "node:readline";
import { t } from "../i18n/index.js";
import { AppError } from "../shared/errors.js";
import type { CliIo } from "./io.js";

/** Longest input line read, in characters: a question, not a document. */
export const MAX_JSONL_LINE = 20_000;

/** One question of a batch: `{"id": …, "query": …}`. */
export interface BatchQuestion {
  id: string | number;
  query: string;
}

/**
 * Runs `answer` on each `{"id","query"}` line of standard input, in order, in
 * one process, and writes one JSON line per input line: the answer with its
 * id, or `{"id", "error": {"code", "message"}}` for a line that cannot be
 * read or answered (the batch goes on). Blank lines are skipped. Returns the
 * exit code: 0 when every line was answered, 1 otherwise.
 */
export async function answerLines(
  io: CliIo,
  answer: (question: BatchQuestion) => Promise<Record<string, unknown>>,
): Promise<number> {
  const lines = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
  let failed = 0;
  let number = 0;
  const write = (value: Record<string, unknown>) => io.stdout.write(`${JSON.stringify(value)}\n`);
  for await (const line of lines) {
    number += 1;
    if (line.trim() === "") continue;
    const question = readQuestion(line, number);
    if ("error" in question) {
      failed += 1;
      write(question);
      continue;
    }
    try {
      write({ id: question.id, ...(await answer(question)) });
    } catch (error) {
      failed += 1;
      const code = error instanceof AppError ? error.code : "internal_error";
      const message = error instanceof AppError ? error.message : t("cli.jsonl.failed");
      write({ id: question.id, error: { code, message } });
    }
  }
  return failed > 0 ? 1 : 0;
}

type Refusal = { id: string | number | null; error: { code: string; message: string } };

function readQuestion(line: string, number: number): BatchQuestion | Refusal {
  const refuse = (field: string, id: string | number | null = null): Refusal => ({
    id,
    error: { code: "invalid_line", message: t("cli.jsonl.invalid_line", { line: number, field }) },
  });
  if (line.length > MAX_JSONL_LINE) return refuse("longueur");
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return refuse("JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return refuse("JSON");
  const { id, query } = parsed as Record<string, unknown>;
  if (typeof id !== "string" && typeof id !== "number") return refuse("id");
  if (typeof query !== "string" || query.trim() === "") return refuse("query", id);
  return { id, query };
}
