/**
 * The fields a provider's forms share (adding one, editing one): what they
 * hold, how they are checked before sending, and the body they send. The
 * API key is only ever typed: nothing from the server fills it.
 */
import { useId } from "react";
import type { Sovereignty } from "../../api/types";
import { t } from "../../i18n";
import { nonEmpty, SelectField, TextField } from "./shared";
import type {
  ParameterCount,
  Provider,
  ProviderDefinition,
  ProviderModelInput,
  ProviderModels,
} from "./types";

const SOVEREIGNTIES: Sovereignty[] = ["local", "sovereign", "extraterritorial"];

/** `24`, `44-132` → a parameter count (billions); null when unreadable. */
function parseCount(text: string | undefined): ParameterCount | null {
  if (!text) return null;
  const [min, max] = text.split("-").map(Number);
  if (min === undefined || !(min > 0)) return null;
  if (max === undefined) return min;
  return max >= min ? { min, max } : null;
}

/** A model as the form writes it: `id[:active[/total]] [embeddings]`. */
export function modelLine(model: ProviderModelInput): string {
  const active = model.activeParameters;
  const total = model.totalParameters;
  const text = (value: ParameterCount) =>
    typeof value === "number" ? String(value) : `${value.min}-${value.max}`;
  let line = model.id;
  if (active !== undefined)
    line += `:${text(active)}${total !== undefined ? `/${text(total)}` : ""}`;
  if (model.capabilities?.includes("embeddings")) line += " embeddings";
  return line;
}

/**
 * The models the form's lines declare. A line left as it was written from a
 * `known` model (a preset's, or the provider's being edited) gives that model
 * back whole: the line shows only part of it (no context length, no label).
 */
function parseModels(text: string, known: readonly ProviderModelInput[]): ProviderModels | null {
  const models: ProviderModelInput[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const same = known.find((model) => modelLine(model) === line);
    if (same) {
      models.push(same);
      continue;
    }
    const [spec, ...flags] = line.split(/\s+/);
    if (!spec) continue;
    const found = /^(.+?)(?::([\d.]+(?:-[\d.]+)?)(?:\/([\d.]+(?:-[\d.]+)?))?)?$/.exec(spec);
    if (!found?.[1]) return null;
    const before = known.find((model) => model.id === found[1]);
    const model: ProviderModelInput = {
      ...(before?.label && { label: before.label }),
      ...(before?.contextLength && { contextLength: before.contextLength }),
      id: found[1],
    };
    if (found[2]) {
      const active = parseCount(found[2]);
      if (active === null) return null;
      model.activeParameters = active;
      const total = found[3] ? parseCount(found[3]) : active;
      if (total === null) return null;
      model.totalParameters = total;
    }
    if (flags.includes("embeddings")) model.capabilities = ["embeddings"];
    models.push(model);
  }
  return nonEmpty(models);
}

/** What both forms hold; the key is never filled from the server, only typed. */
export interface ProviderValues {
  label: string;
  baseUrl: string;
  sovereignty: Sovereignty;
  country: string;
  apiKey: string;
  apiKeyEnv: string;
  apiKeyFile: string;
  models: string;
}

export const BLANK_VALUES: ProviderValues = {
  label: "",
  baseUrl: "",
  sovereignty: "sovereign",
  country: "FRA",
  apiKey: "",
  apiKeyEnv: "",
  apiKeyFile: "",
  models: "",
};

export const PROVIDER_FIELDS = [
  "id",
  "label",
  "baseUrl",
  "country",
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

/** What is missing or unreadable before anything is sent, and the models read from the lines. */
export function checkValues(
  values: ProviderValues,
  kind: Provider["kind"],
  known: readonly ProviderModelInput[],
): { found: FieldErrors; models: ProviderModels | null } {
  const models = parseModels(values.models, known);
  const found: FieldErrors = {};
  if (kind === "openai-compatible" && !values.baseUrl.trim())
    found.baseUrl = t("admin.providers.baseUrlRequired");
  if (!values.country.trim()) found.country = t("admin.providers.countryRequired");
  if (values.apiKey.trim() && (values.apiKeyEnv.trim() || values.apiKeyFile.trim()))
    found.apiKey = t("admin.providers.apiKeyOneSource");
  if (!models)
    found.models = values.models.trim()
      ? t("admin.providers.modelsInvalid")
      : t("admin.providers.modelsRequired");
  return { found, models };
}

/** The fields both forms send; `apiKey` only when something was typed (absent keeps a stored key). */
export function bodyOf(values: ProviderValues, models: ProviderModels) {
  const trimmed = (value: string) => value.trim() || undefined;
  const label = trimmed(values.label);
  const baseUrl = trimmed(values.baseUrl);
  const apiKey = trimmed(values.apiKey);
  const apiKeyEnv = trimmed(values.apiKeyEnv);
  const apiKeyFile = trimmed(values.apiKeyFile);
  return {
    ...(label && { label }),
    ...(baseUrl && { baseUrl }),
    sovereignty: values.sovereignty,
    country: values.country.trim().toUpperCase(),
    ...(apiKeyEnv && { apiKeyEnv }),
    ...(apiKeyFile && { apiKeyFile }),
    models,
    ...(apiKey && { apiKey }),
  };
}

/** The definition a provider's view holds, for a PUT that changes only part of it. */
export function definitionOf(provider: Provider): ProviderDefinition {
  const { apiKeyConfigured, apiKeyStored, health, ...definition } = provider;
  return definition;
}

/** The fields both forms share, from the display name to the models. */
export function ProviderFieldset(props: {
  values: ProviderValues;
  set: (field: keyof ProviderValues) => (value: string) => void;
  errors: FieldErrors;
  kind: Provider["kind"];
  /** A typed key is kept: said under the key field, with a way to remove it. */
  keyStored?: boolean;
  onRemoveKey?: () => void;
  /** The provider reads its key from a file: the field is shown so that it can be changed or emptied. */
  showKeyFile?: boolean;
}) {
  const { values, set, errors } = props;
  const withKey = props.kind === "openai-compatible";
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
      <ModelsField value={values.models} onChange={set("models")} error={errors.models} />
    </>
  );
}

function ModelsField(props: { value: string; onChange: (value: string) => void; error?: string }) {
  // Two forms may be on the page at once (the new provider's, an edit in its dialog).
  const id = useId();
  const described = props.error ? `${id}-aide ${id}-erreur` : `${id}-aide`;
  return (
    <div className="field">
      <label htmlFor={id}>{t("admin.providers.modelsField")}</label>
      <p className="hint" id={`${id}-aide`}>
        {t("admin.providers.modelsHint")}
      </p>
      <textarea
        id={id}
        className="admin-mono"
        rows={4}
        value={props.value}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.error && (
        <p className="field-error" id={`${id}-erreur`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
