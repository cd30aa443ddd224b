import { appError } from "../../shared/errors.js";
import { parseTemplate, renderTemplate, TemplateOutputTooLong } from "./template.js";
import type { UseCase } from "./usecase.schema.js";
import { fieldValues } from "./values.js";

/**
 * The use case's sober result for the form's values, with no model: for a
 * `template` baseline, the document assembled from the fields. The other
 * kinds are declared but not run yet (`usecase_baseline_unavailable`).
 */
export function runBaseline(useCase: UseCase, input: unknown): string {
  const values = fieldValues(useCase, input);
  const { baseline } = useCase;
  if (baseline.kind !== "template")
    throw appError("usecase_baseline_unavailable", { kind: baseline.kind });
  return render(baseline.template, values);
}

/** The user prompt the model would receive for the form's values. */
export function buildPrompt(useCase: UseCase, input: unknown): string {
  return render(useCase.template, fieldValues(useCase, input));
}

function render(template: string, values: ReturnType<typeof fieldValues>): string {
  try {
    return renderTemplate(parseTemplate(template), values);
  } catch (error) {
    if (error instanceof TemplateOutputTooLong) throw appError("usecase_output_too_long");
    throw error;
  }
}
