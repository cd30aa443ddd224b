import { createHash } from "node:crypto";
import { t } from "../../i18n/index.js";
import { AppError, appError } from "../../shared/errors.js";
import { TimeSlices } from "../../shared/time-slices.js";
import { type AidCondition, AidLineSchema, fieldPath, problemOf, valueAt } from "./aids.schema.js";
import { htmlLine, htmlText } from "./html-text.js";

/** What one aid file may hold. */
export interface AidFileLimits {
  /** Lines, blank ones included. */
  maxLines: number;
  maxBytes: number;
  /** One scheme; a real one is a few kilobytes. */
  maxLineBytes: number;
}

export const DEFAULT_AID_FILE_LIMITS: AidFileLimits = {
  maxLines: 10_000,
  maxBytes: 16 * 1024 * 1024,
  maxLineBytes: 1024 * 1024,
};

/** A scheme as read from a file: its texts cleaned of any markup. */
export interface AidScheme {
  id: string;
  /** The line it was read from (1-based). */
  line: number;
  title: string;
  institution: string;
  institutionType: string;
  /** The description's paragraphs, as text. */
  description: string[];
  conditions: { general: AidCondition[]; text: string[] };
  amount: number | null;
  unit: string | null;
  periodicity: string | null;
  link: string | null;
  /** SHA-256 of everything above but the line: equal digests, same scheme. */
  digest: string;
}

/** Nesting a scheme may have: the format's deepest is three (line, condition, list). */
const MAX_DEPTH = 16;

/** Whether a parsed value nests deeper than `max`, walked without recursion. */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [current, depth] = item;
    if (current === null || typeof current !== "object") continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

const megabytes = (bytes: number) => Math.max(1, Math.floor(bytes / 1024 / 1024));

export const fileTooLarge = (limits: AidFileLimits) =>
  new AppError("aids_file_too_large", { limit: megabytes(limits.maxBytes) });

const NEWLINE = 0x0a;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Reads an aid file (JSONL, UTF-8) whole before anything is stored: the
 * first fault refuses the file, with its line and field, so that a file
 * half imported never replaces schemes that were fine. Limits first (bytes,
 * lines, bytes per line), each line parsed once; the event loop is given back
 * between lines every few milliseconds, so a large file never holds requests.
 */
export async function readAidFile(
  bytes: Uint8Array,
  limits: AidFileLimits = DEFAULT_AID_FILE_LIMITS,
): Promise<AidScheme[]> {
  if (bytes.byteLength > limits.maxBytes) throw fileTooLarge(limits);
  const schemes: AidScheme[] = [];
  const seen = new Map<string, number>();
  const slices = new TimeSlices();
  let start = 0;
  for (let line = 1; start < bytes.byteLength; line += 1) {
    if (line > limits.maxLines)
      throw new AppError("aids_too_many_lines", { limit: limits.maxLines });
    const found = bytes.indexOf(NEWLINE, start);
    const end = found === -1 ? bytes.byteLength : found;
    if (end - start > limits.maxLineBytes)
      throw new AppError("aids_line_too_long", {
        line,
        limit: Math.floor(limits.maxLineBytes / 1024),
      });
    const text = decodeLine(bytes.subarray(start, end), line);
    start = end + 1;
    if (text.trim() === "") continue;
    const scheme = readLine(text, line);
    const first = seen.get(scheme.id);
    if (first !== undefined)
      throw appError("aids_duplicate_id", { line, id: scheme.id, first }, { line, field: "id" });
    seen.set(scheme.id, line);
    schemes.push(scheme);
    await slices.pause();
  }
  if (schemes.length === 0) throw appError("aids_file_empty");
  return schemes;
}

function decodeLine(bytes: Uint8Array, line: number): string {
  try {
    // The byte order mark of a file saved by a spreadsheet or Notepad is not part of the first line.
    return utf8
      .decode(bytes)
      .replace(/^\ufeff/, "")
      .replace(/\r$/, "");
  } catch {
    throw appError("aids_file_not_utf8", { line }, { line });
  }
}

function readLine(text: string, line: number): AidScheme {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // A syntax error, or nesting deep enough to exhaust the parser: either way, not a scheme.
    throw appError("aids_line_not_json", { line }, { line });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw appError("aids_line_not_json", { line }, { line });
  // JSON.parse reads any depth, but serialising it again (to store it) would exhaust the stack.
  if (deeperThan(value, MAX_DEPTH))
    throw appError(
      "aids_field_invalid",
      { line, field: "(ligne)", problem: t("aids.problem.too_deep", { max: MAX_DEPTH }) },
      { line, field: "(ligne)" },
    );
  const parsed = AidLineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const field = fieldPath(path) || "(ligne)";
    const problem = issue ? problemOf(issue, valueAt(value, path)) : "";
    throw appError("aids_field_invalid", { line, field, problem }, { line, field });
  }
  const scheme = parsed.data;
  const fields = {
    id: scheme.id,
    title: htmlLine(scheme.title),
    institution: htmlLine(scheme.institution),
    institutionType: scheme.institution_type,
    description: htmlText(scheme.description),
    conditions: {
      general: scheme.conditions_generales,
      text: scheme.conditions.map(htmlLine).filter((condition) => condition !== ""),
    },
    amount: scheme.amount,
    unit: scheme.unit || null,
    periodicity: scheme.periodicity || null,
    link: scheme.link,
  };
  // A title or an institution made only of markup leaves nothing to show.
  for (const field of ["title", "institution"] as const) {
    if (fields[field] === "")
      throw appError(
        "aids_field_invalid",
        { line, field, problem: t("aids.problem.empty") },
        { line, field },
      );
  }
  const digest = createHash("sha256").update(JSON.stringify(fields)).digest("hex");
  return { ...fields, line, digest };
}
