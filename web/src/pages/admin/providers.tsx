import { type FormEvent, useRef, useState } from "react";
import { del, post } from "../../api/client";
import type { Sovereignty } from "../../api/types";
import { ConfirmButton, ConfirmDialog, returnFocus } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { SovereigntyBadge } from "../../components/sovereignty";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { formatDateTime, formatNumber, t } from "../../i18n";
import { useSession } from "../../session";
import { SelectField, StatusNotice, TextField, useCheckedForm } from "./shared";
import type {
  ParameterCount,
  Provider,
  ProviderModel,
  ProviderPreset,
  ProviderTest,
} from "./types";

const SOVEREIGNTIES: Sovereignty[] = ["local", "sovereign", "extraterritorial"];

function count(value: ParameterCount | undefined): string | null {
  if (value === undefined) return null;
  return typeof value === "number"
    ? formatNumber(value)
    : `${formatNumber(value.min)}–${formatNumber(value.max)}`;
}

/** `24`, `44-132` → a parameter count (billions); null when unreadable. */
function parseCount(text: string | undefined): ParameterCount | null {
  if (!text) return null;
  const [min, max] = text.split("-").map(Number);
  if (min === undefined || !(min > 0)) return null;
  if (max === undefined) return min;
  return max >= min ? { min, max } : null;
}

/** A model as the form writes it: `id[:active[/total]] [embeddings]`. */
function modelLine(model: Partial<ProviderModel>): string {
  const active = model.activeParameters;
  const total = model.totalParameters;
  const text = (value: ParameterCount) =>
    typeof value === "number" ? String(value) : `${value.min}-${value.max}`;
  let line = model.id ?? "";
  if (active !== undefined)
    line += `:${text(active)}${total !== undefined ? `/${text(total)}` : ""}`;
  if (model.capabilities?.includes("embeddings")) line += " embeddings";
  return line;
}

function parseModels(text: string): Partial<ProviderModel>[] | null {
  const models: Partial<ProviderModel>[] = [];
  for (const raw of text.split("\n")) {
    const [spec, ...flags] = raw.trim().split(/\s+/);
    if (!spec) continue;
    const found = /^(.+?)(?::([\d.]+(?:-[\d.]+)?)(?:\/([\d.]+(?:-[\d.]+)?))?)?$/.exec(spec);
    if (!found?.[1]) return null;
    const model: Partial<ProviderModel> = { id: found[1] };
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
  return models.length > 0 ? models : null;
}

function Health(props: { provider: Provider }) {
  const { health } = props.provider;
  if (!props.provider.enabled)
    return <span className="badge badge-neutral">{t("admin.providers.disabled")}</span>;
  return health.state === "up" ? (
    <span className="badge badge-success">{t("admin.providers.up")}</span>
  ) : (
    <span className="badge badge-error">
      {t("admin.providers.down", { until: health.until ? formatDateTime(health.until) : "" })}
    </span>
  );
}

function TestResult(props: { result: ProviderTest }) {
  const { listed, missing } = props.result;
  return (
    <div className={`notice ${missing.length > 0 ? "notice-warning" : "notice-success"}`}>
      <p>{t("admin.providers.testOk", { count: listed.length })}</p>
      {missing.length > 0 ? (
        <p>{t("admin.providers.testMissing", { models: missing.join(", ") })}</p>
      ) : (
        <p>{t("admin.providers.testAllListed")}</p>
      )}
    </div>
  );
}

function ProviderCard(props: {
  provider: Provider;
  canWrite: boolean;
  onRemoved: () => void;
  fallbackFocus: () => HTMLElement | null;
}) {
  const { provider, canWrite } = props;
  const [result, setResult] = useState<ProviderTest | null>(null);
  const test = useAction();
  const headingId = `fournisseur-${provider.id}`;
  const runTest = () =>
    void test.run(async () => {
      setResult(null);
      setResult(await post<ProviderTest>(`/api/providers/${encodeURIComponent(provider.id)}/test`));
    });
  return (
    <article className="admin-card admin-provider" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {provider.label ?? provider.id} <span className="hint">({provider.id})</span>
      </h2>
      <dl className="admin-facts">
        <dt>{t("admin.providers.sovereignty")}</dt>
        <dd>
          <SovereigntyBadge sovereignty={provider.sovereignty} />
        </dd>
        <dt>{t("admin.providers.country")}</dt>
        <dd>{provider.country}</dd>
        <dt>{t("admin.providers.kind")}</dt>
        <dd>{t(`admin.providers.kind.${provider.kind}`)}</dd>
        {provider.baseUrl && (
          <>
            <dt>{t("admin.providers.baseUrl")}</dt>
            <dd className="admin-mono">{provider.baseUrl}</dd>
          </>
        )}
        {provider.kind === "openai-compatible" && (
          <>
            <dt>{t("admin.providers.key")}</dt>
            <dd>
              {provider.apiKeyEnv
                ? t(
                    provider.apiKeyConfigured
                      ? "admin.providers.keyEnvSet"
                      : "admin.providers.keyEnvMissing",
                    { name: provider.apiKeyEnv },
                  )
                : provider.apiKeyFile
                  ? t("admin.providers.keyFile")
                  : t("admin.providers.keyNone")}
            </dd>
          </>
        )}
        <dt>{t("admin.providers.health")}</dt>
        <dd>
          <Health provider={provider} />
        </dd>
      </dl>
      <div className="table-wrapper">
        <table>
          <caption>{t("admin.providers.models", { count: provider.models.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.providers.model")}</th>
              <th scope="col">{t("admin.providers.capabilities")}</th>
              <th scope="col">{t("admin.providers.context")}</th>
              <th scope="col">{t("admin.providers.parameters")}</th>
            </tr>
          </thead>
          <tbody>
            {provider.models.map((model) => {
              const active = count(model.activeParameters);
              const total = count(model.totalParameters);
              return (
                <tr key={model.id}>
                  <th scope="row">
                    <span className="admin-mono">{model.id}</span>
                    {model.label &&
                      model.label !== model.id &&
                      t("admin.providers.modelLabel", { label: model.label })}
                  </th>
                  <td>
                    {model.capabilities
                      .map((capability) => t(`admin.providers.capability.${capability}`))
                      .join(", ")}
                  </td>
                  <td>{t("admin.providers.tokens", { count: model.contextLength })}</td>
                  <td>
                    {active
                      ? t("admin.providers.parameterCount", { active, total: total ?? active })
                      : t("admin.providers.parametersUnknown")}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canWrite && (
        <div className="actions">
          {provider.kind === "openai-compatible" && (
            <button
              type="button"
              className="button-secondary button-small"
              aria-label={t("admin.providers.testFor", { name: provider.label ?? provider.id })}
              aria-disabled={test.busy}
              onClick={runTest}
            >
              {test.busy ? t("admin.providers.testing") : t("admin.providers.test")}
            </button>
          )}
          <ConfirmButton
            label={t("admin.providers.remove")}
            accessibleName={t("admin.providers.removeFor", { name: provider.label ?? provider.id })}
            title={t("admin.providers.removeTitle", { name: provider.label ?? provider.id })}
            body={t("admin.providers.removeBody")}
            confirmLabel={t("admin.providers.remove")}
            fallbackFocus={props.fallbackFocus}
            onConfirm={async () => {
              await del(`/api/providers/${encodeURIComponent(provider.id)}`);
              props.onRemoved();
              // The card goes, with this button and its dialog: the focus is put back on purpose.
              returnFocus(null, props.fallbackFocus);
            }}
          />
        </div>
      )}
      <div aria-live="polite" aria-busy={test.busy}>
        {result && <TestResult result={result} />}
      </div>
      {test.error !== null && (
        <ErrorNotice error={test.error}>
          <p>{t("admin.providers.testFailedHint")}</p>
        </ErrorNotice>
      )}
    </article>
  );
}

const EMPTY_FORM = {
  preset: "",
  id: "",
  label: "",
  baseUrl: "",
  sovereignty: "sovereign" as Sovereignty,
  country: "FRA",
  apiKeyEnv: "",
  models: "",
};

const PROVIDER_FIELDS = ["id", "label", "baseUrl", "country", "apiKeyEnv", "models"] as const;
type ProviderField = (typeof PROVIDER_FIELDS)[number];

/** The form as a preset fills it. */
function presetForm(preset: ProviderPreset, models: string): typeof EMPTY_FORM {
  const p = preset.provider;
  return {
    preset: preset.name,
    id: p.id,
    label: p.label ?? "",
    baseUrl: p.baseUrl ?? "",
    sovereignty: p.sovereignty,
    country: p.country,
    apiKeyEnv: p.apiKeyEnv ?? "",
    models,
  };
}

function NewProviderForm(props: {
  presets: ProviderPreset[];
  onCreated: (provider: Provider) => void;
}) {
  const [form, setForm] = useState(EMPTY_FORM);
  const [presetModels, setPresetModels] = useState<{
    text: string;
    models: Partial<ProviderModel>[];
  } | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const {
    busy,
    run,
    form: formRef,
    errors,
    formError,
    check,
  } = useCheckedForm(PROVIDER_FIELDS, { provider_exists: "id" });
  const set = (field: keyof typeof EMPTY_FORM) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));
  // What the chosen preset (or nothing) filled in: anything else was typed, and is not replaced without asking.
  const filled = () => {
    const preset = props.presets.find((entry) => entry.name === form.preset);
    return preset ? presetForm(preset, presetModels?.text ?? "") : { ...EMPTY_FORM };
  };
  const modified = () => {
    const base = filled();
    return (Object.keys(EMPTY_FORM) as (keyof typeof EMPTY_FORM)[]).some(
      (key) => form[key] !== base[key],
    );
  };
  const askPreset = (name: string) => {
    if (modified()) setAsking(name);
    else choosePreset(name);
  };
  const choosePreset = (name: string) => {
    const preset = props.presets.find((entry) => entry.name === name);
    if (!preset) {
      setForm({ ...EMPTY_FORM });
      setPresetModels(null);
      return;
    }
    const text = preset.provider.models.map(modelLine).join("\n");
    setPresetModels({ text, models: preset.provider.models });
    setForm(presetForm(preset, text));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const models =
      presetModels && presetModels.text === form.models
        ? presetModels.models
        : parseModels(form.models);
    const found: Partial<Record<ProviderField, string>> = {};
    if (!form.id.trim()) found.id = t("admin.providers.idRequired");
    if (!form.baseUrl.trim()) found.baseUrl = t("admin.providers.baseUrlRequired");
    if (!form.country.trim()) found.country = t("admin.providers.countryRequired");
    if (!models)
      found.models = form.models.trim()
        ? t("admin.providers.modelsInvalid")
        : t("admin.providers.modelsRequired");
    if (!check(found) || !models) return;
    void run(async () => {
      const created = await post<Provider>("/api/providers", {
        id: form.id.trim(),
        ...(form.label.trim() && { label: form.label.trim() }),
        baseUrl: form.baseUrl.trim(),
        sovereignty: form.sovereignty,
        country: form.country.trim().toUpperCase(),
        ...(form.apiKeyEnv.trim() && { apiKeyEnv: form.apiKeyEnv.trim() }),
        models,
      });
      setForm(EMPTY_FORM);
      setPresetModels(null);
      props.onCreated(created);
    });
  };
  const selected = props.presets.find((preset) => preset.name === form.preset);
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
      <TextField
        label={t("admin.providers.label")}
        value={form.label}
        onChange={set("label")}
        error={errors.label}
      />
      <TextField
        label={t("admin.providers.baseUrl")}
        hint={t("admin.providers.baseUrlHint")}
        type="url"
        value={form.baseUrl}
        onChange={set("baseUrl")}
        required
        mono
        error={errors.baseUrl}
      />
      <SelectField
        label={t("admin.providers.sovereignty")}
        hint={t("admin.providers.sovereigntyHint")}
        value={form.sovereignty}
        onChange={(value) => set("sovereignty")(value)}
        options={SOVEREIGNTIES.map((value) => ({ value, label: t(`sovereignty.${value}`) }))}
      />
      <TextField
        label={t("admin.providers.country")}
        hint={t("admin.providers.countryHint")}
        value={form.country}
        onChange={set("country")}
        required
        error={errors.country}
      />
      <TextField
        label={t("admin.providers.keyEnv")}
        hint={t("admin.providers.keyEnvHint")}
        value={form.apiKeyEnv}
        onChange={set("apiKeyEnv")}
        mono
        error={errors.apiKeyEnv}
      />
      <ModelsField value={form.models} onChange={set("models")} error={errors.models} />
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

function ModelsField(props: { value: string; onChange: (value: string) => void; error?: string }) {
  const described = props.error ? "modeles-aide modeles-erreur" : "modeles-aide";
  return (
    <div className="field">
      <label htmlFor="modeles">{t("admin.providers.modelsField")}</label>
      <p className="hint" id="modeles-aide">
        {t("admin.providers.modelsHint")}
      </p>
      <textarea
        id="modeles"
        className="admin-mono"
        rows={4}
        value={props.value}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.error && (
        <p className="field-error" id="modeles-erreur">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** `/administration/fournisseurs`: where the models run, under which law, and whether they answer. */
export function ProvidersPage() {
  const { can } = useSession();
  const canWrite = can("settings:write");
  const providers = useResource<Provider[]>("/api/providers");
  const presets = useResource<ProviderPreset[]>(canWrite ? "/api/providers/presets" : null);
  const [notice, setNotice] = useState<string | null>(null);
  const stack = useRef<HTMLDivElement>(null);
  const newHeading = useRef<HTMLHeadingElement>(null);
  const list = providers.data;
  return (
    <section className="page" aria-busy={providers.loading}>
      <PageHeading title={t("admin.providers.title")} />
      <p className="lead">{t("admin.providers.intro")}</p>
      {!canWrite && <p className="notice notice-info">{t("admin.readOnly")}</p>}
      <StatusNotice text={notice} />
      {providers.loading && !list && <Loading />}
      {providers.error !== null && !list && (
        <ErrorNotice error={providers.error} onRetry={() => void providers.reload()} />
      )}
      {list && list.length === 0 && (
        <EmptyState title={t("admin.providers.empty")}>
          <p>{t("admin.providers.emptyHint")}</p>
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <div className="admin-stack" ref={stack}>
          {list.map((provider) => (
            <ProviderCard
              key={provider.id}
              provider={provider}
              canWrite={canWrite}
              onRemoved={() => {
                setNotice(t("admin.providers.removed", { name: provider.label ?? provider.id }));
                providers.set((current) => current?.filter((entry) => entry.id !== provider.id));
              }}
              // Its card is gone: the focus goes to the next provider's name, else to the form's heading.
              fallbackFocus={() =>
                stack.current?.querySelector<HTMLElement>("article h2") ?? newHeading.current
              }
            />
          ))}
        </div>
      )}
      {canWrite && (
        <section aria-labelledby="nouveau-fournisseur">
          <h2 id="nouveau-fournisseur" ref={newHeading} tabIndex={-1}>
            {t("admin.providers.newTitle")}
          </h2>
          <NewProviderForm
            presets={presets.data ?? []}
            onCreated={(provider) => {
              setNotice(t("admin.providers.added", { name: provider.label ?? provider.id }));
              void providers.reload();
            }}
          />
        </section>
      )}
    </section>
  );
}
