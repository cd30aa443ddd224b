import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { call, urlOf } from "../../api/client";
import { Dialog } from "../../components/dialog";
import { ErrorNotice } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { t } from "../../i18n";
import { Link, navigate } from "../../router";
import type { Conversation } from "./types";

/**
 * The agent's conversations, most recent first; each can be renamed, exported
 * or deleted. The deletion dialog belongs to the list, not to the row: it
 * outlives the row it deletes, and then gives the focus to the list's heading.
 */
export function ConversationList(props: {
  conversations: Conversation[];
  currentId: string | null;
  onChanged: () => Promise<void> | void;
}) {
  const [notice, setNotice] = useState("");
  const [deleting, setDeleting] = useState<Conversation | null>(null);
  const { busy, error, run, clear } = useAction();
  const heading = useRef<HTMLHeadingElement>(null);

  const remove = async (conversation: Conversation) => {
    if (
      await run(async () => {
        await call("DELETE /api/conversations/:id", { params: { id: conversation.id } });
        await props.onChanged();
      })
    ) {
      setNotice(t("chat.list.deleted", { title: conversation.title }));
      if (conversation.id === props.currentId) navigate("/");
      setDeleting(null);
    }
  };

  return (
    <nav aria-labelledby="chat-list-title" className="chat-list">
      <h2 id="chat-list-title" className="chat-list-title" ref={heading} tabIndex={-1}>
        {t("chat.list.label")}
      </h2>
      {props.conversations.length === 0 ? (
        <p className="hint">{t("chat.list.empty")}</p>
      ) : (
        <ul>
          {props.conversations.map((conversation) => (
            <Item
              key={conversation.id}
              conversation={conversation}
              current={conversation.id === props.currentId}
              onChanged={props.onChanged}
              onDelete={() => setDeleting(conversation)}
            />
          ))}
        </ul>
      )}
      <p role="status" className="hint">
        {notice}
      </p>
      <Dialog
        open={deleting !== null}
        title={t("chat.list.deleteTitle")}
        onClose={() => {
          setDeleting(null);
          clear();
        }}
        fallbackFocus={() => heading.current}
      >
        {deleting && (
          <>
            <p>{t("chat.list.deleteConfirm", { title: deleting.title })}</p>
            {error !== null && <ErrorNotice error={error} />}
            <div className="actions">
              <button
                type="button"
                className="button-secondary"
                // biome-ignore lint/a11y/noAutofocus: a confirmation opens on its safe answer
                autoFocus
                onClick={() => setDeleting(null)}
              >
                {t("action.cancel")}
              </button>
              <button
                type="button"
                className="button-danger"
                aria-disabled={busy}
                onClick={() => void remove(deleting)}
              >
                {busy ? t("state.working") : t("chat.list.deleteYes")}
              </button>
            </div>
          </>
        )}
      </Dialog>
    </nav>
  );
}

function Item(props: {
  conversation: Conversation;
  current: boolean;
  onChanged: () => Promise<void> | void;
  onDelete: () => void;
}) {
  const { conversation } = props;
  const id = useId();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  const [empty, setEmpty] = useState(false);
  const { busy, error, run, clear } = useAction();
  const field = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  /** Set when the rename form closes: its button takes the focus back once it is rendered again. */
  const refocus = useRef(false);

  useEffect(() => {
    if (renaming) field.current?.select();
    else if (refocus.current) {
      refocus.current = false;
      renameButton.current?.focus();
    }
  }, [renaming]);

  const back = () => {
    refocus.current = true;
    clear();
    setEmpty(false);
    setRenaming(false);
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setEmpty(true);
      field.current?.focus();
      return;
    }
    setEmpty(false);
    if (
      await run(async () => {
        await call("PATCH /api/conversations/:id", {
          params: { id: conversation.id },
          body: { title },
        });
        await props.onChanged();
      })
    )
      back();
  };

  return (
    <li className="chat-list-item">
      {renaming ? (
        <form className="chat-rename" onSubmit={(event) => void rename(event)} noValidate>
          <label htmlFor={`${id}-title`} className="visually-hidden">
            {t("chat.list.renameLabel", { title: conversation.title })}
          </label>
          <input
            ref={field}
            id={`${id}-title`}
            type="text"
            value={title}
            maxLength={200}
            aria-invalid={empty}
            {...(empty && { "aria-describedby": `${id}-error` })}
            onChange={(event) => setTitle(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") back();
            }}
          />
          {empty && (
            <p id={`${id}-error`} className="field-error">
              {t("chat.list.titleRequired")}
            </p>
          )}
          <div className="chat-list-actions">
            <button type="submit" className="button button-small" aria-disabled={busy}>
              {busy ? t("state.saving") : t("action.save")}
            </button>
            <button type="button" className="button-tertiary button-small" onClick={back}>
              {t("action.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <>
          <Link
            href={`/conversations/${encodeURIComponent(conversation.id)}`}
            className="chat-list-link"
            {...(props.current && { "aria-current": "page" as const })}
          >
            {conversation.title}
          </Link>
          <div className="chat-list-actions">
            <button
              ref={renameButton}
              type="button"
              className="button-tertiary button-small"
              aria-label={t("chat.list.renameFor", { title: conversation.title })}
              onClick={() => {
                setTitle(conversation.title);
                setRenaming(true);
              }}
            >
              {t("chat.list.rename")}
            </button>
            <a
              className="button-tertiary button-small"
              href={urlOf("GET /api/conversations/:id/export", { params: { id: conversation.id } })}
              download
              aria-label={t("chat.list.exportFor", { title: conversation.title })}
            >
              {t("chat.list.export")}
            </a>
            <button
              type="button"
              className="button-tertiary button-small"
              aria-haspopup="dialog"
              aria-label={t("chat.list.deleteFor", { title: conversation.title })}
              onClick={props.onDelete}
            >
              {t("action.delete")}
            </button>
          </div>
        </>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </li>
  );
}
