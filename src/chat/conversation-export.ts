import { sanitiseAnswer } from "../shared/answer-sanitiser.js";
import type { ConversationMessage } from "./conversations.service.js";

/**
 * A conversation in Markdown, as the agent downloads it. Answers stored
 * before they were sanitised (or quoting a document's text) are rewritten
 * on the way out like any answer: no image or link to an origin the
 * configuration does not allow, no raw HTML.
 */
export function conversationMarkdown(
  title: string,
  messages: readonly ConversationMessage[],
  allowedOrigins: ReadonlySet<string>,
): string {
  const clean = (text: string) => sanitiseAnswer(text, { allowedOrigins });
  const lines = [`# ${clean(title)}`, ""];
  for (const message of messages) {
    lines.push(
      `## ${message.role === "user" ? "Agent" : "Assistant (IA)"} — ${message.createdAt}`,
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
  }
  return lines.join("\n");
}
