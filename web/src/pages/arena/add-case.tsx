import { type FormEvent, useId, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice, Loading } from "../../components/feedback";
import { describedBy, Field, useFormErrors } from "../../components/fields";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { FieldInput } from "../usecases/field-input";
import { ta } from "./i18n";
import { caseForm } from "./question-form";
import type { Campaign } from "./types";

/** The title's key among the errors: not a field id (those are slugs). */
const TITLE = "#title";

/**
 * A test case: a title and the campaign's use case form, the same fields as
 * on « Cas d'usage » (a required field left empty is said here first; the
 * server checks the fields and the data's class again).
 */
export function AddCaseForm(props: {
  campaign: Campaign;
  onAdded: (title: string) => Promise<void>;
}) {
  const id = useId();
  const forms = useResource("GET /api/usecase-forms");
  const useCase = caseForm(props.campaign, forms.data);
  const [title, setTitle] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const { errors, summary, form, check } = useFormErrors<string>((count) =>
    ta("arena.formErrors", { count }),
  );
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!useCase) return;
    const found: Record<string, string> = {};
    if (!title.trim()) found[TITLE] = ta("arena.case.nameRequired");
    for (const field of useCase.fields)
      if (field.required && !(values[field.id] ?? "").trim())
        found[field.id] = ta("arena.case.missing");
    action.clear();
    if (!check(found)) return;
    void action.run(async () => {
      const filled = Object.fromEntries(
        Object.entries(values).filter(([, value]) => value.trim() !== ""),
      );
      const added = await call("POST /api/arena/campaigns/:id/cases", {
        params: { id: props.campaign.id },
        body: { title: title.trim(), values: filled },
      });
      setTitle("");
      setValues({});
      await props.onAdded(added.title);
    });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{ta("arena.case.title")}</h2>
      <p className="hint">{ta("arena.case.intro")}</p>
      {forms.error !== null && <ErrorNotice error={forms.error} />}
      {forms.loading && !forms.data && <Loading />}
      {useCase && (
        <form ref={form} className="form arena-form" noValidate onSubmit={submit}>
          {summary && (
            <div className="notice notice-error" role="alert">
              <p>{summary}</p>
            </div>
          )}
          <Field
            id={`${id}-case`}
            label={ta("arena.case.name")}
            hint={ta("arena.case.nameHint")}
            error={errors[TITLE]}
          >
            <input
              id={`${id}-case`}
              type="text"
              value={title}
              maxLength={200}
              required
              aria-invalid={errors[TITLE] ? true : undefined}
              aria-describedby={describedBy(`${id}-case`, true, errors[TITLE])}
              onChange={(event) => setTitle(event.target.value)}
            />
          </Field>
          {useCase.fields.map((field) => (
            <FieldInput
              key={field.id}
              id={`${id}-${field.id}`}
              field={field}
              value={values[field.id] ?? ""}
              error={errors[field.id]}
              onChange={(value) => setValues((current) => ({ ...current, [field.id]: value }))}
            />
          ))}
          {action.error !== null && <ErrorNotice error={action.error} />}
          <div className="actions">
            <button type="submit" className="button" aria-disabled={action.busy}>
              {action.busy ? t("state.saving") : ta("arena.case.add")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
