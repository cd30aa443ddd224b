import { type ReactNode, useEffect, useRef } from "react";

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
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The first control the form marked invalid takes the focus (after React has drawn it). */
export function focusFirstInvalid(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}

/**
 * What a write did, said in a status region that takes the focus, so that a
 * screen reader reads it and the keyboard goes on from there. `count` grows
 * with each message, so that the same sentence twice is announced twice.
 */
export function StatusMessage(props: { message: { text: string; count: number } | null }) {
  const region = useRef<HTMLDivElement>(null);
  const { message } = props;
  useEffect(() => {
    if (message) region.current?.focus();
  }, [message]);
  return (
    <div ref={region} tabIndex={-1} role="status" className="experience-status">
      {message && (
        <div className="notice notice-success">
          <p>{message.text}</p>
        </div>
      )}
    </div>
  );
}
