import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { Markdown } from "../../components/markdown";
import { passagePlace } from "../../components/passage-place";
import { personalDataCounts } from "../../components/personal-data";
import { SovereigntyBadge } from "../../components/sovereignty";
import { useAction } from "../../components/use-action";
import { formatDateTime, locale, t } from "../../i18n";
import { useSession } from "../../session";
import { PassageDialog } from "./passage-dialog";
import type { Citation, Message, Range } from "./types";

/** Two significant digits: small figures stay readable (0,00042 Wh, not 0). */
const figures = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });

const range = (value: Range, scale: number) => {
  const min = figures.format(value.min * scale);
  const max = figures.format(value.max * scale);
  return min === max ? min : t("chat.answer.range", { min, max });
};

/** A duration in minutes as people say it ("12 minutes", "40 secondes"). */
function duration(minutes: Range): string {
  const mid = (minutes.min + minutes.max) / 2;
  if (mid < 1) {
    const count = Math.max(1, Math.round(mid * 60));
    return t("chat.answer.seconds", { count });
  }
  const count = Math.round(mid);
  return t("chat.answer.minutes", { count });
}

/** An assistant's answer and everything Beffroi says about it. */
export function Answer(props: {
  conversationId: string;
  message: Message;
  /** The question it answers: "Générer une réponse" sends it again with a model. */
  onGenerate?: () => void;
  busy: boolean;
  onChange: (message: Message) => void;
}) {
  const { message, conversationId, onChange } = props;
  const metadata = message.metadata;
  const [open, setOpen] = useState<Citation | null>(null);
  const citations = metadata.citations ?? [];

  return (
    <div className="chat-answer">
      {metadata.fallback && <p className="notice notice-warning">{t("chat.answer.fallback")}</p>}
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

      <ul className="chat-facts">
        <li>
          {metadata.mode === "model" && metadata.model ? (
            <>
              {t("chat.answer.model", {
                model: metadata.model.modelId,
                provider: metadata.model.providerLabel,
              })}{" "}
              <SovereigntyBadge
                sovereignty={metadata.model.sovereignty}
                country={metadata.model.country}
              />
            </>
          ) : (
            t("chat.answer.extractive")
          )}
        </li>
        <li>
          <GuardLine message={message} />
        </li>
        <li>
          <ImpactLine message={message} />
        </li>
      </ul>

      {metadata.requiresValidation && (
        <Validation conversationId={conversationId} message={message} onChange={onChange} />
      )}
      {metadata.turnId && (
        <Feedback conversationId={conversationId} message={message} onChange={onChange} />
      )}

      {(metadata.decisions ?? []).length > 0 && (
        <details className="chat-decisions">
          <summary>{t("chat.answer.details")}</summary>
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

/** What the data guard did, from the turn's summary: counts and types, never values. */
function GuardLine(props: { message: Message }) {
  const { guard, decisions, model, mode } = props.message.metadata;
  const fresh = (decisions ?? []).find((decision) => decision.rule === "restore.new-personal-data");
  if (!guard) return null;
  const found = personalDataCounts(guard.detected);
  const stayed = model?.sovereignty === "local" || mode !== "model";
  return (
    <>
      {guard.pseudonymised > 0
        ? t("chat.answer.guardPseudonymised", { count: guard.pseudonymised })
        : guard.detected.length === 0
          ? t("chat.answer.guardClean")
          : stayed
            ? t("chat.answer.guardKept", { found })
            : t("chat.answer.guardDetected", { found })}
      {(guard.inPassages ?? []).length > 0 && (
        <>
          {" "}
          {t("chat.answer.guardPassages", { found: personalDataCounts(guard.inPassages ?? []) })}
        </>
      )}
      {fresh && <span className="chat-warning"> {fresh.reason}</span>}
    </>
  );
}

function ImpactLine(props: { message: Message }) {
  const { impact, mode } = props.message.metadata;
  if (mode !== "model") return <>{t("chat.answer.impactExtractive")}</>;
  if (impact) {
    return (
      <>
        {t("chat.answer.impact", {
          energy: range(impact.energyKwh, 1000),
          gwp: range(impact.gwpKgCo2e, 1000),
          led: duration(impact.ledBulbMinutes),
        })}
      </>
    );
  }
  return (
    <>{mode === "model" ? t("chat.answer.impactUnknown") : t("chat.answer.impactExtractive")}</>
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
