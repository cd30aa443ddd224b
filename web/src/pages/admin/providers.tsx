import { useRef, useState } from "react";
import { call } from "../../api/client";
import { ConfirmButton, returnFocus } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { SovereigntyBadge } from "../../components/sovereignty";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { formatDateTime, formatNumber, t } from "../../i18n";
import { useSession } from "../../session";
import { EditProviderDialog, NewProviderForm } from "./provider-editor";
import { ImpactWarning } from "./provider-impact";
import { StatusNotice } from "./shared";
import type { ParameterCount, Provider, ProviderTest } from "./types";

/** A parameter count, a PUE or a WUE: "24", "1,09–1,14". */
function count(value: ParameterCount | undefined): string | null {
  if (value === undefined) return null;
  return typeof value === "number"
    ? formatNumber(value, 3)
    : `${formatNumber(value.min, 3)}–${formatNumber(value.max, 3)}`;
}

/**
 * A datacenter figure as the estimate takes it: the provider's own, else
 * the collectivité's (a local provider), else "not given".
 */
function datacenterFigure(
  own: ParameterCount | undefined,
  used: ParameterCount | undefined,
  unit: (value: string) => string,
): string {
  const value = count(own ?? used);
  if (value === null) return t("admin.providers.notGiven");
  return own === undefined ? t("admin.providers.localFigure", { value: unit(value) }) : unit(value);
}

/** Where the key sent to a provider comes from, and whether it is there (never the key itself). */
function keySource(provider: Provider): string {
  const configured = provider.apiKeyConfigured;
  if (provider.apiKeyStored) return t("admin.providers.keyStored");
  if (provider.apiKeyEnv)
    return t(configured ? "admin.providers.keyEnvSet" : "admin.providers.keyEnvMissing", {
      name: provider.apiKeyEnv,
    });
  if (provider.apiKeyFile)
    return t(configured ? "admin.providers.keyFile" : "admin.providers.keyFileUnusable");
  return t(configured ? "admin.providers.keyConfigured" : "admin.providers.keyNone");
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
  onEdit: () => void;
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
      setResult(await call("POST /api/providers/:id/test", { params: { id: provider.id } }));
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
        {provider.kind === "openai-compatible" && (
          <>
            <dt>{t("admin.providers.pue")}</dt>
            <dd>{datacenterFigure(provider.pue, provider.impact.pue, (value) => value)}</dd>
            <dt>{t("admin.providers.wue")}</dt>
            <dd>
              {datacenterFigure(provider.wue, provider.impact.wue, (value) =>
                t("admin.providers.litresPerKwh", { value }),
              )}
            </dd>
            <dt>{t("admin.providers.timeout")}</dt>
            <dd>{t("admin.providers.seconds", { count: provider.timeoutSeconds })}</dd>
          </>
        )}
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
            <dd>{keySource(provider)}</dd>
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
      <ImpactWarning
        impact={provider.impact}
        sovereignty={provider.sovereignty}
        country={provider.country}
      />
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
          <button
            type="button"
            className="button-secondary button-small"
            aria-label={t("admin.providers.editFor", { name: provider.label ?? provider.id })}
            onClick={props.onEdit}
          >
            {t("action.edit")}
          </button>
          <ConfirmButton
            label={t("admin.providers.remove")}
            accessibleName={t("admin.providers.removeFor", { name: provider.label ?? provider.id })}
            title={t("admin.providers.removeTitle", { name: provider.label ?? provider.id })}
            body={t("admin.providers.removeBody")}
            confirmLabel={t("admin.providers.remove")}
            fallbackFocus={props.fallbackFocus}
            onConfirm={async () => {
              await call("DELETE /api/providers/:id", { params: { id: provider.id } });
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

/** `/administration/fournisseurs`: where the models run, under which law, and whether they answer. */
export function ProvidersPage() {
  const { can } = useSession();
  const canWrite = can("settings:write");
  const providers = useResource("GET /api/providers");
  const presets = useResource(canWrite ? "GET /api/providers/presets" : null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const stack = useRef<HTMLDivElement>(null);
  const newHeading = useRef<HTMLHeadingElement>(null);
  const list = providers.data;
  const editing = list?.find((provider) => provider.id === editingId) ?? null;
  const replace = (changed: Provider) =>
    providers.set((current) =>
      current?.map((entry) => (entry.id === changed.id ? changed : entry)),
    );
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
              onEdit={() => setEditingId(provider.id)}
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
          <EditProviderDialog
            provider={editing}
            onClose={() => setEditingId(null)}
            onSaved={(provider) => {
              replace(provider);
              setEditingId(null);
              setNotice(t("admin.providers.saved", { name: provider.label ?? provider.id }));
            }}
            onKeyRemoved={(provider) => {
              replace(provider);
              setNotice(t("admin.providers.keyRemoved", { name: provider.label ?? provider.id }));
            }}
          />
        </section>
      )}
    </section>
  );
}
