import { t } from "../i18n/index.js";
import { sanitiseAnswer } from "../shared/answer-sanitiser.js";
import type { ConversationMessage } from "./conversations.service.js";
import type { Branch } from "./message-versions.js";

/** Times as an agent in France reads them: « 6 décembre 2026 à 09:41 », Paris time. */
const PARIS_TIME = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  dateStyle: "long",
  timeStyle: "short",
});

export const parisTime = (iso: string): string => PARIS_TIME.format(new Date(iso));

const MAX_FILE_NAME = 80;

/**
 * The export's file name, from the conversation's title: `Carte d'identité
 * perdue.md` for the browsers that read `filename*` (UTF-8), and an ASCII
 * fallback (`Carte-d-identite-perdue.md`) for the others. Characters that no
 * file system accepts, controls and quotes are dropped; an empty title gives
 * `conversation.md`.
 */
export function exportFileNames(title: string): { utf8: string; ascii: string } {
  const cut = (text: string) => text.slice(0, MAX_FILE_NAME).replace(/[\s.-]+$/, "");
  const utf8 = cut(
    title
      .normalize("NFC")
      .replace(/[\p{Cc}"*/:<>?\\|]+/gu, " ")
      .replace(/\s+/g, " ")
      .replace(/^[\s.]+/, "")
      .trim(),
  );
  const ascii = cut(
    utf8
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+/, ""),
  );
  return {
    utf8: `${utf8 || "conversation"}.md`,
    ascii: `${ascii || "conversation"}.md`,
  };
}

/** The `Content-Disposition` of an export (RFC 6266: an ASCII name, then the UTF-8 one). */
export function exportDisposition(title: string): string {
  const { utf8, ascii } = exportFileNames(title);
  const encoded = encodeURIComponent(utf8).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * A conversation in Markdown, as the agent downloads it: the messages as it
 * goes on, then its earlier versions (an answer regenerated, a question
 * edited), each with what followed it then. Answers stored before they were
 * sanitised (or quoting a document's text) are rewritten on the way out like
 * any answer: no image or link to an origin the configuration does not
 * allow, no raw HTML.
 */
export function conversationMarkdown(
  title: string,
  messages: readonly ConversationMessage[],
  allowedOrigins: ReadonlySet<string>,
  earlier: readonly Branch<ConversationMessage>[] = [],
): string {
  const clean = (text: string) => sanitiseAnswer(text, { allowedOrigins });
  const lines = [`# ${clean(title)}`, ""];
  const write = (message: ConversationMessage, level: string) => {
    // Messages of an older shape may come without their versions: one, then.
    const count = (message.versions ?? []).length;
    const version =
      count > 1
        ? ` (${t("chat.export.version", { number: message.versions.indexOf(message.id) + 1, count })})`
        : "";
    lines.push(
      `${level} ${t(message.role === "user" ? "chat.export.agent" : "chat.export.assistant")} — ${parisTime(message.createdAt)}${version}`,
      "",
    );
    lines.push(clean(message.content), "");
    const citations = (message.metadata.citations ?? []) as {
      number: number;
      title: string;
      fileName: string;
    }[];
    for (const citation of citations) {
      lines.push(clean(`- [${citation.number}] ${citation.title} (${citation.fileName})`));
    }
    if (citations.length > 0) lines.push("");
  };
  for (const message of messages) write(message, "##");
  if (earlier.length > 0) lines.push(`## ${t("chat.export.earlier")}`, "");
  for (const branch of earlier) {
    const [first] = branch.messages;
    if (!first) continue;
    lines.push(
      `### ${t(first.role === "user" ? "chat.export.earlier_question" : "chat.export.earlier_answer", { number: branch.number, count: branch.count })}`,
      "",
    );
    for (const message of branch.messages) write(message, "####");
  }
  return lines.join("\n");
}
