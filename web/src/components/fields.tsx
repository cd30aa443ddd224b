import { type ReactNode, useRef, useState } from "react";

/** The ids a control points to: its hint and its error, when it has them. */
export function describedBy(id: string, hint: boolean, error: string | undefined) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

/** A field's label, hint, control and error, tied together for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: ReactNode;
}) {
  const { id, label, hint, error } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {props.children}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError(props: { id: string; error: string | undefined }) {
  if (!props.error) return null;
  return (
    <p className="field-error" id={`${props.id}-error`}>
      {props.error}
    </p>
  );
}

/**
 * A form's errors found before sending: each field's message, a summary of
 * how many there are (the form shows it as an alert), and the focus on the
 * first invalid control. `check(found)` shows what was found and says
 * whether the form may be sent.
 */
export function useFormErrors<K extends string>(summaryOf: (count: number) => string) {
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  const [summary, setSummary] = useState("");
  const form = useRef<HTMLFormElement>(null);
  const check = (found: Partial<Record<K, string>>): boolean => {
    setErrors(found);
    const count = Object.keys(found).length;
    setSummary(count > 0 ? summaryOf(count) : "");
    if (count > 0) focusFirstInvalid(form.current);
    return count === 0;
  };
  return { errors, summary, form, check };
}

/** The first control the form marked invalid takes the focus (after React has drawn it). */
export function focusFirstInvalid(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}

/** Something an agent names by its name: a use case or an assistant. */
interface Named {
  id: string;
  name: string;
}

/**
 * A subject select's options: a placeholder, then the use cases (by id)
 * and the assistants (`assistant:<id>`), each group under its label.
 */
export function SubjectOptions(props: {
  choose: string;
  useCasesLabel: string;
  assistantsLabel: string;
  useCases: readonly Named[] | undefined;
  assistants: readonly Named[] | undefined;
}) {
  return (
    <>
      <option value="">{props.choose}</option>
      <optgroup label={props.useCasesLabel}>
        {props.useCases?.map((useCase) => (
          <option key={useCase.id} value={useCase.id}>
            {useCase.name}
          </option>
        ))}
      </optgroup>
      <optgroup label={props.assistantsLabel}>
        {props.assistants?.map((assistant) => (
          <option key={assistant.id} value={`assistant:${assistant.id}`}>
            {assistant.name}
          </option>
        ))}
      </optgroup>
    </>
  );
}
