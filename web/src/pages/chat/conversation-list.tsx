import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { call, urlOf } from "../../api/client";
import { Dialog } from "../../components/dialog";
import { ErrorNotice, Loading } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { Link, navigate } from "../../router";
import type { Conversation, ConversationSearchResult } from "./types";

/** What a search needs before it is sent: a word of two letters or digits (the server's own minimum). */
const SEARCHABLE = /[\p{L}\p{N}]{2}/u;
/** The pause after the last key before searching as one types. */
const SEARCH_DELAY = 300;

/**
 * The agent's conversations, pinned first then the most recent; each can be
 * renamed, pinned, archived (then listed apart, in "Archives", and restored),
 * exported or deleted. A search field above the list finds conversations by
 * the words of their title or messages, as one types; the number of results
 * is announced. The deletion dialog belongs to the list, not to the row: it
 * outlives the row it deletes, and then gives the focus to the list's
 * heading, as archiving and restoring do (the row leaves the list shown).
 */
export function ConversationList(props: {
  conversations: Conversation[];
  currentId: string | null;
  onChanged: () => Promise<void> | void;
}) {
  const id = useId();
  const [notice, setNotice] = useState("");
  const [deleting, setDeleting] = useState<Conversation | null>(null);
  const [archives, setArchives] = useState(false);
  const [query, setQuery] = useState("");
  const [searched, setSearched] = useState("");
  const { busy, error, run, clear } = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  /** Set when the view changes: the heading takes the focus once the new view is rendered. */
  const focusHeading = useRef(false);

  const archived = useResource(archives ? "GET /api/conversations" : null, {
    query: { archived: "true" },
  });
  const searching = SEARCHABLE.test(searched);
  const results = useResource(searching ? "GET /api/conversations/search" : null, {
    query: { q: searched },
  });
  const { reload: reloadArchived } = archived;
  const { reload: reloadResults } = results;
  const { onChanged } = props;

  // Searches as one types, once the typing pauses; Enter searches at once.
  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    if (focusHeading.current) {
      focusHeading.current = false;
      heading.current?.focus();
    }
  });

  const changed = useCallback(async () => {
    await onChanged();
    await Promise.all([reloadArchived(), reloadResults()]);
  }, [onChanged, reloadArchived, reloadResults]);

  /** After a row left the list shown (archived or restored): say so, focus the heading. */
  const left = (message: string) => {
    setNotice(message);
    focusHeading.current = true;
    heading.current?.focus();
  };

  const remove = async (conversation: Conversation) => {
    if (
      await run(async () => {
        await call("DELETE /api/conversations/:id", { params: { id: conversation.id } });
        await changed();
      })
    ) {
      setNotice(t("chat.list.deleted", { title: conversation.title }));
      if (conversation.id === props.currentId) navigate("/");
      setDeleting(null);
    }
  };

  const showArchives = (next: boolean) => {
    setArchives(next);
    setNotice("");
    focusHeading.current = true;
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    setSearched(query.trim());
  };

  const shown = archives ? archived.data : props.conversations;
  const list = (
    <ul>
      {(shown ?? []).map((conversation) => (
        <Item
          key={conversation.id}
          conversation={conversation}
          current={conversation.id === props.currentId}
          onChanged={changed}
          onLeft={left}
          onDelete={() => setDeleting(conversation)}
        />
      ))}
    </ul>
  );

  return (
    <nav aria-labelledby={`${id}-title`} className="chat-list">
      <h2 id={`${id}-title`} className="chat-list-title" ref={heading} tabIndex={-1}>
        {archives ? t("chat.list.archivesLabel") : t("chat.list.label")}
      </h2>
      <search className="chat-search">
        <form onSubmit={search} noValidate>
          <label htmlFor={`${id}-search`}>{t("chat.search.label")}</label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            maxLength={200}
            aria-describedby={`${id}-search-hint`}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              // A cleared field shows the list again at once.
              if (event.key === "Escape" && query) {
                event.preventDefault();
                setQuery("");
                setSearched("");
              }
            }}
          />
          <p id={`${id}-search-hint`} className="hint">
            {t("chat.search.hint")}
          </p>
        </form>
      </search>
      {/* On the page before its text, so that screen readers read each new count. */}
      <p role="status" className="chat-search-status">
        {searching && results.data
          ? results.data.results.length === 0
            ? t("chat.search.none", { query: searched })
            : t(results.data.more ? "chat.search.more" : "chat.search.found", {
                count: results.data.results.length,
                query: searched,
              })
          : ""}
      </p>
      {searching ? (
        results.error ? (
          <ErrorNotice error={results.error} />
        ) : results.data ? (
          <SearchResults results={results.data.results} currentId={props.currentId} />
        ) : (
          <Loading label={t("chat.search.searching")} />
        )
      ) : archives ? (
        archived.error ? (
          <ErrorNotice error={archived.error} onRetry={() => void reloadArchived()} />
        ) : !archived.data ? (
          <Loading />
        ) : archived.data.length === 0 ? (
          <p className="hint">{t("chat.list.archivesEmpty")}</p>
        ) : (
          list
        )
      ) : props.conversations.length === 0 ? (
        <p className="hint">{t("chat.list.empty")}</p>
      ) : (
        list
      )}
      <button
        type="button"
        className="button-tertiary button-small chat-archives"
        onClick={() => showArchives(!archives)}
      >
        {archives ? t("chat.list.backToList") : t("chat.list.showArchives")}
      </button>
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

/** Conversations a search found: each title, a link, and where its words are, marked. */
function SearchResults(props: { results: ConversationSearchResult[]; currentId: string | null }) {
  if (props.results.length === 0) return null;
  return (
    <ul className="chat-results" aria-label={t("chat.search.resultsLabel")}>
      {props.results.map(({ conversation, excerpt }) => (
        <li key={conversation.id} className="chat-list-item">
          <Link
            href={`/conversations/${encodeURIComponent(conversation.id)}`}
            className="chat-list-link"
            {...(conversation.id === props.currentId && { "aria-current": "page" as const })}
          >
            {conversation.title}
          </Link>
          {conversation.archivedAt && (
            <span className="badge badge-neutral">{t("chat.search.archived")}</span>
          )}
          {excerpt && (
            <p className="chat-result-excerpt">
              {excerpt.map((part, index) =>
                part.match ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move
                  <mark key={index}>{part.text}</mark>
                ) : (
                  part.text
                ),
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function Item(props: {
  conversation: Conversation;
  current: boolean;
  onChanged: () => Promise<void>;
  /** The row leaves the list shown (archived or restored): what to announce. */
  onLeft: (message: string) => void;
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
  const pinButton = useRef<HTMLButtonElement>(null);
  /** Set when the rename form closes: its button takes the focus back once it is rendered again. */
  const refocus = useRef(false);
  /** Set when the row is pinned or unpinned: it moves, and its button keeps the focus. */
  const refocusPin = useRef(false);
  const pinned = conversation.pinnedAt !== null;
  const archived = conversation.archivedAt !== null;

  useEffect(() => {
    if (renaming) field.current?.select();
    else if (refocus.current) {
      refocus.current = false;
      renameButton.current?.focus();
    }
  }, [renaming]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the row's pin changes
  useEffect(() => {
    if (refocusPin.current) {
      refocusPin.current = false;
      pinButton.current?.focus();
    }
  }, [pinned]);

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

  const pin = () =>
    run(async () => {
      await call("PUT /api/conversations/:id/pin", {
        params: { id: conversation.id },
        body: { pinned: !pinned },
      });
      refocusPin.current = true;
      await props.onChanged();
    });

  const archive = async () => {
    if (
      await run(async () => {
        await call("PUT /api/conversations/:id/archive", {
          params: { id: conversation.id },
          body: { archived: !archived },
        });
        await props.onChanged();
      })
    )
      props.onLeft(
        t(archived ? "chat.list.restored" : "chat.list.archived", { title: conversation.title }),
      );
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
          {pinned && !archived && (
            <span className="badge badge-info">{t("chat.list.pinnedTag")}</span>
          )}
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
            {!archived && (
              <button
                ref={pinButton}
                type="button"
                className="button-tertiary button-small"
                aria-label={t(pinned ? "chat.list.unpinFor" : "chat.list.pinFor", {
                  title: conversation.title,
                })}
                onClick={() => void pin()}
              >
                {pinned ? t("chat.list.unpin") : t("chat.list.pin")}
              </button>
            )}
            <button
              type="button"
              className="button-tertiary button-small"
              aria-label={t(archived ? "chat.list.restoreFor" : "chat.list.archiveFor", {
                title: conversation.title,
              })}
              onClick={() => void archive()}
            >
              {archived ? t("chat.list.restore") : t("chat.list.archive")}
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
