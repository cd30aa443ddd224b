import { useEffect, useRef, useState } from "react";
import { get } from "../../api/client";
import { ErrorNotice, Loading } from "../../components/feedback";
import { t } from "../../i18n";
import type { Citation, Passage } from "./types";

/**
 * A cited passage in its document: a modal dialog (focus inside, Escape
 * closes, focus back on the citation) showing the document's passages in
 * order, the cited one highlighted and scrolled into view.
 */
export function PassageDialog(props: { citation: Citation; onClose: () => void }) {
  const { citation, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const cited = useRef<HTMLElement>(null);
  const [passages, setPassages] = useState<Passage[]>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => opener?.focus();
  }, []);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const passage = await get<Passage>(
          `/api/passages/${encodeURIComponent(citation.passageId)}`,
        );
        let all = [passage];
        try {
          all = await get<Passage[]>(
            `/api/knowledge-bases/${encodeURIComponent(passage.knowledgeBaseId)}/documents/${encodeURIComponent(passage.documentId)}/passages`,
          );
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
  }, [citation.passageId]);

  useEffect(() => {
    if (passages) cited.current?.scrollIntoView({ block: "center" });
  }, [passages]);

  const titleId = `passage-title-${citation.number}`;
  return (
    <dialog ref={dialog} className="chat-passage" aria-labelledby={titleId} onClose={onClose}>
      <div className="chat-passage-head">
        <h2 id={titleId}>{t("chat.passage.in", { title: citation.title })}</h2>
        <button type="button" className="button-secondary button-small" onClick={onClose}>
          {t("action.close")}
        </button>
      </div>
      <ul className="chat-passage-meta">
        <li>{t("chat.passage.base", { name: citation.knowledgeBaseName })}</li>
        <li>{t("chat.passage.file", { name: citation.fileName })}</li>
        {citation.page !== null && <li>{t("chat.passage.page", { page: citation.page })}</li>}
        {citation.section && <li>{t("chat.passage.section", { section: citation.section })}</li>}
      </ul>
      {error ? (
        <ErrorNotice error={error} />
      ) : !passages ? (
        <Loading label={t("chat.passage.loading")} />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
        <section className="chat-passage-document" tabIndex={0} aria-labelledby={titleId}>
          {passages.map((passage) =>
            passage.id === citation.passageId ? (
              <p key={passage.id} className="prose">
                <mark ref={cited}>
                  <span className="visually-hidden">{`${t("chat.passage.cited")} : `}</span>
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
    </dialog>
  );
}
