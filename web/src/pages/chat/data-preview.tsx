import { Fragment, type ReactNode, useEffect, useRef, useState } from "react";
import { call, type ResponseOf } from "../../api/client";
import { personalDataType } from "../../components/personal-data";
import { t } from "../../i18n";

type Scan = ResponseOf<"POST /api/conversations/preview">;
type Finding = Scan["entities"][number];

/** What the guard found in a draft, for the text it scanned (stale once the draft changes). */
export interface DraftScan {
  text: string;
  findings: Finding[];
  outcome: Scan["outcome"];
  /** The assistant's models the charter allows for the draft's data. */
  models: Scan["models"];
}

/** How long typing must pause before the draft is scanned. */
const DEBOUNCE_MS = 400;
/** Drafts longer than this are scanned on sending only (the scan route's own bound). */
const LONGEST = 200_000;

/**
 * Scans the draft while the agent types or pastes (debounced), for what the
 * conversation's assistant (or the one chosen for a new conversation) would
 * do with it: `POST /api/conversations/preview` answers with the values'
 * places and the outcome (sent as is, pseudonymised, refused), walking the
 * same charter, guard and route as sending, with nothing kept or logged.
 * Only the latest answer is kept; an answer for an older draft is dropped.
 */
export function useDraftScan(
  text: string,
  target: { conversationId?: string | undefined; assistantId?: string | undefined },
): DraftScan | null {
  const [scan, setScan] = useState<DraftScan | null>(null);
  const latest = useRef(0);
  const { conversationId, assistantId } = target;
  useEffect(() => {
    const asked = ++latest.current;
    if (!text.trim() || text.length > LONGEST) {
      setScan(null);
      return;
    }
    const timer = setTimeout(() => {
      call("POST /api/conversations/preview", {
        body: {
          content: text,
          ...(conversationId ? { conversationId } : assistantId && { assistantId }),
        },
      })
        .then((answer) => {
          if (asked !== latest.current) return;
          setScan({
            text,
            findings: answer.entities,
            outcome: answer.outcome,
            models: answer.models,
          });
        })
        // A preview that fails says nothing: the message is checked again when it is sent.
        .catch(() => {
          if (asked === latest.current) setScan(null);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, conversationId, assistantId]);
  return scan && scan.text === text ? scan : null;
}

/** The findings that do not overlap one another, in order (the first of overlapping ones kept). */
function disjoint(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  for (const finding of sorted) {
    const last = kept[kept.length - 1];
    if (!last || finding.start >= last.end) kept.push(finding);
  }
  return kept;
}

/**
 * The draft's text laid out exactly as the field shows it, the values found
 * marked: placed under a transparent field, it highlights them in place.
 * Hidden from assistive technologies, which read the list instead.
 */
export function DraftHighlights(props: {
  scan: DraftScan | null;
  text: string;
  scrollTop: number;
}) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const finding of props.scan ? disjoint(props.scan.findings) : []) {
    parts.push(props.text.slice(at, finding.start));
    parts.push(
      <mark key={finding.start} className={`draft-mark draft-mark-${finding.certainty}`}>
        {props.text.slice(finding.start, finding.end)}
      </mark>,
    );
    at = finding.end;
  }
  parts.push(props.text.slice(at));
  return (
    <div className="draft-highlights" aria-hidden="true">
      <div style={{ transform: `translateY(${-props.scrollTop}px)` }}>
        {parts.map((part, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts are the text in order
          <Fragment key={index}>{part}</Fragment>
        ))}
        {/* A last line break is kept by the field: a space keeps the layout the same height. */}{" "}
      </div>
    </div>
  );
}

/**
 * The values found in the draft, each with its type and a "Retirer" button
 * that takes it out of the draft, and what sending would do with them for the
 * chosen assistant. A polite live region: a screen reader hears it when the
 * scan's answer changes, not at each key.
 */
export function DraftFindings(props: {
  id: string;
  scan: DraftScan | null;
  onRemove: (start: number, end: number) => void;
}) {
  const { scan } = props;
  const findings = scan ? disjoint(scan.findings) : [];
  return (
    <div id={props.id} className="draft-findings" aria-live="polite">
      {scan && (findings.length > 0 || scan.outcome.kind === "block") && (
        <div className={`notice notice-${scan.outcome.kind === "block" ? "error" : "warning"}`}>
          <p className="draft-findings-title">
            {findings.length > 0 && t("chat.preview.found", { count: findings.length })}
            {scan.outcome.kind === "block"
              ? ` ${t("chat.preview.refused", { reason: scan.outcome.reason })}`
              : ` ${scan.outcome.reason}`}
          </p>
          <ul>
            {findings.map((finding) => {
              const value = scan.text.slice(finding.start, finding.end);
              const type = personalDataType(finding.type);
              return (
                <li key={`${finding.start}-${finding.end}`}>
                  <span className="draft-finding-type">{type}</span> :{" "}
                  <mark className={`draft-mark draft-mark-${finding.certainty}`}>{value}</mark>
                  {finding.certainty === "possible" && (
                    <span className="hint"> {t("chat.preview.possible")}</span>
                  )}{" "}
                  <button
                    type="button"
                    className="button-tertiary"
                    aria-label={t("chat.preview.removeLabel", { type, value })}
                    onClick={() => props.onRemove(finding.start, finding.end)}
                  >
                    {t("chat.preview.remove")}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The draft without the characters start…end, and without the double space left behind. */
export function withoutValue(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const after = text.slice(end);
  return before.endsWith(" ") && after.startsWith(" ") ? before + after.slice(1) : before + after;
}
