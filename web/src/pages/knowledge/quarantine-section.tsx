import { useId, useRef, useState } from "react";
import { call } from "../../api/client";
import { ConfirmButton } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback";
import { passagePlace } from "../../components/passage-place";
import { personalDataCounts } from "../../components/personal-data";
import { useResource } from "../../components/use-resource";
import { type MessageKey, t } from "../../i18n";
import type { KnowledgeBase, QuarantinedDocument } from "./types";

/** "Quarantaine": documents held for personal data, for a referent to release or discard. */
export function QuarantineSection(props: { base: KnowledgeBase; onChanged(): void }) {
  const id = useId();
  const held = useResource("GET /api/knowledge-bases/:id/quarantine", {
    params: { id: props.base.id },
  });
  const [message, setMessage] = useState("");
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const done = (text: string, document: QuarantinedDocument) => {
    held.set((current) => (current ?? []).filter((entry) => entry.id !== document.id));
    setMessage(text);
    // After a release the row's buttons are gone: the focus goes to the section's heading
    // (a discard does the same through its confirmation's fallback).
    requestAnimationFrame(() => heading.current?.focus());
    props.onChanged();
  };

  const release = async (document: QuarantinedDocument, as: "index" | "pseudonymise") => {
    setError(null);
    try {
      await call("POST /api/knowledge-bases/:id/documents/:documentId/release", {
        params: { id: props.base.id, documentId: document.id },
        body: { as },
      });
      done(
        t("knowledge.quarantine.released", {
          name: document.fileName,
          as: t(`knowledge.documents.releasedAs.${as}` as MessageKey),
        }),
        document,
      );
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} aria-busy={held.loading}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t("knowledge.quarantine.title")}
      </h2>
      <p>{t("knowledge.quarantine.intro")}</p>
      <p role="status" className="kb-live">
        {message}
      </p>
      {error !== null && <ErrorNotice error={error} />}
      {held.loading && !held.data && <Loading />}
      {held.error !== null && <ErrorNotice error={held.error} onRetry={() => void held.reload()} />}
      {held.data && held.data.length === 0 && (
        <EmptyState title={t("knowledge.quarantine.empty")} />
      )}
      {held.data && held.data.length > 0 && (
        <ul className="kb-findings">
          {held.data.map((document) => (
            <li key={document.id} className="kb-finding">
              <h3>{document.title ?? document.fileName}</h3>
              <p>
                {document.personalData &&
                  t("knowledge.quarantine.found", {
                    types: personalDataCounts(document.personalData.types),
                  })}
              </p>
              {document.passages.slice(0, 5).map((passage) => (
                <blockquote key={passage.ordinal} className="kb-excerpt">
                  <p className="hint">
                    {passagePlace(passage)
                      ? t("knowledge.quarantine.passageAt", {
                          ordinal: passage.ordinal + 1,
                          place: passagePlace(passage),
                        })
                      : t("knowledge.quarantine.passage", { ordinal: passage.ordinal + 1 })}
                  </p>
                  <p>{passage.excerpt}</p>
                </blockquote>
              ))}
              <div className="actions">
                <button
                  type="button"
                  className="button-secondary button-small"
                  onClick={() => void release(document, "pseudonymise")}
                >
                  {t("knowledge.quarantine.pseudonymise")}
                </button>
                <button
                  type="button"
                  className="button-secondary button-small"
                  onClick={() => void release(document, "index")}
                >
                  {t("knowledge.quarantine.index")}
                </button>
                <ConfirmButton
                  label={t("knowledge.quarantine.discard")}
                  title={t("knowledge.documents.deleteTitle", { name: document.fileName })}
                  body={t("knowledge.documents.deleteBody")}
                  confirmLabel={t("action.delete")}
                  fallbackFocus={() => heading.current}
                  onConfirm={async () => {
                    await call("DELETE /api/knowledge-bases/:id/documents/:documentId", {
                      params: { id: props.base.id, documentId: document.id },
                    });
                    done(
                      t("knowledge.quarantine.discarded", { name: document.fileName }),
                      document,
                    );
                  }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
