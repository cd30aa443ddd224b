import type { ReactNode } from "react";

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

/** The first control the form marked invalid takes the focus (after React has drawn it). */
export function focusFirstInvalid(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
