import { type ReactNode, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n";
import { usePath } from "../router";

/** What a person can read about a failed request: the server's French message, or ours. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "network_error") return t("error.network");
    if (error.message) return error.message;
    return t("error.status", { status: error.status });
  }
  return t("error.unexpected");
}

/** An error, announced at once to screen readers, with what to do (retry when given). */
export function ErrorNotice(props: { error: unknown; onRetry?: () => void; children?: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorText(props.error)}</p>
      {props.children}
      {props.onRetry && (
        <button type="button" className="button-secondary" onClick={props.onRetry}>
          {t("action.retry")}
        </button>
      )}
    </div>
  );
}

/** A polite status line ("Chargement…"), read by screen readers without interrupting. */
export function Loading(props: { label?: string }) {
  return (
    <p className="loading" role="status">
      {props.label ?? t("state.loading")}
    </p>
  );
}

/** What an empty list means and what to do about it. */
export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

/**
 * A success message, announced politely. The region is on the page before its
 * text (a live region that arrives already filled is often not read).
 */
export function SuccessNotice(props: { children: ReactNode }) {
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setFilled(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <div className="notice notice-success" role="status">
      {filled && props.children}
    </div>
  );
}

/** The address whose heading last took the focus. */
let headedPath = "";

/**
 * A page's heading and the window title; the heading takes the focus when the
 * page changes, so that a screen reader announces where the agent now is.
 */
export function PageHeading(props: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} — ${t("app.name")}`;
  }, [props.title]);
  const path = usePath();
  useEffect(() => {
    // A new address: the heading takes the focus so that the page change is announced, unless
    // the person is typing (the address of a new conversation changes under its message field).
    const active = document.activeElement;
    const typing = active instanceof HTMLElement && active.matches("input, textarea, select");
    const lost = active === document.body || active === null;
    if (lost || (path !== headedPath && !typing)) heading.current?.focus();
    headedPath = path;
  }, [path]);
  return (
    <div className="page-heading">
      <h1 ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </div>
  );
}
