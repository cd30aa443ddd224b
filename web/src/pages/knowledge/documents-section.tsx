import { useCallback, useEffect, useRef, useState } from "react";
import { call } from "../../api/client";
import { ConfirmButton } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback";
import { personalDataCounts } from "../../components/personal-data";
import { formatBytes, formatDateTime, type MessageKey, t } from "../../i18n";
import type { DocumentStatus, KnowledgeBase, KnowledgeDocument } from "./types";
import { UploadForm } from "./upload-form";

/** How often the list is read again while documents wait or are being ingested. */
const POLL_MS = 1000;

const BUSY: DocumentStatus[] = ["queued", "processing"];

export const statusLabel = (status: DocumentStatus) =>
  t(`knowledge.status.${status}` as MessageKey);

const STATUS_BADGE: Record<DocumentStatus, string> = {
  queued: "badge-neutral",
  processing: "badge-info",
  ready: "badge-success",
  failed: "badge-error",
  quarantined: "badge-warning",
};

function StatusCell(props: { document: KnowledgeDocument }) {
  const { document } = props;
  return (
    <>
      <span className={`badge ${STATUS_BADGE[document.status]}`}>
        {statusLabel(document.status)}
      </span>
      {document.status === "failed" && document.failure && (
        <p className="kb-reason">{document.failure.message}</p>
      )}
      {document.status === "quarantined" && document.personalData && (
        <p className="kb-reason">
          {t("knowledge.documents.found", {
            types: personalDataCounts(document.personalData.types),
          })}
        </p>
      )}
      {document.status === "ready" && document.release && (
        <p className="hint">
          {t("knowledge.documents.released", {
            as: t(`knowledge.documents.releasedAs.${document.release.as}` as MessageKey),
          })}
        </p>
      )}
    </>
  );
}

/** What changed between two readings of the list, in words, for the polite live region. */
function changes(before: KnowledgeDocument[], after: KnowledgeDocument[]): string {
  const previous = new Map(before.map((document) => [document.id, document.status]));
  return after
    .filter((document) => previous.get(document.id) !== document.status)
    .filter((document) => !BUSY.includes(document.status) || !previous.has(document.id))
    .map((document) =>
      t("knowledge.documents.changed", {
        name: document.title ?? document.fileName,
        status: statusLabel(document.status),
      }),
    )
    .join(" ");
}

/** The documents of a base, refreshed while some are in progress; upload and delete for managers. */
export function DocumentsSection(props: { base: KnowledgeBase; onChanged(): void }) {
  const { base, onChanged } = props;
  const [documents, setDocuments] = useState<KnowledgeDocument[]>();
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const latest = useRef<KnowledgeDocument[] | undefined>(undefined);
  // The base's counts are read again when documents change; kept out of the loader's identity.
  const changed = useRef(onChanged);
  changed.current = onChanged;

  // Only the latest reading counts: one in flight when a document is deleted is dropped,
  // so that the deleted row never comes back.
  const reading = useRef(0);
  const load = useCallback(async () => {
    const request = ++reading.current;
    try {
      const next = await call("GET /api/knowledge-bases/:id/documents", {
        params: { id: base.id },
      });
      if (request !== reading.current) return;
      const before = latest.current;
      latest.current = next;
      setDocuments(next);
      setError(null);
      if (before) {
        const said = changes(before, next);
        // A document changed state: say so, and read the base's counts again.
        if (said) {
          setAnnouncement(said);
          changed.current();
        }
      }
    } catch (caught) {
      if (request === reading.current) setError(caught);
    }
  }, [base.id]);

  useEffect(() => {
    void load();
    // Leaving the page (or the base): a reading still in flight is dropped when it answers.
    return () => {
      reading.current++;
    };
  }, [load]);

  const inProgress = documents?.filter((document) => BUSY.includes(document.status)).length ?? 0;
  const polling = inProgress > 0 && error === null;
  useEffect(() => {
    if (!polling) return;
    // The next reading starts once the previous one has answered: readings never overlap.
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const next = () => {
      timer = setTimeout(async () => {
        await load();
        if (!stopped) next();
      }, POLL_MS);
    };
    next();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [polling, load]);

  const remove = async (document: KnowledgeDocument) => {
    await call("DELETE /api/knowledge-bases/:id/documents/:documentId", {
      params: { id: base.id, documentId: document.id },
    });
    reading.current++;
    const next = (latest.current ?? []).filter((entry) => entry.id !== document.id);
    latest.current = next;
    setDocuments(next);
    setAnnouncement(
      t("knowledge.documents.deleted", { name: document.title ?? document.fileName }),
    );
    changed.current();
  };

  return (
    <>
      {base.canManage && <UploadForm base={base} onUploaded={() => void load()} />}
      <section aria-labelledby="kb-documents-title">
        <h2 id="kb-documents-title" ref={heading} tabIndex={-1}>
          {t("knowledge.documents.title")}
        </h2>
        <p role="status" className="kb-live">
          {announcement}
        </p>
        {inProgress > 0 && (
          <p className="hint">{t("knowledge.documents.progress", { count: inProgress })}</p>
        )}
        {!documents && error === null && <Loading />}
        {error !== null && <ErrorNotice error={error} onRetry={() => void load()} />}
        {documents && documents.length === 0 && (
          <EmptyState title={t("knowledge.documents.empty")}>
            {base.canManage && <p>{t("knowledge.documents.emptyWriter")}</p>}
          </EmptyState>
        )}
        {documents && documents.length > 0 && (
          <div className="table-wrapper">
            <table>
              <caption className="visually-hidden">{t("knowledge.documents.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("knowledge.documents.name")}</th>
                  <th scope="col">{t("knowledge.documents.size")}</th>
                  <th scope="col">{t("knowledge.documents.status")}</th>
                  <th scope="col">{t("knowledge.documents.updated")}</th>
                  {base.canManage && <th scope="col">{t("knowledge.documents.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {documents.map((document) => {
                  const name = document.title ?? document.fileName;
                  return (
                    <tr key={document.id}>
                      <th scope="row">
                        <span className="kb-doc-title">{name}</span>
                        {document.title && document.title !== document.fileName && (
                          <span className="hint kb-doc-file">{document.fileName}</span>
                        )}
                        {document.status === "ready" && (
                          <span className="hint kb-doc-file">
                            {document.pageCount !== null
                              ? t("knowledge.documents.extent", {
                                  pages: t("knowledge.documents.pages", {
                                    count: document.pageCount,
                                  }),
                                  words: t("knowledge.documents.words", {
                                    count: document.wordCount,
                                  }),
                                })
                              : t("knowledge.documents.words", { count: document.wordCount })}
                          </span>
                        )}
                      </th>
                      <td>{formatBytes(document.sizeBytes)}</td>
                      <td>
                        <StatusCell document={document} />
                      </td>
                      <td>{formatDateTime(document.updatedAt)}</td>
                      {base.canManage && (
                        <td>
                          <ConfirmButton
                            label={t("action.delete")}
                            accessibleName={t("knowledge.documents.deleteLabel", { name })}
                            title={t("knowledge.documents.deleteTitle", { name })}
                            body={t("knowledge.documents.deleteBody")}
                            confirmLabel={t("action.delete")}
                            onConfirm={() => remove(document)}
                            fallbackFocus={() => heading.current}
                          />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
