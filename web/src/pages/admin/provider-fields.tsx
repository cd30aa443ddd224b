/**
 * The fields a provider's forms share (adding one, editing one): what they
 * hold, how they are checked before sending, and the body they send. The
 * API key is only ever typed: nothing from the server fills it.
 */
import type { Sovereignty } from "../../api/types";
import { t } from "../../i18n";
import { ImpactWarning, useImpactCheck } from "./provider-impact";
import {
  blankRow,
  draftModels,
  type ModelErrors,
  type ModelRow,
  ModelsEditor,
  parseQuantity,
  type Quantity,
  quantityText,
  readRows,
  rowOf,
  rowsText,
  within,
} from "./provider-models";
import { nonEmpty, SelectField, TextField } from "./shared";
import type { Provider, ProviderDefinition, ProviderDraft, ProviderModelInput } from "./types";

const SOVEREIGNTIES: Sovereignty[] = ["local", "sovereign", "extraterritorial"];

/** What both forms hold; the key is never filled from the server, only typed. */
export interface ProviderValues {
  label: string;
  baseUrl: string;
  sovereignty: Sovereignty;
  country: string;
  pue: string;
  wue: string;
  timeoutSeconds: string;
  apiKey: string;
  apiKeyEnv: string;
  apiKeyFile: string;
  models: ModelRow[];
}
type TextValue = Exclude<keyof ProviderValues, "models">;

export const BLANK_VALUES: ProviderValues = {
  label: "",
  baseUrl: "",
  sovereignty: "sovereign",
  country: "FRA",
  pue: "",
  wue: "",
  timeoutSeconds: "",
  apiKey: "",
  apiKeyEnv: "",
  apiKeyFile: "",
  models: [blankRow()],
};

/** The fields a preset or a saved provider fills in (never the key). */
export function valuesFrom(definition: {
  label?: string | undefined;
  baseUrl?: string | undefined;
  sovereignty: Sovereignty;
  country: string;
  pue?: Quantity | undefined;
  wue?: Quantity | undefined;
  timeoutSeconds?: number | undefined;
  apiKeyEnv?: string | undefined;
  apiKeyFile?: string | undefined;
  models: readonly ProviderModelInput[];
}): ProviderValues {
  return {
    ...BLANK_VALUES,
    label: definition.label ?? "",
    baseUrl: definition.baseUrl ?? "",
    sovereignty: definition.sovereignty,
    country: definition.country,
    pue: quantityText(definition.pue),
    wue: quantityText(definition.wue),
    timeoutSeconds:
      definition.timeoutSeconds === undefined ? "" : String(definition.timeoutSeconds),
    apiKeyEnv: definition.apiKeyEnv ?? "",
    apiKeyFile: definition.apiKeyFile ?? "",
    models: definition.models.map(rowOf),
  };
}

/** Whether two states of a form say the same (the models' rows compared by their fields). */
export function sameValues<T extends ProviderValues>(a: T, b: T): boolean {
  const text = (values: T) => JSON.stringify({ ...values, models: rowsText(values.models) });
  return text(a) === text(b);
}

export const PROVIDER_FIELDS = [
  "id",
  "label",
  "baseUrl",
  "country",
  "pue",
  "wue",
  "timeoutSeconds",
  "apiKey",
  "apiKeyEnv",
  "apiKeyFile",
  "models",
] as const;
type ProviderField = (typeof PROVIDER_FIELDS)[number];
type FieldErrors = Partial<Record<ProviderField, string>>;

/** The API's refusals tied to one field: their French message is shown under it. */
export const KEY_CODES: Partial<Record<string, ProviderField>> = {
  provider_key_reentry: "apiKey",
  provider_key_variable_refused: "apiKeyEnv",
  provider_key_file_refused: "apiKeyFile",
};

/** A PUE or WUE as typed: undefined when blank, null when unreadable or out of bounds. */
function figure(text: string, min: number, max: number): Quantity | null | undefined {
  const value = parseQuantity(text);
  return value == null || within(value, min, max) ? value : null;
}
const PUE_BOUNDS = [1, 3] as const;
const WUE_BOUNDS = [0, 20] as const;

/**
 * What is missing or unreadable before anything is sent (`found`, and
 * `models` for each model's own fields), else the fields both forms send:
 * `apiKey` only when something was typed (absent keeps a stored key).
 */
export function checkValues(values: ProviderValues, kind: Provider["kind"]) {
  const found: FieldErrors = {};
  if (kind === "openai-compatible" && !values.baseUrl.trim())
    found.baseUrl = t("admin.providers.baseUrlRequired");
  if (!values.country.trim()) found.country = t("admin.providers.countryRequired");
  if (values.apiKey.trim() && (values.apiKeyEnv.trim() || values.apiKeyFile.trim()))
    found.apiKey = t("admin.providers.apiKeyOneSource");
  const pue = figure(values.pue, ...PUE_BOUNDS);
  if (pue === null) found.pue = t("admin.providers.pueInvalid");
  const wue = figure(values.wue, ...WUE_BOUNDS);
  if (wue === null) found.wue = t("admin.providers.wueInvalid");
  const timeoutText = values.timeoutSeconds.trim();
  const timeoutSeconds = timeoutText === "" ? undefined : Number(timeoutText);
  if (
    timeoutSeconds !== undefined &&
    !(Number.isInteger(timeoutSeconds) && timeoutSeconds > 0 && timeoutSeconds <= 3600)
  )
    found.timeoutSeconds = t("admin.providers.timeoutInvalid");
  const read = readRows(values.models);
  const models = nonEmpty(read.models);
  if (Object.keys(read.errors).length > 0) found.models = t("admin.providers.modelsToFix");
  else if (!models) found.models = t("admin.providers.modelsRequired");
  if (Object.keys(found).length > 0 || !models || pue === null || wue === null)
    return { found, models: read.errors, body: null };
  const trimmed = (value: string) => value.trim() || undefined;
  const label = trimmed(values.label);
  const baseUrl = trimmed(values.baseUrl);
  const apiKey = trimmed(values.apiKey);
  const apiKeyEnv = trimmed(values.apiKeyEnv);
  const apiKeyFile = trimmed(values.apiKeyFile);
  return {
    found,
    models: read.errors,
    body: {
      ...(label && { label }),
      ...(baseUrl && { baseUrl }),
      sovereignty: values.sovereignty,
      country: values.country.trim().toUpperCase(),
      ...(pue !== undefined && { pue }),
      ...(wue !== undefined && { wue }),
      ...(timeoutSeconds !== undefined && { timeoutSeconds }),
      ...(apiKeyEnv && { apiKeyEnv }),
      ...(apiKeyFile && { apiKeyFile }),
      models,
      ...(apiKey && { apiKey }),
    },
  };
}

/** The form as far as the impact check reads it: what is readable so far; null with no model named. */
function draftOf(values: ProviderValues, kind: Provider["kind"]): ProviderDraft | null {
  const models = draftModels(values.models);
  if (models.length === 0) return null;
  const pue = figure(values.pue, ...PUE_BOUNDS);
  const wue = figure(values.wue, ...WUE_BOUNDS);
  return {
    kind,
    sovereignty: values.sovereignty,
    country: values.country.trim().toUpperCase().slice(0, 16),
    ...(pue != null && { pue }),
    ...(wue != null && { wue }),
    models,
  };
}

/** The definition a provider's view holds, for a PUT that changes only part of it. */
export function definitionOf(provider: Provider): ProviderDefinition {
  const { apiKeyConfigured, apiKeyStored, health, impact, ...definition } = provider;
  return definition;
}

/** The fields both forms share, from the display name to the models. */
export function ProviderFieldset(props: {
  values: ProviderValues;
  set: (field: TextValue) => (value: string) => void;
  setModels: (models: ModelRow[]) => void;
  errors: FieldErrors;
  /** What is wrong with each model's own fields, by row. */
  modelErrors: Record<number, ModelErrors>;
  kind: Provider["kind"];
  /** A typed key is kept: said under the key field, with a way to remove it. */
  keyStored?: boolean;
  onRemoveKey?: () => void;
  /** The provider reads its key from a file: the field is shown so that it can be changed or emptied. */
  showKeyFile?: boolean;
}) {
  const { values, set, errors } = props;
  const withKey = props.kind === "openai-compatible";
  const impact = useImpactCheck(draftOf(values, props.kind));
  return (
    <>
      <TextField
        label={t("admin.providers.label")}
        value={values.label}
        onChange={set("label")}
        error={errors.label}
      />
      <TextField
        label={t("admin.providers.baseUrl")}
        hint={t("admin.providers.baseUrlHint")}
        type="url"
        value={values.baseUrl}
        onChange={set("baseUrl")}
        required={withKey}
        mono
        error={errors.baseUrl}
      />
      <SelectField
        label={t("admin.providers.sovereignty")}
        hint={t("admin.providers.sovereigntyHint")}
        value={values.sovereignty}
        onChange={set("sovereignty")}
        options={SOVEREIGNTIES.map((value) => ({ value, label: t(`sovereignty.${value}`) }))}
      />
      <TextField
        label={t("admin.providers.country")}
        hint={t("admin.providers.countryHint")}
        value={values.country}
        onChange={set("country")}
        required
        error={errors.country}
      />
      <TextField
        label={t("admin.providers.pueField")}
        hint={t(
          values.sovereignty === "local"
            ? "admin.providers.pueHintLocal"
            : "admin.providers.pueHint",
        )}
        value={values.pue}
        onChange={set("pue")}
        error={errors.pue}
      />
      <TextField
        label={t("admin.providers.wueField")}
        hint={t(
          values.sovereignty === "local"
            ? "admin.providers.wueHintLocal"
            : "admin.providers.wueHint",
        )}
        value={values.wue}
        onChange={set("wue")}
        error={errors.wue}
      />
      <TextField
        label={t("admin.providers.timeoutField")}
        hint={t("admin.providers.timeoutHint")}
        type="number"
        min={1}
        value={values.timeoutSeconds}
        onChange={set("timeoutSeconds")}
        error={errors.timeoutSeconds}
      />
      {withKey && (
        <>
          <TextField
            label={t("admin.providers.key")}
            hint={t(
              props.keyStored ? "admin.providers.apiKeyStoredHint" : "admin.providers.apiKeyHint",
            )}
            type="password"
            autoComplete="new-password"
            value={values.apiKey}
            onChange={set("apiKey")}
            mono
            error={errors.apiKey}
          />
          {props.keyStored && props.onRemoveKey && (
            <div className="actions">
              <button
                type="button"
                className="button-danger button-small"
                onClick={props.onRemoveKey}
              >
                {t("admin.providers.removeKey")}
              </button>
            </div>
          )}
          <TextField
            label={t("admin.providers.keyEnv")}
            hint={t("admin.providers.keyEnvHint")}
            value={values.apiKeyEnv}
            onChange={set("apiKeyEnv")}
            mono
            error={errors.apiKeyEnv}
          />
          {props.showKeyFile && (
            <TextField
              label={t("admin.providers.keyFileField")}
              hint={t("admin.providers.keyFileHint")}
              value={values.apiKeyFile}
              onChange={set("apiKeyFile")}
              mono
              error={errors.apiKeyFile}
            />
          )}
        </>
      )}
      <ModelsEditor
        rows={values.models}
        onChange={props.setModels}
        errors={props.modelErrors}
        error={errors.models}
      />
      {/* Said as it changes: filling in what is missing makes it go. */}
      <div aria-live="polite">
        {impact && (
          <ImpactWarning
            impact={impact}
            sovereignty={values.sovereignty}
            country={values.country.trim().toUpperCase()}
          />
        )}
      </div>
    </>
  );
}
