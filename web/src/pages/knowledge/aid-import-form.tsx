import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { send, urlOf } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { t } from "../../i18n";
import type { AidImportReport } from "./types";

/** Sends the aid file as multipart/form-data (the browser writes the boundary). */
async function importFile(baseId: string, file: File, replace: boolean): Promise<AidImportReport> {
  const form = new FormData();
  form.append("file", file, file.name);
  const url = urlOf("POST /api/knowledge-bases/:id/aids", {
    params: { id: baseId },
    query: { replace: replace ? "true" : "false" },
  });
  const response = await send("POST", url, form);
  return (await response.json()) as AidImportReport;
}

/** What an import did, in sentences: read, added, updated, unchanged; then removed or kept. */
function reportText(report: AidImportReport): string[] {
  return [
    t("knowledge.aids.import.done", {
      count: report.schemes,
      added: t("knowledge.aids.import.added", { count: report.added }),
      updated: t("knowledge.aids.import.updated", { count: report.updated }),
      unchanged: t("knowledge.aids.import.unchanged", { count: report.unchanged }),
    }),
    ...(report.removed > 0 ? [t("knowledge.aids.import.removed", { count: report.removed })] : []),
    ...(report.kept > 0 ? [t("knowledge.aids.import.kept", { count: report.kept })] : []),
    ...(report.added + report.updated > 0 ? [t("knowledge.aids.import.processing")] : []),
  ];
}

/**
 * "Importer des aides": one JSONL file in the aides-jeunes format. A refused
 * file is said with the server's message, which names the line and the field.
 */
export function AidImportForm(props: { baseId: string; onImported(): void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const notice = useRef<HTMLDivElement>(null);
  const [file, setFile] = useState<File>();
  const [replace, setReplace] = useState(false);
  const [fieldError, setFieldError] = useState<string>();
  const [report, setReport] = useState<AidImportReport>();
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFieldError(t("knowledge.aids.import.none"));
      input.current?.focus();
      return;
    }
    setFieldError(undefined);
    setReport(undefined);
    void run(async () => {
      setReport(await importFile(props.baseId, file, replace));
      setFile(undefined);
      if (input.current) input.current.value = "";
      props.onImported();
    });
  };
  // A refusal takes the focus: it names the line to correct.
  useEffect(() => {
    if (error !== null) notice.current?.focus();
  }, [error]);

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <section aria-labelledby={`${id}-title`} className="kb-upload">
      <h2 id={`${id}-title`}>{t("knowledge.aids.import.title")}</h2>
      <form className="form" noValidate onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t("knowledge.aids.import.file")}</label>
          <p className="hint" id={hintId}>
            {t("knowledge.aids.import.hint")}
          </p>
          <input
            ref={input}
            type="file"
            id={`${id}-file`}
            accept=".jsonl,application/jsonl,application/x-ndjson"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${hintId} ${errorId}` : hintId}
            onChange={(event) => {
              setFile(event.target.files?.[0]);
              setFieldError(undefined);
            }}
          />
          {fieldError && (
            <p className="field-error" id={errorId}>
              {fieldError}
            </p>
          )}
        </div>
        <div>
          <div className="checkbox">
            <input
              type="checkbox"
              id={`${id}-replace`}
              checked={replace}
              aria-describedby={`${id}-replace-hint`}
              onChange={(event) => setReplace(event.target.checked)}
            />
            <label htmlFor={`${id}-replace`}>{t("knowledge.aids.import.replace")}</label>
          </div>
          <p className="hint" id={`${id}-replace-hint`}>
            {t("knowledge.aids.import.replaceHint")}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy} aria-busy={busy}>
            {busy ? t("knowledge.aids.import.sending") : t("knowledge.aids.import.submit")}
          </button>
        </div>
      </form>
      <div role="status">
        {report && (
          <div className="notice notice-success">
            {reportText(report).map((text) => (
              <p key={text}>{text}</p>
            ))}
          </div>
        )}
      </div>
      {report && report.failed.length > 0 && (
        <div className="notice notice-warning" role="alert">
          <p>{t("knowledge.aids.import.failed")}</p>
          <ul>
            {report.failed.map((failure) => (
              <li key={failure.schemeId}>
                {t("knowledge.aids.import.failedOne", {
                  id: failure.schemeId,
                  reason: failure.message,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error !== null && (
        <div ref={notice} tabIndex={-1}>
          <ErrorNotice error={error} />
        </div>
      )}
    </section>
  );
}
