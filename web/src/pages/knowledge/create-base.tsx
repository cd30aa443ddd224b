import { type FormEvent, useId, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice, PageHeading } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { Link, navigate } from "../../router";
import { useSession } from "../../session";
import {
  FieldError,
  type FieldName,
  fieldErrors,
  invalid,
  PersonalDataFieldset,
  ReadersFieldset,
  type ReadersValue,
  readersOf,
} from "./base-form";
import type { PersonalDataSetting } from "./types";

const within = (path: string, ancestor: string) =>
  path === ancestor || path.startsWith(`${ancestor} > `);

/** `/bases/nouvelle`: create a base (with `knowledge:write`). */
export function CreateBase() {
  const { session } = useSession();
  const directions = useResource("GET /api/directions");
  const id = useId();
  const mine = session?.user.direction ?? null;
  const admin = session?.user.roles.includes("admin") ?? false;
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [owner, setOwner] = useState(mine?.id ?? "");
  const [readers, setReaders] = useState<ReadersValue>({
    everyone: false,
    roles: [],
    directions: [],
  });
  const [setting, setSetting] = useState<PersonalDataSetting>("quarantine");
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string>();

  // A referent creates a base for their direction or one below it; an administrator for any.
  const owners = (directions.data ?? []).filter(
    (direction) => admin || (mine !== null && within(direction.path, mine.path)),
  );

  const { busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setFormError(undefined);
      if (!name.trim()) {
        setErrors({ name: t("knowledge.form.nameRequired") });
        setFormError(t("knowledge.form.fixErrors"));
        document.getElementById(`${id}-name`)?.focus();
        return;
      }
      try {
        const created = await call("POST /api/knowledge-bases", {
          body: {
            name,
            description,
            ...(owner && { ownerDirectionId: owner }),
            readers: readersOf(readers),
            personalData: setting,
          },
        });
        navigate(`/bases/${encodeURIComponent(created.id)}`);
      } catch (caught) {
        const found = fieldErrors(caught);
        setErrors(found.fields);
        setFormError(found.form ?? t("knowledge.form.fixErrors"));
        const first = (["name", "description", "owner"] as const).find(
          (field) => found.fields[field],
        );
        if (first) document.getElementById(`${id}-${first}`)?.focus();
      }
    });
  };

  return (
    <div className="page narrow">
      <p>
        <Link href="/bases">{t("knowledge.base.back")}</Link>
      </p>
      <PageHeading title={t("knowledge.form.title")} />
      <form className="form" noValidate onSubmit={submit}>
        {formError && (
          <div className="notice notice-error" role="alert">
            <p>{formError}</p>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t("knowledge.form.name")}</label>
          <p className="hint" id={`${id}-name-hint`}>
            {t("knowledge.form.nameHint")}
          </p>
          <input
            type="text"
            id={`${id}-name`}
            value={name}
            maxLength={100}
            required
            onChange={(event) => setName(event.target.value)}
            {...invalid(errors.name, `${id}-name-error`, `${id}-name-hint`)}
          />
          <FieldError id={`${id}-name-error`} message={errors.name} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>{t("knowledge.form.description")}</label>
          <textarea
            id={`${id}-description`}
            rows={3}
            value={description}
            maxLength={2000}
            onChange={(event) => setDescription(event.target.value)}
            {...invalid(errors.description, `${id}-description-error`)}
          />
          <FieldError id={`${id}-description-error`} message={errors.description} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>{t("knowledge.form.owner")}</label>
          <p className="hint" id={`${id}-owner-hint`}>
            {t("knowledge.form.ownerHint")}
          </p>
          <select
            id={`${id}-owner`}
            value={owner}
            onChange={(event) => setOwner(event.target.value)}
            {...invalid(errors.owner, `${id}-owner-error`, `${id}-owner-hint`)}
          >
            {!owner && <option value="">{t("knowledge.form.ownerNone")}</option>}
            {owners.map((direction) => (
              <option key={direction.id} value={direction.id}>
                {direction.path}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-owner-error`} message={errors.owner} />
        </div>
        {directions.error !== null && (
          <ErrorNotice error={directions.error} onRetry={() => void directions.reload()} />
        )}
        <ReadersFieldset
          value={readers}
          onChange={setReaders}
          directions={directions.data}
          error={errors.readers}
        />
        <PersonalDataFieldset value={setting} onChange={setSetting} error={errors.personalData} />
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy} aria-busy={busy}>
            {busy ? t("knowledge.form.creating") : t("knowledge.form.submit")}
          </button>
          <Link href="/bases" className="button-tertiary">
            {t("action.cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}
