import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { t } from "../i18n";
import { ErrorNotice } from "./feedback";
import { useAction } from "./use-action";

/**
 * Puts the focus back after a dialog closes: on what opened it when it is
 * still on the page, else on `fallback()`, else on the page's heading. Done
 * on the next frame, once the modal dialog is gone (while it is open, the rest
 * of the page cannot take the focus) and the list it changed has re-rendered.
 */
export function returnFocus(opener: Element | null, fallback?: () => HTMLElement | null): void {
  requestAnimationFrame(() => {
    // Moved meanwhile to the page (a click, a shortcut): the user's own choice is kept.
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected && !active.closest("dialog"))
      return;
    const target =
      (opener instanceof HTMLElement && opener.isConnected ? opener : null) ??
      fallback?.() ??
      document.querySelector<HTMLElement>("main h1");
    target?.focus();
  });
}

/**
 * A modal dialog (`<dialog>` + showModal): the focus goes in (on the element
 * marked `autoFocus`, else the first one), Escape closes it, the rest of the
 * page is inert, and the focus comes back (see `returnFocus`).
 */
export function Dialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Where the focus goes when what opened the dialog is gone (a deleted row's button). */
  fallbackFocus?: () => HTMLElement | null;
  /**
   * Changes each time the owner opens it: Escape then Enter at once closes and
   * reopens within one batch, where `open` alone would not change.
   */
  openings?: number;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const { open, onClose, fallbackFocus, openings } = props;
  const latest = useRef({ onClose, fallbackFocus });
  latest.current = { onClose, fallbackFocus };

  // biome-ignore lint/correctness/useExhaustiveDependencies: each opening shows the dialog, even when a close and a reopen batched together leave `open` as it was.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, openings]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const closed = () => {
      // The close event is queued (in Chrome, until the next frame): when Escape and then Enter
      // on the opener come quickly, it arrives after the dialog has been shown again. That
      // opening stands; the stale event must not close it behind the user's back.
      if (dialog.open) return;
      latest.current.onClose();
      returnFocus(opener.current, latest.current.fallbackFocus);
    };
    dialog.addEventListener("close", closed);
    return () => {
      dialog.removeEventListener("close", closed);
      // Removed while open (its row went with a confirmed delete): no close event comes, but
      // the focus must still land somewhere sensible.
      if (dialog.open) returnFocus(opener.current, latest.current.fallbackFocus);
    };
  }, []);

  return (
    <dialog ref={ref} aria-labelledby={titleId} className={props.className}>
      {open && (
        <>
          <h2 id={titleId}>{props.title}</h2>
          {props.children}
        </>
      )}
    </dialog>
  );
}

/**
 * A question before something that cannot be undone, opened by its owner
 * (`open`). It opens on "Annuler", so that Enter never destroys by reflex;
 * an error from `onConfirm` is shown inside and keeps it open.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
  /** The confirming button's look: destructive (default) or primary. */
  tone?: "danger" | "primary";
  fallbackFocus?: () => HTMLElement | null;
  /** See `Dialog`'s `openings`. */
  openings?: number;
}) {
  const { busy, error, run, clear } = useAction();
  const { onClose } = props;
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onClose={() => {
        clear();
        onClose();
      }}
      {...(props.fallbackFocus && { fallbackFocus: props.fallbackFocus })}
      {...(props.openings !== undefined && { openings: props.openings })}
    >
      {typeof props.body === "string" ? <p>{props.body}</p> : props.body}
      {error !== null && <ErrorNotice error={error} />}
      <div className="actions">
        <button
          type="button"
          className="button-secondary"
          // biome-ignore lint/a11y/noAutofocus: a confirmation opens on its safe answer
          autoFocus
          onClick={onClose}
        >
          {t("action.cancel")}
        </button>
        <button
          type="button"
          className={props.tone === "primary" ? "button" : "button-danger"}
          aria-disabled={busy}
          onClick={async () => {
            if (!(await run(async () => props.onConfirm()))) return;
            onClose();
            // What opened the dialog usually went with what was deleted: the focus goes to
            // the fallback, unless the opener is still there (the dialog's own close runs after).
            if (props.fallbackFocus) returnFocus(null, props.fallbackFocus);
          }}
        >
          {busy ? t("state.working") : props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** A button that asks before doing something that cannot be undone (see ConfirmDialog). */
export function ConfirmButton(props: {
  label: string;
  /** The button's accessible name when its label alone is ambiguous in a list ("Supprimer X"). */
  accessibleName?: string;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  className?: string;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const [open, setOpen] = useState(false);
  const [openings, setOpenings] = useState(0);
  return (
    <>
      <button
        type="button"
        className={props.className ?? "button-danger button-small"}
        aria-label={props.accessibleName}
        onClick={() => {
          setOpen(true);
          setOpenings((count) => count + 1);
        }}
      >
        {props.label}
      </button>
      <ConfirmDialog
        open={open}
        title={props.title}
        body={props.body}
        confirmLabel={props.confirmLabel}
        onConfirm={props.onConfirm}
        onClose={() => setOpen(false)}
        openings={openings}
        {...(props.fallbackFocus && { fallbackFocus: props.fallbackFocus })}
      />
    </>
  );
}
