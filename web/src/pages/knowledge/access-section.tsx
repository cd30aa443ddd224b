import { type FormEvent, useId, useState } from "react";
import { call } from "../../api/client";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import {
  type FieldName,
  fieldErrors,
  PersonalDataFieldset,
  ReadersFieldset,
  type ReadersValue,
  readersOf,
  readersValue,
} from "./base-form";
import type { KnowledgeBase, PersonalDataSetting } from "./types";

/** "Accès": who reads the base, and what it does with personal data (managers only). */
export function AccessSection(props: { base: KnowledgeBase; onSaved(base: KnowledgeBase): void }) {
  const id = useId();
  const directions = useResource("GET /api/directions");
  const [readers, setReaders] = useState<ReadersValue>(() => readersValue(props.base.readers));
  const [setting, setSetting] = useState<PersonalDataSetting>(props.base.personalData);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState(false);

  const { busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setSaved(false);
      setFormError(undefined);
      try {
        const updated = await call("PATCH /api/knowledge-bases/:id", {
          params: { id: props.base.id },
          body: {
            readers: readersOf(readers),
            ...(setting !== props.base.personalData && { personalData: setting }),
          },
        });
        setErrors({});
        setSaved(true);
        props.onSaved(updated);
      } catch (caught) {
        const found = fieldErrors(caught);
        setErrors(found.fields);
        setFormError(found.form ?? t("knowledge.form.fixErrors"));
      }
    });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("knowledge.access.title")}</h2>
      <p>{t("knowledge.access.intro", { path: props.base.ownerDirection.path })}</p>
      <form className="form narrow" noValidate onSubmit={submit}>
        {formError && (
          <div className="notice notice-error" role="alert">
            <p>{formError}</p>
          </div>
        )}
        <ReadersFieldset
          value={readers}
          onChange={(value) => {
            setReaders(value);
            setSaved(false);
          }}
          directions={directions.data}
          error={errors.readers}
        />
        <PersonalDataFieldset
          value={setting}
          onChange={(value) => {
            setSetting(value);
            setSaved(false);
          }}
          error={errors.personalData}
          hint={t("knowledge.access.settingWarning")}
        />
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy} aria-busy={busy}>
            {busy ? t("state.saving") : t("knowledge.access.save")}
          </button>
        </div>
        <p role="status" className="kb-live">
          {saved ? t("knowledge.access.saved") : ""}
        </p>
      </form>
    </section>
  );
}
