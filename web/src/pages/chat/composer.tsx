import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { t } from "../../i18n";

/**
 * The message field: Enter sends, Shift+Enter goes to the line (the hint says
 * so). While an answer is being written the field stays editable, sending
 * waits ("Envoyer" stays focusable, marked aria-disabled), and "Arrêter"
 * cancels the answer. When "Arrêter" goes away (stopped, or the answer is
 * done) while it has the focus, the focus goes to the message field.
 */
export function Composer(props: {
  draft: string;
  onDraft: (text: string) => void;
  onSend: (text: string) => void;
  busy: boolean;
  onStop?: (() => void) | undefined;
}) {
  const id = useId();
  const [empty, setEmpty] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const stopFocused = useRef(false);
  useEffect(() => {
    if (props.busy || !stopFocused.current) return;
    stopFocused.current = false;
    const active = document.activeElement;
    if (active === null || active === document.body) field.current?.focus();
  }, [props.busy]);
  const send = () => {
    if (props.busy) return;
    const text = props.draft.trim();
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
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  const described = empty ? `${id}-hint ${id}-error` : `${id}-hint`;
  return (
    <form className="chat-composer" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-message`}>{t("chat.composer.label")}</label>
        <textarea
          ref={field}
          id={`${id}-message`}
          rows={3}
          value={props.draft}
          onChange={(event) => {
            props.onDraft(event.target.value);
            if (empty && event.target.value.trim()) setEmpty(false);
          }}
          onKeyDown={keyDown}
          aria-describedby={described}
          aria-invalid={empty}
        />
        <span id={`${id}-hint`} className="hint">
          {t("chat.composer.hint")}
        </span>
        {empty && (
          <p id={`${id}-error`} className="field-error">
            {t("chat.composer.empty")}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button" aria-disabled={props.busy}>
          {t("chat.composer.send")}
        </button>
        {props.busy && props.onStop && (
          <button
            type="button"
            className="button-danger"
            onFocus={() => {
              stopFocused.current = true;
            }}
            onBlur={(event) => {
              // Leaving for another control; a blur because the button is removed keeps the flag.
              if (event.relatedTarget !== null) stopFocused.current = false;
            }}
            onClick={() => {
              field.current?.focus();
              props.onStop?.();
            }}
          >
            {t("chat.composer.stop")}
          </button>
        )}
      </div>
    </form>
  );
}
