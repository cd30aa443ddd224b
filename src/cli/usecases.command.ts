import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  type BaselineSearch,
  runBaseline,
  shippedUseCases,
  type UseCase,
} from "../assistants/index.js";
import { type Config, databaseUrl } from "../config.js";
import { hasMessage, t } from "../i18n/index.js";
import {
  DEFAULT_PARSE_LIMITS,
  DocumentRejected,
  type ParseLimits,
  parseDocument,
} from "../knowledge/index.js";
import { appError } from "../shared/errors.js";
import { decodeWindows1252 } from "../shared/text-encoding.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";
import { CLI_PRINCIPAL } from "./knowledge.command.js";

/**
 * beffroi usecases list [--json] | usecases baseline ID --input FILE.json [--kb NAME]…:
 * the shipped use cases, and one's non-AI result for the form's values. Needs
 * no model, and no database but for a `search` baseline, which searches the
 * local database's bases (those named by --kb, else all), and a `watch`
 * baseline, which reads the items the server's document watch stored.
 */
export async function usecasesCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const catalogue = shippedUseCases();
  if (action === "list") {
    const { values } = parseArgs({
      args: rest,
      options: { json: { type: "boolean" } },
      strict: true,
    });
    const useCases = [...catalogue.values()];
    if (values.json) {
      io.stdout.write(`${JSON.stringify(useCases.map(summary), null, 2)}\n`);
      return 0;
    }
    for (const useCase of useCases) printUseCase(io, useCase);
    return 0;
  }
  if (action === "baseline") {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { input: { type: "string" }, kb: { type: "string", multiple: true } },
      allowPositionals: true,
      strict: true,
    });
    const [id, extra] = positionals;
    if (extra !== undefined)
      throw new UsageError(t("cli.argument_unexpected", { argument: extra }));
    if (id === undefined) throw new UsageError(t("cli.usecases_id_missing"));
    if (values.input === undefined) throw new UsageError(t("cli.usecases_input_missing"));
    const useCase = catalogue.get(id);
    if (!useCase) throw appError("usecase_unknown", { id, ids: [...catalogue.keys()].join(", ") });
    const file = path.resolve(io.cwd, values.input);
    const text = await readFile(file, "utf8");
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      throw appError("usecase_input_json", {
        file: values.input,
        reason: (error as Error).message.split("\n")[0] ?? "",
      });
    }
    const formValues = await withDocuments(useCase, input, path.dirname(file));
    let output: string;
    if (useCase.baseline.kind === "search") {
      if (!hasDatabase(config)) throw appError("usecase_search_needs_database");
      const names = values.kb ?? [];
      const limit = useCase.baseline.limit;
      output = await withServices(config, io, async ({ knowledge, retrieval }) => {
        const ids: string[] = [];
        for (const name of names) ids.push((await knowledge.findByName("cli", name)).id);
        const search: BaselineSearch = async (query) =>
          (
            await retrieval.search(CLI_PRINCIPAL, query, {
              ...(ids.length > 0 && { knowledgeBaseIds: ids }),
              limit,
            })
          ).hits;
        return runBaseline(useCase, { values: formValues, search });
      });
    } else if (useCase.baseline.kind === "watch") {
      // The watch's items are in the database the server reads its sources into.
      if (!hasDatabase(config)) throw appError("usecase_watch_needs_database");
      output = await withServices(config, io, ({ watch }) =>
        runBaseline(useCase, { values: formValues, watch: (query) => watch.digest(query) }),
      );
    } else output = await runBaseline(useCase, { values: formValues });
    io.stdout.write(`${output.trimEnd()}\n`);
    return 0;
  }
  throw new UsageError(t("cli.unknown_command", { command: `usecases ${action ?? ""}` }));
}

/** A database to search: PostgreSQL configured, or the SQLite file already there (never created here). */
function hasDatabase(config: Config): boolean {
  const url = databaseUrl(config);
  return !url.startsWith("sqlite:") || existsSync(url.slice("sqlite:".length));
}

/** A document field's value that names a file, beside the JSON file or from where it stands. */
const FILE_NAME = /^[^\n]{1,500}\.(?:txt|vtt|docx|odt|pdf|md|html?)$/i;
/** A document field holds at most 200,000 characters: a larger file is refused before being read whole. */
const DOCUMENT_LIMITS: ParseLimits = {
  ...DEFAULT_PARSE_LIMITS,
  maxFileBytes: 10 * 1024 * 1024,
  maxTextCharacters: 200_000,
};

/**
 * The form's values with each document field that names a file replaced by
 * the file's text: a `.txt` or `.vtt` file as it is (its lines and cues
 * matter to the minutes), any other through the knowledge parsers, headings
 * and list items marked as in Markdown. Bounded by DOCUMENT_LIMITS.
 */
async function withDocuments(useCase: UseCase, input: unknown, folder: string): Promise<unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const values = { ...(input as Record<string, unknown>) };
  for (const field of useCase.fields) {
    const value = values[field.id];
    if (field.type !== "document" || typeof value !== "string" || !FILE_NAME.test(value.trim()))
      continue;
    const file = path.resolve(folder, value.trim());
    if (!existsSync(file)) continue;
    const refuse = (reason: string) =>
      appError("usecase_document_unreadable", { field: field.label, reason });
    if ((await stat(file)).size > DOCUMENT_LIMITS.maxFileBytes)
      throw refuse(t("knowledge.rejected.too_large"));
    const bytes = await readFile(file);
    if (/\.(?:txt|vtt)$/i.test(file)) {
      values[field.id] = decodeText(bytes);
      continue;
    }
    try {
      const { document } = await parseDocument(bytes, path.basename(file), DOCUMENT_LIMITS);
      values[field.id] = document.blocks
        .map((block) =>
          block.kind === "heading"
            ? `# ${block.text}`
            : block.kind === "list-item"
              ? `- ${block.text}`
              : block.text,
        )
        .join("\n\n");
    } catch (error) {
      if (!(error instanceof DocumentRejected)) throw error;
      const key = `knowledge.rejected.${error.code}`;
      throw refuse(hasMessage(key) ? t(key) : error.code);
    }
  }
  return values;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes).replace(/^\ufeff/, "");
  } catch {
    return decodeWindows1252(bytes);
  }
}

const summary = (useCase: UseCase) => ({
  id: useCase.id,
  version: useCase.version,
  name: useCase.name,
  category: useCase.category,
  fields: useCase.fields,
});

function printUseCase(io: CliIo, useCase: UseCase): void {
  say(io, "cli.usecases_line", {
    id: useCase.id,
    version: useCase.version,
    name: useCase.name,
    category: useCase.category,
  });
  for (const field of useCase.fields)
    say(io, "cli.usecases_field", {
      id: field.id,
      label: field.label,
      type: t(`usecase.type.${field.type}`),
      required: field.required ? t("cli.usecases_required") : "",
      personal: field.personalData ? t("cli.usecases_personal") : "",
    });
}
