import { useState } from "react";
import { ApiError, type ResponseOf, send, urlOf } from "../../api/client";
import { errorText } from "../../components/feedback";
import { t } from "../../i18n";
import { tu } from "./i18n";
import type { Field } from "./run-page";

/** One field of a use case's form: its label, help, control and error, tied together for screen readers. */
export function FieldInput(props: {
  id: string;
  field: Field;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}) {
  const { id, field, value, error, onChange } = props;
  const hints = [
    field.help,
    field.type === "list" ? tu("usecases.listHint") : "",
    field.type === "document" ? tu("usecases.documentHint") : "",
    field.personalData ? tu("usecases.personalData") : "",
  ].filter(Boolean);
  const describedBy = [hints.length > 0 && `${id}-hint`, error && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  const common = {
    id,
    required: field.required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required && <span className="usecase-required"> ({tu("usecases.required")})</span>}
      </label>
      {hints.length > 0 && (
        <p className="hint" id={`${id}-hint`}>
          {hints.join(" ")}
        </p>
      )}
      {field.type === "text" && (
        <input type="text" value={value} onChange={(e) => onChange(e.target.value)} {...common} />
      )}
      {field.type === "date" && (
        <input type="date" value={value} onChange={(e) => onChange(e.target.value)} {...common} />
      )}
      {field.type === "choice" && (
        <select value={value} onChange={(e) => onChange(e.target.value)} {...common}>
          <option value="">{tu("usecases.choose")}</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
      {(field.type === "long-text" || field.type === "list" || field.type === "document") && (
        <textarea
          rows={field.type === "list" ? 4 : 6}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...common}
        />
      )}
      {field.type === "document" && <DocumentFile id={id} onText={onChange} />}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Reads a file's text on the server (the attachments' parsers), into the field; nothing is kept. */
function DocumentFile(props: { id: string; onText(text: string): void }) {
  const [status, setStatus] = useState<{ text: string; error: boolean }>();
  const read = async (file: File | undefined) => {
    if (!file) return;
    const form = new FormData();
    form.append("file", file);
    setStatus({ text: t("state.working"), error: false });
    try {
      const response = await send("POST", urlOf("POST /api/usecase-documents/text"), form);
      const read = (await response.json()) as ResponseOf<"POST /api/usecase-documents/text">;
      props.onText(read.text);
      setStatus({ text: tu("usecases.documentRead", { file: read.fileName }), error: false });
    } catch (caught) {
      const message =
        caught instanceof ApiError && caught.message ? caught.message : errorText(caught);
      setStatus({ text: message, error: true });
    }
  };
  return (
    <div className="usecase-document-file">
      <label htmlFor={`${props.id}-file`}>{tu("usecases.documentFile")}</label>
      <input
        type="file"
        id={`${props.id}-file`}
        accept=".pdf,.docx,.odt,.html,.htm,.md,.markdown,.txt,.vtt"
        onChange={(event) => void read(event.target.files?.[0])}
      />
      <p className={status?.error ? "field-error" : "hint"} role="status">
        {status?.text}
      </p>
    </div>
  );
}
