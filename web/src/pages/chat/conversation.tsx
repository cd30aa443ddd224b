import { type ReactNode, useCallback, useDeferredValue, useEffect, useRef, useState } from "react";
import { ApiError } from "../../api/client";
import { postForEvents } from "../../api/stream";
import { ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { Markdown } from "../../components/markdown";
import { personalDataType } from "../../components/personal-data";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { Link } from "../../router";
import { useSession } from "../../session";
import { Answer } from "./answer";
import { Composer } from "./composer";
import type { AnswerMetadata, ConversationDetail, Message } from "./types";

/** The first message typed on the start page, sent once its conversation opens. */
let pending: { conversationId: string; content: string } | null = null;

/** Error codes of a turn the server kept in the conversation (refused, failed, cut off). */
const TURN_OUTCOMES = new Set([
  "turn_denied",
  "turn_failed",
  "model_interrupted",
  "model_unavailable",
]);

export function sendWhenOpened(conversationId: string, content: string): void {
  pending = { conversationId, content };
}

interface Streaming {
  question: string;
  text: string;
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
  const { reload, set } = conversation;
  const [draft, setDraft] = useState("");
  const [streaming, setStreaming] = useState<Streaming | null>(null);
  const [announce, setAnnounce] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [freshRefusal, setFreshRefusal] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const send = useCallback(
    async (content: string, generate = false) => {
      setFailure(null);
      setAnnounce("");
      setFreshRefusal(false);
      const abort = new AbortController();
      controller.current = abort;
      setStreaming({ question: content, text: "" });
      setDraft("");
      try {
        for await (const event of postForEvents(
          "POST /api/conversations/:id/messages",
          { params: { id }, body: { content, ...(generate && { generate: true }) } },
          abort.signal,
        )) {
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
        if (abort.signal.aborted) {
          setAnnounce(t("chat.stopped"));
          setDraft(content);
        }
      } catch (caught) {
        if (abort.signal.aborted) {
          setAnnounce(t("chat.stopped"));
          setDraft(content);
        } else if (caught instanceof ApiError && TURN_OUTCOMES.has(caught.code)) {
          // Refused by the charter, the guard or a quota, or failed on the way: the server keeps
          // the turn in the conversation, and the agent gets the message back to change it.
          setFreshRefusal(true);
          setDraft(content);
        } else {
          setFailure(caught);
          setDraft(content);
        }
      } finally {
        controller.current = null;
        await reload();
        setStreaming(null);
        onChanged();
      }
    },
    [id, reload, onChanged],
  );

  useEffect(() => {
    // The first message from the start page: sent once the view has really mounted (a
    // StrictMode or quick unmount cancels the timer, and the message stays pending for
    // the next mount), stopped if the view goes away while it streams.
    if (!pending || pending.conversationId !== id) return;
    const { content } = pending;
    const timer = setTimeout(() => {
      pending = null;
      void send(content);
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
  const busy = streaming !== null;
  return (
    <>
      <PageHeading title={props.title ?? data.title} />
      {data.disclosure && (
        <div className="notice notice-info chat-disclosure">
          <p className="prose">{data.disclosure}</p>
        </div>
      )}
      {messages.length === 0 && !streaming ? (
        <p className="hint">{t("chat.conversation.empty")}</p>
      ) : (
        <ol className="chat-thread">
          {messages.map((message, index) => (
            <li key={message.id} className={`chat-message chat-message-${message.role}`}>
              <h2 className="chat-author">
                {message.role === "user" ? t("chat.you") : t("chat.assistant")}
              </h2>
              {message.role === "user" ? (
                <div className="prose chat-text">
                  <Highlighted
                    text={message.content}
                    spans={messages[index + 1]?.metadata.personalData ?? []}
                  />
                </div>
              ) : message.metadata.denied ? (
                <Refusal
                  metadata={message.metadata}
                  alert={freshRefusal && index === messages.length - 1}
                />
              ) : (
                <Answer
                  conversationId={id}
                  message={message}
                  busy={busy}
                  onChange={replace}
                  {...(message.metadata.passagesFirst && {
                    onGenerate: () => {
                      const question = messages[index - 1];
                      if (question?.role === "user") void send(question.content, true);
                    },
                  })}
                />
              )}
            </li>
          ))}
          {streaming && (
            <>
              <li className="chat-message chat-message-user">
                <h2 className="chat-author">{t("chat.you")}</h2>
                <div className="prose chat-text">{streaming.question}</div>
              </li>
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
      {!streaming && announce === t("chat.stopped") && <p className="hint">{announce}</p>}
      {conversation.error ? (
        <ErrorNotice error={conversation.error} onRetry={() => void reload()}>
          <p>{t("chat.reloadFailed")}</p>
        </ErrorNotice>
      ) : null}
      {failure ? (
        <ErrorNotice error={failure}>
          <p>{t("chat.sendFailed")}</p>
        </ErrorNotice>
      ) : null}
      <Composer
        draft={draft}
        onDraft={setDraft}
        onSend={(text) => void send(text)}
        busy={busy}
        onStop={() => controller.current?.abort()}
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
