import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { Markdown } from "../../components/markdown";
import { passagePlace } from "../../components/passage-place";
import { useAction } from "../../components/use-action";
import { formatDateTime, t } from "../../i18n";
import { useSession } from "../../session";
import { AnswerNotices } from "./answer-notices";
import { PassageDialog } from "./passage-dialog";
import type { Citation, Message } from "./types";

/** An assistant's answer and everything Beffroi says about it. */
export function Answer(props: {
  conversationId: string;
  message: Message;
  /** The question it answers: "Générer une réponse" sends it again with a model. */
  onGenerate?: () => void;
  busy: boolean;
  onChange: (message: Message) => void;
  /** What the agent may do with it (copy, regenerate: `answer-actions.tsx`), under its text. */
  actions?: ReactNode;
}) {
  const { message, conversationId, onChange } = props;
  const metadata = message.metadata;
  const [open, setOpen] = useState<Citation | null>(null);
  const citations = metadata.citations ?? [];

  return (
    <div className="chat-answer">
      {metadata.fallback && <p className="notice notice-warning">{t("chat.answer.fallback")}</p>}
      {metadata.decisions?.some((decision) => decision.rule === "generate.ungrounded") && (
        <p className="notice notice-info">{t("chat.answer.ungrounded")}</p>
      )}
      {metadata.quotaDegraded && (
        <p className="notice notice-warning">{t("chat.answer.degraded")}</p>
      )}
      {metadata.passagesFirst && (
        <div className="notice notice-info">
          <p>{t("chat.answer.passagesFirst")}</p>
          {props.onGenerate && (
            <button
              type="button"
              className="button-secondary button-small"
              aria-disabled={props.busy}
              onClick={() => {
                if (!props.busy) props.onGenerate?.();
              }}
            >
              {t("chat.answer.generate")}
            </button>
          )}
        </div>
      )}
      <div className="chat-text">
        <Markdown
          text={message.content}
          citations={citations.map((citation) => citation.number)}
          onCitation={(number) =>
            setOpen(citations.find((citation) => citation.number === number) ?? null)
          }
        />
      </div>
      {metadata.abstained && <p className="hint">{t("chat.answer.abstained")}</p>}
      {props.actions}

      {citations.length > 0 && (
        <div className="chat-sources">
          <h3 className="chat-small-heading">{t("chat.answer.sources")}</h3>
          <ol className="chat-citations">
            {citations.map((citation) => (
              <li key={`${citation.number}-${citation.passageId}`}>
                <button
                  type="button"
                  className="button-tertiary chat-citation"
                  aria-haspopup="dialog"
                  aria-label={t("chat.answer.openCitation", {
                    number: citation.number,
                    title: citation.title,
                  })}
                  onClick={() => setOpen(citation)}
                >
                  {t("chat.answer.citation", { number: citation.number, title: citation.title })}
                </button>
                <span className="hint">{passagePlace(citation)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      <PassageDialog citation={open} onClose={() => setOpen(null)} />

      <AnswerNotices message={message} />

      {metadata.requiresValidation && (
        <Validation conversationId={conversationId} message={message} onChange={onChange} />
      )}
      {metadata.turnId && (
        <Feedback conversationId={conversationId} message={message} onChange={onChange} />
      )}
    </div>
  );
}

function Validation(props: {
  conversationId: string;
  message: Message;
  onChange: (message: Message) => void;
}) {
  const { session } = useSession();
  const { busy, error, run } = useAction();
  const badge = useRef<HTMLSpanElement>(null);
  /** Set when this agent validates here: the button goes away, the focus goes to the badge. */
  const justValidated = useRef(false);
  const { conversationId, message, onChange } = props;
  useEffect(() => {
    if (message.validatedAt && justValidated.current) {
      justValidated.current = false;
      badge.current?.focus();
    }
  }, [message.validatedAt]);
  if (message.validatedAt) {
    const name =
      message.validatedBy === session?.user.id
        ? (session?.user.displayName ?? t("chat.answer.someone"))
        : t("chat.answer.someone");
    return (
      <p className="chat-validation">
        <span ref={badge} tabIndex={-1} className="badge badge-success">
          {t("chat.answer.validated", { name, date: formatDateTime(message.validatedAt) })}
        </span>
      </p>
    );
  }
  const validate = () =>
    run(async () => {
      // The server types a message's metadata loosely: the page reads it as AnswerMetadata.
      const validated = (await call("POST /api/conversations/:id/messages/:messageId/validate", {
        params: { id: conversationId, messageId: message.id },
      })) as Message;
      justValidated.current = true;
      onChange(validated);
    });
  return (
    <div className="chat-validation">
      <span className="badge badge-warning">
        {message.metadata.validationLabel || t("chat.answer.draft")}
      </span>
      <button
        type="button"
        className="button-secondary button-small"
        aria-disabled={busy}
        onClick={() => void validate()}
      >
        {t("chat.answer.validate")}
      </button>
      <span className="hint">{t("chat.answer.validateHint")}</span>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

function Feedback(props: {
  conversationId: string;
  message: Message;
  onChange: (message: Message) => void;
}) {
  const { message } = props;
  const id = useId();
  const rating = message.metadata.feedback;
  const [minutes, setMinutes] = useState(
    message.metadata.minutesSaved !== undefined ? String(message.metadata.minutesSaved) : "",
  );
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const rate = (value: "up" | "down") => {
    const minutesSaved = parsed();
    if (Number.isNaN(minutesSaved)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void send(value, minutesSaved);
  };
  const send = async (value: "up" | "down", minutesSaved?: number) => {
    try {
      // The server types a message's metadata loosely: the page reads it as AnswerMetadata.
      const updated = (await call("POST /api/conversations/:id/messages/:messageId/feedback", {
        params: { id: props.conversationId, messageId: message.id },
        body: { rating: value, ...(minutesSaved !== undefined && { minutesSaved }) },
      })) as Message;
      props.onChange(updated);
      setError(null);
      setSaved(
        updated.metadata.minutesSaved !== undefined
          ? t("chat.feedback.savedMinutes", { count: updated.metadata.minutesSaved })
          : t("chat.feedback.saved"),
      );
    } catch (caught) {
      setError(caught);
      setSaved(null);
    }
  };
  const parsed = () => {
    if (minutes.trim() === "") return undefined;
    // 0 is an answer ("no time saved"); anything but a whole number in range is a field error.
    const value = /^\d+$/.test(minutes.trim()) ? Number(minutes) : Number.NaN;
    return Number.isInteger(value) && value >= 0 && value <= 480 ? value : Number.NaN;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rating) rate(rating);
  };

  return (
    <div className="chat-feedback">
      <fieldset className="chat-feedback-rating">
        <legend className="chat-small-heading">{t("chat.feedback.label")}</legend>
        <button
          type="button"
          className="button-secondary button-small"
          aria-pressed={rating === "up"}
          onClick={() => rate("up")}
        >
          {t("chat.feedback.up")}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          aria-pressed={rating === "down"}
          onClick={() => rate("down")}
        >
          {t("chat.feedback.down")}
        </button>
      </fieldset>
      {rating && (
        <form className="chat-feedback-minutes" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-minutes`}>{t("chat.feedback.minutes")}</label>
            <span id={`${id}-hint`} className="hint">
              {t("chat.feedback.minutesHint")}
            </span>
            <input
              id={`${id}-minutes`}
              type="text"
              inputMode="numeric"
              value={minutes}
              onChange={(event) => setMinutes(event.target.value)}
              aria-invalid={invalid}
              aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
            />
            {invalid && (
              <p id={`${id}-error`} className="field-error">
                {t("chat.feedback.minutesInvalid")}
              </p>
            )}
          </div>
          <button type="submit" className="button-secondary button-small">
            {t("action.save")}
          </button>
        </form>
      )}
      <p role="status" className="hint">
        {saved}
      </p>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
