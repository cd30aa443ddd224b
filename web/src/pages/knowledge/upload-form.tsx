import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { ApiError, errorFrom, requestHeaders, urlOf } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { formatBytes, formatNumber, t } from "../../i18n";
import type { KnowledgeBase, SubmitResult } from "./types";

interface Outcome {
  received: number;
  unchanged: string[];
  refused: { fileName: string; reason: string }[];
}

/** Sends files as multipart with XMLHttpRequest, whose upload events give the progress. */
function send(
  url: string,
  files: File[],
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<SubmitResult[]> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append("files", file, file.name);
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.withCredentials = true;
    for (const [name, value] of Object.entries(requestHeaders("POST", false)))
      request.setRequestHeader(name, value);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => {
      const response = new Response(request.responseText || null, {
        status: request.status,
        headers: { "content-type": "application/json" },
      });
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(response.json() as Promise<SubmitResult[]>);
      } else errorFrom(response).then(reject, reject);
    });
    request.addEventListener("error", () => reject(new ApiError(0, "network_error", "")));
    request.addEventListener("abort", () => reject(new ApiError(0, "network_error", "")));
    signal.addEventListener("abort", () => request.abort());
    request.send(form);
  });
}

/** "Déposer des documents": several files, a progress bar, each refusal by name. */
export function UploadForm(props: { base: KnowledgeBase; onUploaded(): void }) {
  const id = useId();
  const limits = useResource("GET /api/knowledge-bases/upload-limits");
  const input = useRef<HTMLInputElement>(null);
  const zone = useRef<HTMLDivElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [fieldError, setFieldError] = useState<string>();
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<unknown>(null);
  const [dragging, setDragging] = useState(false);
  // Leaving the page stops an upload in progress rather than letting it run unseen.
  const transfer = useRef<AbortController | null>(null);
  useEffect(() => () => transfer.current?.abort(), []);
  const startTransfer = () => {
    transfer.current = new AbortController();
    return transfer.current.signal;
  };

  const maxBytes = limits.data?.maxFileBytes;
  const maxFiles = limits.data?.maxFiles;
  const maxUploadBytes = limits.data?.maxUploadBytes;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setOutcome(undefined);
    if (files.length === 0) {
      setFieldError(t("knowledge.upload.none"));
      input.current?.focus();
      return;
    }
    if (maxFiles !== undefined && files.length > maxFiles) {
      setFieldError(t("knowledge.upload.tooMany", { count: maxFiles }));
      input.current?.focus();
      return;
    }
    // A file over the limit is refused here, by name, without sending its bytes.
    const tooLarge = files.filter((file) => maxBytes !== undefined && file.size > maxBytes);
    const sent = files.filter((file) => !tooLarge.includes(file));
    // The server refuses a batch over its total size whole: say so before sending anything.
    const total = sent.reduce((sum, file) => sum + file.size, 0);
    if (maxUploadBytes !== undefined && total > maxUploadBytes) {
      setFieldError(
        t("knowledge.upload.tooLargeBatch", {
          size: formatBytes(total),
          limit: formatBytes(maxUploadBytes),
        }),
      );
      input.current?.focus();
      return;
    }
    setFieldError(undefined);
    const refusedHere = tooLarge.map((file) => ({
      fileName: file.name,
      reason: t("knowledge.upload.tooLargeLocal", {
        size: formatBytes(file.size),
        limit: formatBytes(maxBytes ?? 0),
      }),
    }));
    setBusy(true);
    setProgress(0);
    try {
      const results =
        sent.length > 0
          ? await send(
              urlOf("POST /api/knowledge-bases/:id/documents", { params: { id: props.base.id } }),
              sent,
              setProgress,
              startTransfer(),
            )
          : [];
      setOutcome({
        received: results.filter((result) => result.status === "queued").length,
        unchanged: results
          .filter((result) => result.status === "unchanged")
          .map((result) => result.fileName),
        refused: [
          ...refusedHere,
          ...results
            .filter((result) => result.status === "failed")
            .map((result) => ({
              fileName: result.fileName,
              reason: result.failure?.message ?? "",
            })),
        ],
      });
      setFiles([]);
      if (input.current) input.current.value = "";
      props.onUploaded();
    } catch (caught) {
      setError(caught);
      setProgress(null);
    } finally {
      setBusy(false);
    }
  };

  // Dropping files on the zone (a bonus beside the file input, which stays the way for everyone).
  useEffect(() => {
    const element = zone.current;
    if (!element) return;
    const over = (event: DragEvent) => {
      event.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      const dropped = Array.from(event.dataTransfer?.files ?? []);
      if (dropped.length > 0) {
        setFiles(dropped);
        setFieldError(undefined);
      }
    };
    element.addEventListener("dragover", over);
    element.addEventListener("dragleave", leave);
    element.addEventListener("drop", drop);
    return () => {
      element.removeEventListener("dragover", over);
      element.removeEventListener("dragleave", leave);
      element.removeEventListener("drop", drop);
    };
  }, []);

  const percent = progress === null ? 0 : Math.round(progress * 100);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  return (
    <section aria-labelledby={`${id}-title`} className="kb-upload">
      <h2 id={`${id}-title`}>{t("knowledge.upload.title")}</h2>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <div ref={zone} className={`field kb-dropzone${dragging ? " kb-dropzone-active" : ""}`}>
          <label htmlFor={`${id}-files`}>{t("knowledge.upload.files")}</label>
          <p className="hint" id={hintId}>
            {t("knowledge.upload.hint", {
              size:
                maxBytes !== undefined
                  ? formatBytes(maxBytes)
                  : t("knowledge.upload.limitsUnknown"),
              count:
                maxFiles !== undefined
                  ? formatNumber(maxFiles)
                  : t("knowledge.upload.limitsUnknown"),
            })}
          </p>
          {limits.error !== null && (
            <ErrorNotice error={limits.error} onRetry={() => void limits.reload()} />
          )}
          <input
            ref={input}
            type="file"
            id={`${id}-files`}
            multiple
            accept={limits.data?.formats.join(",")}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${hintId} ${errorId}` : hintId}
            onChange={(event) => {
              setFiles(Array.from(event.target.files ?? []));
              setFieldError(undefined);
            }}
          />
          {files.length > 0 && (
            <p className="hint">
              {t("knowledge.upload.chosen", {
                count: files.length,
                files: files
                  .map((file) =>
                    t("knowledge.upload.file", { name: file.name, size: formatBytes(file.size) }),
                  )
                  .join(t("list.separator")),
              })}
            </p>
          )}
          {fieldError && (
            <p className="field-error" id={errorId}>
              {fieldError}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy} aria-busy={busy}>
            {busy ? t("knowledge.upload.sending") : t("knowledge.upload.submit")}
          </button>
        </div>
        {progress !== null && (
          <div className="field">
            <label htmlFor={`${id}-progress`}>{t("knowledge.upload.progress")}</label>
            <progress id={`${id}-progress`} max={100} value={percent}>
              {t("knowledge.upload.percent", { percent })}
            </progress>
            <p className="hint kb-progress-text" aria-hidden="true">
              {t("knowledge.upload.percent", { percent })}
            </p>
          </div>
        )}
      </form>
      <div role="status">
        {outcome && outcome.received > 0 && (
          <p className="notice notice-success">
            {t("knowledge.upload.done", { count: outcome.received })}
          </p>
        )}
        {outcome?.unchanged.map((name) => (
          <p className="notice notice-info" key={name}>
            {t("knowledge.upload.unchanged", { name })}
          </p>
        ))}
      </div>
      {outcome && outcome.refused.length > 0 && (
        <div className="notice notice-error" role="alert">
          <p>{t("knowledge.upload.refused")}</p>
          <ul>
            {outcome.refused.map((refusal) => (
              <li key={refusal.fileName}>
                {t("knowledge.upload.refusedOne", {
                  name: refusal.fileName,
                  reason: refusal.reason,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
