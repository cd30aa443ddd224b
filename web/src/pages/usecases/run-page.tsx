import { type FormEvent, useId, useRef, useState } from "react";
import { ApiError, call, type ResponseOf } from "../../api/client";
import { ErrorNotice, errorText, Loading, PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { Link } from "../../router";
import { FieldInput } from "./field-input";
import { tu } from "./i18n";
import { RunResult } from "./run-result";

type Form = ResponseOf<"GET /api/usecase-forms">[number];
export type Field = Form["fields"][number];
export type Run = ResponseOf<"POST /api/usecases/:id/run">;

/** A use case's form, generated from its fields; « Générer » runs it and shows the result below. */
export function UseCaseRunPage(props: { id: string }) {
  const forms = useResource("GET /api/usecase-forms");
  const form = forms.data?.find((candidate) => candidate.id === props.id);
  if (forms.error !== null)
    return <ErrorNotice error={forms.error} onRetry={() => void forms.reload()} />;
  if (!forms.data) return <Loading />;
  if (!form)
    return (
      <div className="page narrow">
        <ErrorNotice error={new ApiError(404, "usecase_not_found", "")} />
        <Link href="/cas-d-usage">{tu("usecases.back")}</Link>
      </div>
    );
  return <RunForm form={form} />;
}

function RunForm(props: { form: Form }) {
  const { form } = props;
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [run, setRun] = useState<Run>();
  const summary = useRef<HTMLDivElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing: Record<string, string> = {};
    for (const field of form.fields)
      if (field.required && !(values[field.id] ?? "").trim())
        missing[field.id] = tu("usecases.missing");
    setErrors(missing);
    const count = Object.keys(missing).length;
    if (count > 0) {
      setFormError(tu("usecases.formErrors", { count }));
      const first = form.fields.find((field) => missing[field.id]);
      if (first) document.getElementById(`${id}-${first.id}`)?.focus();
      return;
    }
    setFormError(undefined);
    setBusy(true);
    try {
      const filled = Object.fromEntries(
        Object.entries(values).filter(([, value]) => value.trim() !== ""),
      );
      setRun(
        await call("POST /api/usecases/:id/run", {
          params: { id: form.id },
          body: { values: filled },
        }),
      );
    } catch (error) {
      setRun(undefined);
      setFormError(
        error instanceof ApiError ? error.message || errorText(error) : errorText(error),
      );
      summary.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <p>
        <Link href="/cas-d-usage">{tu("usecases.back")}</Link>
      </p>
      <PageHeading title={form.name} />
      <p>{form.description}</p>
      <p className="hint">{tu("usecases.requiredNote")}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <div ref={summary} tabIndex={-1}>
          {formError && (
            <div className="notice notice-error" role="alert">
              <p>{formError}</p>
            </div>
          )}
        </div>
        {form.fields.map((field) => (
          <FieldInput
            key={field.id}
            id={`${id}-${field.id}`}
            field={field}
            value={values[field.id] ?? ""}
            error={errors[field.id]}
            onChange={(value) => setValues((current) => ({ ...current, [field.id]: value }))}
          />
        ))}
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy} aria-busy={busy}>
            {busy ? tu("usecases.generating") : tu("usecases.generate")}
          </button>
        </div>
      </form>
      {run && <RunResult run={run} />}
    </div>
  );
}
