import { type FormEvent, useId, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { describedBy, Field, SubjectOptions, useFormErrors } from "../../components/fields";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { te } from "./i18n";
import { useRefusal } from "./refusal";
import { StatusMessage } from "./status-message";
import { MAX_TEXT } from "./types";

type FieldName = "subject" | "worked" | "didNotWork" | "minutes";

/**
 * A « retour d'expérience »: the use case or assistant it is about, what
 * worked, what did not, the minutes a use saves. Checked here first; the
 * server scans both texts and refuses one with personal data, naming the
 * field, which is then marked here.
 */
export function ReportForm(props: { onFiled: () => Promise<void> }) {
  const id = useId();
  const useCases = useResource("GET /api/usecases");
  const assistants = useResource("GET /api/assistants");
  const [subject, setSubject] = useState("");
  const [worked, setWorked] = useState("");
  const [didNotWork, setDidNotWork] = useState("");
  const [minutes, setMinutes] = useState("");
  const { errors, summary, form, check } = useFormErrors<FieldName>((count) =>
    te("experience.formErrors", { count }),
  );
  const [sent, setSent] = useState<{ text: string; count: number } | null>(null);
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<FieldName, string>> = {};
    if (!subject) found.subject = te("experience.form.subjectRequired");
    if (!worked.trim()) found.worked = te("experience.form.workedRequired");
    else if (worked.trim().length > MAX_TEXT) found.worked = te("experience.form.tooLong");
    if (didNotWork.trim().length > MAX_TEXT) found.didNotWork = te("experience.form.tooLong");
    const minutesSaved = minutes.trim() === "" ? undefined : Number(minutes.replace(",", "."));
    if (minutesSaved !== undefined && !(minutesSaved >= 0 && minutesSaved <= 600))
      found.minutes = te("experience.form.minutesInvalid");
    action.clear();
    if (!check(found)) return;
    void action.run(async () => {
      await call("POST /api/experiences", {
        body: {
          ...(subject.startsWith("assistant:")
            ? { assistantId: subject.slice("assistant:".length) }
            : { useCaseId: subject }),
          worked: worked.trim(),
          didNotWork: didNotWork.trim(),
          ...(minutesSaved !== undefined && { minutesSaved }),
        },
      });
      setSubject("");
      setWorked("");
      setDidNotWork("");
      setMinutes("");
      setSent((last) => ({ text: te("experience.form.sent"), count: (last?.count ?? 0) + 1 }));
      await props.onFiled();
    });
  };

  // A text refused for personal data: the server names the field, marked here and focused.
  const refusal = useRefusal(action.error, form);
  const serverError = (field: FieldName) => refusal.messageFor(field);
  const errorOf = (field: FieldName) => errors[field] ?? serverError(field);

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{te("experience.form.title")}</h2>
      <StatusMessage message={sent} />
      <form ref={form} className="form experience-form" noValidate onSubmit={submit}>
        {summary && (
          <div className="notice notice-error" role="alert">
            <p>{summary}</p>
          </div>
        )}
        <Field
          id={`${id}-subject`}
          label={te("experience.form.subject")}
          hint={te("experience.form.subjectHint")}
          error={errorOf("subject")}
        >
          <select
            id={`${id}-subject`}
            value={subject}
            required
            aria-invalid={errorOf("subject") ? true : undefined}
            aria-describedby={describedBy(`${id}-subject`, true, errorOf("subject"))}
            onChange={(event) => setSubject(event.target.value)}
          >
            <SubjectOptions
              choose={te("experience.form.choose")}
              useCasesLabel={te("experience.form.useCases")}
              assistantsLabel={te("experience.form.assistants")}
              useCases={useCases.data}
              assistants={assistants.data}
            />
          </select>
        </Field>
        {useCases.error !== null && <ErrorNotice error={useCases.error} />}
        {assistants.error !== null && <ErrorNotice error={assistants.error} />}
        <Field
          id={`${id}-worked`}
          label={te("experience.form.worked")}
          hint={te("experience.form.workedHint")}
          error={errorOf("worked")}
        >
          <textarea
            id={`${id}-worked`}
            rows={4}
            value={worked}
            required
            aria-invalid={errorOf("worked") ? true : undefined}
            aria-describedby={describedBy(`${id}-worked`, true, errorOf("worked"))}
            onChange={(event) => setWorked(event.target.value)}
          />
        </Field>
        <Field
          id={`${id}-didnotwork`}
          label={te("experience.form.didNotWork")}
          hint={te("experience.form.didNotWorkHint")}
          error={errorOf("didNotWork")}
        >
          <textarea
            id={`${id}-didnotwork`}
            rows={4}
            value={didNotWork}
            aria-invalid={errorOf("didNotWork") ? true : undefined}
            aria-describedby={describedBy(`${id}-didnotwork`, true, errorOf("didNotWork"))}
            onChange={(event) => setDidNotWork(event.target.value)}
          />
        </Field>
        <Field
          id={`${id}-minutes`}
          label={te("experience.form.minutes")}
          hint={te("experience.form.minutesHint")}
          error={errorOf("minutes")}
        >
          <input
            id={`${id}-minutes`}
            type="text"
            inputMode="decimal"
            value={minutes}
            aria-invalid={errorOf("minutes") ? true : undefined}
            aria-describedby={describedBy(`${id}-minutes`, true, errorOf("minutes"))}
            onChange={(event) => setMinutes(event.target.value)}
          />
        </Field>
        {action.error !== null && refusal.field === undefined && (
          <ErrorNotice error={action.error} />
        )}
        <div className="actions">
          <button type="submit" className="button" aria-disabled={action.busy}>
            {action.busy ? t("state.saving") : te("experience.form.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
