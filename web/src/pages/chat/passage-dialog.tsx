import { useEffect, useRef, useState } from "react";
import { call } from "../../api/client";
import { Dialog } from "../../components/dialog";
import { ErrorNotice, Loading } from "../../components/feedback";
import { passagePlace } from "../../components/passage-place";
import { t } from "../../i18n";
import { attachmentPassages, isAttachmentCitation } from "./attachments";
import type { Citation, Passage } from "./types";

/**
 * A cited passage in its document: a modal dialog (focus inside, Escape
 * closes, focus back on the citation) showing the document's passages in
 * order, the cited one highlighted and scrolled into view. Stays mounted so
 * that closing it always goes through the dialog (and gives the focus back).
 */
export function PassageDialog(props: { citation: Citation | null; onClose: () => void }) {
  const { citation, onClose } = props;
  return (
    <Dialog
      open={citation !== null}
      title={citation ? t("chat.passage.in", { title: citation.title }) : ""}
      onClose={onClose}
      className="chat-passage"
    >
      {citation && <PassageBody key={citation.passageId} citation={citation} onClose={onClose} />}
    </Dialog>
  );
}

function PassageBody(props: { citation: Citation; onClose: () => void }) {
  const { citation } = props;
  const cited = useRef<HTMLElement>(null);
  const [passages, setPassages] = useState<Passage[]>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        // A document attached to the conversation is in no base: read from the conversation's.
        if (isAttachmentCitation(citation)) {
          const all = await attachmentPassages(citation);
          if (live) setPassages(all);
          return;
        }
        const passage = await call("GET /api/passages/:id", {
          params: { id: citation.passageId },
        });
        let all = [passage];
        try {
          all = await call("GET /api/knowledge-bases/:id/documents/:documentId/passages", {
            params: { id: passage.knowledgeBaseId, documentId: passage.documentId },
          });
        } catch {
          // The passage alone still answers the question.
        }
        if (live) setPassages(all);
      } catch (caught) {
        if (live) setError(caught);
      }
    })();
    return () => {
      live = false;
    };
  }, [citation]);

  useEffect(() => {
    if (passages) cited.current?.scrollIntoView({ block: "center" });
  }, [passages]);

  const place = passagePlace(citation);
  const documentLabel = t("chat.passage.document", { title: citation.title });
  return (
    <>
      <div className="chat-passage-head">
        <ul className="chat-passage-meta">
          <li>
            {isAttachmentCitation(citation)
              ? t("chat.passage.attachment")
              : t("chat.passage.base", { name: citation.knowledgeBaseName })}
          </li>
          <li>{t("chat.passage.file", { name: citation.fileName })}</li>
          {place && <li>{place}</li>}
        </ul>
        <button type="button" className="button-secondary button-small" onClick={props.onClose}>
          {t("action.close")}
        </button>
      </div>
      {error ? (
        <ErrorNotice error={error} />
      ) : !passages ? (
        <Loading label={t("chat.passage.loading")} />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
        <section className="chat-passage-document" tabIndex={0} aria-label={documentLabel}>
          {passages.map((passage) =>
            passage.id === citation.passageId ? (
              <p key={passage.id} className="prose">
                <mark ref={cited}>
                  <span className="visually-hidden">{t("chat.passage.cited")}</span>
                  {passage.text}
                </mark>
              </p>
            ) : (
              <p key={passage.id} className="prose chat-passage-other">
                {passage.text}
              </p>
            ),
          )}
        </section>
      )}
    </>
  );
}
