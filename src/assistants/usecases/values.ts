import { t } from "../../i18n/index.js";
import { appError } from "../../shared/errors.js";
import type { TemplateValues } from "./template.js";
import type { UseCase, UseCaseField } from "./usecase.schema.js";

/** How long a value may be, by field type (characters; a list's items each). */
const MAX_LENGTH: Record<UseCaseField["type"], number> = {
  text: 2_000,
  "long-text": 50_000,
  date: 10,
  choice: 200,
  list: 5_000,
  document: 200_000,
};
const MAX_ITEMS = 200;

const dates = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** `2025-03-01` → `1er mars 2025`, as a deliberation writes it. */
export function frenchDate(iso: string): string {
  const text = dates.format(new Date(`${iso}T00:00:00Z`));
  return text.replace(/^1 /, "1er ");
}

const invalid = (field: UseCaseField, reason: string) =>
  appError("usecase_field_invalid", { field: field.label, reason });

function checkedValue(field: UseCaseField, raw: unknown): string | string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const max = MAX_LENGTH[field.type];
  if (field.type === "list") {
    const items = typeof raw === "string" ? raw.split("\n") : raw;
    if (!Array.isArray(items) || items.some((item) => typeof item !== "string"))
      throw invalid(field, t("usecase.value.list"));
    if (items.length > MAX_ITEMS)
      throw invalid(field, t("usecase.value.items", { max: MAX_ITEMS }));
    const kept = (items as string[]).map((item) => item.trim()).filter((item) => item !== "");
    if (kept.some((item) => item.length > max))
      throw invalid(field, t("usecase.value.length", { max }));
    return kept.length === 0 ? undefined : kept;
  }
  if (typeof raw !== "string") throw invalid(field, t("usecase.value.text"));
  const value = raw.trim();
  if (value === "") return undefined;
  if (value.length > max) throw invalid(field, t("usecase.value.length", { max }));
  if (field.type === "choice" && !field.options.includes(value))
    throw invalid(field, t("usecase.value.choice", { options: field.options.join(", ") }));
  if (field.type === "date") {
    const date = new Date(`${value}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
      Number.isNaN(date.getTime()) ||
      date.toISOString().slice(0, 10) !== value
    )
      throw invalid(field, t("usecase.value.date"));
    return frenchDate(value);
  }
  return value;
}

/**
 * The form's values checked against the use case's fields: each of the
 * right type and size, no unknown field, every required field given (else
 * `usecase_fields_missing`, naming them). Dates come out written in French.
 */
export function fieldValues(useCase: Pick<UseCase, "fields">, input: unknown): TemplateValues {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw appError("usecase_values_not_object");
  const record = input as Record<string, unknown>;
  const known = new Set(useCase.fields.map((field) => field.id));
  const unknown = Object.keys(record).filter((key) => !known.has(key));
  if (unknown.length > 0) throw appError("usecase_field_unknown", { fields: unknown.join(", ") });
  const values: Record<string, string | string[]> = {};
  const missing: string[] = [];
  for (const field of useCase.fields) {
    const value = checkedValue(field, record[field.id]);
    if (value !== undefined) values[field.id] = value;
    else if (field.required) missing.push(`« ${field.label} »`);
  }
  if (missing.length > 0) throw appError("usecase_fields_missing", { fields: missing.join(", ") });
  return values;
}
