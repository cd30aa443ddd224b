import { t } from "../../i18n";
import type { Message } from "./types";

/**
 * "Version 2 sur 3" for a message that has several (an answer regenerated,
 * a question edited), with the previous and next versions: showing one makes
 * the conversation go on from it. The buttons stay focusable at either end
 * (aria-disabled), so the focus never drops while the agent browses.
 */
export function VersionNav(props: {
  message: Message;
  busy: boolean;
  onShow: (messageId: string) => void;
}) {
  const { message, busy, onShow } = props;
  const { versions } = message;
  if (versions.length < 2) return null;
  const index = versions.indexOf(message.id);
  const previous = index > 0 ? versions[index - 1] : undefined;
  const next = index < versions.length - 1 ? versions[index + 1] : undefined;
  const go = (target: string | undefined) => {
    if (target && !busy) onShow(target);
  };
  return (
    <fieldset className="chat-versions">
      <legend className="visually-hidden">
        {t(message.role === "user" ? "chat.versions.question" : "chat.versions.answer")}
      </legend>
      <button
        type="button"
        className="button-tertiary button-small"
        aria-disabled={previous === undefined || busy}
        onClick={() => go(previous)}
      >
        <span aria-hidden="true">‹ </span>
        {t("chat.versions.previous")}
      </button>
      <span className="chat-versions-position">
        {t("chat.versions.position", { number: index + 1, count: versions.length })}
      </span>
      <button
        type="button"
        className="button-tertiary button-small"
        aria-disabled={next === undefined || busy}
        onClick={() => go(next)}
      >
        {t("chat.versions.next")}
        <span aria-hidden="true"> ›</span>
      </button>
    </fieldset>
  );
}
