import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import type { Permission } from "../../api/types";
import { ErrorNotice } from "../../components/feedback";
import { type MessageKey, t } from "../../i18n";

/** The administration's sections, each opened by one permission (api keys: anyone in the area). */
export const SECTIONS: {
  slug: string;
  title: MessageKey;
  summary: MessageKey;
  permission: Permission | null;
}[] = [
  {
    slug: "utilisateurs",
    title: "admin.users.title",
    summary: "admin.users.summary",
    permission: "directory:read",
  },
  {
    slug: "directions",
    title: "admin.directions.title",
    summary: "admin.directions.summary",
    permission: "directory:read",
  },
  {
    slug: "fournisseurs",
    title: "admin.providers.title",
    summary: "admin.providers.summary",
    permission: "settings:read",
  },
  {
    slug: "assistants",
    title: "admin.assistants.title",
    summary: "admin.assistants.summary",
    permission: "assistants:write",
  },
  {
    slug: "charte",
    title: "admin.charter.title",
    summary: "admin.charter.summary",
    permission: "settings:read",
  },
  {
    slug: "cles-api",
    title: "admin.apiKeys.title",
    summary: "admin.apiKeys.summary",
    permission: null,
  },
];

/** Runs one write at a time, keeping its error to show beside the form that started it. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}

/**
 * A modal dialog (`<dialog>` + showModal): the focus goes in, Escape closes
 * it, and the focus returns to what opened it.
 */
export function Dialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const { open, onClose } = props;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const closed = () => {
      onClose();
      if (opener.current instanceof HTMLElement) opener.current.focus();
    };
    dialog.addEventListener("close", closed);
    return () => dialog.removeEventListener("close", closed);
  }, [onClose]);
  return (
    <dialog ref={ref} aria-labelledby={titleId}>
      {open && (
        <>
          <h2 id={titleId}>{props.title}</h2>
          {props.children}
        </>
      )}
    </dialog>
  );
}

/** A button that asks before doing something that cannot be undone. */
export function ConfirmButton(props: {
  label: string;
  /** The button's accessible name when its label alone is ambiguous in a list ("Supprimer X"). */
  accessibleName?: string;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const { busy, error, run, clear } = useAction();
  const close = useCallback(() => {
    setOpen(false);
    clear();
  }, [clear]);
  return (
    <>
      <button
        type="button"
        className={props.className ?? "button-danger button-small"}
        aria-label={props.accessibleName}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </button>
      <Dialog open={open} title={props.title} onClose={close}>
        <p>{props.body}</p>
        {error !== null && <ErrorNotice error={error} />}
        <div className="actions">
          <button
            type="button"
            className="button-danger"
            disabled={busy}
            onClick={async () => {
              if (await run(props.onConfirm)) setOpen(false);
            }}
          >
            {props.confirmLabel}
          </button>
          <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
            {t("action.cancel")}
          </button>
        </div>
      </Dialog>
    </>
  );
}

/** A labelled text field, with its hint and its error tied to it. */
export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "password" | "number" | "url";
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  error?: string;
  mono?: boolean;
  min?: number;
}) {
  const id = useId();
  const described = [props.hint && `${id}-hint`, props.error && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <input
        id={id}
        type={props.type === "url" ? "text" : (props.type ?? "text")}
        inputMode={props.type === "url" ? "url" : undefined}
        className={props.mono ? "admin-mono" : undefined}
        value={props.value}
        required={props.required}
        autoComplete={props.autoComplete ?? "off"}
        min={props.min}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.error && (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A labelled select. */
export function SelectField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <select
        id={id}
        value={props.value}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes under one legend. */
export function CheckboxGroup<T extends string>(props: {
  legend: string;
  options: { value: T; label: string }[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={props.hint ? `${id}-hint` : undefined}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.options.map((option) => (
        <div className="checkbox" key={option.value}>
          <input
            type="checkbox"
            id={`${id}-${option.value}`}
            checked={props.selected.includes(option.value)}
            onChange={(event) =>
              props.onChange(
                event.target.checked
                  ? [...props.selected, option.value]
                  : props.selected.filter((value) => value !== option.value),
              )
            }
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
