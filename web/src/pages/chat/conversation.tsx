import {
  Fragment,
  type ReactNode,
  useCallback,
  useDeferredValue,
  useEffect,
  useRef,
  useState,
} from "react";
import { ApiError, call } from "../../api/client";
import { postForEvents, type StreamEvent } from "../../api/stream";
import { ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { Markdown } from "../../components/markdown";
import { personalDataType } from "../../components/personal-data";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { Link } from "../../router";
import { useSession } from "../../session";
import { takeComposerDraft } from "../prompts/handoff";
import { Answer } from "./answer";
import { AnswerActions } from "./answer-actions";
import { AssistantSwitch } from "./assistant-switch";
import { notUploaded, type PendingAttachment, SentAttachments, uploadPending } from "./attachments";
import { Composer } from "./composer";
import { VersionNav } from "./message-versions";
import { AUTOMATIC } from "./model-choice";
import { QuestionEditor } from "./question-editor";
import type { AnswerMetadata, ConversationDetail, Message } from "./types";

/** The first message typed on the start page (its documents, its model), sent once its conversation opens. */
let pending: {
  conversationId: string;
  content: string;
  attachments: PendingAttachment[];
  model: string;
} | null = null;

/** Error codes of a turn the server kept in the conversation (refused, failed, cut off). */
const TURN_OUTCOMES = new Set([
  "turn_denied",
  "turn_failed",
  "model_interrupted",
  "model_unavailable",
]);

/** What the page says when the agent stopped an answer (also shown under the thread). */
const STOPPED = new Set([t("chat.stopped"), t("chat.stoppedVersion"), t("chat.edit.stopped")]);

export function sendWhenOpened(
  conversationId: string,
  content: string,
  attachments: PendingAttachment[] = [],
  model = AUTOMATIC,
): void {
  pending = { conversationId, content, attachments, model };
}

interface Streaming {
  /** Where the turn takes its place: the messages shown from there wait for it (all: a new message). */
  from: number;
  /** The question shown while it streams; null when it is asked again (it stays above). */
  question: string | null;
  attachments: PendingAttachment[];
  text: string;
}

/** A message of the agent being changed, and why its last resend came back. */
interface Editing {
  id: string;
  text: string;
  error?: unknown;
}

/**
 * One conversation: the AI notice, the messages and their answers, the
 * composer. An answer streams in (aria-busy while it grows); screen readers
 * hear "Réponse en cours…", then the whole answer once, when it is done.
 */
/**
 * The answer as it comes, rendered from its Markdown: each render parses the
 * whole text so far, so React may skip renders while pieces arrive faster
 * than they can be drawn (a deferred value), rather than parse at every piece.
 */
function StreamingMarkdown(props: { text: string }) {
  const text = useDeferredValue(props.text);
  return <Markdown text={text} />;
}

export function ConversationView(props: {
  id: string;
  /** The title from the conversation list, newer after a rename than this view's copy. */
  title: string | undefined;
  onChanged: () => void;
}) {
  const { id, onChanged } = props;
  const conversation = useResource("GET /api/conversations/:id", { params: { id } });
  const assistants = useResource("GET /api/conversations/assistants");
  const { reload, set } = conversation;
  const [draft, setDraft] = useState(() => takeComposerDraft(id));
  const [attachments, setAttachments] = useState<PendingAttachment[]>([]);
  const [model, setModel] = useState(AUTOMATIC);
  const [streaming, setStreaming] = useState<Streaming | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [announce, setAnnounce] = useState("");
  const [failure, setFailure] = useState<{ error: unknown; note: string } | null>(null);
  const [freshRefusal, setFreshRefusal] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  /** The "Modifier" button to give the focus back to when an edit is given up. */
  const editButtons = useRef(new Map<string, HTMLButtonElement>());

  /** Reads a turn's events: the text as it comes, the whole answer announced once it is done. */
  const follow = useCallback(async (events: AsyncGenerator<StreamEvent>) => {
    for await (const event of events) {
      if (event.event === "delta") {
        const { text } = event.data as { text: string };
        setStreaming((current) => current && { ...current, text: current.text + text });
      } else if (event.event === "done") {
        setAnnounce(t("chat.answered", { text: (event.data as Message).content }));
      } else if (event.event === "error") {
        const { code, message } = event.data as { code: string; message: string };
        throw new ApiError(502, code, message);
      }
    }
  }, []);

  /** Starts a turn: one at a time, stopped by "Arrêter" (or by leaving the view). */
  const begin = useCallback((state: Streaming) => {
    setFailure(null);
    setAnnounce("");
    setFreshRefusal(false);
    const abort = new AbortController();
    controller.current = abort;
    setStreaming(state);
    return abort;
  }, []);

  const end = useCallback(async () => {
    controller.current = null;
    await reload();
    setStreaming(null);
    onChanged();
  }, [reload, onChanged]);

  const send = useCallback(
    async (content: string, files: PendingAttachment[] = [], chosen = AUTOMATIC) => {
      const abort = begin({
        from: Number.POSITIVE_INFINITY,
        question: content,
        attachments: files,
        text: "",
      });
      setDraft("");
      setAttachments([]);
      let attached = files;
      try {
        // The documents first: read by the server, each refusal said on its chip.
        if (files.length > 0) {
          const uploaded = await uploadPending(id, files);
          attached = uploaded.list;
          if (!uploaded.ok) {
            setAttachments(attached);
            setDraft(content);
            setAnnounce(t("chat.attach.failed"));
            return;
          }
        }
        const attachmentIds = attached.flatMap((attachment) => attachment.id ?? []);
        await follow(
          postForEvents(
            "POST /api/conversations/:id/messages",
            {
              params: { id },
              body: {
                content,
                ...(attachmentIds.length > 0 && { attachmentIds }),
                ...(chosen !== AUTOMATIC && { model: chosen }),
              },
            },
            abort.signal,
          ),
        );
        if (abort.signal.aborted) {
          setAnnounce(t("chat.stopped"));
          setDraft(content);
          setAttachments(attached);
        }
      } catch (caught) {
        if (abort.signal.aborted) {
          // Stopped: the documents still wait on the server for this message.
          setAnnounce(t("chat.stopped"));
          setDraft(content);
          setAttachments(attached);
        } else if (caught instanceof ApiError && TURN_OUTCOMES.has(caught.code)) {
          // Refused by the charter, the guard or a quota, or failed on the way: the server keeps
          // the turn in the conversation, and the agent gets the message back to change it
          // (its documents too; the server deleted them with the refusal).
          setFreshRefusal(true);
          setDraft(content);
          setAttachments(notUploaded(attached));
        } else {
          setFailure({ error: caught, note: t("chat.sendFailed") });
          setDraft(content);
          setAttachments(notUploaded(attached));
        }
      } finally {
        await end();
      }
    },
    [id, begin, end, follow],
  );

  /**
   * The question of the answer at `index` asked again (a generated answer, to
   * `chosen` or the model the router picks): a new version of that answer.
   * The focus goes to the message field, beside "Arrêter".
   */
  const regenerate = useCallback(
    async (answer: Message, index: number, chosen: string) => {
      if (controller.current) return;
      const abort = begin({ from: index, question: null, attachments: [], text: "" });
      field.current?.focus();
      try {
        await follow(
          postForEvents(
            "POST /api/conversations/:id/messages/:messageId/regenerate",
            {
              params: { id, messageId: answer.id },
              body: { generate: true, ...(chosen !== AUTOMATIC && { model: chosen }) },
            },
            abort.signal,
          ),
        );
        if (abort.signal.aborted) setAnnounce(t("chat.stoppedVersion"));
      } catch (caught) {
        if (abort.signal.aborted) setAnnounce(t("chat.stoppedVersion"));
        else setFailure({ error: caught, note: t("chat.regenerateFailed") });
      } finally {
        await end();
      }
    },
    [id, begin, end, follow],
  );

  /** One of the agent's messages sent again, changed: the conversation goes on from it. */
  const resend = useCallback(
    async (question: Message, index: number, content: string) => {
      if (controller.current) return;
      const abort = begin({ from: index, question: content, attachments: [], text: "" });
      setEditing(null);
      field.current?.focus();
      try {
        await follow(
          postForEvents(
            "POST /api/conversations/:id/messages/:messageId/edit",
            { params: { id, messageId: question.id }, body: { content } },
            abort.signal,
          ),
        );
        if (abort.signal.aborted) {
          setAnnounce(t("chat.edit.stopped"));
          setEditing({ id: question.id, text: content });
        }
      } catch (caught) {
        if (abort.signal.aborted) {
          setAnnounce(t("chat.edit.stopped"));
          setEditing({ id: question.id, text: content });
        } else setEditing({ id: question.id, text: content, error: caught });
      } finally {
        await end();
      }
    },
    [id, begin, end, follow],
  );

  useEffect(() => {
    // The first message from the start page: sent once the view has really mounted (a
    // StrictMode or quick unmount cancels the timer, and the message stays pending for
    // the next mount), stopped if the view goes away while it streams.
    if (!pending || pending.conversationId !== id) return;
    const { content, attachments: files, model: chosen } = pending;
    const timer = setTimeout(() => {
      pending = null;
      void send(content, files, chosen);
    }, 0);
    return () => clearTimeout(timer);
  }, [id, send]);

  useEffect(() => () => controller.current?.abort(), []);

  // The server types a message's metadata loosely: the page reads it as AnswerMetadata.
  const data = conversation.data as ConversationDetail | undefined;
  const replace = (message: Message) =>
    set(
      (current) =>
        current && {
          ...current,
          messages: current.messages.map((m) => (m.id === message.id ? message : m)),
        },
    );
  const showVersion = async (messageId: string) => {
    try {
      const shown = await call("POST /api/conversations/:id/messages/:messageId/show", {
        params: { id, messageId },
      });
      set(shown);
      const message = shown.messages.find((m) => m.id === messageId);
      if (message) {
        setAnnounce(
          t("chat.versions.shown", {
            number: message.versions.indexOf(messageId) + 1,
            count: message.versions.length,
          }),
        );
      }
    } catch (caught) {
      setFailure({ error: caught, note: "" });
    }
  };
  const cancelEdit = (messageId: string) => {
    setEditing(null);
    // The editor goes away: the focus back on the "Modifier" that opened it, once it is there.
    requestAnimationFrame(() => editButtons.current.get(messageId)?.focus());
  };

  if (!data) {
    return (
      <>
        <PageHeading title={t("chat.title")} />
        {conversation.error ? (
          <ErrorNotice error={conversation.error} onRetry={() => void reload()}>
            <p>
              <Link href="/">{t("chat.new")}</Link>
            </p>
          </ErrorNotice>
        ) : (
          <Loading label={t("chat.conversation.loading")} />
        )}
      </>
    );
  }

  const messages = data.messages;
  const shown = streaming ? messages.slice(0, streaming.from) : messages;
  const busy = streaming !== null;
  const last = messages.length - 1;
  const assistant = assistants.data?.find((choice) => choice.id === data.assistantId);
  return (
    <>
      <PageHeading title={props.title ?? data.title} />
      {data.disclosure && (
        <div className="notice notice-info chat-disclosure">
          <p className="prose">{data.disclosure}</p>
        </div>
      )}
      {shown.length === 0 && !streaming ? (
        <p className="hint">{t("chat.conversation.empty")}</p>
      ) : (
        <ol className="chat-thread">
          {shown.map((message, index) => (
            // Keyed by the place in the conversation (its parent): another version shown there
            // keeps the version buttons, and their focus, in place.
            <li
              key={message.parentId ?? "first"}
              className={`chat-message chat-message-${message.role}`}
            >
              <h2 className="chat-author">
                {message.role === "user" ? t("chat.you") : t("chat.assistant")}
              </h2>
              <VersionNav
                message={message}
                busy={busy}
                onShow={(target) => void showVersion(target)}
              />
              <Fragment key={message.id}>
                {message.role === "user" ? (
                  editing?.id === message.id ? (
                    <QuestionEditor
                      text={editing.text}
                      onText={(text) => setEditing({ ...editing, text })}
                      error={editing.error}
                      busy={busy}
                      onSend={(text) => void resend(message, index, text)}
                      onCancel={() => cancelEdit(message.id)}
                    />
                  ) : (
                    <>
                      <div className="prose chat-text">
                        <Highlighted
                          text={message.content}
                          spans={messages[index + 1]?.metadata.personalData ?? []}
                        />
                      </div>
                      <SentAttachments attachments={message.metadata.attachments} />
                      {!message.metadata.refused && (
                        <button
                          type="button"
                          className="button-tertiary button-small chat-edit-button"
                          ref={(button) => {
                            if (button) editButtons.current.set(message.id, button);
                            else editButtons.current.delete(message.id);
                          }}
                          aria-disabled={busy}
                          onClick={() => {
                            if (!busy) setEditing({ id: message.id, text: message.content });
                          }}
                        >
                          {t("chat.edit.button")}
                        </button>
                      )}
                    </>
                  )
                ) : message.metadata.denied ? (
                  <Refusal
                    metadata={message.metadata}
                    alert={freshRefusal && index === messages.length - 1}
                  />
                ) : (
                  <>
                    {message.metadata.attachedDocuments?.cut && (
                      <p className="notice notice-info">
                        {t("chat.attach.cut", {
                          shown: message.metadata.attachedDocuments.shown,
                          total: message.metadata.attachedDocuments.passages,
                        })}
                      </p>
                    )}
                    <Answer
                      conversationId={id}
                      message={message}
                      busy={busy}
                      onChange={replace}
                      {...(message.metadata.passagesFirst &&
                        index === last && {
                          onGenerate: () => void regenerate(message, index, AUTOMATIC),
                        })}
                      actions={
                        <AnswerActions
                          conversationId={id}
                          message={message}
                          busy={busy}
                          {...(index === last &&
                            messages[index - 1]?.role === "user" && {
                              question: messages[index - 1],
                              onRegenerate: (chosen: string) =>
                                void regenerate(message, index, chosen),
                            })}
                        />
                      }
                    />
                  </>
                )}
              </Fragment>
            </li>
          ))}
          {streaming && (
            <>
              {streaming.question !== null && (
                <li className="chat-message chat-message-user">
                  <h2 className="chat-author">{t("chat.you")}</h2>
                  <div className="prose chat-text">{streaming.question}</div>
                  <SentAttachments
                    attachments={streaming.attachments.map((attachment) => ({
                      fileName: attachment.file.name,
                      sizeBytes: attachment.file.size,
                    }))}
                  />
                </li>
              )}
              <li className="chat-message chat-message-assistant">
                <h2 className="chat-author">{t("chat.assistant")}</h2>
                <div className="chat-text chat-streaming" aria-busy="true">
                  {streaming.text ? (
                    <StreamingMarkdown text={streaming.text} />
                  ) : (
                    t("chat.streaming")
                  )}
                </div>
              </li>
            </>
          )}
        </ol>
      )}
      <div role="status" className="visually-hidden">
        {streaming ? t("chat.streaming") : announce}
      </div>
      {!streaming && STOPPED.has(announce) && <p className="hint">{announce}</p>}
      {conversation.error ? (
        <ErrorNotice error={conversation.error} onRetry={() => void reload()}>
          <p>{t("chat.reloadFailed")}</p>
        </ErrorNotice>
      ) : null}
      {failure ? (
        <ErrorNotice error={failure.error}>{failure.note && <p>{failure.note}</p>}</ErrorNotice>
      ) : null}
      {assistants.data && assistants.data.length > 1 && (
        <AssistantSwitch
          conversationId={id}
          assistants={assistants.data}
          currentId={data.assistantId}
          onChanged={(assistantId) => {
            setModel(AUTOMATIC);
            set((current) => current && { ...current, assistantId });
          }}
        />
      )}
      <Composer
        draft={draft}
        onDraft={setDraft}
        onSend={(text) => void send(text, attachments, model)}
        busy={busy}
        onStop={() => controller.current?.abort()}
        attachments={attachments}
        onAttachments={setAttachments}
        conversationId={id}
        fieldRef={field}
        modelChoice={{ value: model, onChange: setModel, models: assistant?.models ?? [] }}
      />
    </>
  );
}

/**
 * A refused message with the data the guard found marked where it is: each
 * mark says what it holds (for screen readers too), the value stays the
 * agent's own text.
 */
function Highlighted(props: {
  text: string;
  spans: { type: string; start: number; end: number }[];
}) {
  const { text } = props;
  if (props.spans.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const span of [...props.spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at || span.end > text.length) continue;
    parts.push(text.slice(at, span.start));
    const label = personalDataType(span.type);
    parts.push(
      <mark key={span.start} className="chat-found" title={label}>
        {text.slice(span.start, span.end)}
        <span className="visually-hidden"> ({label})</span>
      </mark>,
    );
    at = span.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** A turn the charter, the data guard or a quota refused: the server's words, and what to do. */
function Refusal(props: { metadata: AnswerMetadata; alert: boolean }) {
  const { metadata } = props;
  const { can } = useSession();
  const rule = metadata.rule ?? "";
  const title =
    rule === "charter.quota"
      ? t("chat.refused.quota")
      : rule === "route.blocked"
        ? t("chat.refused.guard")
        : rule.startsWith("charter.")
          ? t("chat.refused.charter")
          : t("chat.refused.other");
  return (
    <div className="notice notice-error" {...(props.alert && { role: "alert" })}>
      <p>
        <strong>{title}</strong>
      </p>
      <p>{metadata.reason}</p>
      {(metadata.personalData ?? []).length > 0 && <p>{t("chat.refused.highlighted")}</p>}
      {rule === "charter.quota" && can("knowledge:read") && (
        <p>
          <Link href="/bases">{t("chat.refused.search")}</Link>
        </p>
      )}
      {(metadata.decisions ?? []).length > 0 && (
        <details>
          <summary>{t("chat.refused.details")}</summary>
          <ul>
            {(metadata.decisions ?? []).map((decision, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: decisions are a fixed record, in order.
              <li key={index}>{decision.reason}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
