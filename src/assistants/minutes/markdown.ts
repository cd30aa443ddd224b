import { t } from "../../i18n/index.js";
import type { Minutes } from "./extract.js";
import { formatWhen } from "./when.js";

/** Markdown's active characters, escaped so that a sentence from the notes stays text. */
const escapeMarkdown = (text: string) =>
  text.replace(/[\\`*_[\]<>|#]/g, (character) => `\\${character}`);

export interface MinutesDocumentOptions {
  /** The meeting's subject, for the title. */
  title?: string;
  /** `YYYY-MM-DD`. */
  meetingDate?: string;
}

/**
 * The minutes as a French Markdown document: title, the notice that no model wrote it,
 * participants, decisions, actions as a Qui / Quoi / Quand table, open questions.
 */
export function minutesMarkdown(minutes: Minutes, options: MinutesDocumentOptions = {}): string {
  const lines: string[] = [];
  const title = options.title
    ? `${t("minutes.title")} — ${escapeMarkdown(options.title)}`
    : t("minutes.title");
  lines.push(`# ${title}`, "");
  if (options.meetingDate) {
    lines.push(`*${t("minutes.meeting_of", { date: formatWhen(options.meetingDate) })}*`, "");
  }
  lines.push(`> ${t("minutes.baseline_notice")}`, "");
  const list = (heading: string, items: string[], numbered = false) => {
    lines.push(`## ${heading}`, "");
    if (items.length === 0) lines.push(t("minutes.none"));
    items.forEach((item, index) => {
      lines.push(`${numbered ? `${index + 1}.` : "-"} ${item}`);
    });
    lines.push("");
  };
  list(t("minutes.participants"), minutes.participants.map(escapeMarkdown));
  list(
    t("minutes.decisions"),
    minutes.decisions.map((decision) => escapeMarkdown(decision.text)),
    true,
  );
  lines.push(`## ${t("minutes.actions")}`, "");
  if (minutes.actions.length === 0) lines.push(t("minutes.none"), "");
  else {
    lines.push(
      `| ${t("minutes.column_who")} | ${t("minutes.column_what")} | ${t("minutes.column_when")} |`,
      "| --- | --- | --- |",
    );
    for (const action of minutes.actions) {
      const who = action.who ? escapeMarkdown(action.who) : t("minutes.who_unknown");
      const when = action.when
        ? formatWhen(action.when)
        : action.whenText
          ? escapeMarkdown(action.whenText)
          : t("minutes.when_unknown");
      lines.push(`| ${who} | ${escapeMarkdown(action.text)} | ${when} |`);
    }
    lines.push("");
  }
  list(
    t("minutes.questions"),
    minutes.questions.map((question) => escapeMarkdown(question.text)),
  );
  return `${lines.join("\n").trimEnd()}\n`;
}
