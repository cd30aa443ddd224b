import { type FormEvent, useCallback, useState } from "react";
import { call } from "../../api/client";
import { ConfirmDialog, Dialog } from "../../components/dialog";
import { ErrorNotice } from "../../components/feedback";
import { t } from "../../i18n";
import {
  BLANK_VALUES,
  bodyOf,
  checkValues,
  definitionOf,
  KEY_CODES,
  modelLine,
  PROVIDER_FIELDS,
  ProviderFieldset,
  type ProviderValues,
} from "./provider-fields";
import { SelectField, TextField, useCheckedForm } from "./shared";
import type { Provider, ProviderPreset } from "./types";

const EMPTY_FORM = { preset: "", id: "", ...BLANK_VALUES };
type NewForm = typeof EMPTY_FORM;

/** The form as a preset fills it. */
function presetForm(preset: ProviderPreset): NewForm {
  const p = preset.provider;
  return {
    ...EMPTY_FORM,
    preset: preset.name,
    id: p.id,
    label: p.label ?? "",
    baseUrl: p.baseUrl ?? "",
    sovereignty: p.sovereignty,
    country: p.country,
    apiKeyEnv: p.apiKeyEnv ?? "",
    models: p.models.map(modelLine).join("\n"),
  };
}

/** Adds a provider, from a preset or typed in full; the key typed is sent once and then forgotten. */
export function NewProviderForm(props: {
  presets: ProviderPreset[];
  onCreated: (provider: Provider) => void;
}) {
  const [form, setForm] = useState(EMPTY_FORM);
  const [asking, setAsking] = useState<string | null>(null);
  const {
    busy,
    run,
    form: formRef,
    errors,
    formError,
    check,
  } = useCheckedForm(PROVIDER_FIELDS, { provider_exists: "id", ...KEY_CODES });
  const set = (field: keyof NewForm) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));
  const selected = props.presets.find((preset) => preset.name === form.preset);
  // What the chosen preset (or nothing) filled in: anything else was typed, and is not replaced without asking.
  const modified = () => {
    const base = selected ? presetForm(selected) : EMPTY_FORM;
    return (Object.keys(EMPTY_FORM) as (keyof NewForm)[]).some((key) => form[key] !== base[key]);
  };
  const choosePreset = (name: string) => {
    const preset = props.presets.find((entry) => entry.name === name);
    setForm(preset ? presetForm(preset) : { ...EMPTY_FORM });
  };
  const askPreset = (name: string) => {
    if (modified()) setAsking(name);
    else choosePreset(name);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { found, models } = checkValues(
      form,
      "openai-compatible",
      selected?.provider.models ?? [],
    );
    if (!form.id.trim()) found.id = t("admin.providers.idRequired");
    if (!check(found) || !models) return;
    void run(async () => {
      const created = await call("POST /api/providers", {
        body: { id: form.id.trim(), ...bodyOf(form, models) },
      });
      setForm(EMPTY_FORM);
      props.onCreated(created);
    });
  };
  return (
    <form ref={formRef} className="form admin-form" onSubmit={submit} aria-busy={busy} noValidate>
      <SelectField
        label={t("admin.providers.preset")}
        hint={selected?.description ?? t("admin.providers.presetHint")}
        value={form.preset}
        onChange={askPreset}
        options={[
          { value: "", label: t("admin.providers.presetNone") },
          ...props.presets.map((preset) => ({
            value: preset.name,
            label: preset.provider.label ?? preset.name,
          })),
        ]}
      />
      <TextField
        label={t("admin.providers.id")}
        hint={t("admin.providers.idHint")}
        value={form.id}
        onChange={set("id")}
        required
        mono
        error={errors.id}
      />
      <ProviderFieldset values={form} set={set} errors={errors} kind="openai-compatible" />
      {formError !== null && <ErrorNotice error={formError} />}
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {busy ? t("state.saving") : t("admin.providers.add")}
        </button>
      </div>
      <ConfirmDialog
        open={asking !== null}
        title={t("admin.providers.replaceTitle")}
        body={t("admin.providers.replaceBody")}
        confirmLabel={t("admin.providers.replace")}
        tone="primary"
        onConfirm={() => {
          if (asking !== null) choosePreset(asking);
        }}
        onClose={() => setAsking(null)}
      />
    </form>
  );
}

/** The form as a provider's view fills it: never its key, which the page does not have. */
const valuesOf = (provider: Provider): ProviderValues => ({
  label: provider.label ?? "",
  baseUrl: provider.baseUrl ?? "",
  sovereignty: provider.sovereignty,
  country: provider.country,
  apiKey: "",
  apiKeyEnv: provider.apiKeyEnv ?? "",
  apiKeyFile: provider.apiKeyFile ?? "",
  models: provider.models.map(modelLine).join("\n"),
});

/**
 * Edits a provider in a dialog. What the form does not show (timeout,
 * PUE, WUE, enabled) is sent back as it was; the stored key is kept unless
 * a new one is typed, or removed after a confirmation.
 */
export function EditProviderDialog(props: {
  provider: Provider | null;
  onClose: () => void;
  onSaved: (provider: Provider) => void;
  onKeyRemoved: (provider: Provider) => void;
}) {
  const { provider } = props;
  const [values, setValues] = useState(BLANK_VALUES);
  const [shown, setShown] = useState<string | null>(null);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const {
    busy,
    run,
    form: formRef,
    errors,
    formError,
    check,
  } = useCheckedForm(PROVIDER_FIELDS, KEY_CODES);
  if (provider && shown !== provider.id) {
    setShown(provider.id);
    setValues(valuesOf(provider));
    check({});
  }
  const set = (field: keyof ProviderValues) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));
  const name = provider ? (provider.label ?? provider.id) : "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!provider) return;
    const { found, models } = checkValues(values, provider.kind, provider.models);
    if (!check(found) || !models) return;
    void run(async () => {
      const { label, baseUrl, apiKeyEnv, apiKeyFile, ...kept } = definitionOf(provider);
      props.onSaved(
        await call("PUT /api/providers/:id", {
          params: { id: provider.id },
          body: { ...kept, ...bodyOf(values, models) },
        }),
      );
    });
  };
  const { onClose } = props;
  const close = useCallback(() => {
    setShown(null);
    setConfirmingRemoval(false);
    onClose();
  }, [onClose]);
  return (
    <Dialog
      open={provider !== null}
      title={t("admin.providers.editTitle", { name })}
      onClose={close}
    >
      {provider && (
        <>
          <form ref={formRef} className="form" onSubmit={submit} aria-busy={busy} noValidate>
            <ProviderFieldset
              values={values}
              set={set}
              errors={errors}
              kind={provider.kind}
              keyStored={provider.apiKeyStored}
              onRemoveKey={() => setConfirmingRemoval(true)}
              showKeyFile={Boolean(provider.apiKeyFile)}
            />
            {formError !== null && <ErrorNotice error={formError} />}
            <div className="actions">
              <button type="submit" className="button" aria-disabled={busy}>
                {busy ? t("state.saving") : t("action.save")}
              </button>
              <button type="button" className="button-secondary" onClick={close}>
                {t("action.cancel")}
              </button>
            </div>
          </form>
          <ConfirmDialog
            open={confirmingRemoval}
            title={t("admin.providers.removeKeyTitle", { name })}
            body={t("admin.providers.removeKeyBody")}
            confirmLabel={t("admin.providers.removeKeyConfirm")}
            // The stored definition, not the form's edits: removing the key is an action of its own.
            onConfirm={async () => {
              props.onKeyRemoved(
                await call("PUT /api/providers/:id", {
                  params: { id: provider.id },
                  body: { ...definitionOf(provider), apiKey: null },
                }),
              );
            }}
            onClose={() => setConfirmingRemoval(false)}
            // Its button went with the key: the focus goes to the key field, which now says so.
            fallbackFocus={() =>
              formRef.current?.querySelector<HTMLElement>('input[type="password"]') ?? null
            }
          />
        </>
      )}
    </Dialog>
  );
}
