import { readdirSync, readFileSync } from "node:fs";
import { stringify } from "yaml";
import { AppError, appError } from "../../shared/errors.js";
import { readYaml, type YamlProblem } from "../../shared/yaml-problems.js";
import { type UseCase, UseCaseSchema } from "./usecase.schema.js";

/** The shipped definitions live with the sources, beside this file in src/ (also when running from dist/). */
const CATALOGUE = new URL("../../../src/assistants/usecases/catalogue/", import.meta.url);
const MAX_DEFINITION = 200_000;

const describe = (problems: YamlProblem[]) =>
  problems
    .map((problem) =>
      problem.path
        ? `ligne ${problem.line}, ${problem.path} : ${problem.message}`
        : `ligne ${problem.line} : ${problem.message}`,
    )
    .join(" ; ");

/**
 * A use case read from its YAML definition. One that does not validate is
 * refused (`usecase_invalid`), every problem named with its field and line;
 * the problems themselves are the error's details.
 */
export function loadUseCase(yaml: string): UseCase {
  if (yaml.length > MAX_DEFINITION)
    throw appError("usecase_invalid", { problems: `plus de ${MAX_DEFINITION} caractères` });
  const reading = readYaml(yaml, UseCaseSchema);
  if (!reading.valid)
    throw appError("usecase_invalid", { problems: describe(reading.errors) }, reading.errors);
  return reading.data;
}

/**
 * A definition as a file to share: every default written out, keys in the
 * schema's order, long texts as YAML blocks. Importing it gives back the same
 * definition, and exporting that gives back the same bytes.
 */
export function exportUseCase(useCase: UseCase): string {
  return stringify(UseCaseSchema.parse(useCase), {
    lineWidth: 0,
    blockQuote: "literal",
    defaultStringType: "PLAIN",
  });
}

/** The definitions shipped with Beffroi, by id; a broken file stops the start with its problems. */
export function shippedUseCases(directory: URL = CATALOGUE): Map<string, UseCase> {
  const catalogue = new Map<string, UseCase>();
  const files = readdirSync(directory)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
  for (const file of files) {
    let useCase: UseCase;
    try {
      useCase = loadUseCase(readFileSync(new URL(file, directory), "utf8"));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw appError(
        "usecase_invalid",
        { problems: `${file}, ${error.params.problems}` },
        error.details,
      );
    }
    if (`${useCase.id}.yaml` !== file)
      throw appError("usecase_invalid", {
        problems: `${file} : l'identifiant est « ${useCase.id} »`,
      });
    catalogue.set(useCase.id, useCase);
  }
  return catalogue;
}
