import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { runBaseline, shippedUseCases, type UseCase } from "../assistants/index.js";
import { t } from "../i18n/index.js";
import { appError } from "../shared/errors.js";
import { type CliIo, say, UsageError } from "./io.js";

/**
 * beffroi usecases list [--json] | usecases baseline ID --input FILE.json:
 * the shipped use cases, and one's non-AI result for the form's values.
 * Needs no database and no model.
 */
export async function usecasesCommand(io: CliIo, args: string[]): Promise<number> {
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
      options: { input: { type: "string" } },
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
    io.stdout.write(`${runBaseline(useCase, input).trimEnd()}\n`);
    return 0;
  }
  throw new UsageError(t("cli.unknown_command", { command: `usecases ${action ?? ""}` }));
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
