import { type FormEvent, useEffect, useRef, useState } from "react";
import { del, patch } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { t } from "../../i18n";
import { Link, navigate } from "../../router";
import type { Conversation } from "./types";

/** The agent's conversations, most recent first; each can be renamed, exported or deleted. */
export function ConversationList(props: {
  conversations: Conversation[];
  currentId: string | null;
  onChanged: () => Promise<void> | void;
}) {
  const [notice, setNotice] = useState("");
  return (
    <nav aria-labelledby="chat-list-title" className="chat-list">
      <h2 id="chat-list-title" className="chat-list-title">
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
              onDeleted={(title) => {
                setNotice(t("chat.list.deleted", { title }));
                if (conversation.id === props.currentId) navigate("/");
              }}
            />
          ))}
        </ul>
      )}
      <p role="status" className="hint">
        {notice}
      </p>
    </nav>
  );
}

function Item(props: {
  conversation: Conversation;
  current: boolean;
  onChanged: () => Promise<void> | void;
  onDeleted: (title: string) => void;
}) {
  const { conversation } = props;
  const [mode, setMode] = useState<"view" | "rename" | "delete">("view");
  const [title, setTitle] = useState(conversation.title);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLButtonElement | null>(null);
  const url = `/api/conversations/${encodeURIComponent(conversation.id)}`;

  useEffect(() => {
    if (mode === "rename") field.current?.select();
    else if (mode === "delete") confirm.current?.focus();
    else returnTo.current?.focus();
  }, [mode]);

  const back = (to: HTMLButtonElement | null) => {
    returnTo.current = to;
    setError(null);
    setMode("view");
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      await patch(url, { title });
      await props.onChanged();
      back(renameButton.current);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    setSaving(true);
    try {
      await del(url);
      await props.onChanged();
      props.onDeleted(conversation.title);
    } catch (caught) {
      setError(caught);
      setSaving(false);
    }
  };

  return (
    <li className="chat-list-item">
      {mode === "rename" ? (
        <form className="chat-rename" onSubmit={(event) => void rename(event)}>
          <label htmlFor={`rename-${conversation.id}`} className="visually-hidden">
            {t("chat.list.renameLabel", { title: conversation.title })}
          </label>
          <input
            ref={field}
            id={`rename-${conversation.id}`}
            type="text"
            value={title}
            maxLength={200}
            required
            onChange={(event) => setTitle(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") back(renameButton.current);
            }}
          />
          <div className="chat-list-actions">
            <button type="submit" className="button button-small" disabled={saving}>
              {t("action.save")}
            </button>
            <button
              type="button"
              className="button-tertiary button-small"
              onClick={() => back(renameButton.current)}
            >
              {t("action.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <Link
          href={`/conversations/${encodeURIComponent(conversation.id)}`}
          className="chat-list-link"
          {...(props.current && { "aria-current": "page" as const })}
        >
          {conversation.title}
        </Link>
      )}
      {mode === "delete" && (
        <div className="chat-confirm">
          <p>{t("chat.list.deleteConfirm", { title: conversation.title })}</p>
          <div className="chat-list-actions">
            <button
              ref={confirm}
              type="button"
              className="button-danger button-small"
              disabled={saving}
              onClick={() => void remove()}
            >
              {t("chat.list.deleteYes")}
            </button>
            <button
              type="button"
              className="button-tertiary button-small"
              onClick={() => back(deleteButton.current)}
            >
              {t("action.cancel")}
            </button>
          </div>
        </div>
      )}
      {mode === "view" && (
        <div className="chat-list-actions">
          <button
            ref={renameButton}
            type="button"
            className="button-tertiary button-small"
            aria-label={t("chat.list.renameFor", { title: conversation.title })}
            onClick={() => {
              setTitle(conversation.title);
              setMode("rename");
            }}
          >
            {t("chat.list.rename")}
          </button>
          <a
            className="button-tertiary button-small"
            href={`${url}/export`}
            download
            aria-label={t("chat.list.exportFor", { title: conversation.title })}
          >
            {t("chat.list.export")}
          </a>
          <button
            ref={deleteButton}
            type="button"
            className="button-tertiary button-small"
            aria-label={t("chat.list.deleteFor", { title: conversation.title })}
            onClick={() => setMode("delete")}
          >
            {t("chat.list.delete")}
          </button>
        </div>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </li>
  );
}
