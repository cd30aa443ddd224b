import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { ErrorNotice } from "../../components/feedback";
import { t } from "../../i18n";

/**
 * A button that asks before a destructive action, in a modal `<dialog>`:
 * the focus goes to "Annuler", Escape closes it, and the focus returns to the
 * button that opened it. An error from the action is shown inside.
 */
export function ConfirmButton(props: {
  label: string;
  /** The button's accessible name when its text is shorter than what it does. */
  ariaLabel?: string;
  title: string;
  body: ReactNode;
  confirmLabel?: string;
  className?: string;
  onConfirm(): Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      cancel.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const close = () => {
    setOpen(false);
    setError(null);
    opener.current?.focus();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      setOpen(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        ref={opener}
        type="button"
        className={props.className ?? "button-danger button-small"}
        aria-label={props.ariaLabel}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} onClose={close}>
        <h2 id={titleId}>{props.title}</h2>
        <div>{props.body}</div>
        {error !== null && <ErrorNotice error={error} />}
        <div className="actions">
          <button ref={cancel} type="button" className="button-secondary" onClick={close}>
            {t("knowledge.confirm.cancel")}
          </button>
          <button
            type="button"
            className="button-danger"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void confirm()}
          >
            {props.confirmLabel ?? t("knowledge.confirm.delete")}
          </button>
        </div>
      </dialog>
    </>
  );
}
