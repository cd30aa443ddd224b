import {
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { t } from "../../i18n";
import { AttachmentField, type PendingAttachment } from "./attachments";
import { DraftFindings, DraftHighlights, useDraftScan, withoutValue } from "./data-preview";
import { ModelChoice } from "./model-choice";
import type { AssistantModel } from "./types";

/**
 * The message field: Enter sends, Shift+Enter goes to the line (the hint says
 * so). While an answer is being written the field stays editable, sending
 * waits ("Envoyer" stays focusable, marked aria-disabled), and "Arrêter"
 * cancels the answer. When "Arrêter" goes away (stopped, or the answer is
 * done) while it has the focus, the focus goes to the message field. With
 * `onAttachments`, documents may be attached (button or drop on the form);
 * a message is not sent while one of them is refused.
 */
export function Composer(props: {
  draft: string;
  onDraft: (text: string) => void;
  onSend: (text: string) => void;
  busy: boolean;
  onStop?: (() => void) | undefined;
  attachments?: PendingAttachment[];
  onAttachments?: (attachments: PendingAttachment[]) => void;
  /** The conversation the files are uploaded to, once it exists. */
  conversationId?: string;
  /** For a conversation not yet opened: the assistant chosen, for what the draft would meet. */
  assistantId?: string | undefined;
  /**
   * The model for the next message: "Automatique", or one of the assistant's
   * `models` that the charter allows for the draft's data (once it is scanned).
   */
  modelChoice?: { value: string; onChange: (ref: string) => void; models: AssistantModel[] };
  /** The message field, for the conversation to give it the focus. */
  fieldRef?: RefObject<HTMLTextAreaElement | null>;
}) {
  const id = useId();
  const [problem, setProblem] = useState<"empty" | "refused" | null>(null);
  const ownField = useRef<HTMLTextAreaElement>(null);
  const field = props.fieldRef ?? ownField;
  const form = useRef<HTMLFormElement>(null);
  const stopFocused = useRef(false);
  const [scrollTop, setScrollTop] = useState(0);
  const scan = useDraftScan(props.draft, {
    conversationId: props.conversationId,
    assistantId: props.assistantId,
  });
  useEffect(() => {
    if (props.busy || !stopFocused.current) return;
    stopFocused.current = false;
    const active = document.activeElement;
    if (active === null || active === document.body) field.current?.focus();
  }, [props.busy, field]);
  const send = () => {
    if (props.busy) return;
    const text = props.draft.trim();
    if (!text) {
      setProblem("empty");
      return;
    }
    if (props.attachments?.some((attachment) => attachment.error)) {
      setProblem("refused");
      return;
    }
    setProblem(null);
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
  const empty = problem === "empty";
  const described = empty ? `${id}-hint ${id}-error` : `${id}-hint`;
  return (
    <form ref={form} className="chat-composer" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-message`}>{t("chat.composer.label")}</label>
        <div className="draft-field">
          <DraftHighlights scan={scan} text={props.draft} scrollTop={scrollTop} />
          <textarea
            ref={field}
            id={`${id}-message`}
            rows={3}
            value={props.draft}
            onChange={(event) => {
              props.onDraft(event.target.value);
              if (empty && event.target.value.trim()) setProblem(null);
            }}
            onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
            onKeyDown={keyDown}
            aria-describedby={`${described} ${id}-found`}
            aria-invalid={empty}
          />
        </div>
        <span id={`${id}-hint`} className="hint">
          {t("chat.composer.hint")}
        </span>
        {empty && (
          <p id={`${id}-error`} className="field-error">
            {t("chat.composer.empty")}
          </p>
        )}
        <DraftFindings
          id={`${id}-found`}
          scan={scan}
          onRemove={(start, end) => {
            props.onDraft(withoutValue(props.draft, start, end));
            field.current?.focus();
          }}
        />
      </div>
      {props.onAttachments && (
        <AttachmentField
          attachments={props.attachments ?? []}
          onChange={(attachments) => {
            props.onAttachments?.(attachments);
            if (!attachments.some((attachment) => attachment.error)) setProblem(null);
          }}
          dropZone={form}
          conversationId={props.conversationId}
        />
      )}
      {props.modelChoice && props.modelChoice.models.length > 0 && (
        <ModelChoice
          label={t("chat.model.label")}
          models={scan ? scan.models : props.modelChoice.models}
          value={props.modelChoice.value}
          onChange={props.modelChoice.onChange}
        />
      )}
      {problem === "refused" && (
        <p className="field-error" role="alert">
          {t("chat.attach.fixFirst")}
        </p>
      )}
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
