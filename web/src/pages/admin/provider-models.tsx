/**
 * A provider's models on its forms: one group of fields per model (its
 * identifier, use, context length and parameter counts), added and removed
 * with buttons, rather than a line syntax to learn. Numbers are read as
 * French people write them ("1,16"), a range as "44-132".
 */
import { useId, useRef } from "react";
import { t } from "../../i18n";
import { SelectField, TextField } from "./shared";
import type { ParameterCount, ProviderModelInput } from "./types";

/** A figure the method may know only within bounds: PUE, WUE, parameter counts. */
export type Quantity = ParameterCount;

/** "24", "1,16", "44-132" → a number or a range; undefined when blank, null when unreadable. */
export function parseQuantity(text: string): Quantity | null | undefined {
  const compact = text.replace(/\s/g, "");
  if (compact === "") return undefined;
  const parts = compact.split(/[-–]/);
  if (parts.length > 2 || !parts.every((part) => /^\d+(?:[.,]\d+)?$/.test(part))) return null;
  const [min, max] = parts.map((part) => Number(part.replace(",", ".")));
  if (min === undefined) return null;
  if (max === undefined || max === min) return min;
  return min < max ? { min, max } : null;
}

/** The field's text for a figure: "1,16", "44-132". */
export function quantityText(value: Quantity | undefined): string {
  if (value === undefined) return "";
  const text = (number: number) => String(number).replace(".", ",");
  return typeof value === "number" ? text(value) : `${text(value.min)}-${text(value.max)}`;
}

/** Whether a figure lies within bounds (both ends of a range). */
export function within(value: Quantity, min: number, max: number, exclusiveMin = false): boolean {
  const ends = typeof value === "number" ? [value] : [value.min, value.max];
  return ends.every((end) => (exclusiveMin ? end > min : end >= min) && end <= max);
}

type Usage = "chat" | "embeddings" | "both";
const USAGES: Usage[] = ["chat", "embeddings", "both"];
const capabilitiesOf = (usage: Usage): ProviderModelInput["capabilities"] =>
  usage === "both" ? ["chat", "embeddings"] : [usage];

/** One model as its fields hold it, and the model it came from (what the fields do not show is kept). */
export interface ModelRow {
  key: number;
  id: string;
  usage: Usage;
  contextLength: string;
  activeParameters: string;
  totalParameters: string;
  base?: ProviderModelInput;
}
export type ModelField = "id" | "contextLength" | "activeParameters" | "totalParameters";
export type ModelErrors = Partial<Record<ModelField, string>>;

let lastKey = 0;
export function blankRow(): ModelRow {
  lastKey += 1;
  return {
    key: lastKey,
    id: "",
    usage: "chat",
    contextLength: "",
    activeParameters: "",
    totalParameters: "",
  };
}

/** The fields of a model from a preset or a saved provider. */
export function rowOf(model: ProviderModelInput): ModelRow {
  const capabilities = model.capabilities ?? ["chat"];
  const usage: Usage =
    capabilities.includes("chat") && capabilities.includes("embeddings")
      ? "both"
      : capabilities.includes("embeddings")
        ? "embeddings"
        : "chat";
  return {
    ...blankRow(),
    id: model.id,
    usage,
    contextLength: model.contextLength === undefined ? "" : String(model.contextLength),
    activeParameters: quantityText(model.activeParameters),
    // A dense model's total is its active count: shown once.
    totalParameters:
      JSON.stringify(model.totalParameters) === JSON.stringify(model.activeParameters)
        ? ""
        : quantityText(model.totalParameters),
    base: model,
  };
}

/** What the rows say, field by field, for comparing two states of a form. */
export const rowsText = (rows: readonly ModelRow[]) =>
  JSON.stringify(rows.map(({ key, base, ...fields }) => fields));

const CONTEXT_MAX = 10_000_000;

/** The models the rows declare, or what is wrong with each row. */
export function readRows(rows: readonly ModelRow[]): {
  models: ProviderModelInput[];
  errors: Record<number, ModelErrors>;
} {
  const models: ProviderModelInput[] = [];
  const errors: Record<number, ModelErrors> = {};
  const ids = rows.map((row) => row.id.trim());
  rows.forEach((row, index) => {
    const found: ModelErrors = {};
    const id = ids[index] ?? "";
    if (!id) found.id = t("admin.providers.modelIdRequired");
    else if (ids.indexOf(id) !== index) found.id = t("admin.providers.modelIdTwice", { id });
    const context = row.contextLength.trim();
    const contextLength = context === "" ? undefined : Number(context);
    if (
      contextLength !== undefined &&
      !(Number.isInteger(contextLength) && contextLength > 0 && contextLength <= CONTEXT_MAX)
    )
      found.contextLength = t("admin.providers.contextInvalid");
    const active = parseQuantity(row.activeParameters);
    const total = parseQuantity(row.totalParameters);
    if (active === null || (active !== undefined && !within(active, 0, 100_000, true)))
      found.activeParameters = t("admin.providers.parametersInvalid");
    if (total === null || (total !== undefined && !within(total, 0, 100_000, true)))
      found.totalParameters = t("admin.providers.parametersInvalid");
    else if (total !== undefined && active === undefined)
      found.activeParameters = t("admin.providers.activeRequired");
    if (Object.keys(found).length > 0) {
      errors[row.key] = found;
      return;
    }
    // What the fields do not show is kept; the label named the model it came from, not another id.
    const base = row.base;
    models.push({
      id,
      ...(base?.label && base.id === id && { label: base.label }),
      ...(contextLength !== undefined && { contextLength }),
      capabilities: capabilitiesOf(row.usage),
      ...(active !== undefined &&
        active !== null && { activeParameters: active, totalParameters: total ?? active }),
      ...(base?.parameters && { parameters: base.parameters }),
    });
  });
  return { models, errors };
}

/** The rows as the impact check reads them: what is readable so far, unnamed rows left out. */
export function draftModels(rows: readonly ModelRow[]) {
  return rows
    .filter((row) => row.id.trim() !== "")
    .map((row) => {
      const active = parseQuantity(row.activeParameters);
      const readable = active != null && within(active, 0, 100_000, true);
      return {
        id: row.id.trim(),
        capabilities: capabilitiesOf(row.usage),
        ...(readable && { activeParameters: active }),
      };
    });
}

/** The models' fields: a group per model, a button to add one, one to remove each (but the last). */
export function ModelsEditor(props: {
  rows: ModelRow[];
  onChange: (rows: ModelRow[]) => void;
  errors: Record<number, ModelErrors>;
  error?: string | undefined;
}) {
  const { rows, onChange } = props;
  const id = useId();
  const container = useRef<HTMLFieldSetElement>(null);
  const described = props.error ? `${id}-aide ${id}-erreur` : `${id}-aide`;
  // The focus goes to a row's first field once it is on the page (or to the add button).
  const focusRow = (key: number | undefined) =>
    requestAnimationFrame(() => {
      const target =
        key === undefined
          ? container.current?.querySelector<HTMLElement>("[data-add-model]")
          : container.current?.querySelector<HTMLElement>(`[data-model="${key}"] input`);
      target?.focus();
    });
  const update = (key: number, field: ModelField | "usage") => (value: string) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  const add = () => {
    const row = blankRow();
    onChange([...rows, row]);
    focusRow(row.key);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, at) => at !== index);
    onChange(next);
    focusRow((next[index] ?? next[index - 1])?.key);
  };
  return (
    <fieldset ref={container} className="admin-models" aria-describedby={described}>
      <legend>{t("admin.providers.modelsField")}</legend>
      <p className="hint" id={`${id}-aide`}>
        {t("admin.providers.modelsHint")}
      </p>
      {props.error && (
        <p className="field-error" id={`${id}-erreur`}>
          {props.error}
        </p>
      )}
      {rows.map((row, index) => {
        const errors = props.errors[row.key] ?? {};
        const name = t("admin.providers.modelNumber", { number: index + 1 });
        return (
          <fieldset key={row.key} className="admin-model" data-model={row.key}>
            <legend>{name}</legend>
            <TextField
              label={t("admin.providers.modelId")}
              value={row.id}
              onChange={update(row.key, "id")}
              required
              mono
              error={errors.id}
            />
            <SelectField
              label={t("admin.providers.capabilities")}
              value={row.usage}
              onChange={update(row.key, "usage")}
              options={USAGES.map((usage) => ({
                value: usage,
                label: t(`admin.providers.usage.${usage}`),
              }))}
            />
            <TextField
              label={t("admin.providers.contextField")}
              type="number"
              min={1}
              value={row.contextLength}
              onChange={update(row.key, "contextLength")}
              error={errors.contextLength}
            />
            <TextField
              label={t("admin.providers.activeField")}
              value={row.activeParameters}
              onChange={update(row.key, "activeParameters")}
              error={errors.activeParameters}
            />
            <TextField
              label={t("admin.providers.totalField")}
              value={row.totalParameters}
              onChange={update(row.key, "totalParameters")}
              error={errors.totalParameters}
            />
            {rows.length > 1 && (
              <div className="actions">
                <button
                  type="button"
                  className="button-secondary button-small"
                  aria-label={t("admin.providers.removeModel", { name })}
                  onClick={() => remove(index)}
                >
                  {t("admin.providers.removeModelShort")}
                </button>
              </div>
            )}
          </fieldset>
        );
      })}
      <div className="actions">
        <button
          type="button"
          className="button-secondary button-small"
          data-add-model
          onClick={add}
        >
          {t("admin.providers.addModel")}
        </button>
      </div>
    </fieldset>
  );
}
