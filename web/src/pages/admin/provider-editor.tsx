import { type FormEvent, useCallback, useState } from "react";
import { call } from "../../api/client";
import { ConfirmDialog, Dialog } from "../../components/dialog";
import { ErrorNotice } from "../../components/feedback";
import { t } from "../../i18n";
import {
  BLANK_VALUES,
  checkValues,
  definitionOf,
  KEY_CODES,
  PROVIDER_FIELDS,
  ProviderFieldset,
  type ProviderValues,
  sameValues,
  valuesFrom,
} from "./provider-fields";
import type { ModelErrors, ModelRow } from "./provider-models";
import { SelectField, TextField, useCheckedForm } from "./shared";
import type { Provider, ProviderPreset } from "./types";

const EMPTY_FORM = { preset: "", id: "", ...BLANK_VALUES };
type NewForm = typeof EMPTY_FORM;
type NewField = Exclude<keyof NewForm, "models">;

/** The form as a preset fills it: its PUE, WUE, models with their context and parameters. */
function presetForm(preset: ProviderPreset): NewForm {
  return {
    ...EMPTY_FORM,
    ...valuesFrom(preset.provider),
    preset: preset.name,
    id: preset.provider.id,
  };
}

/** Adds a provider, from a preset or typed in full; the key typed is sent once and then forgotten. */
export function NewProviderForm(props: {
  presets: ProviderPreset[];
  onCreated: (provider: Provider) => void;
}) {
  const [form, setForm] = useState(EMPTY_FORM);
  const [modelErrors, setModelErrors] = useState<Record<number, ModelErrors>>({});
  const [asking, setAsking] = useState<string | null>(null);
  const {
    busy,
    run,
    form: formRef,
    errors,
    formError,
    check,
  } = useCheckedForm(PROVIDER_FIELDS, { provider_exists: "id", ...KEY_CODES });
  const set = (field: NewField) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));
  const setModels = (models: ModelRow[]) => setForm((current) => ({ ...current, models }));
  const selected = props.presets.find((preset) => preset.name === form.preset);
  // What the chosen preset (or nothing) filled in: anything else was typed, and is not replaced without asking.
  const modified = () => !sameValues(form, selected ? presetForm(selected) : EMPTY_FORM);
  const choosePreset = (name: string) => {
    const preset = props.presets.find((entry) => entry.name === name);
    setForm(preset ? presetForm(preset) : { ...EMPTY_FORM });
    setModelErrors({});
  };
  const askPreset = (name: string) => {
    if (modified()) setAsking(name);
    else choosePreset(name);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { found, models, body } = checkValues(form, "openai-compatible");
    if (!form.id.trim()) found.id = t("admin.providers.idRequired");
    setModelErrors(models);
    if (!check(found) || !body) return;
    void run(async () => {
      const created = await call("POST /api/providers", {
        body: { id: form.id.trim(), ...body },
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
      <ProviderFieldset
        values={form}
        set={set}
        setModels={setModels}
        errors={errors}
        modelErrors={modelErrors}
        kind="openai-compatible"
      />
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

/**
 * Edits a provider in a dialog, filled from its view (never its key, which
 * the page does not have). What the form does not show (its kind, whether
 * it is enabled, the optional parameters each model takes) is sent back as
 * it was; the stored key is kept unless a new one is typed, or removed
 * after a confirmation.
 */
export function EditProviderDialog(props: {
  provider: Provider | null;
  onClose: () => void;
  onSaved: (provider: Provider) => void;
  onKeyRemoved: (provider: Provider) => void;
}) {
  const { provider } = props;
  const [values, setValues] = useState(BLANK_VALUES);
  const [modelErrors, setModelErrors] = useState<Record<number, ModelErrors>>({});
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
    setValues(valuesFrom(provider));
    setModelErrors({});
    check({});
  }
  const set = (field: Exclude<keyof ProviderValues, "models">) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));
  const setModels = (models: ModelRow[]) => setValues((current) => ({ ...current, models }));
  const name = provider ? (provider.label ?? provider.id) : "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!provider) return;
    const { found, models, body } = checkValues(values, provider.kind);
    setModelErrors(models);
    if (!check(found) || !body) return;
    void run(async () => {
      const { id, kind, enabled } = provider;
      props.onSaved(
        await call("PUT /api/providers/:id", {
          params: { id },
          body: { id, kind, enabled, ...body },
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
              setModels={setModels}
              errors={errors}
              modelErrors={modelErrors}
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
