import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { ErrorNotice } from "../../components/feedback";
import { t } from "../../i18n";

/**
 * One of the agent's messages, being changed: the field takes the focus when
 * it opens; Enter (or "Envoyer") sends it again, Shift+Enter goes to the
 * line, Escape (or "Annuler") gives up, the focus going back to "Modifier".
 * A refused or failed resend comes back here with its text and the reason.
 */
export function QuestionEditor(props: {
  text: string;
  onText: (text: string) => void;
  error?: unknown;
  busy: boolean;
  onSend: (text: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [empty, setEmpty] = useState(false);
  useEffect(() => {
    field.current?.focus();
  }, []);
  const send = () => {
    if (props.busy) return;
    const text = props.text.trim();
    if (!text) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    props.onSend(text);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      props.onCancel();
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  return (
    <form className="chat-edit" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t("chat.edit.label")}</label>
        <textarea
          ref={field}
          id={`${id}-text`}
          rows={3}
          value={props.text}
          onChange={(event) => {
            props.onText(event.target.value);
            if (empty && event.target.value.trim()) setEmpty(false);
          }}
          onKeyDown={keyDown}
          aria-invalid={empty}
          aria-describedby={empty ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
        <span id={`${id}-hint`} className="hint">
          {t("chat.edit.hint")}
        </span>
        {empty && (
          <p id={`${id}-error`} className="field-error">
            {t("chat.edit.empty")}
          </p>
        )}
      </div>
      {props.error ? <ErrorNotice error={props.error} /> : null}
      <div className="actions">
        <button type="submit" className="button button-small" aria-disabled={props.busy}>
          {t("chat.edit.send")}
        </button>
        <button type="button" className="button-secondary button-small" onClick={props.onCancel}>
          {t("chat.edit.cancel")}
        </button>
      </div>
    </form>
  );
}
