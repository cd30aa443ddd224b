import { type FormEvent, useEffect, useRef, useState } from "react";
import { call } from "../../api/client";
import type { Permission } from "../../api/types";
import { ConfirmButton, returnFocus } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { formatDateTime, t } from "../../i18n";
import { useSession } from "../../session";
import {
  CheckboxGroup,
  nonEmpty,
  rowFocus,
  StatusNotice,
  TextField,
  useCheckedForm,
} from "./shared";

const KEY_FIELDS = ["name", "scopes", "expiresInDays"] as const;
type KeyField = (typeof KEY_FIELDS)[number];

import type { ApiKey } from "./types";

function status(key: ApiKey): { label: string; tone: string } {
  if (key.revokedAt) return { label: t("admin.apiKeys.revoked"), tone: "neutral" };
  if (Date.parse(key.expiresAt) <= Date.now())
    return { label: t("admin.apiKeys.expired"), tone: "warning" };
  return { label: t("admin.apiKeys.active"), tone: "success" };
}

/** The new key, shown once: with a copy button and the warning that it will not come back. */
function NewKeyNotice(props: { name: string; token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.token);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin): the key is selected, to copy with the keyboard.
      field.current?.select();
    }
  };
  return (
    <div className="notice notice-warning admin-new-key">
      <h2 tabIndex={-1} ref={heading}>
        {t("admin.apiKeys.createdTitle", { name: props.name })}
      </h2>
      <p>
        <strong>{t("admin.apiKeys.onceWarning")}</strong>
      </p>
      <div className="field">
        <label htmlFor="nouvelle-cle">{t("admin.apiKeys.token")}</label>
        <input
          id="nouvelle-cle"
          ref={field}
          type="text"
          className="admin-mono"
          readOnly
          value={props.token}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {t("admin.apiKeys.copy")}
        </button>
        <button type="button" className="button-secondary" onClick={props.onDone}>
          {t("admin.apiKeys.done")}
        </button>
        <span role="status">{copied ? t("admin.apiKeys.copied") : ""}</span>
      </div>
    </div>
  );
}

/** `/administration/cles-api`: one's own API keys (scripts, other tools), created and revoked. */
export function ApiKeysPage() {
  const { session } = useSession();
  const keys = useResource("GET /api/api-keys");
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Permission[]>([]);
  const [days, setDays] = useState("90");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, run, form, errors, formError, check } = useCheckedForm(KEY_FIELDS);
  const table = useRef<HTMLTableElement>(null);
  const permissions = session?.permissions ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<KeyField, string>> = {};
    if (!name.trim()) found.name = t("admin.apiKeys.nameRequired");
    const chosen = nonEmpty(scopes);
    if (!chosen) found.scopes = t("admin.apiKeys.scopesRequired");
    if (!check(found) || !chosen) return;
    void run(async () => {
      const answer = await call("POST /api/api-keys", {
        body: {
          name: name.trim(),
          scopes: chosen,
          ...(days.trim() && { expiresInDays: Number(days) }),
        },
      });
      setCreated({ name: answer.key.name, token: answer.token });
      setNotice(null);
      setName("");
      setScopes([]);
      await keys.reload();
    });
  };
  const list = keys.data
    ?.slice()
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
  return (
    <section className="page" aria-busy={keys.loading}>
      <PageHeading title={t("admin.apiKeys.title")} />
      <p className="lead">{t("admin.apiKeys.intro")}</p>
      {created && (
        <NewKeyNotice
          name={created.name}
          token={created.token}
          onDone={() => {
            setCreated(null);
            // The notice and its button are gone: the focus goes to the form, ready for another key.
            form.current?.querySelector<HTMLElement>("input")?.focus();
          }}
        />
      )}
      <StatusNotice text={notice} />
      {keys.loading && !list && <Loading />}
      {keys.error !== null && !list && (
        <ErrorNotice error={keys.error} onRetry={() => void keys.reload()} />
      )}
      {list && list.length === 0 && (
        <EmptyState title={t("admin.apiKeys.empty")}>
          <p>{t("admin.apiKeys.emptyHint")}</p>
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <div className="table-wrapper">
          <table ref={table} tabIndex={-1}>
            <caption>{t("admin.apiKeys.caption", { count: list.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.apiKeys.name")}</th>
                <th scope="col">{t("admin.apiKeys.scopes")}</th>
                <th scope="col">{t("admin.apiKeys.expires")}</th>
                <th scope="col">{t("admin.apiKeys.lastUsed")}</th>
                <th scope="col">{t("admin.users.status")}</th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((key, index) => {
                const state = status(key);
                return (
                  <tr key={key.id}>
                    <th scope="row">
                      {key.name}
                      <p className="hint admin-mono">
                        {t("admin.apiKeys.prefix", { prefix: key.prefix })}
                      </p>
                    </th>
                    <td>{key.scopes.map((scope) => t(`admin.permission.${scope}`)).join(", ")}</td>
                    <td>{formatDateTime(key.expiresAt)}</td>
                    <td>
                      {key.lastUsedAt
                        ? formatDateTime(key.lastUsedAt)
                        : t("admin.apiKeys.neverUsed")}
                    </td>
                    <td>
                      <span className={`badge badge-${state.tone}`}>{state.label}</span>
                    </td>
                    <td>
                      {!key.revokedAt && (
                        <ConfirmButton
                          label={t("admin.apiKeys.revoke")}
                          accessibleName={t("admin.apiKeys.revokeFor", { name: key.name })}
                          title={t("admin.apiKeys.revokeTitle", { name: key.name })}
                          body={t("admin.apiKeys.revokeBody")}
                          confirmLabel={t("admin.apiKeys.revoke")}
                          fallbackFocus={() => rowFocus(table.current, index)}
                          onConfirm={async () => {
                            await call("DELETE /api/api-keys/:id", { params: { id: key.id } });
                            await keys.reload();
                            setNotice(t("admin.apiKeys.revokedNotice", { name: key.name }));
                            // The button (and its dialog) go with the revocation, the row moves
                            // down: the focus goes to the next key's button, else the table.
                            returnFocus(null, () => rowFocus(table.current, index));
                          }}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("admin.apiKeys.newTitle")}</h2>
      <form ref={form} className="form admin-form" onSubmit={submit} aria-busy={busy} noValidate>
        <TextField
          label={t("admin.apiKeys.name")}
          hint={t("admin.apiKeys.nameHint")}
          value={name}
          onChange={setName}
          required
          error={errors.name}
        />
        <CheckboxGroup
          legend={t("admin.apiKeys.scopes")}
          hint={t("admin.apiKeys.scopesHint")}
          options={permissions.map((permission) => ({
            value: permission,
            label: t(`admin.permission.${permission}`),
          }))}
          selected={scopes}
          onChange={setScopes}
          error={errors.scopes}
        />
        <TextField
          label={t("admin.apiKeys.lifetime")}
          hint={t("admin.apiKeys.lifetimeHint")}
          type="number"
          min={1}
          value={days}
          onChange={setDays}
          error={errors.expiresInDays}
        />
        {formError !== null && <ErrorNotice error={formError} />}
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy}>
            {t("admin.apiKeys.create")}
          </button>
        </div>
      </form>
    </section>
  );
}
