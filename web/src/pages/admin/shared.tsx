import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../api/client";
import type { Permission } from "../../api/types";
import { useAction } from "../../components/use-action";
import type { MessageKey } from "../../i18n";

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
    slug: "cas-usage",
    title: "admin.usecases.title",
    summary: "admin.usecases.summary",
    permission: "assistants:write",
  },
  {
    slug: "veille",
    title: "admin.watch.title",
    summary: "admin.watch.summary",
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

/**
 * A list the form checked as not empty, typed as the contract's "at least one"
 * (`[T, ...T[]]`); null when it is empty.
 */
export function nonEmpty<T>(list: readonly T[]): [T, ...T[]] | null {
  const [first, ...rest] = list;
  return first === undefined ? null : [first, ...rest];
}

/** A field's error from the API's validation details ({ field: "body.name", message }). */
interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Where a failed write's message belongs: on the fields it names (an error
 * code tied to a field, e.g. `user_exists` → email, or the validation details
 * of `invalid_request`), else (`form`) above the form's buttons.
 */
export function placeError<F extends string>(
  error: unknown,
  fields: readonly F[],
  codes: Partial<Record<string, F>> = {},
): { fields: Partial<Record<F, string>>; form: unknown } {
  if (error === null) return { fields: {}, form: null };
  if (error instanceof ApiError) {
    const field = codes[error.code];
    if (field)
      return { fields: { [field]: error.message } as Partial<Record<F, string>>, form: null };
    if (error.code === "invalid_request" && Array.isArray(error.details)) {
      const found: Partial<Record<F, string>> = {};
      for (const issue of error.details as FieldIssue[]) {
        const name = issue.field.split(".")[1] as F | undefined;
        if (name && fields.includes(name)) found[name] ??= issue.message;
        else return { fields: {}, form: error };
      }
      if (Object.keys(found).length > 0) return { fields: found, form: null };
    }
  }
  return { fields: {}, form: error };
}

/**
 * A form checked before it is sent and after the server answers: `check`
 * shows what the person left out (false when something is), a failed write's
 * message lands on the fields it names (`errors`) or above the buttons
 * (`formError`), and the first field in error takes the focus.
 */
export function useCheckedForm<F extends string>(
  fields: readonly F[],
  codes: Partial<Record<string, F>> = {},
) {
  const action = useAction();
  const form = useRef<HTMLFormElement>(null);
  const [missing, setMissing] = useState<Partial<Record<F, string>>>({});
  const placed = placeError(action.error, fields, codes);
  useEffect(() => {
    if (action.error !== null) focusFirstInvalid(form.current);
  }, [action.error]);
  const check = (found: Partial<Record<F, string>>): boolean => {
    setMissing(found);
    action.clear();
    if (Object.keys(found).length === 0) return true;
    focusFirstInvalid(form.current);
    return false;
  };
  return {
    busy: action.busy,
    run: action.run,
    form,
    errors: { ...placed.fields, ...missing },
    formError: placed.form,
    check,
  };
}

/** Moves the focus to a form's first field in error, so that its message is read out. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
  });
}

/**
 * Where the focus goes when a table row's button went away (a row deleted, a
 * key revoked): the button of the row now at `index`, else of the one before,
 * else the table itself (tabIndex -1: its caption is read).
 */
export function rowFocus(table: HTMLElement | null, index: number): HTMLElement | null {
  const rows = table?.querySelectorAll("tbody tr");
  for (const row of [rows?.[index], rows?.[index - 1]]) {
    const button = row?.querySelector<HTMLElement>("button");
    if (button) return button;
  }
  return table;
}

/**
 * The page's success line: a status region always present (filled when
 * something is done, so that screen readers announce it), the notice inside.
 */
export function StatusNotice(props: { text: string | null }) {
  return (
    <div role="status">{props.text && <p className="notice notice-success">{props.text}</p>}</div>
  );
}

/** What a field's control needs to be tied to its label, hint and error. */
interface FieldControl {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
}

/** The frame every admin field shares: label, hint, the control, its error, all tied together. */
function FieldFrame(props: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (control: FieldControl) => ReactNode;
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
      {props.children({
        id,
        "aria-describedby": described || undefined,
        "aria-invalid": props.error ? true : undefined,
      })}
      {props.error && (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
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
  return (
    <FieldFrame label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          {...control}
          type={props.type === "url" ? "text" : (props.type ?? "text")}
          inputMode={props.type === "url" ? "url" : undefined}
          className={props.mono ? "admin-mono" : undefined}
          value={props.value}
          required={props.required}
          autoComplete={props.autoComplete ?? "off"}
          min={props.min}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/** A labelled multi-line field. */
export function TextAreaField(props: {
  label: string;
  hint?: string;
  value: string;
  rows: number;
  onChange: (value: string) => void;
}) {
  return (
    <FieldFrame label={props.label} hint={props.hint}>
      {(control) => (
        <textarea
          {...control}
          rows={props.rows}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </FieldFrame>
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
  return (
    <FieldFrame label={props.label} hint={props.hint}>
      {(control) => (
        <select
          {...control}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A group of checkboxes under one legend. */
export function CheckboxGroup<T extends string>(props: {
  legend: string;
  options: { value: T; label: string }[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  hint?: string;
  error?: string;
}) {
  const id = useId();
  const described = [props.hint && `${id}-hint`, props.error && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset aria-describedby={described || undefined}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      {props.options.map((option) => (
        <div className="checkbox" key={option.value}>
          <input
            type="checkbox"
            id={`${id}-${option.value}`}
            checked={props.selected.includes(option.value)}
            aria-invalid={props.error ? true : undefined}
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
