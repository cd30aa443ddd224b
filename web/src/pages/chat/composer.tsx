import { type FormEvent, type KeyboardEvent, useId, useState } from "react";
import { t } from "../../i18n";

/**
 * The message field: Enter sends, Shift+Enter goes to the line (the hint says
 * so). While an answer is being written the field stays editable, sending
 * waits, and "Arrêter" cancels the answer.
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
        <button type="submit" className="button" disabled={props.busy}>
          {t("chat.composer.send")}
        </button>
        {props.busy && props.onStop && (
          <button type="button" className="button-danger" onClick={props.onStop}>
            {t("chat.composer.stop")}
          </button>
        )}
      </div>
    </form>
  );
}
